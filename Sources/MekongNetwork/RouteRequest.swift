import MekongData

/// A point a route must pass: a place, or a link (a bridge, a ferry) in either direction.
public enum Waypoint: Sendable, Hashable, CustomStringConvertible {
    case place(PlaceID)
    case link(LinkID)

    /// The place or link id, as a user writes it.
    public var description: String {
        switch self {
        case .place(let id): id.rawValue
        case .link(let id): id.rawValue
        }
    }
}

/// Something a route must not use.
public enum Avoidance: Sendable, Hashable, CustomStringConvertible {
    case place(PlaceID)
    case link(LinkID)
    case mode(Mode)
    /// ISO 3166-1 alpha-3.
    case country(String)

    /// What is avoided, e.g. "place vientiane" or "every ferry", for messages.
    public var description: String {
        switch self {
        case .place(let id): "place \(id)"
        case .link(let id): "link \(id)"
        case .mode(let mode): "every \(mode.rawValue)"
        case .country(let iso): "country \(iso)"
        }
    }
}

/// A route query: from, to, via points in order, what to avoid, what to minimise.
public struct RouteRequest: Sendable, Hashable {
    /// Where the route starts; any of the place's active carrier nodes may be used.
    public var from: PlaceID
    /// Where the route ends.
    public var to: PlaceID
    /// Points to pass, in this order.
    public var via: [Waypoint]
    /// Places, links, modes and countries the route may not use.
    public var avoid: [Avoidance]
    /// Whether to minimise time (hours) or distance (km).
    public var optimization: Optimization

    /// A request; with no `via` or `avoid` it asks for the plain fastest route.
    public init(from: PlaceID, to: PlaceID, via: [Waypoint] = [], avoid: [Avoidance] = [], optimization: Optimization = .time) {
        self.from = from; self.to = to; self.via = via; self.avoid = avoid; self.optimization = optimization
    }
}

/// Why a route could not be found, in words a planner can act on.
public enum RouteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A place or link the request names is not in service in the scenario.
    case notInService(String, reason: String)
    /// The request contradicts itself (e.g. it avoids a place it must pass).
    case conflict(String)
    /// No path joins two consecutive points of the request.
    case unreachable(from: String, to: String, reason: String)
    /// The search stopped at its ``Deadline`` before it had an answer.
    case deadlinePassed

    /// One sentence for a user: what is not in service and why, or where no path exists.
    public var description: String {
        switch self {
        case .notInService(let what, let reason): "\(what) is not in service: \(reason)"
        case .conflict(let message): message
        case .unreachable(let from, let to, let reason): "no route from \(from) to \(to): \(reason)"
        case .deadlinePassed: "the search stopped at its deadline before it found the route"
        }
    }
}
