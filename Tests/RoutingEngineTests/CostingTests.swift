import TestSupport
import Testing
import RoutingEngine
import RoutingGraph

/// A costing is a mask plus weights: refusing an edge is the same as blocking it.
struct CostingTests {
    /// Weights are km; ferries are refused, the way a profile without ferries would.
    struct KilometresWithoutFerries: Costing {
        func weight(of edge: EdgeID, in graph: RoutingGraph) -> Double? {
            graph.flags(of: edge).contains(.ferry) ? nil : graph.edges.lengthKm[Int(edge.index)]
        }
        var lowerBoundPerKm: Double { 1 }
    }

    ///     a --10-- b --10-- c
    ///      \______ferry 5_____/
    /// Without the ferry a → c is 20 km by road; with it, 5.
    @Test func aRefusedFerryIsNeverTaken() {
        var builder = RoutingGraph.Builder()
        let a = builder.addNode(longitude: 0, latitude: 0), b = builder.addNode(longitude: 1, latitude: 0)
        let c = builder.addNode(longitude: 2, latitude: 0)
        builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, lengthKm: 10), bothWays: true)
        builder.addEdge(from: b, to: c, EdgeRecord(mode: .road, lengthKm: 10), bothWays: true)
        builder.addEdge(from: a, to: c, EdgeRecord(mode: .ferry, lengthKm: 5, flags: [.forward, .ferry]), bothWays: true)
        let graph = builder.build()
        let weights = EdgeWeights(graph: graph, costing: KilometresWithoutFerries())
        let tree = ShortestPaths.search(graph.topology, weights: weights.values, sources: [(a, 0)])
        #expect(tree.cost[Int(c.index)] == 20)
        let ferries = (0..<graph.edgeCount).filter { graph.flags(of: EdgeID($0)).contains(.ferry) }
        #expect(ferries.count == 2 && ferries.allSatisfy { !weights.allows(EdgeID($0)) })
    }

    /// On random graphs, searching with refused edges at infinite weight gives exactly the
    /// costs of searching with those edges blocked (Floyd–Warshall as the oracle).
    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func refusingAnEdgeEqualsRemovingIt(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let n = Int.random(in: 5...25, using: &rng)
        var builder = RoutingGraph.Builder()
        for _ in 0..<n { builder.addNode(longitude: 0, latitude: 0) }
        var input: [(Int, Int, Double, Bool)] = []
        for _ in 0..<(3 * n) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            let km = Double(Int.random(in: 1...20, using: &rng)), ferry = Int.random(in: 0..<4, using: &rng) == 0
            input.append((a, b, km, ferry))
            builder.addEdge(from: NodeID(a), to: NodeID(b), EdgeRecord(mode: ferry ? .ferry : .road, lengthKm: km, flags: ferry ? [.forward, .ferry] : [.forward]))
        }
        let graph = builder.build()
        let weights = EdgeWeights(graph: graph, costing: KilometresWithoutFerries())
        let reference = ShortestPathOracleTests.floydWarshall(
            nodes: n, edges: input.map { ($0.0, $0.1, $0.2) }, blocked: Set(input.indices.filter { input[$0].3 }))
        for source in 0..<n {
            let tree = ShortestPaths.search(graph.topology, weights: weights.values, sources: [(NodeID(source), 0)])
            #expect(tree.cost == reference[source], "seed \(seed), source \(source)")
        }
    }
}
