// Benchmarks whose figures go into BENCHMARKS.md. Run with `make bench` (release build).
// Each case runs several times; the median is reported, with min and max for spread.
import Foundation
import TestSupport
import GeoCore
import MekongData
import MekongAnalysis
import MekongNetwork
import NetworkImport
import RoutingEngine
import RoutingGraph

func measure(_ name: String, runs: Int = 7, _ body: () throws -> Void) rethrows {
    var seconds: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    seconds.sort()
    func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    print("\(name): median \(ms(seconds[runs / 2])) (min \(ms(seconds[0])), max \(ms(seconds[runs - 1])), \(runs) runs)")
}

/// Seconds in a duration.
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

/// `body`'s value and the seconds it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try body()
    return (value, seconds(ContinuousClock.now - start))
}

/// One line: the median, min and max of `xs` seconds, with `decimals` digits.
func report(_ name: String, _ xs: [Double], decimals: Int = 3) {
    let s = xs.sorted()
    let f = "%.\(decimals)f"
    print(String(format: "%@: median \(f) s (min \(f), max \(f), %d runs)", name, s[s.count / 2], s[0], s[s.count - 1], s.count))
}

/// Sections to run: all by default, or those named on the command line (geo, graph, process).
let sections = Set(CommandLine.arguments.dropFirst())
func wanted(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

var generator = SplitMix64(state: 2012)

if wanted("geo") {
// 1. Batch projection of 1,000,000 points, WGS84 → UTM 48N, one proj_trans_generic call.
let region = (0..<1_000_000).map { _ in
    Position(x: Double.random(in: 99...108, using: &generator), y: Double.random(in: 8...23, using: &generator))
}
let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
try measure("project 1,000,000 points EPSG:4326 → EPSG:32648 (batch)") {
    var batch = region
    try utm.transform(&batch)
}

// 2. 100,000 point-in-polygon tests against a 2,000-vertex irregular polygon (a country-sized
//    outline around Lao PDR), plain GEOSContains_r against the prepared predicate.
let vertexCount = 2_000
var ring: [Coordinate] = (0..<vertexCount).map { i in
    let angle = Double(i) / Double(vertexCount) * 2 * Double.pi
    let radius = 3.0 + 0.6 * sin(7 * angle) + Double.random(in: -0.15...0.15, using: &generator)
    return Coordinate(longitude: 104 + radius * cos(angle), latitude: 18 + radius * sin(angle))
}
ring.append(ring[0])
let outline = Geometry.polygon(Polygon(exterior: ring))
let probes = (0..<100_000).map { _ in
    Geometry.point(Coordinate(longitude: Double.random(in: 100...108, using: &generator),
                              latitude: Double.random(in: 14...22, using: &generator)))
}
let geos = try GEOSContext()
let prepared = try geos.prepare(outline)
var insidePlain = 0, insidePrepared = 0
try measure("100,000 point-in-polygon, plain GEOSContains_r (2,000-vertex polygon)", runs: 5) {
    insidePlain = 0
    for p in probes where try prepared.containsUnprepared(p) { insidePlain += 1 }
}
try measure("100,000 point-in-polygon, prepared GEOSPreparedContains_r", runs: 5) {
    insidePrepared = 0
    for p in probes where try prepared.contains(p) { insidePrepared += 1 }
}
print("inside: plain \(insidePlain), prepared \(insidePrepared) (must be equal)")
}

// 3. One-to-all Dijkstra on generated road-like graphs (a grid with 4-neighbour two-way roads,
//    a tenth of them missing, random lengths 1–100), against SciPy's csgraph.dijkstra on the
//    very same graph, written to a file and timed in the same run.
func roadLikeGraph(side: Int, seed: UInt64) -> (nodes: Int, tails: [Int32], heads: [Int32], weights: [Double]) {
    var rng = SplitMix64(state: seed)
    var tails: [Int32] = [], heads: [Int32] = [], weights: [Double] = []
    func add(_ a: Int, _ b: Int) {
        guard Int.random(in: 0..<10, using: &rng) != 0 else { return }
        let w = Double(Int.random(in: 1...100, using: &rng))
        tails += [Int32(a), Int32(b)]; heads += [Int32(b), Int32(a)]; weights += [w, w]
    }
    for r in 0..<side { for c in 0..<side {
        let n = r * side + c
        if c + 1 < side { add(n, n + 1) }
        if r + 1 < side { add(n, n + side) }
    } }
    return (side * side, tails, heads, weights)
}

/// The same grid with a hierarchy of roads, as real networks have: every 4th row and column is a
/// 60 km/h road, every 16th 80 km/h, every 64th a 100 km/h expressway, the rest 30 km/h lanes;
/// weights are travel seconds over random 1–2 km segments.
func hierarchicalRoadGraph(side: Int, seed: UInt64) -> (nodes: Int, tails: [Int32], heads: [Int32], weights: [Double]) {
    var rng = SplitMix64(state: seed)
    var tails: [Int32] = [], heads: [Int32] = [], weights: [Double] = []
    func speed(_ line: Int) -> Double { line % 64 == 0 ? 100 : line % 16 == 0 ? 80 : line % 4 == 0 ? 60 : 30 }
    func add(_ a: Int, _ b: Int, kmh: Double) {
        guard kmh > 30 || Int.random(in: 0..<10, using: &rng) != 0 else { return }
        let w = (Double.random(in: 1...2, using: &rng) / kmh * 3600).rounded()
        tails += [Int32(a), Int32(b)]; heads += [Int32(b), Int32(a)]; weights += [w, w]
    }
    for r in 0..<side { for c in 0..<side {
        let n = r * side + c
        if c + 1 < side { add(n, n + 1, kmh: speed(r)) }
        if r + 1 < side { add(n, n + side, kmh: speed(c)) }
    } }
    return (side * side, tails, heads, weights)
}

/// The hierarchical grid as an imported network would carry it: road classes instead of speeds
/// (100 km/h lines expressways, 80 trunk, 60 primary, 30 secondary lanes, a tenth of the lanes
/// missing), random 1–2 km lengths, nodes 0.01° apart from 15° N 100° E.
func importedRoadGraph(side: Int, seed: UInt64) -> RoutingGraph {
    var rng = SplitMix64(state: seed)
    var builder = RoutingGraph.Builder()
    for r in 0..<side { for c in 0..<side { builder.addNode(longitude: 100 + Double(c) * 0.01, latitude: 15 + Double(r) * 0.01) } }
    func roadClass(_ line: Int) -> RoadClass { line % 64 == 0 ? .expressway : line % 16 == 0 ? .trunk : line % 4 == 0 ? .primary : .secondary }
    func add(_ a: Int, _ b: Int, _ line: Int) {
        let cls = roadClass(line)
        guard cls != .secondary || Int.random(in: 0..<10, using: &rng) != 0 else { return }
        builder.addEdge(from: NodeID(a), to: NodeID(b), EdgeRecord(mode: .road, roadClass: cls, surface: .paved, condition: .good,
                                                                  lengthKm: Double.random(in: 1...2, using: &rng)), bothWays: true)
    }
    for r in 0..<side { for c in 0..<side {
        let n = r * side + c
        if c + 1 < side { add(n, n + 1, r) }
        if r + 1 < side { add(n, n + side, c) }
    } }
    return builder.build()
}

/// Hands a graph to SciPy (int32 tails, int32 heads, float64 weights in a file) and returns what
/// the peer script prints: its median seconds for a Dijkstra from `source` and its distance sum.
func runSciPyPeer(_ g: (nodes: Int, tails: [Int32], heads: [Int32], weights: [Double]), script: String, source: Int) throws -> String {
    let file = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-graph-\(getpid())-\(g.nodes).bin")
    var data = Data()
    withUnsafeBytes(of: Int64(g.nodes)) { data.append(contentsOf: $0) }
    withUnsafeBytes(of: Int64(g.tails.count)) { data.append(contentsOf: $0) }
    g.tails.withUnsafeBytes { data.append(contentsOf: $0) }
    g.heads.withUnsafeBytes { data.append(contentsOf: $0) }
    g.weights.withUnsafeBytes { data.append(contentsOf: $0) }
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, file.path, String(source)]
    let pipe = Pipe()
    python.standardOutput = pipe
    try python.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    return output
}

