import Foundation
import Testing
@testable import MekongData
@testable import MekongNetwork

/// Door-to-door time by hand: breaks after 4 h, 10 h of driving a day then 10 h of rest, border
/// posts open 06:00–22:00, 60 km/h on every road of the tiny maps.
struct TripScheduleTests {
    static let rules = DrivingRules(maxContinuousDrivingHours: 4, breakHours: 0.5, maxDailyDrivingHours: 10, dailyRestHours: 10,
                                    borderOpensHour: 6, borderClosesHour: 22)

    /// 720 km, 12 h of driving from 08:00: 4 h, break, 4 h, break, 2 h (the day's 10 h), rest
    /// 10 h, 2 h: 4 + 0.5 + 4 + 0.5 + 2 + 10 + 2 = 23 h.
    @Test func aTwelveHourDriveTakesTwoBreaksAndANight() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 720)
        let route = try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "b"))
        let s = TripSchedule(route: route, rules: Self.rules, departureHour: 8)
        #expect(abs(s.drivingHours - 12) < 1e-9)
        #expect(abs(s.elapsedHours - 23) < 1e-9)
        #expect(s.stops.map(\.kind) == [.drivingBreak, .drivingBreak, .dailyRest])
        #expect(s.stops.map(\.startsAtHours) == [4, 8.5, 11])
        #expect(abs(s.stops[2].kmIntoLeg - 600) < 1e-6)
    }

    /// 300 km (5 h), a border (3 h of formalities in the tiny profile), 60 km (1 h); leaving at
    /// 18:00 the truck reaches the border at 23:30 (4 h, break, 1 h), waits 6.5 h for 06:00,
    /// clears it by 09:00 and arrives at 10:00: 5.5 + 6.5 + 3 + 1 = 16 h.
    @Test func aShutBorderHoldsTheTruckUntilItOpens() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("x", 1, 0); m.place("y", 2, 0, country: "LAO"); m.place("b", 3, 0, country: "LAO")
        m.road("a", "x", km: 300); m.road("x", "y", km: 0, border: [:], id: "crossing"); m.road("y", "b", km: 60)
        m.links[1].declaredLengthKm = 0.000001
        let route = try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "b"))
        let s = TripSchedule(route: route, rules: Self.rules, departureHour: 18)
        #expect(s.stops.map(\.kind) == [.drivingBreak, .borderClosed])
        #expect(abs(s.stops[1].durationHours - 6.5) < 1e-6)
        #expect(abs(s.elapsedHours - 16) < 1e-6)
        #expect(abs(s.drivingHours - 6) < 1e-6)
        // Leaving at 08:00 the border is open at 14:30: no wait, 5.5 + 3 + 1 = 9.5 h.
        let day = TripSchedule(route: route, rules: Self.rules, departureHour: 8)
        #expect(day.stops.map(\.kind) == [.drivingBreak])
        #expect(abs(day.elapsedHours - 9.5) < 1e-6)
    }
}
