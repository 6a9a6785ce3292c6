/// A travel-cost profile (`truck`, `car`): speeds and delays as data, from `profiles.json`.
public struct Profile: Sendable, Hashable, Identifiable {
    public var id: ProfileID
    public var name: String
    /// Road speed in km/h by class, on a paved road in good condition.
    public var roadSpeedKmh: [RoadClass: Double]
    public var railSpeedKmh: Double
    public var seaSpeedKmh: Double
    public var surfaceFactor: [Surface: Double]
    public var conditionFactor: [Condition: Double]
    public var ferryWaitHours: Double
    public var ferryHandlingHours: Double
    public var ferryCrossingSpeedKmh: Double
    /// Border delay in hours when the link gives none for this profile.
    public var borderDelayHours: Double
    /// Handling time in hours when the mode changes at a port.
    public var modeChangeHours: Double

    public init(id: ProfileID, name: String, roadSpeedKmh: [RoadClass: Double], railSpeedKmh: Double,
                seaSpeedKmh: Double, surfaceFactor: [Surface: Double], conditionFactor: [Condition: Double],
                ferryWaitHours: Double, ferryHandlingHours: Double, ferryCrossingSpeedKmh: Double,
                borderDelayHours: Double, modeChangeHours: Double) {
        self.id = id; self.name = name; self.roadSpeedKmh = roadSpeedKmh; self.railSpeedKmh = railSpeedKmh
        self.seaSpeedKmh = seaSpeedKmh; self.surfaceFactor = surfaceFactor; self.conditionFactor = conditionFactor
        self.ferryWaitHours = ferryWaitHours; self.ferryHandlingHours = ferryHandlingHours
        self.ferryCrossingSpeedKmh = ferryCrossingSpeedKmh; self.borderDelayHours = borderDelayHours
        self.modeChangeHours = modeChangeHours
    }
}
