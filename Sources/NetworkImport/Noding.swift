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
    /// Each vertex's ``VertexJoin/Roles``, from the keys as read.
    private let roles: [UInt8]
    /// How many times each identity occurs among all lines' vertices: what joining ends and the
    /// crossing check look up. Counted only when one of them runs (not for OSM, whose 10^7
    /// vertices would make it a large table nothing reads); the graph is built from a sort.
    private var occurrences: [Int64: Int32]?

    init(store: LineStore, joinMetres: Double) {
        self.store = store
        self.joinMetres = joinMetres
        keys = [Int64](unsafeUninitializedCapacity: store.longitude.count) { buffer, initialised in
            store.longitude.withUnsafeBufferPointer { longitude in
                store.latitude.withUnsafeBufferPointer { latitude in
                    for i in 0..<longitude.count { buffer[i] = Self.key(longitude: longitude[i], latitude: latitude[i]) }
                }
            }
            initialised = store.longitude.count
        }
        roles = VertexJoin.roles(starts: store.starts, keys: keys)
    }

    /// ``occurrences``, counted on first use.
    private mutating func occurrenceCounts() -> [Int64: Int32] {
        if let occurrences { return occurrences }
        var counts: [Int64: Int32] = [:]
        counts.reserveCapacity(keys.count)
        for (vertex, key) in keys.enumerated() where roles[vertex] & VertexJoin.Roles.uncounted.rawValue == 0 {
            counts[key, default: 0] += 1
        }
        occurrences = counts
        return counts
    }

    static func key(longitude: Double, latitude: Double) -> Int64 {
        let x = Int64((longitude * 1e7).rounded()), y = Int64((latitude * 1e7).rounded())
        return (x << 32) ^ (y & 0xffff_ffff)
    }

    /// Joins each dangling line end (one no other line touches) to the nearest vertex of
    /// another line within ``joinMetres``.
    ///
    /// - Returns: how many ends were joined.
    /// - Complexity: O(V) expected, with a grid of cells one join distance wide.
    mutating func joinEnds() -> Int {
        guard joinMetres > 0 else { return 0 }
        var occurrences = occurrenceCounts()
        self.occurrences = nil  // one owner while it changes, so it is not copied
        defer { self.occurrences = occurrences }
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
    mutating func crossingsLeftApart() throws(GeoCoreError) -> [Coordinate] {
        let occurrences = occurrenceCounts()
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

    /// Cuts the lines at their junctions into pieces, each with its drawn line and geodesic
    /// length, for a ``RoutingGraph/LineGraphBuilder`` that makes them edges both ways or one
    /// way as tagged. Consuming: the lines' vertices can go once they are cut.
    ///
    /// - Parameters:
    ///   - segmentMetres: the geodesic length of each segment (``SegmentLengths``).
    ///   - kilometres: receives the km of line per "mode/class".
    /// - Complexity: O(V).
    consuming func cut(segmentMetres: [Double], kilometres: inout [String: Double]) -> RoutingGraph.LineGraphBuilder {
        let nodes = VertexJoin.bySorting(keys: keys, roles: roles)
        keys = []
        var builder = RoutingGraph.LineGraphBuilder()
        let junctions = nodes.nodeOfVertex.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        builder.reserve(nodes: nodes.firstVertex.count, lines: store.lineCount, pieces: max(0, junctions - store.lineCount))
        for vertex in nodes.firstVertex { builder.addNode(longitude: store.longitude[Int(vertex)], latitude: store.latitude[Int(vertex)]) }
        // Kilometres are summed per label in the order the pieces come, as before; a label no piece
        // had stays out of the report.
        var labelIndex: [String: Int] = [:], labels: [String] = [], sums: [Double?] = []
        var shape: [(longitude: Double, latitude: Double)] = []
        for line in 0..<store.lineCount {
            let range = store.starts[line]..<store.starts[line + 1]
            let kept = store.kept[line]
            let label = kept.record.mode == .road ? "road/\(kept.record.roadClass?.rawValue ?? "unclassified")" : kept.record.mode.rawValue
            let labelNumber: Int
            if let known = labelIndex[label] { labelNumber = known } else {
                labelNumber = labels.count
                labelIndex[label] = labelNumber
                labels.append(label)
                sums.append(nil)
            }
            let direction: TravelDirection = switch kept.direction { case .both: .both; case .forward: .forward; case .backward: .backward }
            let lineNumber = builder.addLine(kept.record, direction: direction, source: store.sources[line])
            var start = range.lowerBound
            shape.removeAll(keepingCapacity: true)
            shape.append((store.longitude[start], store.latitude[start]))
            var metres = 0.0
            for index in range.dropFirst() {
                metres += segmentMetres[index]
                shape.append((store.longitude[index], store.latitude[index]))
                let head = nodes.nodeOfVertex[index]
                guard head >= 0 else { continue }
                let tail = nodes.nodeOfVertex[start]
                if tail != head || shape.count > 2 {
                    if shape.count > 2 {
                        shape.withUnsafeBufferPointer { drawn in
                            builder.addPiece(of: lineNumber, from: NodeID(Int(tail)), to: NodeID(Int(head)), lengthKm: metres / 1000, shape: drawn)
                        }
                    } else {
                        builder.addPiece(of: lineNumber, from: NodeID(Int(tail)), to: NodeID(Int(head)), lengthKm: metres / 1000)
                    }
                    sums[labelNumber] = (sums[labelNumber] ?? 0) + metres / 1000
                }
                start = index
                shape.removeAll(keepingCapacity: true)
                shape.append((store.longitude[index], store.latitude[index]))
                metres = 0
            }
        }
        for (label, sum) in zip(labels, sums) { if let sum { kilometres[label, default: 0] += sum } }
        return builder
    }
}
