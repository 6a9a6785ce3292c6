import Foundation
import Testing
import GeoCore
@testable import MekongAnalysis
@testable import MekongData
@testable import MekongNetwork

/// One map for the gap kinds, hours = km / 60:
///
///     port ─30─ west ──────240────── east ─6─ airport        (THA)
///                 │                    │
///                 │ ferry 5 km         ╞═ border 1 km, default 3 h ═ lao (LAO)
///                island                 
///
/// A corridor runs west → east → lao.
struct GapKindTests {
    let map: AnalysisMap = {
        var m = AnalysisMap()
        m.place("port", lon: 100.0, lat: 10.0, kind: .port)
        m.place("west", lon: 100.27, lat: 10.0, population: 100_000)
        m.place("east", lon: 102.5, lat: 10.0, population: 300_000)
        m.place("airport", lon: 102.55, lat: 10.0, kind: .airport)
        m.place("lao", lon: 102.51, lat: 10.0, population: 50_000, country: "LAO")
        m.place("island", lon: 100.27, lat: 9.95, population: 60_000)
        m.place("far-sez", lon: 101.3, lat: 11.0, kind: .sez)
        m.link("port", "west", km: 30)
        m.link("west", "east", km: 240)
        m.link("east", "airport", km: 6)
        m.link("east", "lao", km: 1, border: [:], id: "crossing")
        m.link("west", "island", km: 5, mode: .ferry, id: "island-ferry")
        m.corridors = [Corridor(id: "test-corridor", name: "Test corridor", kind: "gms-economic-corridor", countries: ["THA", "LAO"],
                                waypoints: ["west", "east", "lao"], description: "", source: "test")]
        return m
    }()

    func gaps(_ kinds: Set<GapKind>, _ configure: (inout GapThresholds) -> Void = { _ in }) throws -> [Gap] {
        var t = GapThresholds()
        t.minimumPopulation = 0
        configure(&t)
        return try GapAnalysis(thresholds: t, kinds: kinds).run(map.network()).gaps
    }

    @Test func seaportAccessMeasuresTheFastestPathToAnyPort() throws {
        // east: 240 + 30 km = 4.5 h; lao adds 1 km and the 3 h border: 7.517 h; west 0.5 h; island 0.5 + 2.0 (ferry) = 2.5 h.
        let found = try gaps([.seaportAccess]) { $0.seaportHours = 2 }
        #expect(found.map(\.key) == ["seaport-access:east", "seaport-access:island", "seaport-access:lao"])
        #expect(abs(found[0].value - 4.5) < 1e-9)
        #expect(abs(found[2].value - (271.0 / 60 + 3)) < 1e-9)
    }

    @Test func airportAccessUsesAirports() throws {
        // west: 246 km = 4.1 h; island: 2 h ferry + 4.1 h = 6.1 h; east 0.1 h; lao 3 h + 7 km.
        let found = try gaps([.airportAccess]) { $0.airportHours = 4 }
        #expect(found.map(\.key) == ["airport-access:island", "airport-access:west"])
        #expect(abs(found[1].value - 4.1) < 1e-9)
    }

    @Test func circuityFlagsTheDetourNotTheDirectRoad() throws {
        // west – east: 240 km by road over a geodesic 244.495 km (pyproj: Geod(ellps='WGS84').inv(100.27,10,102.5,10)):
        // the declared road is shorter than the straight line: no gap. A 400 km road would be.
        #expect(try gaps([.missingLink]).isEmpty)
        var longer = map
        longer.links[1].declaredLengthKm = 600
        var t = GapThresholds(); t.minimumPopulation = 0
        let found = try GapAnalysis(thresholds: t, kinds: [.missingLink]).run(longer.network()).gaps
        // Every pair across the 600 km road: west and island against east and lao.
        #expect(found.map(\.key) == ["missing-link:east:island", "missing-link:east:west", "missing-link:island:lao", "missing-link:lao:west"])
        let eastWest = try #require(found.first { $0.key == "missing-link:east:west" })
        #expect(abs(eastWest.value - 600 / 244.495) < 1e-5)
    }

