import MekongData

/// A corridor routed through its waypoints in a scenario: its route, and what a planner checks
/// on it — sections that are ferries, unpaved, in poor condition or tracks, border crossings,
/// and the Action Plan projects that built its links.
public struct CorridorRoute: Sendable {
    /// The corridor as the data gives it.
    public let corridor: Corridor
    /// The route from the first waypoint to the last through every other, in order.
    public let route: Route
    /// Legs that fall short of an all-weather paved road in good condition.
    public let substandard: [Route.Leg]
    /// Legs that cross a national border, by road, bridge or ferry.
    public let borderCrossings: [Route.Leg]
    /// Legs that include a ferry, border ferries included.
    public let ferries: [Route.Leg]
    /// The Action Plan projects whose links the route uses, each once, in route order.
    public let projects: [ProjectID]

    /// Routes `corridor` through its waypoints on `network` and sorts its legs for a planner.
    /// - Throws: ``RouteError`` when a waypoint is out of service or two are not connected, or
    ///   ``RouteError/conflict(_:)`` when the corridor has fewer than two waypoints.
    public init(corridor: Corridor, network: Network, optimization: Optimization = .time) throws(RouteError) {
        guard let first = corridor.waypoints.first, let last = corridor.waypoints.last, corridor.waypoints.count >= 2 else {
            throw .conflict("corridor \(corridor.id) has no waypoints of its own; route its children")
        }
        let request = RouteRequest(from: first, to: last, via: corridor.waypoints.dropFirst().dropLast().map { .place($0) },
                                   optimization: optimization)
        let route = try RoutePlanner(network: network).route(request)
        self.corridor = corridor
        self.route = route
        // A ferry across a border is a border leg; look at the links, not only the leg's kind.
        func any(_ leg: Route.Leg, _ test: (Link) -> Bool) -> Bool {
            leg.links.contains { id in network.dataset.link(id).map(test) ?? false }
        }
        self.substandard = route.legs.filter { leg in
            any(leg) { $0.mode == .ferry || $0.surface == .unpaved || $0.condition(on: network.scenario.date) == .poor || $0.roadClass == .track }
        }
        self.borderCrossings = route.legs.filter { $0.kind == .border }
        self.ferries = route.legs.filter { leg in any(leg) { $0.mode == .ferry } }
        var projects: [ProjectID] = []
        for leg in route.legs { for p in leg.projects where !projects.contains(p) { projects.append(p) } }
        self.projects = projects
    }
}
