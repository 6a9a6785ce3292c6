import Foundation
import Testing
@testable import MekongData
@testable import MekongNetwork

/// The grid map, lengths in km (hours = km / 60):
///
///     a ──60── b ──60── c
///     │30      │30      │30
///     d ──50── e ──60── f
struct GridMapTests {
    let map: TinyMap = {
        var m = TinyMap()
        m.place("a", 0, 1); m.place("b", 1, 1); m.place("c", 2, 1)
        m.place("d", 0, 0); m.place("e", 1, 0); m.place("f", 2, 0)
        m.road("a", "b", km: 60); m.road("b", "c", km: 60); m.road("a", "d", km: 30)
        m.road("b", "e", km: 30); m.road("c", "f", km: 30); m.road("d", "e", km: 50); m.road("e", "f", km: 60)
        return m
    }()

    func route(_ request: RouteRequest) throws -> (Route, Network) {
        let network = map.network()
        return (try RoutePlanner(network: network).route(request), network)
    }

    @Test func shortestGoesAlongTheBottom() throws {
        let (r, n) = try route(RouteRequest(from: "a", to: "f"))
        #expect(r.placesPassed(in: n) == ["a", "d", "e", "f"])   // 30 + 50 + 60 = 140 km
        #expect(abs(r.km - 140) < 1e-9)
        #expect(abs(r.hours - 140.0 / 60) < 1e-9)
    }

    /// Past its deadline a planner says so, rather than "no route" from an unfinished search.
    @Test func aPlannerPastItsDeadlineSaysSoAndOneWithinItRoutes() throws {
        let network = map.network()
        let late = RoutePlanner(network: network, deadline: Deadline(seconds: 0))
        #expect(throws: RouteError.deadlinePassed) { try late.route(RouteRequest(from: "a", to: "f")) }
        #expect(throws: RouteError.deadlinePassed) { try late.alternatives(RouteRequest(from: "a", to: "f"), count: 2) }
        #expect(throws: RouteError.deadlinePassed) { try Reachability(network: network, from: "a", budgetHours: 2, deadline: Deadline(seconds: 0)) }
        let inTime = try RoutePlanner(network: network, deadline: Deadline(seconds: 3600)).route(RouteRequest(from: "a", to: "f"))
        #expect(abs(inTime.km - 140) < 1e-9)
    }

    @Test func viaAPlaceIsPassedInOrder() throws {
        let (r, n) = try route(RouteRequest(from: "a", to: "f", via: [.place("c")]))
        #expect(r.placesPassed(in: n) == ["a", "b", "c", "f"])   // 60 + 60 + 30 = 150 km
        #expect(abs(r.km - 150) < 1e-9)
    }

    @Test func viaALinkIsCrossedInTheCheaperDirection() throws {
        // Passing b–e from d to c: d→e→b→c is 50 + 30 + 60 = 140; d→a→b→e→… would need to come back.
        let (r, n) = try route(RouteRequest(from: "d", to: "c", via: [.link("b-e")]))
        #expect(r.placesPassed(in: n) == ["d", "e", "b", "c"])
        #expect(abs(r.km - 140) < 1e-9)
    }

    @Test func avoidingAPlaceTakesTheTop() throws {
        let (r, n) = try route(RouteRequest(from: "a", to: "f", avoid: [.place("e")]))
        #expect(r.placesPassed(in: n) == ["a", "b", "c", "f"])
    }

    @Test func avoidingEverythingExplainsWhy() {
        #expect {
            _ = try route(RouteRequest(from: "a", to: "f", avoid: [.place("b"), .place("d")]))
        } throws: { error in
            guard case RouteError.unreachable(let from, let to, let reason) = error else { return false }
            return from == "a" && to == "f" && reason.contains("avoiding place b, place d disconnects it")
        }
    }

    @Test func avoidingAViaPointIsAContradiction() {
        #expect(throws: RouteError.conflict("b is both a point of the route and avoided")) {
            _ = try route(RouteRequest(from: "a", to: "f", via: [.place("b")], avoid: [.place("b")]))
        }
    }

    @Test func alternativesDifferMeaningfully() throws {
        let network = map.network()
        let routes = try RoutePlanner(network: network).alternatives(RouteRequest(from: "a", to: "f"), count: 3)
        #expect(routes.first?.placesPassed(in: network) == ["a", "d", "e", "f"])
        #expect(routes.count >= 2)
        #expect(routes[1].placesPassed(in: network) == ["a", "b", "c", "f"])  // shares no link with the best
    }
}

/// Ferry against bridge, border delays, one-way streets, a change of mode, distance vs time.
struct CostRuleTests {
    /// x and y across a river: a 5 km ferry (1 h wait + 0.5 h handling + 0.5 h crossing = 2 h)
    /// or a road round by z of `detourKm`.
    func riverMap(detourKm: Double) -> TinyMap {
        var m = TinyMap()
        m.place("x", 0, 0); m.place("y", 1, 0); m.place("z", 0.5, 1)
        m.road("x", "y", km: 5, mode: .ferry, id: "ferry")
        m.road("x", "z", km: detourKm / 2); m.road("z", "y", km: detourKm / 2)
        return m
    }