    @Test func corridorCoverageFindsTheFarEconomicZone() throws {
        let found = try gaps([.corridorCoverage]) { $0.corridorDistanceKm = 50 }
        // far-sez is 1° of latitude north of the corridor line along lat 10: 110.6 km (pyproj inv(101.3,11,101.3,10)).
        #expect(found.map(\.key) == ["corridor-coverage:far-sez"])
        #expect(abs(found[0].value - 110.6) < 1.5)
    }

    @Test func borderFrictionIsTheShareOfTheCorridorTime() throws {
        // Corridor west → east → lao: 4 h + (1 km / 60 + 3 h) = 7.0167 h; the border is 3 h of it.
        let found = try gaps([.borderFriction]) { $0.borderShare = 0.3 }
        #expect(found.count == 1)
        #expect(abs(found[0].value - 3 / (240.0 / 60 + 1.0 / 60 + 3)) < 1e-9)
        #expect(try gaps([.borderFriction]) { $0.borderShare = 0.5 }.isEmpty)
    }

    @Test func continuityFlagsFerriesAndUnpavedSections() throws {
        var m = map
        m.links[1].surface = .unpaved
        var t = GapThresholds(); t.minimumPopulation = 0
        let found = try GapAnalysis(thresholds: t, kinds: [.corridorContinuity]).run(m.network()).gaps
        #expect(found.map(\.links) == [["west-east"]])
        #expect(found.first?.explanation.contains("unpaved") == true)
    }

    @Test func criticalityCountsTheCitiesCutOff() throws {
        // Losing the ferry cuts the island off from the 3 other cities, both directions: 6 ordered pairs.
        let found = try gaps([.criticality])
        let ferry = try #require(found.first { $0.links == ["island-ferry"] })
        #expect(ferry.value == 6)
        #expect(ferry.unit == .pairsCut && ferry.threshold == 0)
        #expect(ferry.places.contains("island"))
        // The west–east road splits the cities into {west, island} and {east, lao}:
        let road = try #require(found.first { $0.links == ["west-east"] })
        #expect(road.value == 8)   // {west, island} × {east, lao} × 2 directions
    }
}

struct AssessmentTests {
    /// Two cities across a river: a ferry (1 h wait + 0.5 h handling + 0.5 h for 5 km) until the
    /// bridge project opens in 2015 (2 km at 60 km/h = 0.0333 h), with 60 km of road either side.
    func riverMap() -> AnalysisMap {
        var m = AnalysisMap()
        m.place("a", lon: 100, lat: 10, population: 100_000); m.place("b", lon: 101.2, lat: 10, population: 300_000)
        m.place("bank-a", lon: 100.6, lat: 10, kind: .junction); m.place("bank-b", lon: 100.62, lat: 10, kind: .junction)
        m.link("a", "bank-a", km: 60); m.link("bank-b", "b", km: 60)
        m.link("bank-a", "bank-b", km: 5, mode: .ferry, closed: 2015, retiredBy: "bridge", id: "ferry")
        m.link("bank-a", "bank-b", km: 2, bridge: true, opened: 2015, project: "bridge", id: "the-bridge")
        m.projects = [
            Project(id: "bridge", title: "Bridge", section: "1.1", pillar: 1, countries: ["THA"], kind: "bridge", status: .completed, completed: 2015, sources: ["t"]),
            Project(id: "a-study", title: "A study", section: "1.1", pillar: 1, countries: ["THA"], kind: "study", status: .study, sources: ["t"]),
        ]
        m.corridors = [Corridor(id: "c", name: "C", kind: "gms-economic-corridor", countries: ["THA"], waypoints: ["a", "b"], description: "", source: "t")]
        return m
    }

    @Test func bridgeSavesTheFerryTimeAndClosesTheFerryGap() throws {
        var t = GapThresholds(); t.minimumPopulation = 0
        let assessment = try ProjectAssessment(dataset: riverMap().dataset, profile: AnalysisMap.profile, baseYear: 2012, thresholds: t)
        let bridge = try #require(assessment.assessments.first { $0.project.id == "bridge" })
        let effect = try #require(bridge.alone)
        // Two cities: the weighted mean is the a–b time. Saving = (1 + 0.5 + 5/10) − 2/60 h.
        #expect(abs(effect.weightedHoursSaved - (2.0 - 2.0 / 60)) < 1e-9)
        #expect(effect.gapsClosed.contains { $0.kind == .corridorContinuity && $0.links == ["ferry"] })
        #expect(effect.gapsOpened.isEmpty)
        #expect(abs(assessment.combined.weightedHoursSaved - effect.weightedHoursSaved) < 1e-9)
    }

