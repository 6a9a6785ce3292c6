import Foundation
import GeoCore
import RoutingGraph
import VectorIO

/// What ``NetworkImporter`` did, for the user to check before trusting the graph.
public struct ImportReport: Sendable {
    /// One source file's part.
    public struct Source: Sendable {
        /// The file read.
        public var path: String
        /// GDAL's driver, such as "OSM" or "GPKG".
        public var driver: String
        /// The layer read.
        public var layer: String
        /// Line features read.
        public var features = 0
        /// Features that became edges.
        public var kept = 0
        /// Features that are not lines (points, polygons, no geometry).
        public var notLines = 0
        /// Features left out, by the value that no rule matched or the exclusion that applied.
        public var leftOut: [String: Int] = [:]
    }

    /// Each source's part, in the order read.
    public var sources: [Source] = []
    /// Nodes of the graph.
    public var nodes = 0
    /// Directed edges (a two-way road counts twice).
    public var edges = 0
    /// Line ends moved onto another line's end or vertex within the join distance.
    public var endsJoined = 0
    /// The join distance used, metres.
    public var joinMetres = 0.0
    /// Places where two kept lines cross without a shared vertex, so no junction was made
    /// there: bridges, flyovers, tunnels (or errors of the data). Nil when not checked (OSM,
    /// whose ways share nodes where they meet).
    public var crossingsLeftApart: Int?
    /// The first few of them, for a reader to look at.
    public var crossingExamples: [Coordinate] = []
    /// Weakly connected components, and the share of nodes in the largest.
    public var components = 0
    /// The node count of the largest component.
    public var largestComponentNodes = 0
    /// Kilometres of line kept by mode and class ("road/trunk", "ferry").
    public var kilometres: [String: Double] = [:]
}

/// Turns line data (an OSM extract, a road database) into a ``RoutingGraph``.
///
/// Topology: a vertex that two kept lines share, or that one line passes twice, becomes a
/// node, and so does every line end; lines are split there. OSM ways share nodes where they
/// meet, so this is OSM's own topology. Other sources are often drawn less exactly, so a line end
/// within `joinMetres` of another line's end or vertex is joined to it (counted in the report);
/// lines that cross with no vertex in common are left apart, as at a bridge, and counted.
///
///     let (graph, report) = try NetworkImporter.importNetwork(from: ["helsinki.osm.pbf"], mapping: .openStreetMap)
///
/// - Complexity: O(V) for the noding (a radix sort of the vertex keys) and O(n log n) for the crossing check in the
///   vertices and lines read, plus GDAL's reading.
public enum NetworkImporter {
    /// Where the import is, for a progress bar.
    public struct Progress: Sendable {
        /// What is being done, in words ("reading helsinki.osm.pbf").
        public var phase: String
        /// Features read so far in this phase.
        public var done: Int
        /// Nil when the total is not known in advance (OSM).
        public var total: Int?
    }

    /// The join distance for sources other than OSM when none is given, metres: GIS data drawn
    /// with snapping closes its junctions to well under a metre.
    public static let defaultJoinMetres = 1.0

    /// Lines above which crossings are not looked for (the check is O(n log n) in GEOS calls;
    /// OSM extracts do not need it).
    public static let crossingCheckLimit = 200_000

