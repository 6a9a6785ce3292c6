import Foundation
import TestSupport
import Testing
@testable import RoutingEngine
@testable import RoutingGraph

/// The contraction's parallel rounds: on seeded road-like grids large enough that a round
/// spreads over several threads, the hierarchy answers as plain Dijkstra, and it is the same
/// file, byte for byte, with one thread or several.
struct ParallelContractionTests {
    /// A grid of `side` × `side` nodes joined to their right and lower neighbours both ways,
    /// weights 0–9 (zeros and ties, which witnesses must handle), a tenth of the pairs one-way,
    /// a twentieth closed (∞), and a few long random edges, like ferries or motorways.
    static func roadGrid(seed: UInt64) -> (graph: CompressedGraph, weights: [Double]) {
        var rng = SplitMix64(state: seed)
        let side = Int.random(in: 25...40, using: &rng)
        let n = side * side
        var edges: [(Int, Int, Double)] = []
        func weight() -> Double { Int.random(in: 0..<20, using: &rng) == 0 ? .infinity : Double(Int.random(in: 0...9, using: &rng)) }
        for row in 0..<side {
            for column in 0..<side {
                let node = row * side + column
                for next in [column + 1 < side ? node + 1 : nil, row + 1 < side ? node + side : nil].compactMap({ $0 }) {
                    let oneWay = Int.random(in: 0..<10, using: &rng)
                    if oneWay != 0 { edges.append((node, next, weight())) }
                    if oneWay != 1 { edges.append((next, node, weight())) }
                }
            }
        }
        for _ in 0..<(n / 50) {
            edges.append((Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng), Double(Int.random(in: 5...40, using: &rng))))
        }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        return (graph, weights)
    }

    @Test(arguments: Array(1...6) as [UInt64])
    func aHierarchyContractedInParallelRoundsAnswersAsDijkstra(seed: UInt64) {
        let (graph, weights) = Self.roadGrid(seed: seed)
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights, threads: 3)
        var rng = SplitMix64(state: seed &* 31)
        let sources = (0..<8).map { _ in NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng)) }
        let all = (0..<graph.nodeCount).map(NodeID.init)
        let table = hierarchy.table(sources: sources, targets: all)
        var query = ContractionHierarchy.Query(hierarchy)
        for (row, source) in sources.enumerated() {
            let expected = ShortestPaths.search(graph, weights: weights, sources: [(source, 0)]).cost
            #expect(table[row] == expected, "seed \(seed): from \(source.index)")
            for target in all.prefix(60) {
                #expect(query.distance(from: source, to: target) == expected[Int(target.index)], "seed \(seed): \(source.index) → \(target.index)")
            }
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func theHierarchyFileIsTheSameBytesForOneThreadOrSeveral(seed: UInt64) throws {
        let (graph, weights) = Self.roadGrid(seed: seed)
        let stamp = ContractionHierarchyFile.Stamp(graphChecksum: seed, weights: weights, costing: ["profile": "test"])
        var files: [Data] = []
        for threads in [1, 2, 4, 2] {
            let path = ContractionHierarchyFileTests.temporaryPath("parallel-\(threads).mkch")
            defer { unlink(path) }
            try ContractionHierarchyFile.write(ContractionHierarchy(graph: graph, weights: weights, threads: threads), stamp: stamp, to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files.allSatisfy { $0 == files[0] }, "seed \(seed): the file depends on the threads")
    }

    /// The flat lists keep each node's arcs through moves and compactions, and the frozen lists
    /// come out as CSR columns in node order.
    @Test func arcListsKeepEveryListThroughMovesAndCompactions() {
        var rng = SplitMix64(state: 5)
        var lists = ArcLists(degrees: [Int32](repeating: 1, count: 50))
        var expected = [[Int32]](repeating: [], count: 50)
        for step in 0..<20000 {
            let node = Int32(Int.random(in: 0..<50, using: &rng))
            let target = Int32(Int.random(in: 0..<400, using: &rng))
            if Int.random(in: 0..<3, using: &rng) == 0 {
                lists.remove(target: target, from: node)
                if let i = expected[Int(node)].firstIndex(of: target) { expected[Int(node)].remove(at: i) }
            } else if !expected[Int(node)].contains(target) {
                lists.append(ContractionHierarchy.Arc(target: target, weight: Double(step), id: Int32(step)), to: node)
                expected[Int(node)].append(target)
            }
        }
        for node in 0..<50 {
            #expect(Array(lists.arcs(of: Int32(node))).map(\.target).sorted() == expected[node].sorted())
        }
        let order = (0..<50).map(Int32.init).shuffled(using: &rng)
        for node in order { lists.freeze(node) }
        let (first, arcs) = lists.takeColumns(order: order)
        for node in 0..<50 {
            #expect(arcs[Int(first[node])..<Int(first[node + 1])].map(\.target).sorted() == expected[node].sorted())
        }
    }
}
