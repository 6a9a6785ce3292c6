import Foundation
import GeoCore
import RoutingGraph

/// Finds the junctions of a set of lines and cuts the lines there into graph edges (see
/// ``NetworkImporter`` for the rules).
struct Noding {
    let store: LineStore
    let joinMetres: Double
    /// Each vertex's identity: its coordinate to 1e-7° (about 1 cm, OSM's own precision), or,
    /// for a joined end, the identity of the vertex it was joined to.
    private(set) var keys: [Int64]
    /// How many times each identity occurs among all lines' vertices.
    private(set) var occurrences: [Int64: Int32] = [:]

    init(store: LineStore, joinMetres: Double) {
        self.store = store
        self.joinMetres = joinMetres
        keys = zip(store.longitude, store.latitude).map { Self.key(longitude: $0, latitude: $1) }
        occurrences.reserveCapacity(keys.count)
        for line in 0..<store.lineCount {
            // A closed way's last vertex repeats its first: count it once, or every ring would
            // have a junction at its start.
            let range = store.starts[line]..<store.starts[line + 1]
            for index in range where !(index == range.upperBound - 1 && keys[index] == keys[range.lowerBound] && range.count > 2) {
                occurrences[keys[index], default: 0] += 1
            }
        }
    }

    static func key(longitude: Double, latitude: Double) -> Int64 {
        let x = Int64((longitude * 1e7).rounded()), y = Int64((latitude * 1e7).rounded())
        return (x << 32) ^ (y & 0xffff_ffff)
    }

    private func isEnd(_ index: Int, of line: Int) -> Bool {
        index == store.starts[line] || index == store.starts[line + 1] - 1
    }

    /// Joins each dangling line end (one no other line touches) to the nearest vertex of
    /// another line within ``joinMetres``.
    ///
    /// - Returns: how many ends were joined.
    /// - Complexity: O(V) expected, with a grid of cells one join distance wide.
    mutating func joinEnds() -> Int {
        guard joinMetres > 0 else { return 0 }
        let cellDegrees = joinMetres / 111_320
        func cell(_ index: Int) -> (Int, Int) {
            (Int((store.longitude[index] / cellDegrees).rounded(.down)), Int((store.latitude[index] / cellDegrees).rounded(.down)))
        }
        struct Cell: Hashable { var x: Int; var y: Int }
        var grid: [Cell: [Int32]] = [:]
        var lineOf = [Int32](repeating: 0, count: keys.count)
        for line in 0..<store.lineCount {
            for index in store.starts[line]..<store.starts[line + 1] {
                lineOf[index] = Int32(line)
                let (x, y) = cell(index)
                grid[Cell(x: x, y: y), default: []].append(Int32(index))
            }
        }
        var joined = 0
        for line in 0..<store.lineCount {
            for end in [store.starts[line], store.starts[line + 1] - 1] where occurrences[keys[end]] == 1 {
                let (x, y) = cell(end)
                let cosine = max(0.01, cos(store.latitude[end] * .pi / 180))
                // Cells are square in degrees, so narrower than a join distance east-west.
                let reachX = Int((1 / cosine).rounded(.up))
                var best: (index: Int, metres: Double)?
                for dx in -reachX...reachX {
                    for dy in -1...1 {
                        for candidate in grid[Cell(x: x + dx, y: y + dy)] ?? [] {
                            let other = Int(candidate)
                            guard Int(lineOf[other]) != line, keys[other] != keys[end] else { continue }
                            let east = (store.longitude[other] - store.longitude[end]) * cosine * 111_320
                            let north = (store.latitude[other] - store.latitude[end]) * 111_320
                            let metres = (east * east + north * north).squareRoot()
                            if metres <= joinMetres, metres < (best?.metres ?? .infinity) { best = (other, metres) }
                        }
                    }
                }
                guard let best else { continue }
                occurrences[keys[end]] = nil
                keys[end] = keys[best.index]
                occurrences[keys[end], default: 0] += 1
                joined += 1
            }
        }
        return joined
    }

