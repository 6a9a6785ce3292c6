import Foundation
import GeoCore
import MekongData
import RoutingEngine
import RoutingGraph

/// A route on an imported graph between two snapped coordinates.
public struct ImportedRoute: Sendable {
    /// Where a requested coordinate was put on the graph.
    public struct Snap: Sendable {
        /// The coordinate asked for.
        public var requested: Coordinate
        /// The node it snapped to.
        public var node: NodeID
        /// The node's coordinate.
        public var coordinate: Coordinate
        /// The geodesic distance from the request to the node, km.
        public var distanceKm: Double
    }

    /// Where the start was put on the graph.
    public var from: Snap
    /// Where the end was put on the graph.
    public var to: Snap
    /// The edges in travel order.
    public var edges: [EdgeID]
    /// Length along the edges, km.
    public var km: Double
    /// Travel time under the profile, hours.
    public var hours: Double
    /// The line travelled, from the first node to the last, (longitude, latitude) in degrees.
    public var line: [Coordinate]
}

/// A graph read from a `.mkg` file with one profile's costing: routes between coordinates on
/// any imported network.
///
///     let network = try ImportedNetwork(graph: try RoutingGraphFile.read(from: "helsinki.mkg"), profile: car, optimization: .distance)
///     let route = try network.route(from: a, to: b, snapKm: 1)
public struct ImportedNetwork: Sendable {
    /// The graph.
    public let graph: RoutingGraph
    /// The weights of its edges under the profile (∞ where it may not go).
    public let weights: EdgeWeights
    /// Hours of each edge, for the totals whatever the optimisation (∞ where the profile may not go).
    let hours: [Double]
    /// The costing in use.
    public let costing: ProfileCosting
    /// The nodes the profile can leave or reach by an allowed edge, for snapping.
    let locator: NodeLocator
    /// A contraction hierarchy of the graph under ``weights`` (prepared by `mekong prepare`,
    /// attached with ``using(_:)``): matrices read its bucket table and routes its query; nil,
    /// they search the graph as they would without one.
    public internal(set) var hierarchy: ContractionHierarchy?

    /// Customises `graph` for `profile` in `year`, minimising `optimization`, and indexes the
    /// nodes the profile can use for snapping.
    /// - Complexity: O(V + E).
    public init(graph: RoutingGraph, profile: Profile, optimization: Optimization, year: Int? = nil) {
        self.graph = graph
        costing = ProfileCosting(profile: profile, optimization: optimization, year: year)
        weights = EdgeWeights(graph: graph, costing: costing)
        let timeCosting = ProfileCosting(profile: profile, optimization: .time, year: year)
        hours = optimization == .time ? weights.values : EdgeWeights(graph: graph, costing: timeCosting).values
        var usable = [Bool](repeating: false, count: graph.nodeCount)
        for edge in 0..<graph.edgeCount where weights.values[edge].isFinite {
            usable[Int(graph.topology.tails[edge])] = true
            usable[Int(graph.topology.heads[edge])] = true
        }
        locator = NodeLocator(graph: graph, usable: usable)
    }

