import Foundation
import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// The contraction hierarchy against Floyd–Warshall (brute force) on seeded random graphs, and
/// on a tiny map whose shortcut a reader can see.
struct ContractionHierarchyTests {
    /// A random directed graph with integer weights and a random tenth of its edges closed
    /// (weight ∞, a scenario's mask).
    static func randomGraph(seed: UInt64) -> (graph: CompressedGraph, weights: [Double], edges: [(Int, Int, Double)]) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 5...40, using: &rng)
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng),
             Int.random(in: 0..<10, using: &rng) == 0 ? Double.infinity : Double(Int.random(in: 0...20, using: &rng)))
        }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        return (graph, weights, edges)
    }

    static func reference(_ n: Int, _ edges: [(Int, Int, Double)]) -> [[Double]] {
        ShortestPathOracleTests.floydWarshall(nodes: n, edges: edges.filter { $0.2.isFinite })
    }

    @Test(arguments: Array(1...12) as [UInt64])
    func everyPairsDistanceAndPathEqualBruteForce(seed: UInt64) {
        let (graph, weights, edges) = Self.randomGraph(seed: seed)
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
        let expected = Self.reference(graph.nodeCount, edges)
        // One reused searcher for every pair: what one search leaves behind must not leak into the next.
        var query = ContractionHierarchy.Query(hierarchy)
        for s in 0..<graph.nodeCount {
            for t in 0..<graph.nodeCount {
                #expect(hierarchy.distance(from: NodeID(s), to: NodeID(t)) == expected[s][t], "seed \(seed): \(s) → \(t)")
                #expect(query.distance(from: NodeID(s), to: NodeID(t)) == expected[s][t], "seed \(seed): \(s) → \(t), reused")
                guard let (cost, path) = query.path(from: NodeID(s), to: NodeID(t)) else {
                    #expect(!expected[s][t].isFinite)
                    continue
                }
                // The unpacked path is a chain of original edges from s to t costing the distance.
                #expect(cost == expected[s][t])
                #expect(path.reduce(0.0) { $0 + weights[Int($1.index)] } == expected[s][t])
                if let first = path.first, let last = path.last {
                    #expect(graph.tail(first) == NodeID(s) && graph.head(last) == NodeID(t))
                    #expect(zip(path, path.dropFirst()).allSatisfy { graph.head($0) == graph.tail($1) })
                }
            }
        }
    }

    @Test(arguments: Array(20...27) as [UInt64])
    func theTableEqualsBruteForceAndAScenarioRecontractsToItsOwnDistances(seed: UInt64) {
        let (graph, weights, edges) = Self.randomGraph(seed: seed)
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
        let all = (0..<graph.nodeCount).map(NodeID.init)
        #expect(hierarchy.table(sources: all, targets: all) == Self.reference(graph.nodeCount, edges))
        // A scenario: close another fifth of the edges and double some weights; same order.
        var rng = SplitMix64(state: seed &* 7919)
        let (_, order) = CompressedGraph.build(nodeCount: graph.nodeCount, edges: edges.map { ($0.0, $0.1) })
        var changed = edges
        for i in changed.indices {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: changed[i].2 = .infinity
            case 1: changed[i].2 *= 2
            default: break
            }
        }
        var newWeights = weights
        for (i, slot) in order.enumerated() { newWeights[Int(slot.index)] = changed[i].2 }
        let scenario = hierarchy.recontracted(graph: graph, weights: newWeights)
        #expect(scenario.order == hierarchy.order)
        #expect(scenario.table(sources: all, targets: all) == Self.reference(graph.nodeCount, changed))
    }

    /// A path of three nodes, b the least important by construction (contracted first, as it
    /// has the fewest arcs after a and c's extra leaves): its contraction must add the
    /// shortcut a → c (weight 3 + 4 = 7), since no other path joins them, and the query
    /// unpacks it into the two original edges.
    ///
    ///     a ──3──▶ b ──4──▶ c
    @Test func contractingTheMiddleOfAPathAddsOneShortcutThatUnpacksToBothEdges() {
        let (graph, order) = CompressedGraph.build(nodeCount: 3, edges: [(0, 1), (1, 2)])
        var weights = [Double](repeating: 0, count: 2)
        weights[Int(order[0].index)] = 3
        weights[Int(order[1].index)] = 4
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
        #expect(hierarchy.distance(from: NodeID(0), to: NodeID(2)) == 7)
        #expect(hierarchy.distance(from: NodeID(2), to: NodeID(0)) == .infinity)
        let path = hierarchy.path(from: NodeID(0), to: NodeID(2))
        #expect(path?.edges == [order[0], order[1]])
        // b is contracted before both ends only if it is ranked lowest; either way the answer
        // holds, and a shortcut exists exactly when b was contracted first.
        #expect(hierarchy.shortcutCount == (hierarchy.rank[1] == 0 ? 1 : 0))
    }
}
