import MekongData
import RoutingEngine
import RoutingGraph

/// A profile's costing of any routing graph: which edges it may use (its modes, its
/// restrictions) and what each costs, in hours or km. The same rules as the curated network's
/// ``CostModel``, read from the graph's columns instead of the data's links.
///
///     let costing = ProfileCosting(profile: car, optimization: .time)
///     let weights = EdgeWeights(graph: graph, costing: costing)
///
/// The speed of every combination of mode, class, surface, condition, terrain and divided
/// carriageway is worked out once, by ``CostModel/speedKmh(of:)``, into a table indexed by the
/// columns' bytes (every attribute that function reads but the speed limit): costing an
/// edge is then a lookup, where decoding its record and the profile's hashed dictionaries took
/// three quarters of costing a 10^6-node graph (perf; 0.74 s of `route --network`'s 0.96 s).
public struct ProfileCosting: Costing {
    /// The profile's speeds and delays.
    public let costModel: CostModel
    /// Hours or km.
    public let optimization: Optimization
    /// The year whose network is routed: an edge the plan opened later or closed earlier is not
    /// used (imported edges carry no years and are always in service); nil: every edge.
    public let year: Int?
    /// Speeds outside towns before a speed limit, km/h, at ``speedIndex``; nil for a mode the
    /// profile does not travel.
    private let speeds: [Double?]
    /// The restriction bit that bars this profile (no trucks, or no cars).
    private let barred: UInt8

    /// The modes by code.
    private static let modes = Mode.allCases
    /// Slots per vocabulary in the speed table: each one's cases, and one for absent or unknown.
    private static let sizes = (roadClass: RoadClass.allCases.count + 1, surface: Surface.allCases.count + 1,
                                condition: Condition.allCases.count + 1, terrain: Terrain.allCases.count + 1)

    /// The costing of `profile` minimising `optimization` in `year`.
    public init(profile: Profile, optimization: Optimization, year: Int? = nil) {
        let costModel = CostModel(profile: profile)
        self.costModel = costModel
        self.optimization = optimization
        self.year = year
        barred = profile.id.rawValue == "truck" ? EdgeRestrictions.noTrucks.rawValue : EdgeRestrictions.noCars.rawValue
        var speeds: [Double?] = []
        for mode in Mode.allCases {
            for roadClass in RoadClass.allCases.map(Optional.some) + [nil] {
                for surface in Surface.allCases.map(Optional.some) + [nil] {
                    for condition in Condition.allCases.map(Optional.some) + [nil] {
                        for terrain in Terrain.allCases.map(Optional.some) + [nil] {
                            for divided in [false, true] {
                                let record = EdgeRecord(mode: mode, roadClass: roadClass, surface: surface, condition: condition, terrain: terrain,
                                                        lengthKm: 0, flags: divided ? [.forward, .divided] : [.forward])
                                speeds.append(costModel.allows(mode) ? costModel.speedKmh(of: record) : nil)
                            }
                        }
                    }
                }
            }
        }
        self.speeds = speeds
    }

    /// The table slot of an edge's mode (by code), coded attributes and flags, decoded as
    /// ``EdgeAttributes`` decodes them: an unknown or absent attribute is nil.
    private static func speedIndex(mode m: Int, roadClass: UInt8, surface: UInt8, condition: UInt8, terrain: UInt8, flags: UInt8) -> Int {
        func slot(_ code: UInt8, _ size: Int) -> Int { Int(code) < size - 1 ? Int(code) : size - 1 }
        let divided = EdgeFlags(rawValue: flags).contains(.divided) ? 1 : 0
        return ((((m * sizes.roadClass + slot(roadClass, sizes.roadClass)) * sizes.surface + slot(surface, sizes.surface))
            * sizes.condition + slot(condition, sizes.condition)) * sizes.terrain + slot(terrain, sizes.terrain)) * 2 + divided
    }

    /// Hours (or km) of one edge; nil for a mode the profile does not travel, an edge out of
    /// service in the year, or a restriction that bars it.
    public func weight(of edge: EdgeID, in graph: RoutingGraph) -> Double? {
        let i = Int(edge.index), columns = graph.edges
        // An unknown mode byte reads as a road, as EdgeAttributes decodes it.
        let m = Int(columns.mode[i]) < Self.modes.count ? Int(columns.mode[i]) : Int(Mode.road.code)
        guard let speed = speeds[Self.speedIndex(mode: m, roadClass: columns.roadClass[i], surface: columns.surface[i],
                                                  condition: columns.condition[i], terrain: columns.terrain[i], flags: columns.flags[i])] else { return nil }
        if let year {
            let opened = Int(columns.opened[i]), closed = Int(columns.closed[i])
            if opened != 0 && opened > year { return nil }
            if closed != 0 && closed <= year { return nil }
        }
        if columns.restrictions[i] & barred != 0 { return nil }
        switch optimization {
        case .distance:
            return columns.lengthKm[i]
        case .time:
            let mode = Self.modes[m]
            // A signed limit (OSM maxspeed) caps a road's speed, as CostModel.speedKmh does.
            let limit = columns.maxSpeedKmh[i]
            let capped = mode == .road && limit != 0 ? min(speed, Double(limit)) : speed
            let border = EdgeFlags(rawValue: columns.flags[i]).contains(.border)
            return costModel.cost(mode: mode, lengthKm: columns.lengthKm[i], urbanKm: columns.urbanKm[i], speedKmh: capped,
                                  border: border ? [:] : nil).hours
        }
    }

    /// 1 per km for distance, else the inverse of the profile's top speed (h/km).
    public var lowerBoundPerKm: Double {
        optimization == .distance ? 1 : 1 / costModel.topSpeedKmh
    }
}
