import RoutingEngine
import RoutingGraph

/// Travel times and distances between snapped points of an imported graph (`matrix --network`):
/// for each pair, the best path under the network's optimisation, its hours and its km.
///
///     let points = try coordinates.map { try network.snap($0, snapKm: 25) }
///     let matrix = network.matrix(from: points, to: points)
///     matrix.hours[0][1]    // hours from the first point to the second
///
/// Three ways to fill it, with the same answers (checked against each other in the tests):
/// - ``Method/preparedHierarchy``: the bucket table of a hierarchy `mekong prepare` made once
///   and kept beside the graph (``ImportedNetwork/using(_:)``); the table alone, 0.3 s at
///   1,000 × 1,000 on that grid. Chosen whenever the network has one.
/// - ``Method/contractionHierarchy``: contract the graph under the profile's weights, then a
///   bucket table (one upward search per source and per target). The contraction is paid once
///   per matrix and is nearly all of its cost: on the 10^6-node road grid of BENCHMARKS.md about
///   two minutes, after which even a 1,000 × 1,000 table takes seconds.
/// - ``Method/dijkstraPerSource``: one one-to-all Dijkstra per source, about 0.3 s each on that
///   grid. So for fewer sources than ``contractionThreshold`` a plain Dijkstra per source is
///   cheaper: the measured break-even there was 340 to 400 sources (106–118 s of contraction
///   against 0.29–0.31 s a source, in two runs; the table itself 0.3 s at 1,000 × 1,000). Both
///   grow about linearly with the graph, so the threshold is a number of sources whatever the
///   graph's size; a graph with a stronger hierarchy than the grid (real road networks)
///   contracts faster and would break even sooner. Both run on one core.
public struct ImportedMatrix: Sendable {
    /// How the matrix was computed.
    public enum Method: String, Sendable {
        /// A contraction hierarchy of the graph and a bucket table.
        case contractionHierarchy = "contraction-hierarchy"
        /// One one-to-all Dijkstra per source.
        case dijkstraPerSource = "dijkstra"
        /// The bucket table of a hierarchy prepared beforehand (`mekong prepare`): the network's
        /// ``ImportedNetwork/hierarchy``.
        case preparedHierarchy = "prepared-hierarchy"
    }

    /// From this many sources on, ``ImportedNetwork/matrix(from:to:method:)`` contracts the
    /// graph: below it, one Dijkstra per source costs less than the contraction.
    public static let contractionThreshold = 350

    /// The rows' points.
    public let sources: [ImportedRoute.Snap]
    /// The columns' points.
    public let destinations: [ImportedRoute.Snap]
    /// `hours[i][j]`: travel time of the best path from source i to destination j under the
    /// profile; `.infinity` when none.
    public let hours: [[Double]]
    /// `km[i][j]`: the length of that same path; `.infinity` when none.
    public let km: [[Double]]
    /// How it was computed.
    public let method: Method
}

extension ImportedNetwork {
    /// Travel times and distances from every source to every destination, each pair's best path
    /// under the network's optimisation (fastest, or shortest).
    ///
    ///     let matrix = network.matrix(from: origins, to: destinations)   // method chosen by size
    ///
    /// - Parameters:
    ///   - sources: the rows, snapped with ``snap(_:snapKm:)``.
    ///   - destinations: the columns.
    ///   - method: how to compute it; nil chooses the prepared hierarchy when the network has
    ///     one, else by the number of sources (a contraction hierarchy from
    ///     ``ImportedMatrix/contractionThreshold`` sources on). ``ImportedMatrix/Method/preparedHierarchy``
    ///     needs a network with a ``hierarchy``.
    /// - Complexity: with a prepared hierarchy, (|S| + |T|) upward searches and the buckets
    ///   scanned; with a contraction hierarchy, its preprocessing (O(V · w), the dominant
    ///   cost) plus (|S| + |T|) upward searches; with Dijkstra, O(|S| · (V + E) log V).
    public func matrix(from sources: [ImportedRoute.Snap], to destinations: [ImportedRoute.Snap],
                       method: ImportedMatrix.Method? = nil) -> ImportedMatrix {
        let method = method ?? (hierarchy != nil ? .preparedHierarchy
                                : sources.count >= ImportedMatrix.contractionThreshold ? .contractionHierarchy : .dijkstraPerSource)
        // The other measure of each edge: km when minimising time, hours when minimising km.
        let other = costing.optimization == .time ? Array(graph.edges.lengthKm) : hours
        var optimised: [[Double]], alongside: [[Double]]
        switch method {
        case .contractionHierarchy, .preparedHierarchy:
            guard let hierarchy = method == .preparedHierarchy ? hierarchy : contractedHierarchy() else {
                preconditionFailure("matrix(method: .preparedHierarchy) on a network without a prepared hierarchy")
            }
            (optimised, alongside) = hierarchy.table(sources: sources.map(\.node), targets: destinations.map(\.node), alongside: other)
        case .dijkstraPerSource:
            optimised = []
            alongside = []
            for source in sources {
                let tree = ShortestPaths.search(graph.topology, weights: weights.values, sources: [(source.node, 0)])
                let along = tree.accumulate(other, in: graph.topology)
                optimised.append(destinations.map { tree.cost[Int($0.node.index)] })
                alongside.append(destinations.map { along[Int($0.node.index)] })
            }
        }
        let time = costing.optimization == .time
        return ImportedMatrix(sources: sources, destinations: destinations, hours: time ? optimised : alongside,
                              km: time ? alongside : optimised, method: method)
    }
}
