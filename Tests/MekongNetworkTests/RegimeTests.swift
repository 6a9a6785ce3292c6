import Foundation
import Testing
@testable import MekongData
@testable import MekongNetwork

/// Dated regimes at a crossing: closures that end, vehicle rules, delays by period.
///
///     a --60-- x ==border== y --60-- b       (direct: 2 h + the crossing, 3 h by default)
///     a -------------- 420 -------------- b  (round: 7 h, no border)
struct RegimeTests {
    func crossing(_ regimes: [Regime], border: [ProfileID: Double] = [:]) -> TinyMap {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("x", 1, 0); m.place("y", 2, 0, country: "KHM"); m.place("b", 3, 0, country: "KHM")
        m.road("a", "x", km: 60); m.road("y", "b", km: 60)
        m.road("x", "y", km: 0.6, border: border, id: "crossing")
        m.links[2].regimes = regimes
        m.road("a", "b", km: 420, id: "round")
        return m
    }

    static func day(_ text: String) -> DayDate { DayDate(parsing: text)! }

    func route(_ m: TinyMap, on day: String, profile: Profile = TinyMap.profile) throws -> Route {
        let n = Network(dataset: m.dataset(), scenario: Scenario(day: Self.day(day)), profile: profile)
        return try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b"))
    }

    static let closure = Regime(from: day("2025-06-23"), openTo: [], rule: "closed: dispute", source: "test")

    @Test func aClosedCrossingIsNotCrossedWhileTheClosureLasts() throws {
        let m = crossing([Self.closure])
        #expect(try route(m, on: "2025-06-22").links == ["a-x", "crossing", "y-b"])   // 5 h against 7 h
        #expect(try route(m, on: "2025-06-23").links == ["round"])
        #expect(try route(m, on: "2026-07-01").links == ["round"])
    }

    @Test func aCrossingReopensWhenItsClosureEnds() throws {
        var closure = Self.closure
        closure.until = Self.day("2026-01-15")
        let m = crossing([closure])
        #expect(try route(m, on: "2026-01-14").links == ["round"])
        #expect(try route(m, on: "2026-01-15").links == ["a-x", "crossing", "y-b"])
    }

    /// A year-only scenario reads its regimes on 1 July: a closure from 23 June applies to that
    /// year, one from 1 August only to the next.
    @Test func aYearScenarioReadsRegimesOnTheFirstOfJuly() throws {
        let m = crossing([Regime(from: Self.day("2025-08-01"), openTo: [], rule: "closed", source: "test")])
        let n2025 = Network(dataset: m.dataset(), scenario: Scenario(year: 2025), profile: TinyMap.profile)
        #expect(try RoutePlanner(network: n2025).route(RouteRequest(from: "a", to: "b")).links.contains("crossing"))
        let n2026 = Network(dataset: m.dataset(), scenario: Scenario(year: 2026), profile: TinyMap.profile)
        #expect(try RoutePlanner(network: n2026).route(RouteRequest(from: "a", to: "b")).links == ["round"])
    }

    @Test func aCarsOnlyBridgeTurnsTrucksAwayButNotCars() throws {
        let m = crossing([Regime(from: Self.day("2019-10-31"), openTo: ["car"], rule: "cars only", source: "test")])
        #expect(try route(m, on: "2020-01-01").links == ["round"])
        var car = TinyMap.profile
        car.id = "car"
        #expect(try route(m, on: "2020-01-01", profile: car).links == ["a-x", "crossing", "y-b"])
    }