if wanted("graph") {
let peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "peer_scipy.py").path
for side in [317, 1000] {
    let g = roadLikeGraph(side: side, seed: UInt64(side))
    let (graph, order) = CompressedGraph.build(nodeCount: g.nodes, edges: zip(g.tails, g.heads).map { (Int($0), Int($1)) })
    var weights = [Double](repeating: 0, count: g.weights.count)
    for (i, slot) in order.enumerated() { weights[Int(slot.index)] = g.weights[i] }
    var checksum = 0.0
    var times: [Double] = []
    for _ in 0..<5 {
        let start = ContinuousClock.now
        let tree = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)])
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        checksum = tree.cost.filter(\.isFinite).reduce(0, +)
    }
    times.sort()
    let swiftMedian = times[2]
    let peerOutput = try runSciPyPeer(g, script: peerScript, source: 0)
    let fields = peerOutput.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    let line = String(format: "one-to-all Dijkstra, %d nodes, %d directed edges: Swift median %.1f ms (5 runs)", g.nodes, g.tails.count, swiftMedian * 1000)
    if fields.count == 2 {
        let agree = abs(fields[1] - checksum) <= 1e-6 * max(1, checksum)
        print(line + String(format: "; SciPy csgraph.dijkstra median %.1f ms; ratio Swift/SciPy %.2f; distance sums %@", fields[0] * 1000,
                            swiftMedian / fields[0], agree ? "agree" : "DIFFER (\(checksum) vs \(fields[1]))"))
    } else {
        print(line + "; SciPy peer unavailable: \(peerOutput)")
    }
}

}

