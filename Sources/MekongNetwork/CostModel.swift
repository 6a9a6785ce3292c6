import MekongData

/// What a route minimises.
public enum Optimization: String, Sendable, CaseIterable {
    case time, distance
}

/// The carrier a traveller is on: a truck stays a truck on a road and on a ferry, but changing
/// to a train or a ship means handling at a terminal.
public enum Carrier: Int, Sendable, CaseIterable {
    case roadVehicle = 0, rail, sea

    /// The carrier that travels a link of `mode`: a road vehicle drives onto a ferry, so both are
    /// ``roadVehicle``.
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
///     model.cost(of: nr9, border: nil).hours   // 4.2 (nr9: the edge's EdgeRecord)
public struct CostModel: Sendable {
    /// The speeds, delays and rules every cost is computed from.
    public let profile: Profile

    /// A cost model for `profile`. Where an edge lacks an attribute it is taken as a secondary,
    /// paved road in good condition on flat land.
    public init(profile: Profile) { self.profile = profile }

    /// The parts of a link's travel time, in hours.
    public struct LinkCost: Sendable, Hashable {
        /// Time moving (driving, sailing, riding).
        public var movingHours: Double
        /// Ferry wait and handling; on a transfer edge of ``Network``, the handling of a change of
        /// carrier (the profile's `modeChangeHours`).
        public var ferryHours: Double
        /// Border formalities.
        public var borderHours: Double
        /// Length of the edge, km.
        public var lengthKm: Double
        /// The whole time: moving, ferry and border parts together.
        public var hours: Double { movingHours + ferryHours + borderHours }
    }

    /// Whether the vehicle unloads and reloads its cargo at every border: it carries freight
    /// (the profile has a transload time) and holds no cross-border permit.
    public var transloads: Bool { profile.transloadHours != nil && !profile.holdsPermit }

    /// The rule a border crossing applies to this vehicle's cargo, nil for a vehicle without
    /// cargo rules (a car).
    public var cargoRule: String? {
        guard let hours = profile.transloadHours else { return nil }
        return profile.holdsPermit ? "through with a cross-border permit (CBTA or bilateral)"
            : String(format: "no cross-border permit: cargo transloaded to a truck of the other country (+%.1f h)", hours)
    }

    /// Whether this profile may travel an edge of `mode` (a car never boards a freight train).
    public func allows(_ mode: Mode) -> Bool { profile.modes.contains(mode) }

    /// Speed in km/h on an edge outside towns, before delays. A road's class speed (or a divided
    /// highway's speed where that is faster) is for a paved road in good condition on flat land;
    /// surface and condition factors then slow it, but not on a track, whose class speed was
    /// observed on bad roads already (applying them again turned a car's 25 km/h into 9 km/h
    /// where about 23 km/h was observed).
    ///
    /// ``ProfileCosting`` tabulates this function by mode, class, surface, condition, terrain and
    /// the divided flag, and applies the speed limit itself: an attribute read here must join its
    /// table (its test compares the two on random edges with every flag).
    public func speedKmh(of edge: EdgeRecord) -> Double {
        switch edge.mode {
        case .road:
            let roadClass = edge.roadClass ?? .secondary
            var speed = profile.roadSpeedKmh[roadClass] ?? 1
            if edge.flags.contains(.divided), roadClass != .expressway, let divided = profile.dividedRoadSpeedKmh { speed = max(speed, divided) }
            if roadClass != .track {
                speed *= profile.surfaceFactor[edge.surface ?? .paved] ?? 1
                speed *= profile.conditionFactor[edge.condition ?? .good] ?? 1
            }
            // An expressway's alignment is built to hold its design speed over rolling land
            // (Vientiane – Vang Vieng: 109 km in about an hour); only mountain sections slow it.
            let terrain = edge.terrain ?? .flat
            if roadClass != .expressway || terrain == .mountainous { speed *= profile.terrainFactor[terrain] ?? 1 }
            // A limit caps the class speed: OSM's maxspeed on imported edges, `max_speed_kmh` on
            // the curated roads whose state sets the pace of all traffic.
            return edge.maxSpeedKmh.map { min(speed, Double($0)) } ?? speed
        case .ferry: return profile.ferryCrossingSpeedKmh
        case .rail: return profile.railSpeedKmh
        case .sea: return profile.seaSpeedKmh
        }
    }

    /// Cost of travelling a whole edge: its rural part at ``speedKmh(of:)``, its built-up part
    /// at the profile's urban speed (never faster than the road), and its delays.
    /// - Parameters:
    ///   - border: the crossing delays of the edge's link by profile (nil: not a border link;
    ///     empty: the profile's default applies).
    ///   - regime: the dated regime in force on the link, whose delays and road condition come first.
    public func cost(of edge: EdgeRecord, border: [ProfileID: Double]?, regime: Regime? = nil) -> LinkCost {
        var edge = edge
        if let condition = regime?.condition { edge.condition = condition }
        return cost(mode: edge.mode, lengthKm: edge.lengthKm, urbanKm: edge.urbanKm, speedKmh: speedKmh(of: edge), border: border, regime: regime)
    }

    /// The same cost from an edge's mode, lengths and ``speedKmh(of:)`` (with the regime's
    /// condition already applied), for a caller that reads them from a graph's columns
    /// (``ProfileCosting``) rather than a record.
    func cost(mode: Mode, lengthKm: Double, urbanKm edgeUrbanKm: Double, speedKmh speed: Double, border: [ProfileID: Double]?,
              regime: Regime? = nil) -> LinkCost {
        let urbanKm = mode == .road && profile.urbanSpeedKmh != nil ? min(edgeUrbanKm, lengthKm) : 0
        let urbanSpeed = min(profile.urbanSpeedKmh ?? speed, speed)
        let moving = (lengthKm - urbanKm) / speed + urbanKm / urbanSpeed
        let ferry = mode == .ferry ? profile.ferryWaitHours + profile.ferryHandlingHours : 0
        var delay = regime?.delayHours[profile.id] ?? border.map { $0[profile.id] ?? profile.borderDelayHours } ?? 0
        if border != nil, transloads { delay += profile.transloadHours ?? 0 }
        return LinkCost(movingHours: moving, ferryHours: ferry, borderHours: delay, lengthKm: lengthKm)
    }

    /// The fastest speed of any link under this profile, km/h: A*'s bound (geodesic distance at
    /// this speed can never be beaten).
    public var topSpeedKmh: Double {
        // Factors above 1 would let a road beat its class speed; include them so the bound holds.
        let boost = max(1, profile.surfaceFactor.values.max() ?? 1) * max(1, profile.conditionFactor.values.max() ?? 1)
            * max(1, profile.terrainFactor.values.max() ?? 1)
        let road = max(profile.roadSpeedKmh.values.max() ?? 1, profile.dividedRoadSpeedKmh ?? 0) * boost
        return max(road, profile.railSpeedKmh, profile.seaSpeedKmh, profile.ferryCrossingSpeedKmh)
    }
}
