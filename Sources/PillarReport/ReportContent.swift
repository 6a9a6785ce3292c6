import Foundation
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

/// One piece of a report section, rendered the same way in HTML and Markdown.
enum ReportBlock {
    case paragraph(String)
    /// A table; `numeric` columns are right-aligned.
    case table(headers: [String], rows: [[String]], numeric: Set<Int>)
    /// A map: its file name stem, title and SVG.
    case map(name: String, title: String, svg: String)
    /// A long table shown folded in HTML (`<details>`), whole in Markdown.
    case folded(summary: String, block: TableBlock)
}

/// A table kept apart so that `folded` can hold one.
struct TableBlock {
    var headers: [String]
    var rows: [[String]]
    var numeric: Set<Int>
}

/// A titled section of the report.
struct ReportSection {
    var id: String
    var title: String
    var blocks: [ReportBlock]
}

/// The report's content from its computed results: one function per section.
enum ReportContent {
    static func km(_ value: Double) -> String { value.isFinite ? String(format: "%.0f", value) : "–" }
    static func hours(_ value: Double) -> String { TextNumber.clock(value) }

    static func sections(of report: PillarReport) -> [ReportSection] {
        [flagship(report), corridors(report), gaps(report), ranking(report), assumptions(report)]
    }

    static func flagship(_ r: PillarReport) -> ReportSection {
        var blocks: [ReportBlock] = []
        let command = "mekong route bangkok hanoi --via \(PillarReport.flagship.via) --year \(r.scenario.year) --profile \(r.profile.id)"
        switch r.flagshipRoute {
        case .failure(let error):
            blocks.append(.paragraph("In \(r.scenarioDescription) there is no \(r.profile.id) route from Bangkok to Hanoi over the Third Mekong Bridge: \(error)."))
        case .success(let route):
            let borders = route.legs.filter { $0.kind == .border }
            blocks.append(.paragraph("""
                In \(r.scenarioDescription), a \(r.profile.id) goes from Bangkok to Hanoi over the Third Mekong Bridge \
                (Nakhon Phanom – Thakhek) in \(km(route.km)) km and \(hours(route.hours)) (h:mm) of travel, of which \
                \(hours(route.borderHours)) at \(borders.count) border crossings and \(hours(route.waitHours)) waiting for ferries. \
                The same figures come from `\(command)`.
                """))
            let rows = route.legs.enumerated().map { index, leg -> [String] in
                [String(index + 1), r.name(leg.from), r.name(leg.to), leg.kind.rawValue, ([leg.route].compactMap { $0 } + leg.names).joined(separator: "; "),
                 String(format: "%.1f", leg.km), hours(leg.hours), leg.borderHours > 0 ? hours(leg.borderHours) : "",
                 leg.links.map(\.rawValue).joined(separator: ", "), leg.projects.map(\.rawValue).joined(separator: ", ")]
            }
            blocks.append(.table(headers: ["#", "from", "to", "kind", "road", "km", "h:mm", "border h:mm", "links (GeoData ids)", "projects"],
                                 rows: rows, numeric: [0, 5, 6, 7]))
        }
        if let map = r.maps.first(where: { $0.name == "route" }) { blocks.append(.map(name: map.name, title: map.title, svg: map.svg)) }
        return ReportSection(id: "flagship", title: "The flagship route: Bangkok → Hanoi over the Third Mekong Bridge", blocks: blocks)
    }

    static func corridors(_ r: PillarReport) -> ReportSection {
        let rows = r.corridors.map { corridor, result -> [String] in
            switch result {
            case .success(let c):
                return [corridor.id.rawValue, corridor.name, km(c.route.km), hours(c.route.hours), String(c.borderCrossings.count),
                        String(c.ferries.count), String(c.substandard.count), c.projects.map(\.rawValue).joined(separator: ", ")]
            case .failure(let error):
                return [corridor.id.rawValue, corridor.name, "–", "–", "", "", "", "no route: \(error)"]
            }
        }
        return ReportSection(id: "corridors", title: "The corridors in \(r.scenarioDescription)", blocks: [
            .paragraph("Each corridor routed through its waypoints, as `mekong corridor list --year \(r.scenario.year) --profile \(r.profile.id)` does. Substandard legs are unpaved, poor or track sections."),
            .table(headers: ["corridor", "name", "km", "h:mm", "borders", "ferries", "substandard legs", "projects on it"], rows: rows, numeric: [2, 3, 4, 5, 6]),
        ])
    }

