import GeoCore
import MekongData

/// Everything reachable from a place within a time budget: the places with their times, and the
/// stretches of road travelled (whole links, and the reached part of links left midway).
public struct Reachability: Sendable {
    /// One place reached, with the fastest time to it.
    public struct Reached: Sendable, Hashable {
        /// The place reached.
        public var place: PlaceID
        /// The fastest time to it from the origin, hours.
        public var hours: Double
        /// Length of the fastest path, km.
        public var km: Double
    }

    /// The place the search started from.
    public let origin: PlaceID
    /// The time budget searched within, hours.
    public let budgetHours: Double
    /// Places reached, fastest first.
    public let places: [Reached]
    /// Lines travelled within the budget.
    public let segments: [[Coordinate]]

    /// One-to-all Dijkstra from `origin` by time, stopped at `budgetHours`.
    /// - Parameters:
    ///   - budgetHours: the time budget, hours.
    ///   - avoid: places, links, modes or countries not to use.
    ///   - deadline: when to stop the search.
    /// - Throws: ``RouteError/notInService(_:reason:)`` for an origin out of service,
    ///   ``RouteError/deadlinePassed`` past the deadline.
    /// - Complexity: O((V + E) log V) for the part of the graph within the budget.
    public init(network: Network, from origin: PlaceID, budgetHours: Double, avoid: [Avoidance] = [], deadline: Deadline = .never) throws(RouteError) {
        let planner = RoutePlanner(network: network, deadline: deadline)
        let starts = network.nodes(of: origin)
        if starts.isEmpty { throw .notInService("place \(origin)", reason: planner.reason(place: origin)) }
        var limits = planner.limits(avoiding: avoid)
        limits.budget = budgetHours
        let tree = ShortestPaths.search(network.graph, weights: network.edgeHours, sources: starts.map { ($0, 0) }, limits: limits)
        if deadline.hasPassed { throw .deadlinePassed }
        let km = tree.accumulate(network.edgeKm, in: network.graph)
        var best: [PlaceID: Reached] = [:]
        for node in tree.settled {
            guard let place = network.place(of: NodeID(Int(node)))?.id else { continue }
            let reached = Reached(place: place, hours: tree.cost[Int(node)], km: km[Int(node)])
            if best[place].map({ reached.hours < $0.hours }) ?? true { best[place] = reached }
        }
        var segments: [[Coordinate]] = []
        for node in tree.settled {
            let start = tree.cost[Int(node)]
            for e in network.graph.edges(from: NodeID(Int(node))) {
                let edge = EdgeID(Int(e))
                if let blocked = limits.blockedEdges, blocked[Int(e)] { continue }
                guard network.isInService(edge), network.link(of: edge) != nil else { continue }
                let end = tree.cost[Int(network.graph.head(edge).index)]
                let geometry = network.geometry(of: edge)
                if end <= budgetHours {
                    segments.append(geometry)
                } else {
                    // Delays (ferry wait, border) come first, then the road is driven at speed.
                    let cost = network.cost(of: edge)
                    let left = budgetHours - start - cost.ferryHours - cost.borderHours
                    if left > 0 && cost.movingHours > 0 {
                        segments.append(Self.prefix(of: geometry, fraction: left / cost.movingHours))
                    }
                }
            }
        }
        self.origin = origin
        self.budgetHours = budgetHours
        self.places = best.values.sorted { ($0.hours, $0.place) < ($1.hours, $1.place) }
        self.segments = segments
    }

    /// The first `fraction` (0…1) of a line by geodesic length.
    static func prefix(of line: [Coordinate], fraction: Double) -> [Coordinate] {
        guard line.count >= 2, fraction < 1 else { return line }
        let lengths = zip(line, line.dropFirst()).map { (try? Geodesic.wgs84.distanceMetres(from: $0, to: $1)) ?? 0 }
        var remaining = lengths.reduce(0, +) * max(0, fraction)
        var out = [line[0]]
        for (i, segment) in lengths.enumerated() {
            if remaining >= segment { out.append(line[i + 1]); remaining -= segment; continue }
            let t = segment > 0 ? remaining / segment : 0
            out.append(Coordinate(longitude: line[i].longitude + t * (line[i + 1].longitude - line[i].longitude),
                                  latitude: line[i].latitude + t * (line[i + 1].latitude - line[i].latitude)))
            break
        }
        return out
    }

    /// The reachable area: the travelled lines buffered by `bufferKm` and unioned (GEOS, in the
    /// regional equal-area projection), in WGS84.
    public func outline(bufferKm: Double) throws(GeoCoreError) -> Geometry {
        let lines = segments.filter { $0.count >= 2 }
        guard !lines.isEmpty else { return .geometryCollection([]) }
        let metric = try RegionalMetric()
        return try metric.buffer(.multiLineString(lines), metres: bufferKm * 1000)
    }
}
