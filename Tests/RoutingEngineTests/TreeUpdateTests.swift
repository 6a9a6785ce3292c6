import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// The updated tree against a new search over the new weights: costs must be equal bit for bit
/// at every node, every parent edge must lie on a shortest path, and a restore must give the base
/// tree back, on seeded random graphs where edges rise, fall, vanish and appear.
struct TreeUpdateTests {
    /// Builds a graph from (tail, head, weight) triples and the weights in its edge order.
    private func graph(_ nodeCount: Int, _ edges: [(Int, Int, Double)]) -> (CompressedGraph, [Double], [EdgeID]) {
        let (graph, order) = CompressedGraph.build(nodeCount: nodeCount, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        return (graph, weights, order)
    }

    /// Weights in tenths, some zero edges and some out of service: ties and rounding both happen.
    private func randomWeight(using rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: 0
        case 1: .infinity
        default: Double(Int.random(in: 1...90, using: &rng)) / 10 + 0.01
        }
    }

    /// A seeded random graph of `n` nodes and n to 4n edges with ``randomWeight(using:)`` weights.
    private func randomGraph(_ n: Int, using rng: inout SplitMix64) -> (CompressedGraph, [Double]) {
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng), randomWeight(using: &rng))
        }
        let (g, base, _) = graph(n, edges)
        return (g, base)
    }

    /// A few edges change, mostly tree edges (the case that moves costs): rising, falling,
    /// closing or opening. Returns the new weights and the edges changed.
    private func changeSomeEdges(of g: CompressedGraph, _ base: [Double], treeEdges: [Int32],
                                 using rng: inout SplitMix64) -> ([Double], [EdgeID]) {
        var weights = base
        var changed: [EdgeID] = []
        for _ in 0..<Int.random(in: 1...6, using: &rng) where g.edgeCount > 0 {
            let e = !treeEdges.isEmpty && Bool.random(using: &rng)
                ? Int(treeEdges.randomElement(using: &rng)!) : Int.random(in: 0..<g.edgeCount, using: &rng)
            weights[e] = Bool.random(using: &rng) ? randomWeight(using: &rng) : (weights[e].isFinite ? weights[e] * 0.5 : 1)
            changed.append(EdgeID(e))
        }
        return (weights, changed)
    }

    /// 0 → 1 → 2 → 3 cost 1 each, 0 → 2 costs 5, 1 → 3 costs 10 and 0 → 3 is not built yet
    /// (`.infinity`). From 0 the tree is the chain: 0, 1, 2, 3 hours.
    /// - Opening 0 → 3 at 2 hours brings 3 down to 2, and nothing else.
    /// - Closing 1 → 2 sends 2 and 3 by the 5-hour edge: 5 and 6.
    /// - Both at once (a new road opens while an old bridge closes): 0, 1, 5, 2.
    @Test func aRoadThatOpensAndABridgeThatClosesChangeOnlyTheNodesBeyondThem() {
        let (g, base, order) = graph(4, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 2, 5), (1, 3, 10), (0, 3, .infinity)])
        var update = TreeUpdate(tree: ShortestPaths.search(g, weights: base, sources: [(NodeID(0), 0)]),
                                graph: g, weights: base, incoming: IncomingEdges(g))
        #expect(update.cost == [0, 1, 2, 3])
        var opened = base
        opened[Int(order[5].index)] = 2
        update.update(to: opened, changed: [order[5]])
        #expect(update.cost == [0, 1, 2, 2])
        #expect(update.path(to: NodeID(3)) == [order[5]])
        update.restore()
        var closed = base
        closed[Int(order[1].index)] = .infinity
        update.update(to: closed, changed: [order[1]])
        #expect(update.cost == [0, 1, 5, 6])
        #expect(update.path(to: NodeID(3)) == [order[3], order[2]])
        update.restore()
        var both = opened
        both[Int(order[1].index)] = .infinity
        update.update(to: both, changed: [order[1], order[5]])
        #expect(update.cost == [0, 1, 5, 2])
        update.restore()
        #expect(update.cost == [0, 1, 2, 3])
        #expect(update.path(to: NodeID(3)) == [order[0], order[1], order[2]])
    }

    /// 0 →1→ 1 →1→ 2, and the long way 0 →2.5→ 3 →2→ 4 →2→ 2. The base search stops once it
    /// has settled node 2 (costs 0, 1, 2; node 3 on its frontier, node 4 never reached).
    /// - Closing 1 → 2 sends 2 the long way, through nodes the base search never settled: 6.5.
    /// - Making 0 → 3 cost 0.5 as well: 4.5, over the fallen edge.
    @Test func aTreeStoppedAtItsDestinationIsSearchedOnWhereARoadCloses() {
        let (g, base, order) = graph(5, [(0, 1, 1), (1, 2, 1), (0, 3, 2.5), (3, 4, 2), (4, 2, 2)])
        let tree = ShortestPaths.search(g, weights: base, sources: [(NodeID(0), 0)], limits: SearchLimits(settlingAll: [NodeID(2)]))
        #expect(tree.cost == [0, 1, 2, .infinity, .infinity] && tree.frontier == [3])
        var update = TreeUpdate(tree: tree, graph: g, weights: base, incoming: IncomingEdges(g))
        var closed = base
        closed[Int(order[1].index)] = .infinity
        update.update(to: closed, changed: [order[1]], targets: [NodeID(2)])
        #expect(update.cost[2] == 6.5)
        #expect(update.path(to: NodeID(2)) == [order[2], order[3], order[4]])
        update.restore()
        #expect(update.cost == tree.cost && update.parentEdge == tree.parentEdge)
        var both = closed
        both[Int(order[2].index)] = 0.5
        update.update(to: both, changed: [order[1], order[2]], targets: [NodeID(2)])
        #expect(update.cost[2] == 4.5)
        update.restore()
        #expect(update.cost == tree.cost)
    }

    /// 0 →1→ 1 →1→ 2 →1→ 4 →10→ 3, and 0 →5→ 3; only node 3 is wanted. The bridge 1 → 2 gets
    /// dearer (1.5) while the road 4 → 3 gets faster (0.5): 3 is then 1 + 1.5 + 1 + 0.5 = 4, over
    /// node 4, which the rise moved but no target needed. The fall must start from 4's new
    /// cost (3.5), so the rise is searched on past the targets to what a fall can pass on.
    @Test func aFallFromANodeARiseMovedStartsFromItsNewCost() {
        let (g, base, order) = graph(5, [(0, 1, 1), (1, 2, 1), (2, 4, 1), (4, 3, 10), (0, 3, 5)])
        let tree = ShortestPaths.search(g, weights: base, sources: [(NodeID(0), 0)])
        #expect(tree.cost == [0, 1, 2, 5, 3])
        var update = TreeUpdate(tree: tree, graph: g, weights: base, incoming: IncomingEdges(g))
        var weights = base
        weights[Int(order[1].index)] = 1.5
        weights[Int(order[3].index)] = 0.5
        update.update(to: weights, changed: [order[1], order[3]], targets: [NodeID(3)])
        #expect(update.cost[3] == 4)
        #expect(update.path(to: NodeID(3)) == [order[0], order[1], order[2], order[3]])
    }

    /// Edges rise, fall, close and open at once, and the update is asked for a few targets only,
    /// from a complete tree and from one stopped at its destinations: both steps stop early, and
    /// the targets' costs and paths must still be a new complete search's, bit for bit.
    @Test(arguments: Array(1...30) as [UInt64])
    func targetsAreExactWhenEdgesRiseAndFallFromCompleteAndStoppedTrees(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 10...300, using: &rng)
        let (g, base) = randomGraph(n, using: &rng)
        let sources = [(NodeID(Int.random(in: 0..<n, using: &rng)), 0.0)]
        let destinations = (0..<Int.random(in: 1...8, using: &rng)).map { _ in NodeID(Int.random(in: 0..<n, using: &rng)) }
        let stopped = seed % 2 == 0
        let tree = ShortestPaths.search(g, weights: base, sources: sources, limits: SearchLimits(settlingAll: stopped ? destinations : nil))
        var update = TreeUpdate(tree: tree, graph: g, weights: base, incoming: IncomingEdges(g))
        let treeEdges = tree.parentEdge.filter { $0 >= 0 }
        for round in 0..<20 {
            let (weights, changed) = changeSomeEdges(of: g, base, treeEdges: treeEdges, using: &rng)
            let targets = destinations.filter { _ in Int.random(in: 0..<3, using: &rng) != 0 }
            let expected = ShortestPaths.search(g, weights: weights, sources: sources).cost
            update.update(to: weights, changed: changed, targets: targets)
            for t in targets {
                #expect(update.cost[Int(t.index)] == expected[Int(t.index)], "seed \(seed), round \(round), target \(t)")
                if expected[Int(t.index)].isFinite {
                    #expect(update.path(to: t).map { $0.reduce(0.0) { $0 + weights[Int($1.index)] } } == expected[Int(t.index)], "seed \(seed), target \(t)")
                }
            }
            update.restore()
            #expect(update.cost == tree.cost && update.parentEdge == tree.parentEdge, "seed \(seed), round \(round): restored")
        }
    }

    @Test(arguments: Array(1...30) as [UInt64])
    func updatedCostsEqualANewSearchOverTheNewWeights(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 10...300, using: &rng)
        let (g, base) = randomGraph(n, using: &rng)
        let sources = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (NodeID(Int.random(in: 0..<n, using: &rng)), 0.0) }
        let tree = ShortestPaths.search(g, weights: base, sources: sources)
        var update = TreeUpdate(tree: tree, graph: g, weights: base, incoming: IncomingEdges(g))
        let treeEdges = tree.parentEdge.filter { $0 >= 0 }
        for round in 0..<20 {
            let (weights, changed) = changeSomeEdges(of: g, base, treeEdges: treeEdges, using: &rng)
            let expected = ShortestPaths.search(g, weights: weights, sources: sources)
            update.update(to: weights, changed: changed)
            #expect(update.cost == expected.cost, "seed \(seed), round \(round), changed \(changed)")
            // Each parent edge is a last step of a shortest path: the tail's cost plus its weight.
            for v in 0..<n where update.parentEdge[v] >= 0 {
                let e = Int(update.parentEdge[v])
                #expect(Int(g.heads[e]) == v && update.cost[Int(g.tails[e])] + weights[e] == update.cost[v], "seed \(seed), node \(v)")
            }
            for v in 0..<n where update.cost[v].isFinite {
                #expect(update.path(to: NodeID(v)).map { $0.reduce(0.0) { $0 + weights[Int($1.index)] } } == update.cost[v], "seed \(seed), node \(v)")
            }
            update.restore()
            #expect(update.cost == tree.cost && update.parentEdge == tree.parentEdge, "seed \(seed), round \(round): restored")
        }
    }

    /// One update carried from source to source on other base weights, as a thread carries it
    /// from city to city, complete trees and stopped ones mixed: after each rebase it answers as
    /// a new update of that tree does (subtree sizes, what a search continues from), and its
    /// updated targets are a new search's. Nothing of the earlier trees may remain.
    @Test(arguments: Array(1...20) as [UInt64])
    func aRebasedUpdateAnswersAsANewOneOfItsTree(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 10...300, using: &rng)
        let (g, first) = randomGraph(n, using: &rng)
        let incoming = IncomingEdges(g)
        var carried: TreeUpdate?
        for round in 0..<8 {
            let base = round == 0 ? first : changeSomeEdges(of: g, first, treeEdges: [], using: &rng).0
            let sources = [(NodeID(Int.random(in: 0..<n, using: &rng)), 0.0)]
            let destinations = (0..<Int.random(in: 1...8, using: &rng)).map { _ in NodeID(Int.random(in: 0..<n, using: &rng)) }
            let tree = ShortestPaths.search(g, weights: base, sources: sources,
                                            limits: SearchLimits(settlingAll: Bool.random(using: &rng) ? destinations : nil))
            if carried == nil {
                carried = TreeUpdate(tree: tree, graph: g, weights: base, incoming: incoming)
            } else {
                carried!.rebase(on: tree, weights: base)
            }
            let fresh = TreeUpdate(tree: tree, graph: g, weights: base, incoming: incoming)
            #expect(carried!.cost == tree.cost && carried!.parentEdge == tree.parentEdge, "seed \(seed), round \(round)")
            let edges = (0..<g.edgeCount).map(EdgeID.init)
            #expect(edges.map(carried!.nodesBelow) == edges.map(fresh.nodesBelow), "seed \(seed), round \(round): subtree sizes")
            let (weights, changed) = changeSomeEdges(of: g, base, treeEdges: tree.parentEdge.filter { $0 >= 0 }, using: &rng)
            let expected = ShortestPaths.search(g, weights: weights, sources: sources).cost
            carried!.update(to: weights, changed: changed, targets: destinations)
            for t in destinations {
                #expect(carried!.cost[Int(t.index)] == expected[Int(t.index)], "seed \(seed), round \(round), target \(t)")
            }
            carried!.restore()
        }
    }

    /// When edges only rise, an update asked for a few targets stops once they are settled: their
    /// costs and paths must still be a new search's.
    @Test(arguments: Array(1...20) as [UInt64])
    func targetsAloneAreExactWhenEdgesOnlyRise(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 10...300, using: &rng)
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng),
             Int.random(in: 0..<20, using: &rng) == 0 ? 0 : Double(Int.random(in: 1...90, using: &rng)) / 10 + 0.01)
        }
        let (g, base, _) = graph(n, edges)
        let sources = [(NodeID(Int.random(in: 0..<n, using: &rng)), 0.0)]
        let tree = ShortestPaths.search(g, weights: base, sources: sources)
        var update = TreeUpdate(tree: tree, graph: g, weights: base, incoming: IncomingEdges(g))
        let treeEdges = tree.parentEdge.filter { $0 >= 0 }
        guard !treeEdges.isEmpty else { return }
        for round in 0..<20 {
            var weights = base
            let changed = (0..<Int.random(in: 1...4, using: &rng)).map { _ in EdgeID(Int(treeEdges.randomElement(using: &rng)!)) }
            for e in changed { weights[Int(e.index)] = Bool.random(using: &rng) ? .infinity : weights[Int(e.index)] * 3 + 1 }
            let targets = (0..<Int.random(in: 1...5, using: &rng)).map { _ in NodeID(Int.random(in: 0..<n, using: &rng)) }
            let expected = ShortestPaths.search(g, weights: weights, sources: sources).cost
            update.update(to: weights, changed: changed, targets: targets)
            for t in targets {
                #expect(update.cost[Int(t.index)] == expected[Int(t.index)], "seed \(seed), round \(round), target \(t)")
                if expected[Int(t.index)].isFinite {
                    #expect(update.path(to: t).map { $0.reduce(0.0) { $0 + weights[Int($1.index)] } } == expected[Int(t.index)], "seed \(seed), target \(t)")
                }
            }
            update.restore()
            #expect(update.cost == tree.cost && update.parentEdge == tree.parentEdge, "seed \(seed), round \(round): restored")
        }
    }
}
