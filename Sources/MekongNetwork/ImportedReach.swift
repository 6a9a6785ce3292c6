import GeoCore
import MekongData
import RoutingEngine
import RoutingGraph

/// Every node of an imported graph reachable from a snapped point within a time budget, with
/// the fastest time and that path's length (`reach --network`).
///
///     let reach = network.reach(from: try network.snap(start, snapKm: 25), budgetHours: 1)
///     reach.nodes.count       // nodes within an hour
///     reach.nodes.last?.hours // the farthest of them
///
/// One one-to-all Dijkstra by time, stopped at the budget. A PHAST sweep (a downward pass over
/// a contraction hierarchy) answers a one-to-all faster once the hierarchy exists, but building
/// it costs hundreds of one-to-all searches (BENCHMARKS.md), so for one reach it never pays.
public struct ImportedReach: Sendable {
    /// One node reached.
    public struct Reached: Sendable, Hashable {
        /// The node.
        public var node: NodeID
        /// Where it is.
        public var coordinate: Coordinate
        /// The fastest time to it, hours.
        public var hours: Double
        /// The length of that fastest path, km.
        public var km: Double
    }

    /// Where the start was put on the graph.
    public let origin: ImportedRoute.Snap
    /// The time budget, hours.
    public let budgetHours: Double
    /// The nodes reached, nearest first (the order Dijkstra settled them).
    public let nodes: [Reached]

    /// A place of the data whose node (the one it snaps to) was reached.
    public struct Place: Sendable {
        /// The place.
        public var place: MekongData.Place
        /// The fastest time to its node, hours.
        public var hours: Double
        /// The length of that path, km.
        public var km: Double
        /// How far the place lies from its node, km.
        public var snapKm: Double
    }

    /// The places of the data reached, fastest first (ties by id).
    public let places: [Place]
}

extension ImportedNetwork {
    /// The nodes reachable from `origin` within `budgetHours` by the profile's travel times
    /// (whatever this network optimises: a budget is time), and which of `places` they reach.
    ///
    ///     let reach = network.reach(from: snapped, budgetHours: 0.5, places: dataset.places, snapKm: 25)
    ///
    /// - Parameters:
    ///   - origin: the start, snapped with ``snap(_:snapKm:)``.
    ///   - budgetHours: the most hours a node may take to reach.
    ///   - places: places to look for among the nodes reached; each snaps as a route's end does.
    ///   - snapKm: the farthest a place may lie from its node; a place farther out is not on this
    ///     network and is not reported.
    /// - Complexity: O((V + E) log V) for the part of the graph within the budget (the search
    ///   arrays are O(V)), plus a snap per place.
    public func reach(from origin: ImportedRoute.Snap, budgetHours: Double, places: [Place] = [], snapKm: Double = 0) -> ImportedReach {
        let tree = ShortestPaths.search(graph.topology, weights: hours, sources: [(origin.node, 0)], limits: SearchLimits(budget: budgetHours))
        let km = tree.accumulate(graph.edges.lengthKm, in: graph.topology)
        let nodes = tree.settled.map { node in
            let i = Int(node)
            return ImportedReach.Reached(node: NodeID(i), coordinate: Coordinate(longitude: graph.nodes.longitude[i], latitude: graph.nodes.latitude[i]),
                                         hours: tree.cost[i], km: km[i])
        }
        let reached = places.compactMap { place -> ImportedReach.Place? in
            guard let snap = snap(place.coordinate, ifWithinKm: snapKm), tree.cost[Int(snap.node.index)].isFinite else { return nil }
            let i = Int(snap.node.index)
            return ImportedReach.Place(place: place, hours: tree.cost[i], km: km[i], snapKm: snap.distanceKm)
        }
        return ImportedReach(origin: origin, budgetHours: budgetHours, nodes: nodes,
                             places: reached.sorted { ($0.hours, $0.place.id.rawValue) < ($1.hours, $1.place.id.rawValue) })
    }
}