// 3a. Contraction hierarchy on the same road-like graphs: preprocessing, point-to-point queries
//     against plain Dijkstra (stopping at the target) and SciPy's csgraph.dijkstra from the
//     source (which has no early stop), and a 1,000 × 1,000 table from buckets. Every sampled
//     CH distance is checked against Dijkstra's.
if wanted("ch") {
let peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "peer_scipy.py").path
for (side, hierarchical) in [(317, false), (317, true), (1000, false), (1000, true)] {
    let g = hierarchical ? hierarchicalRoadGraph(side: side, seed: UInt64(side)) : roadLikeGraph(side: side, seed: UInt64(side))
    print(hierarchical ? "grid with a road hierarchy (30/60/80/100 km/h), weights in seconds:" : "uniform grid, random lengths 1–100 (no hierarchy: CH's worst case):")
    let (graph, order) = CompressedGraph.build(nodeCount: g.nodes, edges: zip(g.tails, g.heads).map { (Int($0), Int($1)) })
    var weights = [Double](repeating: 0, count: g.weights.count)
    for (i, slot) in order.enumerated() { weights[Int(slot.index)] = g.weights[i] }
    var start = ContinuousClock.now
    let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
    let preprocessing = seconds(ContinuousClock.now - start)
    start = ContinuousClock.now
    let customised = hierarchy.recontracted(graph: graph, weights: weights)
    let recontraction = seconds(ContinuousClock.now - start)
    var rng = SplitMix64(state: 42)
    let pairs = (0..<1000).map { _ in (Int.random(in: 0..<g.nodes, using: &rng), Int.random(in: 0..<g.nodes, using: &rng)) }
    var chTimes: [Double] = [], mismatches = 0
    var dijkstraTimes: [Double] = []
    var query = ContractionHierarchy.Query(customised)
    for (index, (s, t)) in pairs.enumerated() {
        start = ContinuousClock.now
        let d = query.distance(from: NodeID(s), to: NodeID(t))
        chTimes.append(seconds(ContinuousClock.now - start))
        if index < 50 {
            start = ContinuousClock.now
            let tree = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(s), 0)], limits: SearchLimits(targets: [Int32(t)]))
            dijkstraTimes.append(seconds(ContinuousClock.now - start))
            if tree.cost[t] != d { mismatches += 1 }
        }
    }
    chTimes.sort(); dijkstraTimes.sort()
    let sources = (0..<1000).map { _ in NodeID(Int.random(in: 0..<g.nodes, using: &rng)) }
    let targets = (0..<1000).map { _ in NodeID(Int.random(in: 0..<g.nodes, using: &rng)) }
    start = ContinuousClock.now
    let table = customised.table(sources: sources, targets: targets)
    let tableSeconds = seconds(ContinuousClock.now - start)
    let tree = ShortestPaths.search(graph, weights: weights, sources: [(sources[0], 0)])
    let rowAgrees = zip(table[0], targets).allSatisfy { $0 == tree.cost[Int($1.index)] }
    // SciPy: one-to-one is a one-to-all from the source (csgraph.dijkstra has no target stop).
    let peer = try runSciPyPeer(g, script: peerScript, source: pairs[0].0)
    let scipy = peer.split(separator: " ").first.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    print(String(format: "CH, %d nodes, %d edges: preprocessing %.1f s, re-contraction with the same order %.1f s, %d shortcuts", g.nodes, g.tails.count,
                 preprocessing, recontraction, hierarchy.shortcutCount))
    print(String(format: "  point-to-point: CH median %.3f ms (p99 %.3f ms, 1,000 queries); Dijkstra to the target median %.1f ms (50); SciPy one-to-all from the source %@; %d of 50 distances differ from Dijkstra",
                 chTimes[500] * 1000, chTimes[990] * 1000, dijkstraTimes[25] * 1000, scipy.map { String(format: "median %.1f ms (CH %.0f× faster)", $0 * 1000, $0 / chTimes[500]) } ?? "unavailable", mismatches))
    print(String(format: "  1,000 × 1,000 table (buckets): %.2f s; first row equals Dijkstra's: %@", tableSeconds, rowAgrees ? "yes" : "NO"))
}
}

// 3a'. pgRouting (PostgreSQL) on the 10^6-node graph with a road hierarchy: pgr_dijkstra for five
//      pairs, against the contraction hierarchy in the same run; both distances must agree.
if wanted("pgrouting") {
    let peer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "peer_pgrouting.sh").path
    let g = hierarchicalRoadGraph(side: 1000, seed: 1000)
    let (graph, order) = CompressedGraph.build(nodeCount: g.nodes, edges: zip(g.tails, g.heads).map { (Int($0), Int($1)) })
    var weights = [Double](repeating: 0, count: g.weights.count)
    for (i, slot) in order.enumerated() { weights[Int(slot.index)] = g.weights[i] }
    let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
    var rng = SplitMix64(state: 7)
    let pairs = (0..<5).map { _ in (Int.random(in: 0..<g.nodes, using: &rng), Int.random(in: 0..<g.nodes, using: &rng)) }
    var query = ContractionHierarchy.Query(hierarchy)
    var chTimes: [Double] = [], chCosts: [Double] = []
    for (s, t) in pairs {
        let start = ContinuousClock.now
        chCosts.append(query.distance(from: NodeID(s), to: NodeID(t)))
        let d = ContinuousClock.now - start
        chTimes.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    // pgRouting numbers its vertices from 1 here; edge ids too.
    let csv = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-pgrouting-\(getpid()).csv")
    var text = ""
    text.reserveCapacity(g.tails.count * 24)
    for e in 0..<g.tails.count { text += "\(e + 1),\(Int(g.tails[e]) + 1),\(Int(g.heads[e]) + 1),\(g.weights[e])\n" }
    try text.write(to: csv, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: csv) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [peer, csv.path] + pairs.flatMap { [String($0.0 + 1), String($0.1 + 1)] }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let rows = output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }.filter { $0.count == 2 }
    guard rows.count == pairs.count else { print("pgRouting peer unavailable (status \(process.terminationStatus)): \(output)"); exit(0) }
    let agree = zip(rows, chCosts).allSatisfy { abs($0[1] - $1) <= 1e-6 * max(1, $1) || (!$1.isFinite && !$0[1].isFinite) }
    let pg = rows.map { $0[0] }.sorted()[2], ch = chTimes.sorted()[2]
    print(String(format: "pgRouting pgr_dijkstra, %d nodes, %d edges: median %.2f s per query (5 pairs); CH median %.3f ms; CH %.0f× faster; distances %@",
                 g.nodes, g.tails.count, pg, ch * 1000, pg / ch, agree ? "agree" : "DIFFER"))
}

