import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// The repaired tree against a new search without the lost edges: costs must be equal bit for
/// bit, at every node, on seeded random graphs with fractional weights, several sources and
/// lost edges both on and off the tree.
struct TreeRepairTests {
    /// Builds a graph from (tail, head, weight) triples and the weights in its edge order.
    private func graph(_ nodeCount: Int, _ edges: [(Int, Int, Double)]) -> (CompressedGraph, [Double], [EdgeID]) {
        let (graph, order) = CompressedGraph.build(nodeCount: nodeCount, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        return (graph, weights, order)
    }

    /// 0 → 1 → 2 → 3 costs 1 each; 0 → 2 costs 5 and 1 → 3 costs 10. From 0 the tree is the chain
    /// (0, 1, 2, 3 hours). Without 0 → 1, node 1 is cut off and 2 and 3 come by the 5-hour edge
    /// (5 and 6); without 1 → 2, node 1 keeps 1 and the others come the same way.
    @Test func losingAChainEdgeReroutesEverythingBelowIt() {
        let (g, weights, order) = graph(4, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 2, 5), (1, 3, 10)])
        let tree = ShortestPaths.search(g, weights: weights, sources: [(NodeID(0), 0)])
        #expect(tree.cost == [0, 1, 2, 3])
        var repair = TreeRepair(tree: tree, graph: g, weights: weights, incoming: IncomingEdges(g))
        let all = (0..<4).map { NodeID($0) }
        #expect(repair.costs(at: all, without: [order[0]]) == [0, .infinity, 5, 6])
        #expect(repair.costs(at: all, without: [order[1]]) == [0, 1, 5, 6])
        // An edge off the tree changes nothing, and the scratch is clean again after each call.
        #expect(repair.costs(at: all, without: [order[4]]) == [0, 1, 2, 3])
        #expect(repair.costs(at: all, without: []) == [0, 1, 2, 3])
    }

    @Test(arguments: Array(1...24) as [UInt64])
    func repairedCostsEqualANewSearchWithoutTheLostEdges(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 10...300, using: &rng)
        // Weights in tenths and some zero edges: ties and rounding both happen.
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng),
             Int.random(in: 0..<20, using: &rng) == 0 ? 0 : Double(Int.random(in: 1...90, using: &rng)) / 10 + 0.01)
        }
        let (g, weights, _) = graph(n, edges)
        let sources = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (NodeID(Int.random(in: 0..<n, using: &rng)), 0.0) }
        let tree = ShortestPaths.search(g, weights: weights, sources: sources)
        var repair = TreeRepair(tree: tree, graph: g, weights: weights, incoming: IncomingEdges(g))
        let treeEdges = tree.parentEdge.filter { $0 >= 0 }
        let all = (0..<n).map { NodeID($0) }
        for _ in 0..<20 {
            // Mostly edges of the tree (the case that changes costs), sometimes any edge.
            var lost: [EdgeID] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                if !treeEdges.isEmpty && Bool.random(using: &rng) {
                    lost.append(EdgeID(Int(treeEdges.randomElement(using: &rng)!)))
                } else if g.edgeCount > 0 {
                    lost.append(EdgeID(Int.random(in: 0..<g.edgeCount, using: &rng)))
                }
            }
            var blocked = [Bool](repeating: false, count: g.edgeCount)
            for e in lost { blocked[Int(e.index)] = true }
            let expected = ShortestPaths.search(g, weights: weights, sources: sources, limits: SearchLimits(blockedEdges: blocked)).cost
            // Asked about every node, and about a few only (the search stops early).
            #expect(repair.costs(at: all, without: lost) == expected, "seed \(seed), lost \(lost)")
            let some = (0..<5).map { _ in NodeID(Int.random(in: 0..<n, using: &rng)) }
            #expect(repair.costs(at: some, without: lost) == some.map { expected[Int($0.index)] }, "seed \(seed), lost \(lost), asked \(some)")
        }
    }
}
