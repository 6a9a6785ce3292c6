import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongMap
import MekongNetwork
import MekongReports

/// The Pillar 1 story of the Mekong–Japan Action Plan, computed from the data and written for
/// a reader who hands it on: the flagship route, the corridors, the gaps closed and remaining
/// between two years with the projects that closed them, the project ranking, and the
/// assumptions with their sources. Every number comes from the same library calls as the
/// commands (`route`, `corridor list`, `gaps`, `projects assess`), and every row names the ids
/// it was computed from, so it can be traced back to GeoData.
///
///     let report = try PillarReport(dataset: dataset, profile: truck, year: 2026, againstYear: 2012)
///     try report.html().write(to: URL(fileURLWithPath: "report.html"), atomically: true, encoding: .utf8)
public struct PillarReport: Sendable {
    /// The flagship route the plan is built around: Bangkok to Hanoi over the Third Mekong
    /// (Thai–Lao Friendship) Bridge, on the East–West corridor's northern branch.
    public static let flagship = (from: PlaceID("bangkok"), to: PlaceID("hanoi"), via: LinkID("third-thai-lao-friendship-bridge"))

    /// The data it was computed from.
    public let dataset: Dataset
    /// The travel-cost profile.
    public let profile: Profile
    /// The scenario the report describes (its year, with and without).
    public let scenario: Scenario
    /// The year compared against (the plan's 2012).
    public let againstYear: Int
    /// The flagship route in the scenario; nil with the reason when there is none.
    public let flagshipRoute: Result<Route, RouteError>
    /// Each corridor with waypoints routed in the scenario, as `corridor list` routes them.
    public let corridors: [(corridor: Corridor, route: Result<CorridorRoute, RouteError>)]
    /// Gaps closed, opened and remaining between `againstYear` and the scenario.
    public let gaps: GapComparison
    /// The projects ranked by the weighted hours they save on the `againstYear` network.
    public let assessment: ProjectAssessment
    /// The maps, SVG text without its XML declaration: route, comparison.
    public let maps: [(name: String, title: String, svg: String)]
    let network: Network
    let baseNetwork: Network

    /// Computes everything the report shows.
    ///
    /// - Parameters:
    ///   - scenario: the scenario of the report (year, with, without).
    ///   - againstYear: the earlier year the gaps are compared with, and the base year of the
    ///     project assessment.
    /// - Throws: ``PillarReportError`` when an analysis or a map fails.
    /// - Complexity: the sum of the analyses: a route, every corridor, two gap analyses and the
    ///   project assessment (its scenarios in parallel).
    public init(dataset: Dataset, profile: Profile, scenario: Scenario, againstYear: Int) throws(PillarReportError) {
        self.dataset = dataset
        self.profile = profile
        self.scenario = scenario
        self.againstYear = againstYear
        let network = Network(dataset: dataset, scenario: scenario, profile: profile)
        let base = Network(dataset: dataset, scenario: Scenario(year: againstYear), profile: profile)
        self.network = network
        baseNetwork = base
        let planner = RoutePlanner(network: network)
        let request = RouteRequest(from: Self.flagship.from, to: Self.flagship.to, via: [.link(Self.flagship.via)])
        flagshipRoute = Result { () throws(RouteError) -> Route in try planner.route(request) }
        corridors = CorridorListReport(network: network).routed.map { ($0.corridor, $0.result) }
        do {
            let analysis = GapAnalysis()
            let before = try analysis.run(base), after = try analysis.run(network)
            gaps = GapComparison(before: before, beforeNetwork: base, after: after, afterNetwork: network)
            assessment = try ProjectAssessment(dataset: dataset, profile: profile, baseYear: againstYear)
        } catch {
            throw .analysis("\(error)")
        }
        var maps: [(String, String, String)] = []
        do {
            let basemap = try Basemap.load(from: dataset.source)
            let renderer = try MapRenderer(format: .svg, widthPixels: 1000, heightPixels: 750, basemap: basemap)
            if case .success(let route) = flagshipRoute {
                let map = MapBuilder.route([route], request: request, network: network)
                maps.append(("route", map.title, Self.inlineSVG(try renderer.render(map).bytes)))
            }
            let comparison = MapBuilder.comparison(gaps, before: base, after: network)
            maps.append(("gaps", comparison.title, Self.inlineSVG(try renderer.render(comparison).bytes)))
        } catch {
            throw .map("\(error)")
        }
        self.maps = maps
    }

    /// Cairo's SVG with its XML declaration removed, so it can sit inside HTML.
    static func inlineSVG(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        return String(text[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The scenario in words, as `gaps` names it: "2026", "2026 with kh-…".
    public var scenarioDescription: String { GapOutput.describe(scenario) }

    /// The report's content as sections of typed blocks, rendered by ``html()`` and
    /// ``markdown(mapFile:)`` alike, so the two never differ in a number.
    var sections: [ReportSection] { ReportContent.sections(of: self) }

    /// A name of a place for a reader.
    func name(_ place: PlaceID) -> String { dataset.place(place)?.name ?? place.rawValue }
}

/// Why a report could not be made.
public enum PillarReportError: Error, Sendable, CustomStringConvertible {
    /// An analysis failed (GEOS or PROJ), with its message.
    case analysis(String)
    /// A map could not be drawn, with Cairo's or PROJ's message.
    case map(String)

    /// The failure in words.
    public var description: String {
        switch self {
        case .analysis(let message): "the analysis failed: \(message)"
        case .map(let message): "a map could not be drawn: \(message)"
        }
    }
}
