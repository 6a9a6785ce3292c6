import RoutingGraph

/// Turns a graph's edge attributes into weights for one profile and scenario, and nothing else:
/// it answers "may this edge be used?" and "what does it cost?" and knows nothing of how the
/// graph is stored (Valhalla's costing, OSRM's customisation).
///
///     struct Kilometres: Costing {
///         func weight(of edge: EdgeID, in graph: RoutingGraph) -> Double? { graph.edges.lengthKm[Int(edge.index)] }
///         var lowerBoundPerKm: Double { 1 }
///     }
public protocol Costing: Sendable {
    /// The cost of travelling `edge`, or nil when this costing may not use it.
    func weight(of edge: EdgeID, in graph: RoutingGraph) -> Double?
    /// A cost per km of geodesic distance that no path can beat: 1 when weights are km, the
    /// inverse of the top speed (h/km) when they are hours. A* divides nothing by it; it
    /// multiplies the remaining straight-line distance by it.
    var lowerBoundPerKm: Double { get }
}

/// The weights of every edge under one costing: the customisation of a graph for a profile and
/// scenario. Edges the costing refuses weigh `.infinity`, which no search relaxes, so a scenario
/// is a mask over one topology and never a rebuild.
///
///     let weights = EdgeWeights(graph: graph, costing: Kilometres())
///     ShortestPaths.search(graph.topology, weights: weights.values, sources: [(NodeID(0), 0)])
///
/// - Complexity: O(E) costing calls.
public struct EdgeWeights: Sendable {
    /// The weight of each edge, indexed by ``EdgeID``; `.infinity` where the costing refuses it.
    public let values: [Double]
    /// The costing's ``Costing/lowerBoundPerKm``, kept for an A* bound over these weights.
    public let lowerBoundPerKm: Double

    /// Asks `costing` once for every edge of `graph`.
    /// - Complexity: O(E) calls of ``Costing/weight(of:in:)``.
    public init(graph: RoutingGraph, costing: some Costing) {
        values = (0..<graph.edgeCount).map { costing.weight(of: EdgeID($0), in: graph) ?? .infinity }
        lowerBoundPerKm = costing.lowerBoundPerKm
    }

    /// Whether the costing allows the edge.
    public func allows(_ edge: EdgeID) -> Bool { values[Int(edge.index)].isFinite }
}