// 3b. The persistent graph file: write a road-like graph of 10^6 nodes with every column, then
//     read it back through the memory map (checksum, topology and id checks; the columns view
//     the map, nothing is copied), which is what a command given --network pays before its
//     first query.
if wanted("graphfile") {
    let g = roadLikeGraph(side: 1000, seed: 1000)
    var builder = RoutingGraph.Builder()
    for i in 0..<g.nodes { builder.addNode(longitude: 100 + Double(i % 1000) * 0.001, latitude: 15 + Double(i / 1000) * 0.001) }
    for e in 0..<g.tails.count {
        builder.addEdge(from: NodeID(Int(g.tails[e])), to: NodeID(Int(g.heads[e])),
                        EdgeRecord(mode: .road, roadClass: .primary, surface: .paved, condition: .good, terrain: .flat, lengthKm: g.weights[e]))
    }
    let graph = builder.build()
    let path = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-\(getpid()).mkg").path
    defer { unlink(path) }
    try measure("graph file write, \(graph.nodeCount) nodes, \(graph.edgeCount) edges", runs: 5) { try RoutingGraphFile.write(graph, to: path) }
    var size = stat()
    stat(path, &size)
    print("file size: \(size.st_size / 1_000_000) MB")
    var loaded = graph
    try measure("graph file load (mmap, checksum, topology and id checks)", runs: 7) { loaded = try RoutingGraphFile.read(from: path) }
    print("loaded graph equals the written one: \(loaded == graph)")
}

// 3b'. Matrix and reach on an imported graph (`matrix --network`, `reach --network`): the
//      10^6-node grid with a road hierarchy written as a .mkg whose road classes carry it
//      (100 km/h lines expressways, 80 trunk, 60 primary, the 30 km/h lanes secondary), nodes
//      0.01° apart around 15° N 100° E, and read back through the calls those commands make:
//      load, the truck's costing, snapping, then the matrix (by the method its size chooses, and
//      by the other for comparison) or the reach. Then the same commands as whole processes.
if wanted("imported") {
    var rng = SplitMix64(state: 2026)
    let path = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-imported-\(getpid()).mkg").path
    defer { unlink(path) }
    try RoutingGraphFile.write(importedRoadGraph(side: 1000, seed: 2026), to: path)
    let truck = try Dataset.load(from: .embedded).dataset.profile("truck")!
    var graph = try RoutingGraphFile.read(from: path)
    print("imported graph: \(graph.nodeCount) nodes, \(graph.edgeCount) directed edges")
    report("load (mmap, checksum, checks)", try (0..<7).map { _ in try timed { graph = try RoutingGraphFile.read(from: path) }.1 })
    var network = ImportedNetwork(graph: graph, profile: truck, optimization: .time, year: 2026)
    report("costing and snapping index (ImportedNetwork.init, truck, time)", (0..<3).map { _ in
        timed { network = ImportedNetwork(graph: graph, profile: truck, optimization: .time, year: 2026) }.1
    })
    let coordinates = (0..<1000).map { _ in
        Coordinate(longitude: 100 + Double.random(in: 0...9.99, using: &rng), latitude: 15 + Double.random(in: 0...9.99, using: &rng))
    }
    var points: [ImportedRoute.Snap] = []
    report("snap 1,000 points", try (0..<3).map { _ in try timed { points = try coordinates.map { try network.snap($0, snapKm: 25) } }.1 })
    let hundred = Array(points.prefix(100))
    var byDijkstra: ImportedMatrix?
    report("matrix 100 × 100, chosen method (\(hundred.count >= ImportedMatrix.contractionThreshold ? "contraction" : "Dijkstra per source"))",
           (0..<3).map { _ in timed { byDijkstra = network.matrix(from: hundred, to: hundred) }.1 })
    // The contraction and the bucket table apart, with the weights and the second measure
    // ImportedNetwork.matrix gives them.
    let (hierarchy, contraction) = timed { ContractionHierarchy(graph: graph.topology, weights: network.weights.values) }
    print(String(format: "contraction hierarchy of the truck's weights: %.1f s, %d shortcuts (1 run)", contraction, hierarchy.shortcutCount))
    let lengths = Array(graph.edges.lengthKm)
    var table: (cost: [[Double]], alongside: [[Double]]) = ([], [])
    report("  bucket table 100 × 100 on it", (0..<3).map { _ in
        timed { table = hierarchy.table(sources: hundred.map(\.node), targets: hundred.map(\.node), alongside: lengths) }.1
    })
    var differ = 0
    for i in 0..<100 { for j in 0..<100 {
        for (a, b) in [(byDijkstra!.hours[i][j], table.cost[i][j]), (byDijkstra!.km[i][j], table.alongside[i][j])]
        where !(a == b || abs(a - b) <= 1e-9 * max(1, a)) { differ += 1 }
    } }
    print("  the table and the Dijkstra matrix differ in \(differ) of 20,000 hours and km cells")
    report("  bucket table 1,000 × 1,000 on it", (0..<3).map { _ in
        timed { _ = hierarchy.table(sources: points.map(\.node), targets: points.map(\.node), alongside: lengths) }.1
    })
    report("matrix 1,000 × 1,000, chosen method (\(points.count >= ImportedMatrix.contractionThreshold ? "contraction" : "Dijkstra per source"))",
           (0..<3).map { _ in timed { _ = network.matrix(from: points, to: points) }.1 })
    let origin = points[0]
    for budget in [0.5, 2.0] {
        var reached = 0
        report(String(format: "reach %.1f h from one point", budget), (0..<5).map { _ in
            timed { reached = network.reach(from: origin, budgetHours: budget).nodes.count }.1
        })
        print("  \(reached) nodes reached")
    }
    // The commands themselves: start, load the data and the graph, cost, snap, answer, print.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mekong")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
        let texts = coordinates.prefix(100).map { String(format: "%.5f,%.5f", $0.longitude, $0.latitude) }
        try measure("whole process: mekong matrix --network (10^6 nodes) with 100 points --format json", runs: 3) {
            try runProcess(binary.path, ["matrix", "--network", path] + texts + ["--format", "json"])
        }
        print("  exit status \(try runProcess(binary.path, ["matrix", "--network", path] + Array(texts.prefix(3)) + ["--format", "json"]))")
        for budget in ["0.5", "2"] {
            try measure("whole process: mekong reach --network (10^6 nodes) --hours \(budget) --format csv", runs: 3) {
                try runProcess(binary.path, ["reach", "--network", path, texts[0], "--hours", budget, "--format", "csv"])
            }
        }
        try measure("whole process: mekong route --network (10^6 nodes), two points", runs: 3) {
            try runProcess(binary.path, ["route", "--network", path, texts[0], texts[1]])
        }
    }
}

