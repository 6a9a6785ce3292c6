/// A travel-cost profile (`truck`, `car`): speeds and delays as data, from `profiles.json`.
public struct Profile: Sendable, Hashable, Identifiable {
    /// The unique slug, e.g. `truck`; observations and the CLI's `--profile` name it.
    public var id: ProfileID
    /// The display name.
    public var name: String
    /// The modes this vehicle may travel: a car never boards a freight train.
    public var modes: Set<Mode>
    /// Road speed in km/h by class, on a paved road in good condition on flat land (a track's
    /// speed is already that of a bad road: no surface or condition factor applies to it).
    public var roadSpeedKmh: [RoadClass: Double]
    /// Speed on rail, km/h.
    public var railSpeedKmh: Double
    /// Speed at sea, km/h.
    public var seaSpeedKmh: Double
    /// Speed factor by surface (unpaved below 1), applied to every road class but `track`.
    public var surfaceFactor: [Surface: Double]
    /// Speed factor by condition (poor below 1), applied to every road class but `track`.
    public var conditionFactor: [Condition: Double]
    /// Speed factor by the relief a road crosses (flat 1).
    public var terrainFactor: [Terrain: Double]
    /// Speed in km/h through built-up areas (towns and cities at a link's ends); nil: towns are
    /// driven at the road's speed.
    public var urbanSpeedKmh: Double?
    /// Speed in km/h on a divided highway (two lanes or more each way, a median) outside towns,
    /// where it beats the class speed: heavy traffic can overtake and hold the speed limit there,
    /// which a two-lane trunk road does not allow. Nil: divided roads run at their class speed.
    public var dividedRoadSpeedKmh: Double?
    /// Hours waiting for a ferry at the bank.
    public var ferryWaitHours: Double
    /// Hours loading and unloading the ferry.
    public var ferryHandlingHours: Double
    /// Speed of the crossing itself, km/h.
    public var ferryCrossingSpeedKmh: Double
    /// Border delay in hours when the link gives none for this profile.
    public var borderDelayHours: Double
    /// Handling time in hours when the mode changes at a port.
    public var modeChangeHours: Double
    /// Rest rules and opening hours for door-to-door time; nil: the profile reports driving time only.
    public var schedule: DrivingRules?
    /// Hours to unload and reload the cargo onto a truck of the other country at a border, for
    /// a vehicle without a cross-border permit; nil: the profile never transloads (a car).
    public var transloadHours: Double?
    /// Whether the vehicle holds a cross-border permit (CBTA or bilateral) and so drives through
    /// the border; without one it transloads. Set per query (`--no-permit`), not in the data.
    public var holdsPermit = true

    /// A profile as `profiles.json` gives it; `holdsPermit` starts true and is changed per query.
    /// - Parameters:
    ///   - roadSpeedKmh: km/h by road class; a class left out is driven at 1 km/h, so give them all.
    public init(id: ProfileID, name: String, modes: Set<Mode> = Set(Mode.allCases), roadSpeedKmh: [RoadClass: Double],
                railSpeedKmh: Double, seaSpeedKmh: Double, surfaceFactor: [Surface: Double], conditionFactor: [Condition: Double],
                terrainFactor: [Terrain: Double] = [:], urbanSpeedKmh: Double? = nil,
                ferryWaitHours: Double, ferryHandlingHours: Double, ferryCrossingSpeedKmh: Double,
                borderDelayHours: Double, modeChangeHours: Double, schedule: DrivingRules? = nil, transloadHours: Double? = nil,
                dividedRoadSpeedKmh: Double? = nil) {
        self.id = id; self.name = name; self.modes = modes; self.roadSpeedKmh = roadSpeedKmh; self.railSpeedKmh = railSpeedKmh
        self.seaSpeedKmh = seaSpeedKmh; self.surfaceFactor = surfaceFactor; self.conditionFactor = conditionFactor
        self.terrainFactor = terrainFactor; self.urbanSpeedKmh = urbanSpeedKmh
        self.ferryWaitHours = ferryWaitHours; self.ferryHandlingHours = ferryHandlingHours
        self.ferryCrossingSpeedKmh = ferryCrossingSpeedKmh; self.borderDelayHours = borderDelayHours
        self.modeChangeHours = modeChangeHours; self.schedule = schedule; self.transloadHours = transloadHours
        self.dividedRoadSpeedKmh = dividedRoadSpeedKmh
    }
}

/// The rules that turn driving time into elapsed time on a long trip: breaks, a daily driving
/// limit with a night's rest, and the hours border posts are open.
public struct DrivingRules: Sendable, Hashable {
    /// Longest driving without a break, hours.
    public var maxContinuousDrivingHours: Double
    /// Length of that break, hours.
    public var breakHours: Double
    /// Longest driving in one day, hours.
    public var maxDailyDrivingHours: Double
    /// The rest that ends a driving day, hours.
    public var dailyRestHours: Double
    /// When a border post opens and closes, hours after local midnight (e.g. 6 and 22), where the
    /// crossing gives no hours of its own.
    public var borderOpensHour: Double
    /// When the border post closes, hours after local midnight; see ``borderOpensHour``.
    public var borderClosesHour: Double

    /// Rules in hours, as `profiles.json` gives them.
    public init(maxContinuousDrivingHours: Double, breakHours: Double, maxDailyDrivingHours: Double, dailyRestHours: Double,
                borderOpensHour: Double, borderClosesHour: Double) {
        self.maxContinuousDrivingHours = maxContinuousDrivingHours; self.breakHours = breakHours
        self.maxDailyDrivingHours = maxDailyDrivingHours; self.dailyRestHours = dailyRestHours
        self.borderOpensHour = borderOpensHour; self.borderClosesHour = borderClosesHour
    }
}

/// The range every profile value must lie in, so that no figure in `profiles.json` (or a
/// scenario edit) can turn a travel time into zero, infinity or an overflow. The bounds are
/// generous physical limits, not calibration bounds.
public enum ProfileBounds {
    /// Any speed, km/h: walking pace to a fast train.
    public static let speedKmh: ClosedRange<Double> = 1...300
    /// Any speed factor (surface, condition, terrain).
    public static let factor: ClosedRange<Double> = 0.05...1.5
    /// Any wait, delay, handling or rest, hours: up to three days.
    public static let hours: ClosedRange<Double> = 0...72
    /// Hours of the day.
    public static let hourOfDay: ClosedRange<Double> = 0...24

    /// "0 to 72": a range as the messages that refuse a value name it.
    public static func text(_ range: ClosedRange<Double>) -> String {
        String(format: "%g to %g", range.lowerBound, range.upperBound)
    }
}
