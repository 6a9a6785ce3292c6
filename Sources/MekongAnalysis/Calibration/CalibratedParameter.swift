import MekongData

/// A profile value `mekong calibrate --fit` may change, with the range it may move in. The
/// ranges are physical and legal limits, not the starting values ± a margin: a fitted value on
/// a bound says the model lacks something, and the output reports it.
public enum CalibratedParameter: String, Sendable, CaseIterable {
    case expressway, trunk, primary, secondary, track, rolling, mountainous, urban, ferryWait, borderDelay

    /// Where the value sits in `profiles.json`.
    public var path: String {
        switch self {
        case .expressway, .trunk, .primary, .secondary, .track: "speeds_kmh.road.\(rawValue)"
        case .rolling, .mountainous: "terrain_factor.\(rawValue)"
        case .urban: "speeds_kmh.urban"
        case .ferryWait: "ferry.wait_hours"
        case .borderDelay: "border_delay_hours"
        }
    }

    /// The value in a profile.
    public func value(in profile: Profile) -> Double {
        switch self {
        case .expressway: profile.roadSpeedKmh[.expressway] ?? 1
        case .trunk: profile.roadSpeedKmh[.trunk] ?? 1
        case .primary: profile.roadSpeedKmh[.primary] ?? 1
        case .secondary: profile.roadSpeedKmh[.secondary] ?? 1
        case .track: profile.roadSpeedKmh[.track] ?? 1
        case .rolling: profile.terrainFactor[.rolling] ?? 1
        case .mountainous: profile.terrainFactor[.mountainous] ?? 1
        case .urban: profile.urbanSpeedKmh ?? 30
        case .ferryWait: profile.ferryWaitHours
        case .borderDelay: profile.borderDelayHours
        }
    }

    public func set(_ value: Double, in profile: inout Profile) {
        switch self {
        case .expressway: profile.roadSpeedKmh[.expressway] = value
        case .trunk: profile.roadSpeedKmh[.trunk] = value
        case .primary: profile.roadSpeedKmh[.primary] = value
        case .secondary: profile.roadSpeedKmh[.secondary] = value
        case .track: profile.roadSpeedKmh[.track] = value
        case .rolling: profile.terrainFactor[.rolling] = value
        case .mountainous: profile.terrainFactor[.mountainous] = value
        case .urban: profile.urbanSpeedKmh = value
        case .ferryWait: profile.ferryWaitHours = value
        case .borderDelay: profile.borderDelayHours = value
        }
    }

    /// The range the fit may move the value in. Speeds stay within the legal limits of the
    /// region (Thai and Vietnamese expressways 90–120 km/h for cars, 80–90 for trucks) and above
    /// a walking-pace floor for each class; terrain factors between a mountain pass and the flat;
    /// waits between nothing and a holiday queue. Buses are held to the heavy-vehicle limits of
    /// trucks (80–90 km/h on expressways).
    public func bounds(for vehicle: ProfileID) -> ClosedRange<Double> {
        let truck = vehicle == "truck" || vehicle == "bus"
        switch self {
        case .expressway: return truck ? 50...90 : 60...120
        case .trunk: return truck ? 35...80 : 40...100
        case .primary: return truck ? 25...70 : 30...90
        case .secondary: return truck ? 20...60 : 25...75
        case .track: return 8...40
        case .rolling: return 0.6...1.0
        case .mountainous: return 0.3...0.95
        case .urban: return 8...50
        case .ferryWait: return 0.1...3
        case .borderDelay: return 0.25...8
        }
    }
}