    /// The node nearest `coordinate` that the profile can leave or reach by an allowed edge.
    ///
    /// - Parameter snapKm: the farthest the node may be, km.
    /// - Throws: ``RouteError/conflict`` naming the nearest node and its distance when it is
    ///   farther than `snapKm`, or when the profile can use no edge at all.
    /// - Complexity: the grid cells around the coordinate up to its nearest usable node (to the
    ///   nearest anywhere only when it is farther than `snapKm`, for the message).
    public func snap(_ coordinate: Coordinate, snapKm: Double) throws(RouteError) -> ImportedRoute.Snap {
        if let snap = snap(coordinate, ifWithinKm: snapKm) { return snap }
        guard let best = locator.nearest(to: coordinate, radiusKm: Self.meanEarthRadiusKm) else {
            throw .conflict("the \(costing.costModel.profile.id) profile can use no edge of this network (its modes: \(costing.costModel.profile.modes.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        let found = snapped(coordinate, to: best)
        throw .conflict(String(format: "%.5f,%.5f is %.1f km from the nearest node the %@ profile can use (at %.5f,%.5f); the limit is --snap-km %g",
                               coordinate.longitude, coordinate.latitude, found.distanceKm, costing.costModel.profile.id.rawValue,
                               found.coordinate.longitude, found.coordinate.latitude, snapKm))
    }

    /// The node nearest `coordinate` that the profile can use, when it lies within `snapKm`
    /// (the node ``snap(_:snapKm:)`` finds); nil when none does. For points that may well be
    /// off the graph (the data's places on a regional extract), it searches no farther.
    ///
    ///     let onGraph = places.compactMap { network.snap($0.coordinate, ifWithinKm: 25) }
    ///
    /// - Parameters:
    ///   - coordinate: the point.
    ///   - snapKm: the farthest the node may be, km (geodesic).
    /// - Complexity: the grid cells within about `snapKm` of the coordinate.
    public func snap(_ coordinate: Coordinate, ifWithinKm snapKm: Double) -> ImportedRoute.Snap? {
        // The sphere's distance is within 0.6 % of the ellipsoid's: search 1 % beyond the limit.
        guard let best = locator.nearest(to: coordinate, radiusKm: Self.meanEarthRadiusKm, withinKm: snapKm * 1.01) else { return nil }
        let found = snapped(coordinate, to: best)
        return found.distanceKm <= snapKm ? found : nil
    }

    /// `coordinate` put on the node the locator found, at the geodesic distance.
    private func snapped(_ coordinate: Coordinate, to best: (node: Int, km: Double)) -> ImportedRoute.Snap {
        let at = Coordinate(longitude: graph.nodes.longitude[best.node], latitude: graph.nodes.latitude[best.node])
        let km = ((try? Geodesic.wgs84.distanceMetres(from: coordinate, to: at)) ?? best.km * 1000) / 1000
        return ImportedRoute.Snap(requested: coordinate, node: NodeID(best.node), coordinate: at, distanceKm: km)
    }

    /// The best route between two coordinates, each snapped to the graph.
    ///
    /// - Throws: ``RouteError/conflict`` when a coordinate is beyond `snapKm`,
    ///   ``RouteError/unreachable`` when no allowed path joins them, ``RouteError/deadlinePassed``
    ///   when the search passes `deadline`.
    /// - Complexity: with a prepared ``hierarchy``, its bidirectional query (a few hundred nodes
    ///   settled); without, O((V + E) log V): A* with the geodesic distance at the top speed as bound.
    public func route(from start: Coordinate, to end: Coordinate, snapKm: Double, deadline: Deadline = .never) throws(RouteError) -> ImportedRoute {
        let from = try snap(start, snapKm: snapKm), to = try snap(end, snapKm: snapKm)
        let found: [EdgeID]?
        if let hierarchy {
            found = from.node == to.node ? [] : hierarchy.path(from: from.node, to: to.node)?.edges
        } else {
            let target = to.coordinate
            let bound = weights.lowerBoundPerKm
            // Haversine on a sphere of the ellipsoid's smallest radius of curvature (6,335 km)
            // never exceeds the geodesic, so the bound stays admissible.
            let tree = ShortestPaths.search(graph.topology, weights: weights.values, sources: [(from.node, 0)],
                                            limits: SearchLimits(targets: [to.node.index], deadline: deadline)) { node in
                Self.haversineKm(Coordinate(longitude: graph.nodes.longitude[Int(node)], latitude: graph.nodes.latitude[Int(node)]), target,
                                 radiusKm: 6_335) * bound
            }
            found = tree.path(to: to.node, in: graph.topology)
        }
        if deadline.hasPassed { throw .deadlinePassed }
        guard let path = found else {
            throw .unreachable(from: String(format: "%.5f,%.5f", start.longitude, start.latitude), to: String(format: "%.5f,%.5f", end.longitude, end.latitude),
                               reason: "no path the \(costing.costModel.profile.id) profile may use joins them on this network (different components, or one-way streets)")
        }
        var line: [Coordinate] = [from.coordinate]
        for edge in path {
            line += graph.line(of: edge).dropFirst().map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
        }
        return ImportedRoute(from: from, to: to, edges: path, km: path.reduce(0) { $0 + graph.edges.lengthKm[Int($1.index)] },
                             hours: path.reduce(0) { $0 + hours[Int($1.index)] }, line: line)
    }

    /// The mean earth radius (IUGG), km: the sphere snapping measures on.
    static let meanEarthRadiusKm = 6_371.0088

    static func haversineKm(_ a: Coordinate, _ b: Coordinate, radiusKm: Double = meanEarthRadiusKm) -> Double {
        let p1 = a.latitude * .pi / 180, p2 = b.latitude * .pi / 180
        let dp = p2 - p1, dl = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * radiusKm * asin(min(1, h.squareRoot()))
    }
}
