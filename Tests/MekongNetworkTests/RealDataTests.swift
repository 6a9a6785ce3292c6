import Foundation
import TestSupport
import Testing
@testable import MekongData
@testable import MekongNetwork

/// The embedded data set's answers to the questions the plan asks.
struct RealDataTests {
    let dataset: Dataset
    let truck: Profile

    init() throws {
        dataset = try Dataset.load(from: .directory(PackagePaths.geoData)).dataset
        truck = try #require(dataset.profile("truck"))
    }

    func route(_ from: PlaceID, _ to: PlaceID, year: Int, via: [Waypoint] = []) throws -> Route {
        let network = Network(dataset: dataset, scenario: Scenario(year: year), profile: truck)
        return try RoutePlanner(network: network).route(RouteRequest(from: from, to: to, via: via))
    }

    @Test func bangkokToHanoiViaTheThirdBridgeCrossesAtThakhek() throws {
        let r = try route("bangkok", "hanoi", year: 2026, via: [.link("third-thai-lao-friendship-bridge")])
        #expect(r.links.contains("third-thai-lao-friendship-bridge"))
        #expect(r.legs.contains { $0.to == "thakhek-border" || $0.from == "thakhek-border" })
        #expect(r.legs.filter { $0.kind == .border }.count == 2)   // Thailand–Lao PDR, Lao PDR–Viet Nam
        #expect(r.km > 1_200 && r.km < 1_700)                         // road distance is about 1,400 km
    }

    @Test func routeTwelveRunsThakhekGnommalatNaPhaoChaLo() throws {
        let r = try route("bangkok", "hanoi", year: 2026, via: [.link("third-thai-lao-friendship-bridge"), .link("na-phao-cha-lo-crossing")])
        let places = Set(r.legs.flatMap { [$0.from, $0.to] })
        #expect(places.isSuperset(of: ["thakhek", "na-phao-border", "cha-lo-border"]))
        #expect(r.legs.contains { $0.route == "NR12" })
    }

    @Test func phnomPenhToHoChiMinhCityFerryIn2012BridgeIn2016() throws {
        let r2012 = try route("phnom-penh", "ho-chi-minh-city", year: 2012)
        let r2016 = try route("phnom-penh", "ho-chi-minh-city", year: 2016)
        #expect(r2012.links.contains("neak-loeung-ferry"))
        #expect(!r2012.links.contains("tsubasa-bridge"))
        #expect(r2016.links.contains("tsubasa-bridge"))
        #expect(!r2016.links.contains("neak-loeung-ferry"))
        #expect(r2016.hours < r2012.hours)
        // The saving is the ferry's wait, handling and crossing against the bridge's drive.
        let profile = truck
        #expect(abs((r2012.hours - r2016.hours) - (profile.ferryWaitHours + profile.ferryHandlingHours)) < 0.5)
    }

    @Test func withoutTheNeakLoeungBridgeTheFerryComesBack() throws {
        let network = Network(dataset: dataset, scenario: Scenario(year: 2016, without: ["kh-neak-loeung-bridge"]), profile: truck)
        let r = try RoutePlanner(network: network).route(RouteRequest(from: "phnom-penh", to: "ho-chi-minh-city"))
        #expect(r.links.contains("neak-loeung-ferry"))
    }

    @Test func everyCorridorIsConnectedToday() throws {
        let network = Network(dataset: dataset, scenario: Scenario(year: 2026), profile: truck)
        for corridor in dataset.corridors where !corridor.waypoints.isEmpty && corridor.requires.isEmpty {
            let routed = try CorridorRoute(corridor: corridor, network: network)
            #expect(routed.route.km > 0, "\(corridor.id)")
        }
    }
}

extension RealDataTests {
    @Test func hanoiToHaiPhongTakesTheExpresswayFrom2016Only() throws {
        let expressway = dataset.links.filter { $0.project == "vn-hanoi-haiphong-expressway" }.map(\.id)
        #expect(!expressway.isEmpty)
        let r2012 = try route("hanoi", "hai-phong", year: 2012)
        let r2016 = try route("hanoi", "hai-phong", year: 2016)
        #expect(!r2012.links.contains { expressway.contains($0) })
        #expect(r2016.links.contains { expressway.contains($0) })
        #expect(r2016.hours <= r2012.hours)
    }
}

/// The impossible answers of the first version, each pinned on the real data.
struct RealDataImpossibilityTests {
    static let dataset = try! Dataset.load(from: .embedded).dataset

    func network(_ scenario: Scenario, profile: ProfileID) -> Network {
        Network(dataset: Self.dataset, scenario: scenario, profile: Self.dataset.profile(profile)!)
    }

    /// `route luang-namtha hanoi --optimize distance --profile car` rode the Laos–China railway.
    @Test func aCarNeverBoardsTheLaosChinaRailway() throws {
        let n = network(Scenario(year: 2026), profile: "car")
        let route = try RoutePlanner(network: n).route(RouteRequest(from: "luang-namtha", to: "hanoi", optimization: .distance))
        #expect(route.links.allSatisfy { n.dataset.link($0)?.mode != .rail })
        #expect(route.legs.allSatisfy { $0.kind != .transfer })
    }

    /// The Thai–Cambodian crossings have been closed since 23 June 2025.
    @Test(arguments: ["truck", "car"] as [ProfileID])
    func noRouteIn2026CrossesTheClosedThaiCambodianBorder(profile: ProfileID) throws {
        let n = network(Scenario(year: 2026), profile: profile)
        let route = try RoutePlanner(network: n).route(RouteRequest(from: "bangkok", to: "phnom-penh"))
        #expect(!route.links.contains("poipet-aranyaprathet-crossing"))
        #expect(!route.links.contains("cham-yeam-hat-lek-crossing"))
        // Before the closure the same trip crosses the Thai–Cambodian border directly.
        let before = try RoutePlanner(network: network(Scenario(year: 2024), profile: profile)).route(RouteRequest(from: "bangkok", to: "phnom-penh"))
        #expect(before.links.contains("poipet-aranyaprathet-crossing") || before.links.contains("cham-yeam-hat-lek-crossing"))
    }

    /// The First Thai–Myanmar Friendship Bridge has been for cars only since the second opened.
    @Test func trucksDoNotUseTheFirstThaiMyanmarFriendshipBridge() throws {
        for year in [2021, 2024, 2026] {
            let n = network(Scenario(year: year), profile: "truck")
            let route = try? RoutePlanner(network: n).route(RouteRequest(from: "mae-sot", to: "hpa-an"))
            #expect(route?.links.contains("first-thai-myanmar-friendship-bridge") != true, "year \(year)")
        }
    }

    /// Lao Bao's single-stop 0.25 h held only from February 2015 to June 2025.
    @Test func theLaoBaoSingleStopDelayHoldsOnlyInItsYears() throws {
        func border(_ year: Int) throws -> Double {
            let n = network(Scenario(year: year), profile: "truck")
            return try RoutePlanner(network: n).route(RouteRequest(from: "savannakhet", to: "dong-ha")).borderHours
        }
        #expect(try border(2020) == 0.25)
        #expect(try border(2012) > 0.25)
        #expect(try border(2026) > 0.25)
    }
}
