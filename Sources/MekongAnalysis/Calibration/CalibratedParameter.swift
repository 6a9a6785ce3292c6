import MekongData

/// A profile value `mekong calibrate --fit` may change, with the range it may move in. The
/// ranges are physical and legal limits, not the starting values ± a margin: a fitted value on
/// a bound says the model lacks something, and the output reports it.
public enum CalibratedParameter: String, Sendable, CaseIterable {
    case expressway, trunk, primary, secondary, track, divided, rolling, mountainous, urban, ferryWait, borderDelay

    /// Where the value sits in `profiles.json`.
    public var path: String {
        switch self {
        case .expressway, .trunk, .primary, .secondary, .track: "speeds_kmh.road.\(rawValue)"
        case .rolling, .mountainous: "terrain_factor.\(rawValue)"
        case .urban: "speeds_kmh.urban"
        case .divided: "speeds_kmh.divided"
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
        case .divided: profile.dividedRoadSpeedKmh ?? profile.roadSpeedKmh[.trunk] ?? 1
        case .ferryWait: profile.ferryWaitHours
        case .borderDelay: profile.borderDelayHours
        }
    }

    /// Writes `value` into the place of `profile` that ``value(in:)`` reads.
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
        case .divided: profile.dividedRoadSpeedKmh = value
        case .ferryWait: profile.ferryWaitHours = value
        case .borderDelay: profile.borderDelayHours = value
        }
    }

    /// What the fit moves for this parameter: the value itself, except on two ladders fitted as
    /// ratios, so that a fit can never make a primary road faster than a trunk road or a
    /// mountain road faster than a rolling one: expressway over trunk, primary over trunk,
    /// secondary over primary, track over secondary; mountainous over rolling.
    public func coordinate(in profile: Profile) -> Double {
        let speed = profile.roadSpeedKmh
        func ratio(_ a: RoadClass, _ b: RoadClass) -> Double { (speed[a] ?? 1) / (speed[b] ?? 1) }
        switch self {
        case .expressway: return ratio(.expressway, .trunk)
        case .primary: return ratio(.primary, .trunk)
        case .secondary: return ratio(.secondary, .primary)
        case .track: return ratio(.track, .secondary)
        case .mountainous: return (profile.terrainFactor[.mountainous] ?? 1) / (profile.terrainFactor[.rolling] ?? 1)
        default: return value(in: profile)
        }
    }

    static let rungs: [CalibratedParameter] = [.expressway, .primary, .secondary, .track, .mountainous]

    /// The profile with these coordinates (the others as in `profile`): class speeds rebuilt
    /// from trunk down the ladder, the mountain factor from the rolling one, and every value then
    /// held within its own bounds (an expressway stays within the legal limits however fast trunk
    /// roads are).
    public static func applying(_ coordinates: [CalibratedParameter: Double], to profile: Profile) -> Profile {
        var ladder = Dictionary(uniqueKeysWithValues: rungs.map { ($0, $0.coordinate(in: profile)) })
        var p = profile
        for (parameter, value) in coordinates {
            if ladder[parameter] != nil { ladder[parameter] = value } else { parameter.set(value, in: &p) }
        }
        func held(_ parameter: CalibratedParameter, _ value: Double) -> Double {
            let b = parameter.bounds(for: profile.id)
            return min(max(value, b.lowerBound), b.upperBound)
        }
        let trunk = p.roadSpeedKmh[.trunk] ?? 1
        p.roadSpeedKmh[.expressway] = held(.expressway, trunk * ladder[.expressway]!)
        p.roadSpeedKmh[.primary] = held(.primary, trunk * ladder[.primary]!)
        p.roadSpeedKmh[.secondary] = held(.secondary, p.roadSpeedKmh[.primary]! * ladder[.secondary]!)
        p.roadSpeedKmh[.track] = held(.track, p.roadSpeedKmh[.secondary]! * ladder[.track]!)
        p.terrainFactor[.mountainous] = held(.mountainous, (p.terrainFactor[.rolling] ?? 1) * ladder[.mountainous]!)
        return p
    }

    /// The range the fit may move the coordinate in: for the ladder, ratios (an expressway up to
    /// 1.6 times trunk speed, each lower class between half and all of the one above; a track
    /// down to a fifth of a secondary road).
    public func coordinateBounds(for vehicle: ProfileID) -> ClosedRange<Double> {
        switch self {
        case .expressway: return 1.0...1.6
        case .primary, .secondary: return 0.5...1.0
        case .track: return 0.2...1.0
        case .mountainous: return 0.4...1.0
        default: return bounds(for: vehicle)
        }
    }

    /// The fitted range in words: "35–80" for a value, "0.5–1 × trunk" for a rung of the ladder.
    public func boundsDescription(for vehicle: ProfileID) -> String {
        let b = coordinateBounds(for: vehicle)
        let parent: String? = switch self {
        case .expressway, .primary: "trunk"
        case .secondary: "primary"
        case .track: "secondary"
        case .mountainous: "rolling"
        default: nil
        }
        return String(format: "%g–%g", b.lowerBound, b.upperBound) + (parent.map { " × \($0)" } ?? "")
    }

    /// The range the fit may move the value in. Speeds stay within the legal limits of the
    /// region (Thai and Vietnamese expressways 90–120 km/h for cars, 80–90 for trucks) and above
    /// a walking-pace floor for each class; terrain factors between a mountain pass and the flat;
    /// waits between nothing and a holiday queue. A divided highway is held to the same limits as
    /// an expressway (Thailand: trucks 80 km/h outside towns since 1979, 90 on barrier-median
    /// four-lane highways since 2021). Buses are held to the heavy-vehicle limits of
    /// trucks (80–90 km/h on expressways).
    public func bounds(for vehicle: ProfileID) -> ClosedRange<Double> {
        let truck = vehicle == "truck" || vehicle == "bus"
        switch self {
        case .expressway: return truck ? 50...90 : 60...120
        case .trunk: return truck ? 35...80 : 40...100
        case .primary: return truck ? 25...70 : 30...90
        case .secondary: return truck ? 20...60 : 25...75
        case .track: return 8...40
        case .divided: return truck ? 50...90 : 60...120
        case .rolling: return 0.6...1.0
        case .mountainous: return 0.3...0.95
        case .urban: return 8...50
        case .ferryWait: return 0.1...3
        case .borderDelay: return 0.25...8
        }
    }
}