    /// Points where two lines cross (or touch) with no junction, found through GEOS: an STR
    /// tree proposes the pairs, their intersection gives the points, and a point counts when it
    /// is not a shared vertex.
    ///
    /// - Complexity: O(n log n) tree queries plus one intersection per pair of lines whose
    ///   boxes overlap.
    func crossingsLeftApart() throws(GeoCoreError) -> [Coordinate] {
        let context = try GEOSContext()
        let lines: [Geometry] = (0..<store.lineCount).map { line in
            .lineString((store.starts[line]..<store.starts[line + 1]).map { Coordinate(longitude: store.longitude[$0], latitude: store.latitude[$0]) })
        }
        let index = try SpatialIndex(context: context, geometries: lines)
        var crossings: [Coordinate] = []
        for (i, line) in lines.enumerated() {
            for j in try index.candidates(intersecting: line) where j > i {
                let meeting = try context.intersection(line, lines[j])
                let points: [Coordinate]
                switch meeting {
                case .point(let c): points = [c]
                case .multiPoint(let cs): points = cs
                case .geometryCollection(let parts): points = parts.compactMap { if case .point(let c) = $0 { c } else { nil } }
                default: points = []  // lines that overlap along a stretch, or do not meet
                }
                for point in points where (occurrences[Self.key(longitude: point.longitude, latitude: point.latitude)] ?? 0) < 2 {
                    crossings.append(point)
                }
            }
        }
        return crossings
    }

    /// Cuts the lines at their junctions into edges, both ways or one way as tagged, each with
    /// its drawn line and geodesic length.
    ///
    /// - Parameter kilometres: receives the km of line per "mode/class".
    /// - Complexity: O(V) plus a geodesic per vertex pair.
    func build(kilometres: inout [String: Double]) throws(GeoCoreError) -> RoutingGraph {
        var builder = RoutingGraph.Builder()
        var nodeOf: [Int64: NodeID] = [:]
        func node(_ index: Int) -> NodeID {
            if let existing = nodeOf[keys[index]] { return existing }
            let created = builder.addNode(longitude: store.longitude[index], latitude: store.latitude[index])
            nodeOf[keys[index]] = created
            return created
        }
        let geodesic = Geodesic.wgs84
        for line in 0..<store.lineCount {
            let range = store.starts[line]..<store.starts[line + 1]
            let kept = store.kept[line]
            let label = kept.record.mode == .road ? "road/\(kept.record.roadClass?.rawValue ?? "unclassified")" : kept.record.mode.rawValue
            var start = range.lowerBound
            var shape: [(longitude: Double, latitude: Double)] = [(store.longitude[start], store.latitude[start])]
            var metres = 0.0
            for index in range.dropFirst() {
                metres += try geodesic.distanceMetres(
                    from: Coordinate(longitude: store.longitude[index - 1], latitude: store.latitude[index - 1]),
                    to: Coordinate(longitude: store.longitude[index], latitude: store.latitude[index]))
                shape.append((store.longitude[index], store.latitude[index]))
                guard isEnd(index, of: line) || (occurrences[keys[index]] ?? 0) >= 2 else { continue }
                let (tail, head) = (node(start), node(index))
                if tail != head || shape.count > 2 {
                    var record = kept.record
                    record.lengthKm = metres / 1000
                    let drawn = shape.count > 2 ? shape : nil
                    switch kept.direction {
                    case .both: builder.addEdge(from: tail, to: head, record, source: store.sources[line], bothWays: true, shape: drawn)
                    case .forward: builder.addEdge(from: tail, to: head, record, source: store.sources[line], shape: drawn)
                    case .backward:
                        record.flags.remove(.forward)
                        builder.addEdge(from: head, to: tail, record, source: store.sources[line], shape: drawn)
                    }
                    kilometres[label, default: 0] += metres / 1000
                }
                start = index
                shape = [(store.longitude[index], store.latitude[index])]
                metres = 0
            }
        }
        return builder.build()
    }
}