    static func gaps(_ r: PillarReport) -> ReportSection {
        let change = r.gaps
        func row(_ gap: Gap, projects: [ProjectID] = []) -> [String] {
            [gap.kind.rawValue, gap.explanation, GapOutput.formatted(gap), String(format: "%g", gap.threshold), projects.map(\.rawValue).joined(separator: ", ")]
        }
        let headers = ["kind", "gap", "value", "threshold", "projects"]
        let counts = GapKind.allCases.map { kind in "\(change.remaining.filter { $0.kind == kind }.count) \(kind.rawValue)" }.joined(separator: ", ")
        var blocks: [ReportBlock] = [
            .paragraph("""
                Between \(r.againstYear) and \(r.scenarioDescription), \(change.closed.count) gaps closed and \(change.opened.count) opened; \
                \(change.remaining.count) remain (\(counts)). A gap is closed by the projects whose features changed between the two \
                networks along it. The same lists come from `mekong gaps --year \(r.againstYear) --against-year \(r.scenario.year) --profile \(r.profile.id)`.
                """),
            .table(headers: headers, rows: change.closed.map { row($0.gap, projects: $0.projects) }, numeric: [2, 3]),
        ]
        if !change.opened.isEmpty {
            blocks.append(.paragraph("Gaps that opened (a road retired, a border closed, a regime in force):"))
            blocks.append(.table(headers: headers, rows: change.opened.map { row($0.gap, projects: $0.projects) }, numeric: [2, 3]))
        }
        blocks.append(.folded(summary: "The \(change.remaining.count) gaps that remain",
                              block: TableBlock(headers: Array(headers.dropLast()), rows: change.remaining.map { Array(row($0).dropLast()) }, numeric: [2, 3])))
        if let map = r.maps.first(where: { $0.name == "gaps" }) { blocks.append(.map(name: map.name, title: map.title, svg: map.svg)) }
        return ReportSection(id: "gaps", title: "Gaps closed and remaining, \(r.againstYear) → \(r.scenario.year)", blocks: blocks)
    }

    static func ranking(_ r: PillarReport) -> ReportSection {
        // The assessment's own ranking, as `projects assess` numbers it: a project without a
        // network effect has a note instead of a rank.
        let rows = r.assessment.assessments.enumerated().map { index, a -> [String] in
            [a.reason == nil ? String(index + 1) : "", a.project.id.rawValue, a.project.title, a.project.status.rawValue,
             a.alone.map { TextNumber.clock($0.weightedHoursSaved) } ?? "–", a.marginal.map { TextNumber.clock($0.weightedHoursSaved) } ?? "–",
             a.alone.map { String($0.gapsClosed.count) } ?? "", a.alone.map { TextNumber.grouped($0.populationNearSeaport) } ?? "",
             a.reason ?? "", a.project.sources.first ?? ""]
        }
        let combined = r.assessment.combined
        return ReportSection(id: "projects", title: "The plan's projects ranked on the \(r.againstYear) network", blocks: [
            .paragraph("""
                Each project is added alone to the \(r.againstYear) network (and, as marginal, removed from the network with all the others) \
                and the fall of the population-weighted mean city-to-city travel time is measured, as `mekong projects assess --base-year \(r.againstYear) \
                --profile \(r.profile.id)` does. All \(r.assessment.networkProjects.count) network projects together save \
                \(TextNumber.hours(combined.weightedHoursSaved)) of it and close \(combined.gapsClosed.count) gaps.
                """),
            .table(headers: ["rank", "project", "title", "status", "mean time saved alone, h:mm", "marginal, h:mm", "gaps closed", "more people near a seaport",
                             "note", "source"], rows: rows, numeric: [0, 4, 5, 6, 7]),
        ])
    }

    static func assumptions(_ r: PillarReport) -> ReportSection {
        let p = r.profile
        var rows = RoadClass.allCases.compactMap { c in p.roadSpeedKmh[c].map { ["road speed, \(c.rawValue)", String(format: "%g km/h", $0)] } }
        rows += [["rail speed", String(format: "%g km/h", p.railSpeedKmh)], ["sea speed", String(format: "%g km/h", p.seaSpeedKmh)],
                 ["urban speed", p.urbanSpeedKmh.map { String(format: "%g km/h", $0) } ?? "none"],
                 ["ferry wait + handling", hours(p.ferryWaitHours + p.ferryHandlingHours)],
                 ["default border delay", hours(p.borderDelayHours)], ["mode change at a port", hours(p.modeChangeHours)]]
        let regimes = r.dataset.links.flatMap { link in link.regimes.map { (link, $0) } }.map { link, regime -> [String] in
            [link.id.rawValue, regime.from.description, regime.until?.description ?? "", regime.rule, regime.source]
        }
        return ReportSection(id: "assumptions", title: "Assumptions and sources", blocks: [
            .paragraph("""
                Travel times use the \(p.id) profile of GeoData/profiles.json, whose `reasoning` gives the source of every value; the \
                profiles are checked against \(r.dataset.observations.count) published observed trips (`mekong calibrate`). The network is \
                GeoData's \(r.dataset.places.count) places and \(r.dataset.links.count) links, each with its source; a link is in service in a year \
                by its `opened` and `closed` years, and a border by its dated regimes below.
                """),
            .table(headers: ["parameter", "value"], rows: rows, numeric: [1]),
            .paragraph("Dated border regimes (read on 1 July of the year unless a date is given):"),
            .table(headers: ["link", "from", "until", "rule", "source"], rows: regimes, numeric: []),
        ])
    }
}