    /// Imports every source and builds one graph.
    ///
    /// - Parameters:
    ///   - paths: the sources, read in order.
    ///   - mapping: how features become edges.
    ///   - joinMetres: the distance within which a line end joins another line, metres; nil:
    ///     ``defaultJoinMetres`` for data drawn by hand, 0 when every source is OSM (whose ways
    ///     share their nodes).
    ///   - progress: called now and then with where the import is.
    /// - Throws: ``ImportError`` for an unreadable source, a missing layer or field, or no
    ///   feature kept.
    public static func importNetwork(from paths: [String], mapping: ImportMapping, joinMetres requestedJoinMetres: Double? = nil,
                                     progress: ((Progress) -> Void)? = nil) throws(ImportError) -> (graph: RoutingGraph, report: ImportReport) {
        var report = ImportReport()
        var store = LineStore()
        let lengths = SegmentLengths()
        var allOSM = true
        for path in paths {
            let source: VectorSource
            do { source = try VectorSource(path: path) } catch { throw .source(error) }
            allOSM = allOSM && source.driverName == "OSM"
            let layers = source.layerNames
            let layer = mapping.layer.flatMap { layers.contains($0) ? $0 : nil } ?? (source.driverName == "OSM" ? "lines" : layers.first)
            guard let layer else { throw .empty(reason: "\(path) has no layers") }
            if let wanted = mapping.layer, wanted != layer, source.driverName != "OSM" || wanted != "lines" {
                throw .source(VectorIOError("\(path) has no layer \"\(wanted)\"; its layers: \(layers.joined(separator: ", "))"))
            }
            var part = ImportReport.Source(path: path, driver: source.driverName, layer: layer)
            let total = try? source.featureCount(layer: layer)
            // Fields the layer lacks are looked for among the tags; without tags they are an error.
            let columns: [String]
            do { columns = try source.fieldNames(layer: layer) } catch { throw .source(error) }
            let fields = mapping.fields.filter { columns.contains($0) }
            if let count = try? source.featureCount(layer: layer), count == 0 {
                throw .empty(reason: "\(path) holds no line features (its layer \"\(layer)\" is empty)")
            }
            if mapping.tagsField == nil || !columns.contains(mapping.tagsField!), let missing = mapping.fields.first(where: { !columns.contains($0) }) {
                throw .fieldMissing(field: missing, layer: layer, path: path, fields: columns)
            }
            let classifier = FeatureClassifier(mapping: mapping, columns: fields)
            let idPosition = mapping.idField.flatMap { fields.firstIndex(of: $0) }
            let prefix = source.driverName == "OSM" ? "osm:way/" : (path as NSString).lastPathComponent + ":"
            do {
                part.notLines = try source.readLines(layer: layer, fields: fields) { feature in
                    part.features += 1
                    if part.features % 20_000 == 0 { progress?(Progress(phase: "reading \((path as NSString).lastPathComponent)", done: part.features, total: total ?? nil)) }
                    switch classifier.classify(feature.values) {
                    case .failure(let reason):
                        switch reason {
                        case .excluded(let text), .unmapped(let text): part.leftOut[text, default: 0] += 1
                        }
                    case .success(let kept):
                        part.kept += 1
                        let id = idPosition.flatMap { feature.values[$0] } ?? String(feature.id)
                        for line in feature.parts { store.add(line, kept: kept, source: prefix + id) }
                        lengths.handOver(store)
                    }
                }
            } catch let error as VectorIOError {
                throw .source(error)
            } catch {
                throw .cannotRead(path: path, reason: "\(error)")
            }
            report.sources.append(part)
        }
        guard store.lineCount > 0 else {
            let seen = report.sources.reduce(0) { $0 + $1.features }
            let common = report.sources.flatMap(\.leftOut).sorted { $0.value > $1.value }.prefix(5).map { "\($0.key) (\($0.value))" }
            throw .empty(reason: seen == 0
                ? "\(paths.joined(separator: ", ")) holds no line features"
                : "none of the \(seen) line features matched a rule of the mapping; the most common values: \(common.joined(separator: ", "))")
        }
        progress?(Progress(phase: "noding", done: 0, total: nil))
        let joinMetres = requestedJoinMetres ?? (allOSM ? 0 : defaultJoinMetres)
        report.joinMetres = joinMetres
        var noding = Noding(store: store, joinMetres: joinMetres)
        store = LineStore()  // the noding holds the only copy, and lets it go once the lines are cut
        report.endsJoined = noding.joinEnds()
        if !allOSM && noding.store.lineCount <= crossingCheckLimit {
            progress?(Progress(phase: "checking crossings", done: 0, total: nil))
            let crossings = (try? noding.crossingsLeftApart()) ?? []
            report.crossingsLeftApart = crossings.count
            report.crossingExamples = Array(crossings.prefix(10))
        }
        progress?(Progress(phase: "building the graph", done: 0, total: nil))
        let segmentMetres: [Double]
        do { segmentMetres = try lengths.all(of: noding.store) } catch { throw .cannotRead(path: paths.joined(separator: ", "), reason: "\(error)") }
        let pieces = noding.cut(segmentMetres: segmentMetres, kilometres: &report.kilometres)
        let graph = pieces.build()
        report.nodes = graph.nodeCount
        report.edges = graph.edgeCount
        (report.components, report.largestComponentNodes) = Components.weak(graph.topology)
        return (graph, report)
    }
}

/// The kept lines, their vertices in flat arrays.
struct LineStore {
    var longitude: [Double] = []
    var latitude: [Double] = []
    /// Line `i` is vertices `starts[i]..<starts[i+1]`.
    var starts: [Int] = [0]
    var kept: [FeatureClassifier.Kept] = []
    var sources: [String] = []

    var lineCount: Int { kept.count }

    mutating func add(_ line: [(longitude: Double, latitude: Double)], kept record: FeatureClassifier.Kept, source: String) {
        for point in line {
            longitude.append(point.longitude)
            latitude.append(point.latitude)
        }
        starts.append(longitude.count)
        kept.append(record)
        sources.append(source)
    }
}

/// Undirected connectivity of a directed graph.
enum Components {
    /// The number of weakly connected components and the node count of the largest.
    /// - Complexity: O(V + E α(V)) with union-find.
    static func weak(_ graph: CompressedGraph) -> (count: Int, largest: Int) {
        var parent = Array(0..<graph.nodeCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for e in 0..<graph.edgeCount {
            let a = find(Int(graph.tails[e])), b = find(Int(graph.heads[e]))
            if a != b { parent[a] = b }
        }
        // Sizes counted at each root, in an array: a table keyed by root cost a hash a node.
        var sizes = [Int32](repeating: 0, count: graph.nodeCount)
        var count = 0, largest: Int32 = 0
        for node in 0..<graph.nodeCount {
            let root = find(node)
            if sizes[root] == 0 { count += 1 }
            sizes[root] += 1
            largest = max(largest, sizes[root])
        }
        return (count, Int(largest))
    }
}
