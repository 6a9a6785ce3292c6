import Foundation
import Testing
@testable import MekongData
@testable import MekongNetwork

/// The cost model's rules, each on a map small enough to check by hand (60 km/h on every class
/// but track, 20 km/h on a track).
struct CostModelTests {
    /// a and b joined by a 10 km railway and a 500 km road.
    ///
    ///     a ==rail 10== b
    ///      \__road 500__/
    func railOrRoad() -> TinyMap {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 10, mode: .rail, id: "railway")
        m.road("a", "b", km: 500, id: "road")
        return m
    }

    @Test func aProfileWithRailTakesTheTrainWhenOptimisingDistance() throws {
        let n = railOrRoad().network()
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b", optimization: .distance)).links == ["railway"])
    }

    @Test func aCarNeverBoardsATrain() throws {
        var car = TinyMap.profile
        car.modes = [.road, .ferry]
        let m = railOrRoad()
        let n = Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: car)
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b", optimization: .distance)).links == ["road"])
        // With the road gone there is no way at all, rather than a ride on the train.
        var railOnly = m
        railOnly.links.removeLast()
        let cut = Network(dataset: railOnly.dataset(), scenario: Scenario(year: 2020), profile: car)
        #expect(throws: RouteError.self) { try RoutePlanner(network: cut).route(RouteRequest(from: "a", to: "b")) }
    }

    /// A 20 km unpaved track in poor condition takes 1 h at the track speed of 20 km/h: the
    /// track speed is already that of a bad road, so the unpaved (0.5) and poor (0.5) factors do
    /// not make it 4 h.
    @Test func aTrackIsNotPenalisedTwiceForItsSurfaceAndCondition() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 20, roadClass: .track)
        m.links[0].surface = .unpaved
        m.links[0].condition = .poor
        let r = try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "b"))
        #expect(abs(r.hours - 1.0) < 1e-9)
    }

    /// A primary road that is unpaved still takes the factor: 60 km at 60 × 0.5 = 2 h.
    @Test func anUnpavedRoadOfAnotherClassIsSlowedByItsSurface() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 60, roadClass: .primary)
        m.links[0].surface = .unpaved
        #expect(abs(try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "b")).hours - 2.0) < 1e-9)
    }

    /// 60 km of mountain road at a terrain factor of 0.5 takes 2 h; the same road on the flat, 1 h.
    @Test func mountainTerrainSlowsTheRoadByItsFactor() throws {
        var profile = TinyMap.profile
        profile.terrainFactor = [.flat: 1, .rolling: 0.8, .mountainous: 0.5]
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0); m.place("c", 2, 0)
        m.road("a", "b", km: 60); m.road("b", "c", km: 60)
        m.links[0].terrain = .mountainous
        let n = Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: profile)
        let planner = RoutePlanner(network: n)
        #expect(abs(try planner.route(RouteRequest(from: "a", to: "b")).hours - 2.0) < 1e-9)
        #expect(abs(try planner.route(RouteRequest(from: "b", to: "c")).hours - 1.0) < 1e-9)
    }

    /// An expressway holds its 60 km/h over rolling land (60 km, 1 h) but not over mountains
    /// (factor 0.5: 2 h); an ordinary road on the same rolling land is slowed (factor 0.8: 1.25 h).
    @Test func anExpresswayIsSlowedByMountainsButNotByRollingLand() throws {
        var profile = TinyMap.profile
        profile.terrainFactor = [.flat: 1, .rolling: 0.8, .mountainous: 0.5]
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0); m.place("c", 2, 0); m.place("d", 3, 0)
        m.road("a", "b", km: 60, roadClass: .expressway); m.road("b", "c", km: 60, roadClass: .expressway)
        m.road("c", "d", km: 60, roadClass: .trunk)
        m.links[0].terrain = .rolling; m.links[1].terrain = .mountainous; m.links[2].terrain = .rolling
        let planner = RoutePlanner(network: Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: profile))
        #expect(abs(try planner.route(RouteRequest(from: "a", to: "b")).hours - 1.0) < 1e-9)
        #expect(abs(try planner.route(RouteRequest(from: "b", to: "c")).hours - 2.0) < 1e-9)
        #expect(abs(try planner.route(RouteRequest(from: "c", to: "d")).hours - 1.25) < 1e-9)
    }

    /// A 60 km road whose state holds all traffic to 15 km/h: 4 h for the car that would drive it
    /// in 1 h at 60 km/h; a cap above the class speed changes nothing.
    @Test func aRoadsSpeedCapHoldsEveryVehicleToIt() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 60)
        func hours(cap: Int?) throws -> Double {
            m.links[0].maxSpeedKmh = cap
            let n = Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: TinyMap.profile)
            return try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b")).hours
        }
        #expect(abs(try hours(cap: nil) - 1) < 1e-9)
        #expect(abs(try hours(cap: 15) - 4) < 1e-9)
        #expect(abs(try hours(cap: 100) - 1) < 1e-9)
    }

    /// A trunk road widened to a divided highway in 2019: 90 km at the class's 60 km/h take
    /// 1.5 h in 2018; from 2019, at the profile's 90 km/h divided speed, 1 h. A profile without a
    /// divided speed, or one slower than the class, keeps the class speed.
    @Test func aDividedHighwayRunsAtItsOwnSpeedFromTheYearItWasDivided() throws {
        var profile = TinyMap.profile
        profile.dividedRoadSpeedKmh = 90
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0)
        m.road("a", "b", km: 90)
        m.links[0].dividedSince = 2019
        func hours(_ year: Int, _ profile: Profile) throws -> Double {
            let n = Network(dataset: m.dataset(), scenario: Scenario(year: year), profile: profile)
            return try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b")).hours
        }
        #expect(abs(try hours(2018, profile) - 1.5) < 1e-9)
        #expect(abs(try hours(2019, profile) - 1.0) < 1e-9)
        profile.dividedRoadSpeedKmh = 40
        #expect(abs(try hours(2019, profile) - 1.5) < 1e-9)
        profile.dividedRoadSpeedKmh = nil
        #expect(abs(try hours(2019, profile) - 1.5) < 1e-9)
    }

    /// Two towns of 100,000 people 60 km apart. At 3,500 people per km², each fills a disc of
    /// 28.57 km², radius √(100000 / 3500 / π) = 3.0157 km; those 6.03 km are driven at the
    /// urban 20 km/h and the other 53.97 km at 60 km/h: 0.8995 + 0.3016 = 1.2011 h.
    @Test func builtUpEndsAreDrivenAtTheUrbanSpeed() throws {
        var profile = TinyMap.profile
        profile.urbanSpeedKmh = 20
        var m = TinyMap()
        m.place("a", 0, 0, kind: .city); m.place("b", 1, 0, kind: .city)
        m.places[0].population = 100_000; m.places[1].population = 100_000
        m.road("a", "b", km: 60)
        let n = Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: profile)
        let hours = try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b")).hours
        #expect(abs(hours - 1.2011) < 1e-4)
        // Without an urban speed the towns are driven at the road's speed.
        #expect(abs(try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "b")).hours - 1.0) < 1e-9)
    }

    /// The built-up radius never exceeds half the link at each end: a 4 km link between two
    /// cities of a million (radius 9.5 km each) is all urban, 4 km at 20 km/h = 0.2 h.
    @Test func aShortLinkBetweenBigCitiesIsUrbanButNoMore() throws {
        var profile = TinyMap.profile
        profile.urbanSpeedKmh = 20
        var m = TinyMap()
        m.place("a", 0, 0, kind: .city); m.place("b", 0.1, 0, kind: .city)
        m.places[0].population = 1_000_000; m.places[1].population = 1_000_000
        m.road("a", "b", km: 4)
        let n = Network(dataset: m.dataset(), scenario: Scenario(year: 2020), profile: profile)
        #expect(abs(try RoutePlanner(network: n).route(RouteRequest(from: "a", to: "b")).hours - 0.2) < 1e-9)
    }
}