    /// The single-stop period's 0.25 h replaces the link's 3 h only while it lasts.
    @Test func aRegimeDelayAppliesOnlyInItsPeriod() throws {
        let m = crossing([Regime(from: Self.day("2015-02-06"), until: Self.day("2025-06-21"), delayHours: ["truck": 0.25],
                                 rule: "single-stop inspection", source: "test")], border: ["truck": 3])
        let during = try route(m, on: "2016-01-01")
        #expect(abs(during.borderHours - 0.25) < 1e-9)
        #expect(during.legs.first { $0.kind == .border }?.rule == "single-stop inspection")
        let after = try route(m, on: "2025-07-01")
        #expect(abs(after.borderHours - 3) < 1e-9)
        #expect(after.legs.first { $0.kind == .border }?.rule == nil)
    }

    /// A road damaged from 2019 until its repair in 2021 runs at the poor-condition factor (0.5)
    /// only then: a-x, 60 km at 60 km/h, takes 1 h before and after and 2 h during, and the leg
    /// names the rule. The corridor and gap checks read the same dated condition.
    @Test func aDamageRegimeSlowsTheRoadOnlyWhileItLasts() throws {
        var m = crossing([])
        m.links[0].regimes = [Regime(from: Self.day("2019-01-01"), until: Self.day("2021-01-01"), condition: .poor,
                                     rule: "flood damage", source: "test")]
        let before = try route(m, on: "2018-07-01"), during = try route(m, on: "2019-07-01"), after = try route(m, on: "2021-07-01")
        #expect(abs(before.hours - 5.01) < 1e-9)   // 1 + (0.01 + 3 at the crossing) + 1
        #expect(abs(during.hours - before.hours - 1) < 1e-9)
        #expect(abs(after.hours - before.hours) < 1e-9)
        #expect(during.legs.first?.rule == "flood damage")
        #expect(m.links[0].condition(on: Self.day("2020-12-31")) == .poor)
        #expect(m.links[0].condition(on: Self.day("2021-01-01")) == .good)
    }

    /// Asked to cross a closed crossing, the answer names the closure and its day.
    @Test func aRouteThroughAClosedCrossingSaysWhy() {
        let m = crossing([Self.closure])
        let n = Network(dataset: m.dataset(), scenario: Scenario(day: Self.day("2026-03-01")), profile: TinyMap.profile)
        do {
            _ = try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b", via: [.link("crossing")]))
            Issue.record("routed through a closed crossing")
        } catch {
            #expect(error.description.contains("closed from 2025-06-23: closed: dispute"))
        }
    }

    /// With the round road gone, the closed crossing is the only way: "no route" names it and
    /// not some other closed link elsewhere in the data.
    @Test func noRouteNamesTheClosedCrossingThatWouldHaveJoined() {
        var m = crossing([Self.closure])
        m.links.removeLast()
        m.place("far", 5, 5); m.place("far2", 6, 5)
        m.road("far", "far2", km: 10, id: "elsewhere")
        m.links[m.links.count - 1].regimes = [Self.closure]
        let n = Network(dataset: m.dataset(), scenario: Scenario(day: Self.day("2026-03-01")), profile: TinyMap.profile)
        do {
            _ = try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b"))
            Issue.record("found a route across a closed border")
        } catch {
            #expect(error.description.contains("crossing is closed from 2025-06-23"))
            #expect(!error.description.contains("elsewhere"))
        }
    }

    /// A truck with a permit drives through the 3 h border; one without transloads, 1 h more,
    /// and the route says which rule applied.
    @Test func aTruckWithoutAPermitTransloadsAtTheBorder() throws {
        var freight = TinyMap.profile
        freight.transloadHours = 1
        let m = crossing([])
        let through = try route(m, on: "2020-01-01", profile: freight)
        #expect(abs(through.borderHours - 3) < 1e-9)
        #expect(through.legs.first { $0.kind == .border }?.rule?.hasPrefix("through with a cross-border permit") == true)
        freight.holdsPermit = false
        let transloaded = try route(m, on: "2020-01-01", profile: freight)
        #expect(abs(transloaded.borderHours - 4) < 1e-9)
        #expect(transloaded.legs.first { $0.kind == .border }?.rule?.contains("cargo transloaded") == true)
    }
}
