import MekongData

/// A route as it is lived on the road: driving in spells between breaks, a night's rest when the
/// day's driving is done, and waits at border posts that are shut. It turns a route's driving
/// time into door-to-door elapsed time (a logistics firm's "two and a half days" from Bangkok to
/// Hanoi, where the driving alone is a day and a half).
///
///     let schedule = TripSchedule(route: route, rules: truck.schedule!, departureHour: 8)
///     schedule.drivingHours     // 30.9
///     schedule.elapsedHours     // 55.2
///     schedule.stops            // break after 4 h at …, rest at …, wait for the border to open …
///
/// Rules, in travel order along the legs:
/// - driving stops for `breakHours` after `maxContinuousDrivingHours`; any stop at least that
///   long (a border, a ferry) counts as the break;
/// - after `maxDailyDrivingHours` of driving in a day the vehicle rests `dailyRestHours`;
/// - a border post is crossed only between `borderOpensHour` and `borderClosesHour`, local time
///   (the whole region is taken as UTC+7; Myanmar is half an hour behind and Yunnan an hour
///   ahead, which these rules ignore);
/// - border formalities and ferry waits take the times the route gives them.
///
/// - Complexity: O(legs + stops).
public struct TripSchedule: Sendable {
    /// Why a stop is made: a break in driving, the night's rest, or a wait for a border post to open.
    public enum StopKind: String, Sendable { case drivingBreak = "break", dailyRest = "rest", borderClosed = "border-closed" }

    /// A stop the rules impose, beyond the route's own border and ferry times.
    public struct Stop: Sendable, Hashable {
        /// Why the stop is made.
        public var kind: StopKind
        /// Hours from departure when the stop begins.
        public var startsAtHours: Double
        /// How long it lasts, hours.
        public var durationHours: Double
        /// The index in ``Route/legs`` of the leg the stop falls in.
        public var leg: Int
        /// The place the leg it falls in starts from.
        public var near: PlaceID
        /// How far into that leg the stop falls, km (0 at a border post).
        public var kmIntoLeg: Double
    }

    /// Hours at the wheel (moving time).
    public let drivingHours: Double
    /// Departure to arrival, hours.
    public let elapsedHours: Double
    /// The stops, in order; the route's own border and ferry times are not among them.
    public let stops: [Stop]
    /// Local clock hour of departure (0 ≤ h < 24).
    public let departureHour: Double

    /// The schedule of `route` under `rules`.
    /// - Parameters:
    ///   - departureHour: the local clock hour of departure, 0 ≤ h < 24 (UTC+7).
    public init(route: Route, rules: DrivingRules, departureHour: Double) {
        var clock = 0.0, driving = 0.0, spell = 0.0, today = 0.0
        var stops: [Stop] = []
        func hourOfDay() -> Double { (departureHour + clock).truncatingRemainder(dividingBy: 24) }
        for (index, leg) in route.legs.enumerated() {
            let standing = leg.borderHours + leg.waitHours
            if leg.kind == .border {
                let hour = hourOfDay()
                if hour < rules.borderOpensHour || hour >= rules.borderClosesHour {
                    let wait = hour < rules.borderOpensHour ? rules.borderOpensHour - hour : 24 - hour + rules.borderOpensHour
                    stops.append(Stop(kind: .borderClosed, startsAtHours: clock, durationHours: wait, leg: index, near: leg.from, kmIntoLeg: 0))
                    clock += wait
                    // A wait of half a night or more at a shut border is slept through: a new driving day.
                    if wait >= rules.dailyRestHours / 2 { today = 0 }
                    spell = 0
                }
            }
            clock += standing
            if standing >= rules.breakHours { spell = 0 }
            var remaining = max(0, leg.hours - standing)
            let speed = remaining > 0 ? leg.km / remaining : 0
            var done = 0.0
            while remaining > 1e-12 {
                let chunk = min(remaining, rules.maxContinuousDrivingHours - spell, rules.maxDailyDrivingHours - today)
                clock += chunk; driving += chunk; spell += chunk; today += chunk; remaining -= chunk; done += chunk
                guard remaining > 1e-12 else { break }
                if today >= rules.maxDailyDrivingHours - 1e-12 {
                    stops.append(Stop(kind: .dailyRest, startsAtHours: clock, durationHours: rules.dailyRestHours, leg: index,
                                      near: leg.from, kmIntoLeg: done * speed))
                    clock += rules.dailyRestHours
                    today = 0; spell = 0
                } else if spell >= rules.maxContinuousDrivingHours - 1e-12 {
                    stops.append(Stop(kind: .drivingBreak, startsAtHours: clock, durationHours: rules.breakHours, leg: index,
                                      near: leg.from, kmIntoLeg: done * speed))
                    clock += rules.breakHours
                    spell = 0
                }
            }
        }
        self.drivingHours = driving
        self.elapsedHours = clock
        self.stops = stops
        self.departureHour = departureHour
    }
}
