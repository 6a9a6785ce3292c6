import MekongData

/// What a route minimises.
public enum Optimization: String, Sendable, CaseIterable {
    case time, distance
}

/// The carrier a traveller is on: a truck stays a truck on a road and on a ferry, but changing
/// to a train or a ship means handling at a terminal.
public enum Carrier: Int, Sendable, CaseIterable {
    case roadVehicle = 0, rail, sea

    public init(_ mode: Mode) {
        switch mode {
        case .road, .ferry: self = .roadVehicle
        case .rail: self = .rail
        case .sea: self = .sea
        }
    }
}

/// Travel time of a link under a profile, as the design says: length / speed for its mode,
/// class, surface and condition; plus the ferry's wait, handling and crossing; plus the border
/// delay when it crosses a border. Costs are data (`profiles.json`), not code.
///
///     let model = CostModel(profile: truck)
///     model.cost(of: nr9).hours   // 4.2
public struct CostModel: Sendable {
    public let profile: Profile

    public init(profile: Profile) { self.profile = profile }

    /// The parts of a link's travel time, in hours.
    public struct LinkCost: Sendable, Hashable {
        /// Time moving (driving, sailing, riding).
        public var movingHours: Double
        /// Ferry wait and handling.
        public var ferryHours: Double
        /// Border formalities.
        public var borderHours: Double
        public var lengthKm: Double
        public var hours: Double { movingHours + ferryHours + borderHours }
    }

    /// Speed in km/h on an edge before delays.
    public func speedKmh(of edge: EdgeRecord) -> Double {
        switch edge.mode {
        case .road:
            let base = profile.roadSpeedKmh[edge.roadClass ?? .secondary] ?? 1
            let surface = profile.surfaceFactor[edge.surface ?? .paved] ?? 1
            let condition = profile.conditionFactor[edge.condition ?? .good] ?? 1
            return base * surface * condition
        case .ferry: return profile.ferryCrossingSpeedKmh
        case .rail: return profile.railSpeedKmh
        case .sea: return profile.seaSpeedKmh
        }
    }

    /// Cost of travelling a whole edge.
    /// - Parameter border: the crossing delays of the edge's link by profile (nil: not a border
    ///   link; empty: the profile's default applies).
    public func cost(of edge: EdgeRecord, border: [ProfileID: Double]?) -> LinkCost {
        let moving = edge.lengthKm / speedKmh(of: edge)
        let ferry = edge.mode == .ferry ? profile.ferryWaitHours + profile.ferryHandlingHours : 0
        let delay = border.map { $0[profile.id] ?? profile.borderDelayHours } ?? 0
        return LinkCost(movingHours: moving, ferryHours: ferry, borderHours: delay, lengthKm: edge.lengthKm)
    }

    /// Cost of travelling the whole link.
    public func cost(of link: Link) -> LinkCost {
        cost(of: EdgeRecord(mode: link.mode, roadClass: link.roadClass, surface: link.surface, condition: link.condition,
                            terrain: link.terrain, lengthKm: link.lengthKm), border: link.borderDelayHours)
    }

    /// The fastest speed of any link under this profile, km/h: A*'s bound (geodesic distance at
    /// this speed can never be beaten).
    public var topSpeedKmh: Double {
        // Factors above 1 would let a road beat its class speed; include them so the bound holds.
        let boost = max(1, profile.surfaceFactor.values.max() ?? 1) * max(1, profile.conditionFactor.values.max() ?? 1)
        let road = (profile.roadSpeedKmh.values.max() ?? 1) * boost
        return max(road, profile.railSpeedKmh, profile.seaSpeedKmh, profile.ferryCrossingSpeedKmh)
    }
}