    @Test func shortDetourBeatsTheFerry() throws {
        let n = riverMap(detourKm: 100).network()   // 100 km / 60 = 1.67 h < 2 h
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "x", to: "y")).placesPassed(in: n) == ["x", "z", "y"])
    }

    @Test func longDetourLosesToTheFerry() throws {
        let n = riverMap(detourKm: 150).network()   // 2.5 h > 2 h
        let r = try RoutePlanner(network: n).route(RouteRequest(from: "x", to: "y"))
        #expect(r.links == ["ferry"])
        #expect(abs(r.hours - 2.0) < 1e-9)
        #expect(abs(r.waitHours - 1.5) < 1e-9)
    }

    @Test func avoidingFerriesTakesTheDetour() throws {
        let n = riverMap(detourKm: 150).network()
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "x", to: "y", avoid: [.mode(.ferry)])).links == ["x-z", "z-y"])
    }

    @Test func bridgeReplacesFerryByYearAndProject() throws {
        var m = riverMap(detourKm: 400)
        m.links[0].period.closed = 2015
        m.links[0].retiredBy = "bridge"
        m.road("x", "y", km: 2, bridge: true, opened: 2015, project: "bridge", id: "the-bridge")
        let project = Project(id: "bridge", title: "Bridge", section: "1.1", pillar: 1, countries: ["THA"], kind: "bridge",
                              status: .completed, completed: 2015, sources: ["test"])
        func links(_ year: Int, without: Set<ProjectID> = []) throws -> [LinkID] {
            let n = m.network(year: year, without: without, projects: [project])
            return try RoutePlanner(network: n).route(RouteRequest(from: "x", to: "y")).links
        }
        #expect(try links(2012) == ["ferry"])
        #expect(try links(2016) == ["the-bridge"])
        #expect(try links(2016, without: ["bridge"]) == ["ferry"])
    }

    /// Two crossings between p (THA) and q (LAO): north with a declared 2 h truck delay, 20 km
    /// longer; south with no figure, so the profile's default 3 h applies.
    @Test func borderDelayDecidesTheCrossing() throws {
        var m = TinyMap()
        m.place("p", 0, 0); m.place("n1", 1, 1); m.place("n2", 2, 1, country: "LAO")
        m.place("s1", 1, -1); m.place("s2", 2, -1, country: "LAO"); m.place("q", 3, 0, country: "LAO")
        m.road("p", "n1", km: 60); m.road("n1", "n2", km: 1, border: ["truck": 2], id: "north-crossing"); m.road("n2", "q", km: 60)
        m.road("p", "s1", km: 50); m.road("s1", "s2", km: 1, border: [:], id: "south-crossing"); m.road("s2", "q", km: 50)
        let n = m.network()
        let r = try RoutePlanner(network: n).route(RouteRequest(from: "p", to: "q"))
        #expect(r.links.contains("north-crossing"))           // 121 km / 60 + 2 h = 4.02 h < 101 / 60 + 3 = 4.68 h
        #expect(abs(r.borderHours - 2) < 1e-9)
        let byDistance = try RoutePlanner(network: n).route(RouteRequest(from: "p", to: "q", optimization: .distance))
        #expect(byDistance.links.contains("south-crossing"))  // 101 km < 121 km
    }

    @Test func oneWayIsNotDrivenBackwards() throws {
        var m = TinyMap()
        m.place("u", 0, 0); m.place("v", 1, 0); m.place("w", 0.5, 1)
        m.road("u", "v", km: 10, oneway: true); m.road("v", "w", km: 40); m.road("w", "u", km: 40)
        let n = m.network()
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "u", to: "v")).km == 10)
        #expect(try RoutePlanner(network: n).route(RouteRequest(from: "v", to: "u")).placesPassed(in: n) == ["v", "w", "u"])
    }

    /// Port to port by sea (300 km at 30 km/h = 10 h) plus 12 h handling at each change of mode,
    /// against 1,500 km by road (25 h).
    @Test func changeOfModePaysHandlingAtEachEnd() throws {
        var m = TinyMap()
        m.place("city1", 0, 0); m.place("port1", 1, 0, kind: .port); m.place("port2", 2, 0, kind: .port); m.place("city2", 3, 0)
        m.road("city1", "port1", km: 6); m.road("port1", "port2", km: 300, mode: .sea); m.road("port2", "city2", km: 6)
        m.road("city1", "city2", km: 1500, id: "long-road")
        let n = m.network()
        let r = try RoutePlanner(network: n).route(RouteRequest(from: "city1", to: "city2"))
        #expect(r.links == ["long-road"])                      // 25 h < 0.1 + 12 + 10 + 12 + 0.1 = 34.2 h
        let bySea = try RoutePlanner(network: n).route(RouteRequest(from: "city1", to: "city2", avoid: [.link("long-road")]))
        #expect(abs(bySea.hours - (0.1 + 12 + 10 + 12 + 0.1)) < 1e-9)
        #expect(bySea.legs.filter { $0.kind == .transfer }.count == 2)
    }

    @Test func sameStartAndEndIsRefused() {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0); m.road("a", "b", km: 10)
        #expect(throws: RouteError.self) { _ = try RoutePlanner(network: m.network()).route(RouteRequest(from: "a", to: "a")) }
    }

    @Test func plannedLinkIsExplained() {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0); m.road("a", "b", km: 10, opened: 2030, project: "later", id: "future-road")
        #expect {
            _ = try RoutePlanner(network: m.network(year: 2020)).route(RouteRequest(from: "a", to: "b", via: [.link("future-road")]))
        } throws: { error in
            "\(error)" == "link future-road is not in service: it opens in 2030 and the scenario's year is 2020 (try --with later)"
        }
    }
}