// 3b''. The plan on a 10^6-node network (`gaps --network`, `projects assess --network`): the
//       synthetic grid of 3b' with the embedded GeoData's plan conflated onto it as
//       `import --plan` does (places snapped, links matched or inserted), written as a .mkg
//       (kept as `mekong-bench-plan.mkg` in the temporary directory for the commands to
//       reproduce); building the plan graph and one scenario's gaps in process, then both
//       commands as whole processes.
if wanted("plannetwork") {
    let path = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-plan.mkg").path
    let dataset = try Dataset.load(from: .embedded).dataset
    let truck = dataset.profile("truck")!
    if !FileManager.default.fileExists(atPath: path) || sections.contains("fresh") {
        let (conflated, conflating) = try timed { try PlanConflation.conflate(dataset, onto: importedRoadGraph(side: 1000, seed: 2026)) }
        print(String(format: "grid and conflation: %.1f s (1 run); %d places snapped, %d links matched, %d inserted", conflating,
                     conflated.places.filter(\.snapped).count, conflated.links.filter { $0.status == .matched }.count,
                     conflated.links.filter { $0.status == .inserted }.count))
        try RoutingGraphFile.write(conflated.graph, to: path)
    }
    let graph = try RoutingGraphFile.read(from: path)
    print("graph with the plan: \(graph.nodeCount) nodes, \(graph.edgeCount) directed edges (\(path))")
    // PROCESS_ONLY=1: only the commands as processes (the in-process cases take minutes).
    let inProcess = ProcessInfo.processInfo.environment["PROCESS_ONLY"] == nil
    if inProcess {
    let (plan, building) = try timed { try PlanGraph(dataset: dataset, importedGraph: graph, profile: truck) }
    print(String(format: "the plan on the imported graph (PlanGraph, truck): %.1f s (1 run)", building))
    // One scenario's gap analysis without criticality (what `projects assess` did about 50 times
    // before it measured the cities of all scenarios together).
    let analysis = GapAnalysis(kinds: Set(GapKind.allCases).subtracting([.criticality]))
    let (_, onWhole) = try timed { try analysis.run(Network(plan: plan, scenario: Scenario(year: 2012), profile: truck)) }
    print(String(format: "  one scenario's gaps without criticality, plain Dijkstra: %.1f s", onWhole))
    }
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mekong")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
        let runs = Int(ProcessInfo.processInfo.environment["RUNS"] ?? "3") ?? 3
        for arguments in [["gaps", "--network", path]] + (ProcessInfo.processInfo.environment["ASSESS"] != nil ? [["projects", "assess", "--network", path]] : []) {
            var status: Int32 = 0
            report("whole process: mekong \(arguments.joined(separator: " "))", try (0..<runs).map { _ in
                try timed { status = try runProcess(binary.path, arguments) }.1
            }, decimals: 2)
            print("  exit status \(status)")
        }
    }
}