    @Test func studyHasNoNetworkEffect() throws {
        let assessment = try ProjectAssessment(dataset: riverMap().dataset, profile: AnalysisMap.profile, baseYear: 2012)
        let study = try #require(assessment.assessments.first { $0.project.id == "a-study" })
        #expect(study.alone == nil)
        #expect(study.reason == "a study: it builds nothing on the map")
        #expect(assessment.assessments.last?.project.id == "a-study")   // ranked after every effective project
    }

    /// Past the deadline the analyses throw instead of returning what an unfinished search left
    /// (the server would otherwise cache it); within it the answer is the one without a deadline.
    @Test func analysesPastTheirDeadlineThrowAndWithinItAnswerAsWithout() throws {
        let m = riverMap()
        var t = GapThresholds(); t.minimumPopulation = 0
        let network = m.network(Scenario(year: 2012))
        #expect(throws: AnalysisError.deadlinePassed) { try GapAnalysis(thresholds: t).run(network, deadline: Deadline(seconds: 0)) }
        #expect(throws: AnalysisError.deadlinePassed) {
            try ProjectAssessment(dataset: m.dataset, profile: AnalysisMap.profile, baseYear: 2012, thresholds: t, deadline: Deadline(seconds: 0))
        }
        let inTime = try GapAnalysis(thresholds: t).run(network, deadline: Deadline(seconds: 3600))
        #expect(inTime.gaps.map(\.key) == (try GapAnalysis(thresholds: t).run(network)).gaps.map(\.key))
        #expect(!inTime.gaps.isEmpty)
        #expect(Criticality(network: network, accessibility: inTime.accessibility, deadline: Deadline(seconds: 0)).impacts().isEmpty)
    }

    @Test func gapComparisonNamesTheProjectThatClosedTheGap() throws {
        let m = riverMap()
        var t = GapThresholds(); t.minimumPopulation = 0
        let analysis = GapAnalysis(thresholds: t)
        let before = m.network(Scenario(year: 2012)), after = m.network(Scenario(year: 2016))
        let change = GapComparison(before: try analysis.run(before), beforeNetwork: before, after: try analysis.run(after), afterNetwork: after)
        let ferry = try #require(change.closed.first { $0.gap.kind == .corridorContinuity })
        #expect(ferry.projects == ["bridge"])
    }

    /// A port beside b, and a ferry that keeps running after the bridge opens: from a, the ferry
    /// makes the port 4.0 h away, over the 3 h threshold; the bridge brings it to 2.05 h. The
    /// closed seaport gap names the bridge, read off a's path to its nearest seaport after the
    /// change (over the bridge): the ferry's path before it names no project.
    @Test func aSeaportGapClosedByABridgeNamesTheBridge() throws {
        var m = riverMap()
        m.links.removeAll { $0.id == "ferry" }
        m.link("bank-a", "bank-b", km: 5, mode: .ferry, id: "ferry")
        m.place("port", lon: 101.21, lat: 10, kind: .port)
        m.link("b", "port", km: 1)
        var t = GapThresholds(); t.minimumPopulation = 0; t.seaportHours = 3
        let analysis = GapAnalysis(thresholds: t)
        let before = m.network(Scenario(year: 2012)), after = m.network(Scenario(year: 2016))
        let (earlier, later) = (try analysis.run(before), try analysis.run(after))
        let change = GapComparison(before: earlier, beforeNetwork: before, after: later, afterNetwork: after)
        let seaport = try #require(change.closed.first { $0.gap.kind == .seaportAccess })
        #expect(seaport.gap.places == ["a", "port"])
        #expect(seaport.projects == ["bridge"])
        let a = try #require(later.accessibility.cities.firstIndex { $0.id == "a" })
        #expect(later.accessibility.seaport[a]?.links.contains("the-bridge") == true)
    }
}
