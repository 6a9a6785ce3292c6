import Foundation
import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// The core contraction against plain Dijkstra on the whole graph: on seeded random graphs, a
/// random part of the edges is "the plan's" (left out of the contraction, switched on and off by
/// random scenarios), the nodes at their ends and a random few more are kept; between kept
/// nodes, the core with the scenario's plan edges added must give the whole graph's distances,
/// and every arc must unpack to a chain of edges costing its weight.
struct CoreGraphTests {
    @Test(arguments: Array(1...16) as [UInt64])
    func distancesBetweenCoreNodesEqualDijkstraOnTheWholeGraphInEveryScenario(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 20...200, using: &rng)
        let edges = (0..<Int.random(in: n...(3 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng), Double(Int.random(in: 1...50, using: &rng)))
        }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        let isPlan = (0..<graph.edgeCount).map { _ in Int.random(in: 0..<6, using: &rng) == 0 }
        var keep = (0..<n).map { _ in Int.random(in: 0..<10, using: &rng) == 0 }
        for e in 0..<graph.edgeCount where isPlan[e] {
            keep[Int(graph.tails[e])] = true
            keep[Int(graph.heads[e])] = true
        }
        let invariant = (0..<graph.edgeCount).map { isPlan[$0] ? Double.infinity : weights[$0] }
        // A low stopping point too, so that some unkept nodes stay in the core.
        for maxPriority in [8.0, 0.0] {
            let core = CoreGraph(graph: graph, weights: invariant, keep: keep, maxPriority: maxPriority)
            #expect((0..<n).allSatisfy { !keep[$0] || core.nodes.contains(Int32($0)) }, "seed \(seed): a kept node was contracted")
            for a in 0..<core.arcCount {
                let path = core.originalEdges(ofArc: a)
                #expect(graph.tail(path.first!).index == core.tails[a] && graph.head(path.last!).index == core.heads[a])
                #expect(zip(path, path.dropFirst()).allSatisfy { graph.head($0) == graph.tail($1) })
                #expect(path.reduce(0.0) { $0 + invariant[Int($1.index)] } == core.weights[a])
            }
            for scenario in 0..<4 {
                // The scenario's mask over the plan's edges.
                let open = (0..<graph.edgeCount).map { isPlan[$0] && (scenario == 0 || Int.random(in: 0..<2, using: &rng) == 0) }
                let whole = (0..<graph.edgeCount).map { isPlan[$0] && !open[$0] ? Double.infinity : weights[$0] }
                var coreEdges = (0..<core.arcCount).map { (Int(core.tails[$0]), Int(core.heads[$0])) }
                var coreWeights = core.weights
                for e in 0..<graph.edgeCount where open[e] {
                    coreEdges.append((Int(graph.tails[e]), Int(graph.heads[e])))
                    coreWeights.append(weights[e])
                }
                let (small, smallOrder) = CompressedGraph.build(nodeCount: n, edges: coreEdges)
                var placed = [Double](repeating: 0, count: coreWeights.count)
                for (i, slot) in smallOrder.enumerated() { placed[Int(slot.index)] = coreWeights[i] }
                for source in core.nodes.prefix(12) {
                    let expected = ShortestPaths.search(graph, weights: whole, sources: [(NodeID(Int(source)), 0)]).cost
                    let found = ShortestPaths.search(small, weights: placed, sources: [(NodeID(Int(source)), 0)]).cost
                    for target in core.nodes {
                        #expect(found[Int(target)] == expected[Int(target)], "seed \(seed), scenario \(scenario): \(source) → \(target)")
                    }
                }
            }
        }
    }

    /// A chain a – b – c – d (two-way, 1, 2 and 3) with a and d kept: the core is the two of them
    /// joined by one shortcut each way, of weight 6, unpacking to the three edges.
    @Test func aChainBetweenTwoKeptNodesBecomesOneShortcutEachWay() {
        let (graph, order) = CompressedGraph.build(nodeCount: 4, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2)])
        var weights = [Double](repeating: 0, count: 6)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = [1.0, 1, 2, 2, 3, 3][i] }
        let core = CoreGraph(graph: graph, weights: weights, keep: [true, false, false, true])
        #expect(core.nodes == [0, 3])
        #expect(Set(zip(core.tails, core.heads).map { "\($0)→\($1)" }) == ["0→3", "3→0"])
        #expect(core.weights == [6, 6])
        let path = core.originalEdges(ofArc: core.tails.firstIndex(of: 0)!)
        #expect(path.map { "\(graph.tail($0).index)→\(graph.head($0).index)" } == ["0→1", "1→2", "2→3"])
    }
}