// 3b'''. One-to-all searches on the 10^6-node plan graph of 3b' (what gaps and criticality spend
//       their time in): the first 12 cities' searches by hours, truck, 2026, whole graph, one
//       thread; then the same cities' criticality detours (TreeRepair) alone.
if wanted("citysearch") {
    let path = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-plan.mkg").path
    let dataset = try Dataset.load(from: .embedded).dataset
    let truck = dataset.profile("truck")!
    let graph = try RoutingGraphFile.read(from: path)
    let plan = try PlanGraph(dataset: dataset, importedGraph: graph, profile: truck)
    let network = Network(plan: plan, scenario: Scenario(year: 2026), profile: truck)
    let cities = CityAccessibility.cities(of: network, minimumPopulation: 50_000)
    print("plan graph \(network.graph.nodeCount) nodes, \(network.graph.edgeCount) edges, \(cities.count) cities")
    var trees: [ShortestPathTree] = []
    report("12 one-to-all searches by hours", (0..<3).map { _ in
        timed {
            trees = cities.prefix(12).map { ShortestPaths.search(network.graph, weights: network.edgeHours, sources: network.nodes(of: $0.id).map { ($0, 0) }) }
        }.1
    })
    let detours = Criticality.Detours(network: network, cities: cities)
    report("the same 12 cities' criticality detours from their trees", (0..<3).map { _ in
        timed { for (i, tree) in trees.enumerated() { detours.record(city: i, tree: tree) } }.1
    })
}

// 3b''''. The project assessment's city travel times on the 10^6-node plan graph of 3b'': every
//       scenario `projects assess` compares (each project with, without, all but it; 2012,
//       truck), measured together (each city searched on the plan without and with all projects,
//       its trees updated for the rest) and, as the oracle, each scenario searched on its own
//       (`maximumChangedEdges: 0`: plain Dijkstra per scenario, every pair's shortest km where
//       the assessment asks only for cities 40–400 km apart). Prints both times and every
//       difference. ORACLE=0 skips the oracle (it takes about 15 minutes on 2 cores).
if wanted("assesscities") {
    let path = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-plan.mkg").path
    let dataset = try Dataset.load(from: .embedded).dataset
    let truck = dataset.profile("truck")!
    let plan = try PlanGraph(dataset: dataset, importedGraph: try RoutingGraphFile.read(from: path), profile: truck)
    let projects = dataset.projects.filter { p in
        let f = dataset.features(of: p.id)
        return !f.places.isEmpty || !f.links.isEmpty || !f.retired.isEmpty
    }.map(\.id)
    let all = Set(projects)
    var scenarios = [Scenario(year: 2012, without: all), Scenario(year: 2012, with: all)]
    for p in projects {
        scenarios += [Scenario(year: 2012, with: [p]), Scenario(year: 2012, without: [p]), Scenario(year: 2012, with: all.subtracting([p]), without: [p])]
    }
    let networks = scenarios.map { Network(plan: plan, scenario: $0, profile: truck) }
    print("plan graph \(plan.graph.nodeCount) nodes, \(plan.graph.edgeCount) edges; \(scenarios.count) scenarios")
    let range = GapThresholds().pairDistanceKm
    let (together, updating) = timed { CityAccessibility.ofScenarios(networks, bases: [0, 1], minimumPopulation: 50_000, shortestKmWithin: range) }
    print(String(format: "measured together (two bases, trees updated): %.1f s", updating))
    if ProcessInfo.processInfo.environment["ORACLE"] != "0" {
        let (apart, searching) = timed { CityAccessibility.ofScenarios(networks, bases: [0, 1], maximumChangedEdges: 0, minimumPopulation: 50_000) }
        print(String(format: "each scenario searched on its own: %.1f s", searching))
        var differences = 0, compared = 0
        for (a, b) in zip(together, apart) {
            for (x, y) in [(a.hours, b.hours), (a.km, b.km), (a.shortestKm, b.shortestKm)] {
                // The oracle measures every pair's shortest km; the assessment only those in range (NaN elsewhere).
                for (p, q) in zip(x.joined(), y.joined()) where !p.isNaN { compared += 1; if p != q { differences += 1 } }
            }
            for (x, y) in zip(a.seaport + a.airport, b.seaport + b.airport) {
                compared += 1
                if x?.place != y?.place || x?.hours != y?.hours || x?.links != y?.links { differences += 1 }
            }
        }
        print("compared \(compared) values (hours, km along the fastest path, shortest km, gateways with their links): \(differences) differ")
    }
}

