import Foundation
import TestSupport
import Testing
import GeoCore
@testable import MekongAnalysis
@testable import MekongData
@testable import MekongNetwork

/// Properties that hold whatever the data: checked on random maps (fixed seeds) and the real data.
struct MonotonicityTests {

    @Test(arguments: [21, 22, 23, 24, 25] as [UInt64])
    func addingALinkNeverLengthensAShortestPath(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        var m = AnalysisMap()
        for i in 0..<12 { m.place(PlaceID("c\(i)"), lon: 100 + Double.random(in: 0...3, using: &rng), lat: 10 + Double.random(in: 0...3, using: &rng)) }
        for _ in 0..<18 {
            let a = Int.random(in: 0..<12, using: &rng), b = Int.random(in: 0..<12, using: &rng)
            guard a != b else { continue }
            m.link(PlaceID("c\(a)"), PlaceID("c\(b)"), km: Double.random(in: 10...300, using: &rng), id: LinkID("l\(m.links.count)"))
        }
        let ids = m.places.map(\.id)
        let before = TravelMatrix(network: m.network(), places: ids)
        let a = Int.random(in: 0..<12, using: &rng), b = (a + 1 + Int.random(in: 0..<11, using: &rng)) % 12
        m.link(ids[a], ids[b], km: Double.random(in: 10...300, using: &rng), id: "added")
        let after = TravelMatrix(network: m.network(), places: ids)
        for i in ids.indices { for j in ids.indices { #expect(after.hours[i][j] <= before.hours[i][j]) } }
    }

    /// Dropping a project that only adds or upgrades links can only lengthen trips, so it never
    /// closes a gateway-access or missing-link gap: those gaps with the project are a subset of
    /// those without it.
    @Test func removingALinkProjectNeverClosesATravelTimeGap() throws {
        let dataset = try Dataset.load(from: .directory(PackagePaths.geoData)).dataset
        let truck = try #require(dataset.profile("truck"))
        let analysis = GapAnalysis(kinds: [.seaportAccess, .airportAccess, .missingLink])
        for project in dataset.projects {
            let f = dataset.features(of: project.id)
            guard f.places.isEmpty, !f.links.isEmpty else { continue }
            let with = try analysis.run(Network(dataset: dataset, scenario: Scenario(year: 2012, with: [project.id]), profile: truck))
            let without = try analysis.run(Network(dataset: dataset, scenario: Scenario(year: 2012, without: [project.id]), profile: truck))
            let closedByRemoval = Set(with.gaps.map(\.key)).subtracting(without.gaps.map(\.key))
            #expect(closedByRemoval.isEmpty, "\(project.id): \(closedByRemoval)")
        }
    }
}

/// The real data's answers to the plan's questions.
struct RealDataAnalysisTests {
    let dataset: Dataset
    let truck: Profile
    init() throws {
        dataset = try Dataset.load(from: .directory(PackagePaths.geoData)).dataset
        truck = try #require(dataset.profile("truck"))
    }

    @Test func neakLoeungBridgeClosesTheFerryGapOnTheSouthernCorridor() throws {
        let assessment = try ProjectAssessment(dataset: dataset, profile: truck)
        let neakLoeung = try #require(assessment.assessments.first { $0.project.id == "kh-neak-loeung-bridge" })
        let closed = try #require(neakLoeung.alone?.gapsClosed)
        #expect(closed.contains { $0.kind == .corridorContinuity && $0.corridor == "sec-central" && $0.links.contains("neak-loeung-ferry") })
        #expect((neakLoeung.alone?.weightedHoursSaved ?? 0) > 0)
        // A study builds nothing.
        let study = try #require(assessment.assessments.first { $0.project.id == "bangkok-hanoi-logistics-study" })
        #expect(study.alone == nil && study.reason != nil)
    }

    @Test func hanoiHaiphongExpresswayShortensHanoiToHaiPhong() throws {
        let with = Network(dataset: dataset, scenario: Scenario(year: 2012, with: ["vn-hanoi-haiphong-expressway"]), profile: truck)
        let without = Network(dataset: dataset, scenario: Scenario(year: 2012, without: ["vn-hanoi-haiphong-expressway"]), profile: truck)
        let request = RouteRequest(from: "hanoi", to: "hai-phong")
        #expect(try RoutePlanner(network: with).route(request).hours < (try RoutePlanner(network: without).route(request).hours))
    }

    /// In 2012 the first version said losing Chuong Duong Bridge cut off Hai Phong, though Thanh
    /// Tri Bridge has carried Ring Road 3 over the Red River since 2007: no gap of 2012 may say so.
    @Test func losingChuongDuongBridgeIn2012CutsNoCityOffForThanhTriBridgeIsOpen() throws {
        let report = try GapAnalysis(kinds: [.criticality]).run(Network(dataset: dataset, scenario: Scenario(year: 2012), profile: truck))
        let cutting = report.gaps.filter { $0.unit == .pairsCut }
        #expect(!cutting.isEmpty, "other links still cut cities off in 2012")
        #expect(!cutting.contains { $0.links.contains("chuong-duong-bridge") }, "\(cutting.map(\.key))")
        #expect(dataset.link("thanh-tri-bridge")?.period.contains(year: 2012) == true)
    }

    /// The G8011 Mengzi - Hekou expressway had no opening year, so 2006 routes drove on it; it is
    /// dated 2008 now, and Mengzi - Hekou takes the old road before and the expressway after.
    @Test func mengziToHekouTakesTheExpresswayOnlyOnceItIsOpen() throws {
        func route(_ year: Int) throws -> Route {
            try RoutePlanner(network: Network(dataset: dataset, scenario: Scenario(year: year), profile: truck))
                .route(RouteRequest(from: "mengzi", to: "hekou"))
        }
        #expect(try !route(2006).links.contains("g8011-mengzi-hekou"))
        #expect(try route(2012).links.contains("g8011-mengzi-hekou"))
    }
}
