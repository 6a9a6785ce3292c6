import Foundation
import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// Dijkstra and A* against Floyd–Warshall on random graphs (fixed seeds).
struct ShortestPathOracleTests {

    /// All-pairs shortest paths by Floyd–Warshall: the brute-force reference.
    static func floydWarshall(nodes: Int, edges: [(Int, Int, Double)], blocked: Set<Int> = []) -> [[Double]] {
        var d = [[Double]](repeating: [Double](repeating: .infinity, count: nodes), count: nodes)
        for i in 0..<nodes { d[i][i] = 0 }
        for (i, (a, b, w)) in edges.enumerated() where !blocked.contains(i) { d[a][b] = min(d[a][b], w) }
        for k in 0..<nodes { for i in 0..<nodes { for j in 0..<nodes where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] } } }
        return d
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func dijkstraMatchesFloydWarshall(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 5...30, using: &rng)
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng), Double(Int.random(in: 0...20, using: &rng)))
        }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        // Block a random tenth of the edges to exercise the filter too.
        let blockedInput = Set((0..<edges.count).filter { _ in Int.random(in: 0..<10, using: &rng) == 0 })
        var blocked = [Bool](repeating: false, count: edges.count)
        for i in blockedInput { blocked[Int(order[i].index)] = true }
        let reference = Self.floydWarshall(nodes: n, edges: edges, blocked: blockedInput)
        for source in 0..<n {
            let tree = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(source), 0)], limits: SearchLimits(blockedEdges: blocked))
            #expect(tree.cost == reference[source], "seed \(seed), source \(source)")
            // The reconstructed path really costs what the tree says.
            for target in 0..<n where tree.cost[target].isFinite {
                let path = tree.path(to: NodeID(target), in: graph)!
                #expect(path.reduce(0.0) { $0 + weights[Int($1.index)] } == tree.cost[target])
            }
        }
    }

    /// Random points in the plane, edges weighted by their length times a factor ≥ 1: the
    /// straight-line distance is an admissible, consistent A* bound.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func aStarMatchesDijkstra(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = 60
        let points = (0..<n).map { _ in (Double.random(in: 0...100, using: &rng), Double.random(in: 0...100, using: &rng)) }
        var edges: [(Int, Int)] = [], lengths: [Double] = []
        for a in 0..<n { for _ in 0..<3 {
            let b = Int.random(in: 0..<n, using: &rng)
            let length = hypot(points[a].0 - points[b].0, points[a].1 - points[b].1) * Double.random(in: 1...2, using: &rng)
            edges += [(a, b), (b, a)]; lengths += [length, length]
        } }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges)
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = lengths[i] }
        for target in 0..<10 {
            let plain = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)])
            let goal = points[target]
            let astar = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)],
                                             limits: SearchLimits(targets: [Int32(target)]),
                                             heuristic: { hypot(points[Int($0)].0 - goal.0, points[Int($0)].1 - goal.1) })
            #expect(abs(astar.cost[target] - plain.cost[target]) < 1e-9 || (astar.cost[target].isInfinite && plain.cost[target].isInfinite))
        }
    }

    @Test func budgetStopsTheSearch() {
        // A path 0 →1→ 1 →1→ 2 →1→ 3: with a budget of 2, node 3 is not settled.
        let (graph, _) = CompressedGraph.build(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 3)])
        let tree = ShortestPaths.search(graph, weights: [1, 1, 1], sources: [(NodeID(0), 0)], limits: SearchLimits(budget: 2))
        #expect(tree.cost == [0, 1, 2, .infinity])
    }

    /// 0 →1→ 1 →1→ 2 →1→ 3, and 0 →2.5→ 4: asked to settle node 2, the search settles 0, 1 and
    /// 2 and stops; 3 (3 away) and 4 (2.5 away) are reached but not settled, the frontier.
    @Test func aSearchAskedForSomeNodesStopsOnceItHasSettledThemAll() {
        let (graph, order) = CompressedGraph.build(nodeCount: 5, edges: [(0, 1), (1, 2), (2, 3), (0, 4)])
        var weights = [Double](repeating: 0, count: 4)
        for (i, w) in [1.0, 1, 1, 2.5].enumerated() { weights[Int(order[i].index)] = w }
        let tree = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)], limits: SearchLimits(settlingAll: [NodeID(2)]))
        #expect(tree.cost == [0, 1, 2, .infinity, .infinity])
        #expect(tree.settled == [0, 1, 2])
        #expect(tree.frontier.sorted() == [3, 4])
        let nothing = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)], limits: SearchLimits(settlingAll: []))
        #expect(nothing.settled.isEmpty && nothing.cost.allSatisfy { $0 == .infinity } && nothing.frontier == [0])
        let complete = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)])
        #expect(complete.frontier.isEmpty && complete.cost == [0, 1, 2, 3, 2.5])
    }

    /// On random graphs, a search stopped at its destinations gives every settled node the cost a
    /// complete search gives, settles every node cheaper than the dearest destination, and lists
    /// as its frontier exactly the unsettled nodes an edge from a settled node reaches.
    @Test(arguments: [21, 22, 23, 24, 25, 26] as [UInt64])
    func aSearchStoppedAtItsDestinationsAgreesWithACompleteOne(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 20...200, using: &rng)
        let edges = (0..<Int.random(in: n...(4 * n), using: &rng)).map { _ in
            (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng), Double(Int.random(in: 1...90, using: &rng)) / 10)
        }
        let (graph, order) = CompressedGraph.build(nodeCount: n, edges: edges.map { ($0.0, $0.1) })
        var weights = [Double](repeating: 0, count: edges.count)
        for (i, slot) in order.enumerated() { weights[Int(slot.index)] = edges[i].2 }
        let source = [(NodeID(0), 0.0)]
        let complete = ShortestPaths.search(graph, weights: weights, sources: source)
        let destinations = (0..<Int.random(in: 1...5, using: &rng)).map { _ in NodeID(Int.random(in: 0..<n, using: &rng)) }
        let stopped = ShortestPaths.search(graph, weights: weights, sources: source, limits: SearchLimits(settlingAll: destinations))
        let settled = Set(stopped.settled)
        for d in destinations { #expect(stopped.cost[Int(d.index)] == complete.cost[Int(d.index)], "seed \(seed), destination \(d)") }
        let dearest = destinations.map { complete.cost[Int($0.index)] }.max()!
        for v in 0..<n {
            if settled.contains(Int32(v)) { #expect(stopped.cost[v] == complete.cost[v], "seed \(seed), node \(v)") }
            else { #expect(stopped.cost[v] == .infinity && complete.cost[v] >= min(dearest, complete.cost[v]), "seed \(seed), node \(v)") }
            if complete.cost[v] < dearest { #expect(settled.contains(Int32(v)), "seed \(seed): node \(v) is cheaper than a destination") }
        }
        let reached = Set((0..<graph.edgeCount).filter { settled.contains(graph.tails[$0]) && !settled.contains(graph.heads[$0]) }.map { graph.heads[$0] })
        #expect(Set(stopped.frontier) == reached, "seed \(seed)")
    }

    /// Searches reuse their label arrays: a tree kept from one search must not change when the
    /// next one (over a graph of the same size, from elsewhere, stopping early) runs, and that
    /// one must start from clean labels, not the kept tree's.
    @Test func aKeptTreeSurvivesTheNextSearchAndTheNextStartsClean() {
        // A path 0 → 1 → … → 9, each step 1.
        let (graph, _) = CompressedGraph.build(nodeCount: 10, edges: (0..<9).map { ($0, $0 + 1) })
        let weights = [Double](repeating: 1, count: 9)
        let first = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)])
        let second = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(5), 0)], limits: SearchLimits(targets: [7]))
        #expect(first.cost == (0..<10).map(Double.init))
        #expect(second.cost == [.infinity, .infinity, .infinity, .infinity, .infinity, 0, 1, 2, .infinity, .infinity])
        #expect(second.parentEdge[0...5].allSatisfy { $0 == -1 } && second.frontier.isEmpty)
        let third = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(8), 0)])
        #expect(third.cost[0..<8].allSatisfy { $0 == .infinity } && third.cost[9] == 1 && third.settled == [8, 9])
    }

    @Test func aPassedDeadlineStopsTheSearchAndNoDeadlineChangesNothing() {
        // A path of 5,000 nodes: a search past its deadline settles nothing, not even the source
        // (it looks before the first node), and reports every node unreached.
        let n = 5_000
        let (graph, _) = CompressedGraph.build(nodeCount: n, edges: (0..<(n - 1)).map { ($0, $0 + 1) })
        let weights = [Double](repeating: 1, count: n - 1)
        let passed = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)], limits: SearchLimits(deadline: Deadline(seconds: 0)))
        #expect(passed.settled.isEmpty)
        #expect(passed.cost.allSatisfy { $0 == .infinity })
        let later = ShortestPaths.search(graph, weights: weights, sources: [(NodeID(0), 0)], limits: SearchLimits(deadline: Deadline(seconds: 3600)))
        #expect(later.settled.count == n)
        #expect(later.cost[n - 1] == Double(n - 1))
        #expect(!Deadline.never.hasPassed && Deadline(seconds: 0).hasPassed && !Deadline(seconds: 3600).hasPassed)
    }

    @Test func heapPopsInKeyOrder() {
        var rng = SplitMix64(state: 99)
        var heap = BinaryHeap()
        let keys = (0..<500).map { _ in Double.random(in: 0...1000, using: &rng) }
        for (i, k) in keys.enumerated() { heap.push(key: k, node: Int32(i)) }
        var popped: [Double] = []
        while let (k, _) = heap.pop() { popped.append(k) }
        #expect(popped == keys.sorted())
    }
}
