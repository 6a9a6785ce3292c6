import Foundation
import Testing
@testable import MekongData

/// Which features are in service, on the tiny fixture: the ferry until 2015, the bridge from 2015.
struct ScenarioTests {
    let dataset: Dataset
    init() throws { dataset = try Dataset.load(from: .directory(Fixture.tiny)).dataset }

    func crossing(_ scenario: Scenario) -> [String] {
        scenario.links(of: dataset).map(\.id.rawValue).filter { $0.hasSuffix("-ab") }
    }

    @Test func ferryBeforeTheBridgeOpens() { #expect(crossing(Scenario(year: 2014)) == ["ferry-ab"]) }
    @Test func bridgeFromItsOpeningYear() { #expect(crossing(Scenario(year: 2015)) == ["bridge-ab"]) }
    @Test func withoutTheProjectTheFerryStays() {
        #expect(crossing(Scenario(year: 2020, without: ["bridge-project"])) == ["ferry-ab"])
    }
    @Test func withTheProjectTheBridgeComesEarly() {
        #expect(crossing(Scenario(year: 2010, with: ["bridge-project"])) == ["bridge-ab"])
    }
    @Test func unknownProjectIsReportedWithSuggestions() {
        let unknown = Scenario(year: 2020, with: ["bridge-projet"]).unknownProjects(in: dataset)
        #expect(unknown.first?.id == "bridge-projet")
        #expect(unknown.first?.suggestions.first == "bridge-project")
    }

    /// The fixture records 2015 only (the ferry closes and the bridge opens): any other year is
    /// outside what it records, and says so.
    @Test func yearsOutsideTheRecordedOnesAreWarnedAbout() {
        #expect(Scenario(year: 2015).coverageWarning(in: dataset) == nil)
        #expect(Scenario(year: 2010).coverageWarning(in: dataset)?.contains("records openings from 2015 on; the 2010 network") == true)
        #expect(Scenario(year: 2030).coverageWarning(in: dataset)?.contains("last recorded or planned year is 2015") == true)
    }

    @Test func stalledProjectWithoutYearStaysOutUnlessForced() {
        let road = Link(id: "stalled-road", name: "x", from: "town-a", to: "town-b", mode: .road, project: "stalled",
                        source: "test", geometry: [])
        let planned = Scenario(year: 2030)
        #expect(!planned.isInService(period: road.period, project: road.project, retiredBy: nil, unbuilt: true))
        #expect(Scenario(year: 2030, with: ["stalled"]).isInService(period: road.period, project: road.project, retiredBy: nil, unbuilt: true))
    }
}

/// The real GeoData: the Neak Loeung ferry until 2015, the Tsubasa bridge after.
struct RealDataScenarioTests {
    let dataset: Dataset
    init() throws { dataset = try Dataset.load(from: .directory(Fixture.geoData)).dataset }

    func inService(_ id: LinkID, _ year: Int) throws -> Bool {
        let link = try #require(dataset.link(id))
        return Scenario(year: year).isInService(link, in: dataset)
    }

    @Test func neakLoeungFerryIn2012BridgeIn2016() throws {
        let ferry = try #require(dataset.links.first { $0.mode == .ferry && $0.name.localizedCaseInsensitiveContains("Neak Loeung") })
        let bridge = try #require(dataset.links.first { $0.isBridge && $0.project == "kh-neak-loeung-bridge" })
        #expect(try inService(ferry.id, 2012))
        #expect(try !inService(bridge.id, 2012))
        #expect(try !inService(ferry.id, 2016))
        #expect(try inService(bridge.id, 2016))
        #expect(ferry.retiredBy == "kh-neak-loeung-bridge")
    }
}