// 3b''. A prepared hierarchy (`mekong prepare`, issue 9): the 10^6-node graph of 3b' written
//      to a directory, prepared once by the command (a process, timed), then through the calls
//      `matrix --network` makes: load the graph with its checksum, the truck's costing, read and
//      check the hierarchy file, the 1,000 × 1,000 table; and the matrix command as a whole
//      process with 1,000 points, the hierarchy found beside the graph. `MEKONG_BENCH_DIR` keeps
//      the files (default: a temporary directory, removed after).
if wanted("prepared") {
    let keep = ProcessInfo.processInfo.environment["MEKONG_BENCH_DIR"]
    let directory = keep ?? FileManager.default.temporaryDirectory.appending(path: "mekong-bench-prepared-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
    let path = directory + "/g.mkg"
    if !FileManager.default.fileExists(atPath: path) { try RoutingGraphFile.write(importedRoadGraph(side: 1000, seed: 2026), to: path) }
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mekong")
    let truck = try Dataset.load(from: .embedded).dataset.profile("truck")!
    var (graph, checksum) = try RoutingGraphFile.readWithChecksum(from: path)
    let network = ImportedNetwork(graph: graph, profile: truck, optimization: .time, year: 2026)
    let hierarchyPath = network.preparedHierarchyPath(besideGraph: path)
    if !FileManager.default.fileExists(atPath: hierarchyPath) {
        let (status, elapsed) = try timed { try runProcess(binary.path, ["prepare", path, "--profile", "truck", "--year", "2026"]) }
        print(String(format: "whole process: mekong prepare (10^6 nodes, truck, 2026, time): %.1f s, exit status %d (1 run)", elapsed, status))
    }
    print("hierarchy file: \((try FileManager.default.attributesOfItem(atPath: hierarchyPath)[.size] as? Int) ?? 0) bytes")
    report("load the graph with its checksum", try (0..<7).map { _ in try timed { (graph, checksum) = try RoutingGraphFile.readWithChecksum(from: path) }.1 })
    var prepared = network
    report("read and check the hierarchy file (mmap, checksum, stamp, arrays)", try (0..<7).map { _ in
        try timed { prepared = try network.usingPreparedHierarchy(at: hierarchyPath, graphChecksum: checksum) }.1
    })
    var rng = SplitMix64(state: 2026)
    let coordinates = (0..<1000).map { _ in
        Coordinate(longitude: 100 + Double.random(in: 0...9.99, using: &rng), latitude: 15 + Double.random(in: 0...9.99, using: &rng))
    }
    let points = try coordinates.map { try prepared.snap($0, snapKm: 25) }
    var matrix: ImportedMatrix?
    report("matrix 1,000 × 1,000 with the prepared hierarchy (hours and km)", (0..<5).map { _ in
        timed { matrix = prepared.matrix(from: points, to: points) }.1
    })
    let hundred = Array(points.prefix(100))
    let byDijkstra = network.matrix(from: hundred, to: hundred, method: .dijkstraPerSource)
    var differ = 0
    for i in 0..<100 { for j in 0..<100 {
        for (a, b) in [(byDijkstra.hours[i][j], matrix!.hours[i][j]), (byDijkstra.km[i][j], matrix!.km[i][j])]
        where !(a == b || abs(a - b) <= 1e-9 * max(1, a)) { differ += 1 }
    } }
    print("  method \(matrix!.method.rawValue); its first 100 × 100 cells differ from one Dijkstra per source in \(differ) of 20,000 hours and km cells")
    let texts = coordinates.map { String(format: "%.5f,%.5f", $0.longitude, $0.latitude) }
    for (count, format) in [(1000, "json"), (1000, "csv"), (100, "json")] {
        try measure("whole process: mekong matrix --network (10^6 nodes, prepared) \(count) points --format \(format)", runs: 5) {
            try runProcess(binary.path, ["matrix", "--network", path] + texts.prefix(count) + ["--format", format])
        }
    }
    try measure("whole process: mekong route --network (10^6 nodes, prepared), two points", runs: 5) {
        try runProcess(binary.path, ["route", "--network", path, texts[0], texts[1]])
    }
}

// 3c. Growth with the data (issue 10): `validate` on a data set one of whose links has 10^6
//     vertices (its self-crossing check must not be all pairs), and `gaps` with a corridor of
//     1,000 waypoints (linear in them). Both on copies of the tiny fixture, as whole processes.
if wanted("scale") {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mekong")
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Tests/MekongDataTests/Fixtures/tiny")
    func copyOfFixture(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appending(path: "mekong-bench-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: fixture, to: dir)
        return dir
    }
    // A link of 10^6 vertices from Town A (100.0, 15.0) to the West Bank (100.5, 15.0), wavering
    // a few metres north and south so that it is not a straight chord, never crossing itself.
    let longLink = try copyOfFixture("long-link")
    let links = try String(contentsOf: longLink.appending(path: "links.geojson"), encoding: .utf8)
    let vertices = 1_000_000
    var coordinates = "[100.0,15.0]"
    for i in 1..<(vertices - 1) {
        let t = Double(i) / Double(vertices - 1)
        coordinates += String(format: ",[%.7f,%.7f]", 100.0 + 0.5 * t, 15.0 + 0.0004 * sin(t * 200 * .pi))
    }
    coordinates += ",[100.5,15.0]"
    var lines = links.components(separatedBy: "\n")
    if let index = lines.firstIndex(where: { $0.contains("\"id\":\"road-a-west\"") }), let start = lines[index].range(of: "\"coordinates\":[") {
        let end = lines[index].range(of: "]]", range: start.upperBound..<lines[index].endIndex)!
        lines[index].replaceSubrange(start.lowerBound..<end.upperBound, with: "\"coordinates\":[\(coordinates)]")
    }
    try lines.joined(separator: "\n").write(to: longLink.appending(path: "links.geojson"), atomically: true, encoding: .utf8)
    try measure("whole process: mekong validate, a link of \(vertices) vertices", runs: 3) {
        try runProcess(binary.path, ["validate", "--data", longLink.path])
    }
    print("  exit status \(try runProcess(binary.path, ["validate", "--data", longLink.path])) (0: the data passes)")
    try? FileManager.default.removeItem(at: longLink)

    // 1,000 towns a kilometre apart along 15° N, a road between each pair, one corridor through all.
    let longCorridor = try copyOfFixture("long-corridor")
    let towns = 1000
    var places = try String(contentsOf: longCorridor.appending(path: "places.geojson"), encoding: .utf8)
    var roads = try String(contentsOf: longCorridor.appending(path: "links.geojson"), encoding: .utf8)
    func position(_ i: Int) -> String { String(format: "[%.5f,16.0]", 100.0 + Double(i) * 0.01) }
    var newPlaces: [String] = [], newRoads: [String] = []
    for i in 0..<towns {
        newPlaces.append(#"{"type":"Feature","properties":{"id":"w\#(String(format: "%04d", i))","name":"Waypoint \#(i)","aliases":[],"kind":"city","country":"THA","source":"bench","population":1000},"geometry":{"type":"Point","coordinates":\#(position(i))}}"#)
        if i > 0 {
            newRoads.append(#"{"type":"Feature","properties":{"id":"r\#(String(format: "%04d", i))","name":"Road \#(i)","from":"w\#(String(format: "%04d", i - 1))","to":"w\#(String(format: "%04d", i))","mode":"road","class":"primary","surface":"paved","condition":"good","source":"bench"},"geometry":{"type":"LineString","coordinates":[\#(position(i - 1)),\#(position(i))]}}"#)
        }
    }
    // A road from the corridor's first town to Town A joins it to the fixture's network.
    newRoads.append(#"{"type":"Feature","properties":{"id":"r-join","name":"Join","from":"town-a","to":"w0000","mode":"road","class":"primary","surface":"paved","condition":"good","source":"bench"},"geometry":{"type":"LineString","coordinates":[[100.0,15.0],[100.0,16.0]]}}"#)
    places = places.replacingOccurrences(of: "\n]}", with: ",\n" + newPlaces.joined(separator: ",\n") + "\n]}")
    roads = roads.replacingOccurrences(of: "\n]}", with: ",\n" + newRoads.joined(separator: ",\n") + "\n]}")
    try places.write(to: longCorridor.appending(path: "places.geojson"), atomically: true, encoding: .utf8)
    try roads.write(to: longCorridor.appending(path: "links.geojson"), atomically: true, encoding: .utf8)
    let waypoints = (0..<towns).map { "\"w\(String(format: "%04d", $0))\"" }.joined(separator: ",")
    try #"[{"id":"long-corridor","name":"Long corridor","kind":"gms-economic-corridor","countries":["THA"],"waypoints":[\#(waypoints)],"description":"1,000 waypoints.","source":"bench"}]"#
        .write(to: longCorridor.appending(path: "corridors.json"), atomically: true, encoding: .utf8)
    try measure("whole process: mekong gaps, a corridor of \(towns) waypoints (\(towns + 4) places)", runs: 3) {
        try runProcess(binary.path, ["gaps", "--data", longCorridor.path, "--year", "2015"])
    }
    print("  exit status \(try runProcess(binary.path, ["gaps", "--data", longCorridor.path, "--year", "2015"])); corridor list exit status \(try runProcess(binary.path, ["corridor", "list", "--data", longCorridor.path, "--year", "2015"]))")
    try measure("whole process: mekong validate, the same data", runs: 3) {
        try runProcess(binary.path, ["validate", "--data", longCorridor.path])
    }
    print("  exit status \(try runProcess(binary.path, ["validate", "--data", longCorridor.path]))")
    try? FileManager.default.removeItem(at: longCorridor)
}

// 4. Whole-process time of mekong commands on the embedded data (start, load, answer, print),
//    spawned with posix_spawn and reaped with waitpid: Foundation's Process polls for the exit
//    and rounds every run up to ~50 ms.
@discardableResult
func runProcess(_ path: String, _ arguments: [String]) throws -> Int32 {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (status >> 8) & 0xff
}

if wanted("process") {
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mekong")
if FileManager.default.isExecutableFile(atPath: binary.path) {
    let commands: [([String], Int)] = [
        (["route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge"], 15), (["route", "Phnom Penh", "Ho Chi Minh City", "--year", "2012"], 15),
        (["places", "--kind", "port"], 15), (["gaps"], 9), (["gaps", "--year", "2012", "--against-year", "2026"], 9), (["projects", "assess"], 7),
        (["calibrate"], 7),
    ]
    for (arguments, runs) in commands {
        try measure("whole process: mekong \(arguments.joined(separator: " "))", runs: runs) {
            try runProcess(binary.path, arguments)
        }
    }
}
}

// 5. Where a route's start-up time goes, in process: reading and checking the embedded data,
//    indexing the names, building the scenario's network, the route itself. The whole-process
//    figure of section 4 is these plus the loader and the argument parser.
if wanted("startup") {
    try measure("startup: Dataset.load(.embedded)", runs: 15) { _ = try Dataset.load(from: .embedded) }
    let dataset = try Dataset.load(from: .embedded).dataset
    measure("startup: NameResolver(places:)", runs: 15) { _ = NameResolver(places: dataset.places) }
    let truck = dataset.profile("truck")!
    measure("startup: Network(dataset:scenario:profile:)", runs: 15) { _ = Network(dataset: dataset, scenario: Scenario(), profile: truck) }
    let network = Network(dataset: dataset, scenario: Scenario(), profile: truck)
    let request = RouteRequest(from: "bangkok", to: "hanoi", via: [.link("third-thai-lao-friendship-bridge")])
    try measure("startup: route Bangkok – Hanoi via the Third Mekong Bridge", runs: 15) { _ = try RoutePlanner(network: network).route(request) }
}
