import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// Every Action Plan project with its section, status, year and the features it built.
public struct ProjectListReport: Report {
    /// The data set.
    public let dataset: Dataset
    /// Each project with the count of features it built and retired.
    public let rows: [(project: Project, built: Int, retired: Int)]

    /// The projects of `dataset`.
    public init(dataset: Dataset) {
        self.dataset = dataset
        rows = dataset.projects.map { project in
            let (places, links, retired) = dataset.features(of: project.id)
            return (project, places.count + links.count, retired.count)
        }
    }

    /// Table, JSON and CSV; GeoJSON too (the features of every project), which the CLI leaves
    /// to `projects show` and `export`.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// An array of projects with their properties and feature counts.
    public func json() -> JSONValue {
        .array(rows.map { project, built, retired in
            var p = FeatureEncoding.properties(of: project)
            p["features_built"] = .number(Double(built))
            p["features_retired"] = .number(Double(retired))
            return .object(p)
        })
    }

    /// Every project's features, each carrying its project's id, title and status.
    public func geojson() -> FeatureCollection {
        FeatureCollection(features: dataset.projects.flatMap { project in
            ProjectReport(dataset: dataset, project: project).geojson().features.map { feature in
                var f = feature
                f.properties["project_title"] = .string(project.title)
                f.properties["project_status"] = .string(project.status.rawValue)
                return f
            }
        })
    }

    /// The projects in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: return try ReportJSON.text(json())
        case .geojson: return try ReportJSON.geojson(geojson())
        case .table, .csv:
            let headers = ["id", "section", "kind", "status", "year", "features", "title"]
            let table = rows.map { project, built, _ in
                [project.id.rawValue, project.section, project.kind, project.status.rawValue,
                 (project.completed ?? project.expected).map(String.init) ?? "", String(built), project.title]
            }
            return format == .csv ? TextTable.csv(headers: headers, rows: table)
                : TextTable.render(headers: headers, rows: table, width: tableWidth) + "\(rows.count) project(s)\n"
        }
    }
}

/// One project: what the plan says, its status, sources, and the features it built and retired
/// with the travel times they changed.
public struct ProjectReport: Report {
    /// The data set.
    public let dataset: Dataset
    /// The project.
    public let project: Project

    /// The report of `project` in `dataset`.
    public init(dataset: Dataset, project: Project) {
        self.dataset = dataset
        self.project = project
    }

    /// Table, JSON and GeoJSON.
    public var formats: [OutputFormat] { [.table, .json, .geojson] }

    /// The project's properties, the plan's text and the ids it built and retired.
    public func json() -> JSONValue {
        let (places, links, retired) = dataset.features(of: project.id)
        var p = FeatureEncoding.properties(of: project)
        p["plan_text"] = .string(project.planText)
        p["built"] = .array((places.map(\.id.rawValue) + links.map(\.id.rawValue)).map(JSONValue.string))
        p["retired"] = .array(retired.map { .string($0.id.rawValue) })
        return .object(p)
    }

    /// The features built, then those retired (`retired: true`).
    public func geojson() -> FeatureCollection {
        let (places, links, retired) = dataset.features(of: project.id)
        var features = places.map(FeatureEncoding.feature) + links.map(FeatureEncoding.feature)
        features += retired.map { var f = FeatureEncoding.feature(of: $0); f.properties["retired"] = true; return f }
        return FeatureCollection(features: features)
    }

    /// The project in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .geojson: return try ReportJSON.geojson(geojson())
        case .json: return try ReportJSON.text(json())
        case .csv: throw .unsupported(format)
        case .table: return table()
        }
    }

    /// The project for people.
    public func table() -> String {
        let (places, links, retired) = dataset.features(of: project.id)
        var text = "\(project.title)\n"
        text += "id \(project.id) · section \(project.section) (pillar \(project.pillar)) · \(project.kind) · \(project.countries.joined(separator: ", "))\n"
        text += "status: \(project.status.rawValue)"
        if let y = project.completed { text += ", completed \(y)" }
        if let y = project.expected { text += ", expected \(y)" }
        text += "\n\n\(project.summary)\n\nThe plan: “\(project.planText)”\n"
        if !places.isEmpty || !links.isEmpty {
            text += "\nBuilt or upgraded:\n"
            for p in places { text += "  place \(p.id) — \(p.name)\(p.period.opened.map { " (opened \($0))" } ?? "")\n" }
            let plan = PlanGraph(dataset: dataset)
            for change in ProjectLinkChange.changes(of: project.id, plan: plan) {
                let l = change.link
                text += String(format: "  link  %@ — %@, %.1f km%@\n", l.id.rawValue, l.name, l.lengthKm,
                               l.period.opened.map { " (opened \($0))" } ?? "")
                let times = change.hours.keys.sorted().map { id -> String in
                    let (before, after) = change.hours[id]!
                    guard let before else { return "\(id) \(RouteReport.hours(after))" }
                    let saved = before - after
                    return "\(id) \(RouteReport.hours(before)) → \(RouteReport.hours(after)) (\(saved >= 0 ? "−" : "+")\(RouteReport.hours(abs(saved))))"
                }
                text += "        " + (change.replaced.map { "replaces \($0.id): " } ?? "new: ") + times.joined(separator: ", ") + "\n"
            }
        } else {
            text += "\nNo network features: this project has no place on the route map.\n"
        }
        if !retired.isEmpty {
            text += "\nReplaced:\n"
            for l in retired { text += "  link  \(l.id) — \(l.name)\(l.period.closed.map { " (closed \($0))" } ?? "")\n" }
        }
        text += "\nSources:\n" + project.sources.map { "  - \($0)\n" }.joined()
        return text
    }
}

/// Each project with and without it on a base year: time saved, gaps closed, ranking.
public struct AssessmentReport: Report {
    /// The assessment.
    public let assessment: ProjectAssessment
    /// The data set (for place names).
    public let dataset: Dataset
    /// The profile's id.
    public let profile: String
    /// The seaport threshold of the gap analysis, hours, named in the summary.
    public let seaportHours: Double

    /// A report of `assessment` made on `dataset` with `profile`.
    public init(assessment: ProjectAssessment, dataset: Dataset, profile: String, seaportHours: Double) {
        self.assessment = assessment
        self.dataset = dataset
        self.profile = profile
        self.seaportHours = seaportHours
    }

    /// Table, JSON and CSV; GeoJSON too (the ranked projects' features).
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// One effect (alone, marginal or combined) as JSON.
    public func effectValue(_ e: ProjectAssessment.Effect) -> JSONValue {
        [
            "weighted_hours_saved": .number(Rounded.to(4, e.weightedHoursSaved)),
            "pairs_connected": .number(Double(e.pairsConnected)),
            "population_near_seaport_change": .number(Double(e.populationNearSeaport)),
            "gaps_closed": .array(e.gapsClosed.map { GapOutput.value($0) }),
            "gaps_opened": .array(e.gapsOpened.map { GapOutput.value($0) }),
            "top_pairs": .array(e.topPairs.map { ["from": .string($0.from.rawValue), "to": .string($0.to.rawValue), "hours_saved": .number(Rounded.to(3, $0.hoursSaved))] }),
        ]
    }

    /// The base year, the profile, the combined effect and each project ranked.
    public func json() -> JSONValue {
        let a = assessment
        return [
            "base_year": .number(Double(a.baseYear)), "profile": .string(profile),
            "combined": effectValue(a.combined),
            "projects": .array(a.assessments.enumerated().map { rank, item in
                var o: [String: JSONValue] = ["id": .string(item.project.id.rawValue), "title": .string(item.project.title),
                                              "status": .string(item.project.status.rawValue),
                                              "features_built": .number(Double(item.features.built)), "features_retired": .number(Double(item.features.retired))]
                if let r = item.reason { o["no_network_effect"] = .string(r) } else { o["rank"] = .number(Double(rank + 1)) }
                if let e = item.alone { o["alone"] = effectValue(e) }
                if let e = item.marginal { o["marginal"] = effectValue(e) }
                return .object(o)
            }),
        ]
    }

    /// The features of each project with a network effect, carrying its rank and hours saved.
    public func geojson() -> FeatureCollection {
        var features: [Feature] = []
        for (rank, item) in assessment.assessments.enumerated() where item.reason == nil {
            for var f in ProjectReport(dataset: dataset, project: item.project).geojson().features {
                f.properties["project"] = .string(item.project.id.rawValue)
                f.properties["rank"] = .number(Double(rank + 1))
                f.properties["weighted_hours_saved"] = .number(Rounded.to(4, item.alone?.weightedHoursSaved ?? 0))
                features.append(f)
            }
        }
        return FeatureCollection(features: features)
    }

    /// One row per project: hours saved alone and marginal, gaps, population near a seaport.
    public func csv() -> String {
        let rows = assessment.assessments.map { item -> [String] in
            [item.project.id.rawValue, item.project.status.rawValue,
             item.alone.map { String(format: "%.4f", $0.weightedHoursSaved) } ?? "", item.marginal.map { String(format: "%.4f", $0.weightedHoursSaved) } ?? "",
             item.alone.map { String($0.gapsClosed.count) } ?? "", item.alone.map { String($0.gapsOpened.count) } ?? "",
             item.alone.map { String($0.populationNearSeaport) } ?? "", item.reason ?? ""]
        }
        return TextTable.csv(headers: ["project", "status", "hours_saved_alone", "hours_saved_marginal", "gaps_closed", "gaps_opened", "population_near_seaport_change", "no_network_effect"], rows: rows)
    }

    /// The ranking for people, the combined effect, the gaps each project closes and the
    /// projects without a network effect.
    public func table(width: Int?) -> String {
        let a = assessment
        // h:mm like every table; the saving of a mean over thousands of pairs is often minutes.
        func minutes(_ h: Double) -> String { TextNumber.clock(h) }
        func name(_ id: PlaceID) -> String { dataset.place(id)?.name ?? id.rawValue }
        var out = "Action Plan projects on the \(a.baseYear) network (\(profile)): population-weighted mean city-to-city travel time saved, h:mm\n\n"
        let effective = a.assessments.filter { $0.reason == nil }
        let rows = effective.enumerated().map { rank, item -> [String] in
            let e = item.alone!, m = item.marginal!
            let best = e.topPairs.first.map { "\(name($0.from)) – \(name($0.to)) −\(TextNumber.hours($0.hoursSaved))" } ?? ""
            return [String(rank + 1), item.project.id.rawValue, item.project.status.rawValue, minutes(e.weightedHoursSaved), minutes(m.weightedHoursSaved),
                    String(e.gapsClosed.count), String(e.gapsOpened.count), TextTable.grouped(e.populationNearSeaport), best]
        }
        out += TextTable.render(headers: ["#", "project", "status", "saved", "marginal", "gaps closed", "opened", "pop. near seaport", "gains most"], rows: rows, width: width)
        out += String(format: "\nAll %d network projects together: %@ saved, %d gaps closed, %d opened, %@ more people within %.0f h of a seaport\n",
                      a.networkProjects.count, TextNumber.hours(a.combined.weightedHoursSaved), a.combined.gapsClosed.count, a.combined.gapsOpened.count,
                      TextTable.grouped(a.combined.populationNearSeaport), seaportHours)
        out += "\nGaps each project closes on its own:\n"
        for item in effective where !(item.alone?.gapsClosed.isEmpty ?? true) {
            out += "  \(item.project.id):\n"
            for gap in item.alone!.gapsClosed {
                out += "    - [\(gap.kind.rawValue)] \(gap.finding)\n"
            }
        }
        out += "\nNo network effect:\n"
        for item in a.assessments where item.reason != nil {
            out += "  \(item.project.id) (\(item.project.status.rawValue)): \(item.reason!)\n"
        }
        return out
    }

    /// The assessment in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: return try ReportJSON.text(json())
        case .csv: return csv()
        case .geojson: return try ReportJSON.geojson(geojson())
        case .table: return table(width: tableWidth)
        }
    }
}

/// Places found by a search: in every format, with the distance from the search's centre when
/// there is one.
public struct PlacesReport: Report {
    /// The places, in the order found.
    public let places: [Place]
    /// Kilometres from the search's centre, by place; empty without a centre.
    public let distances: [PlaceID: Double]
    /// Whether the table and CSV carry a distance column.
    public let withDistance: Bool

    /// A report of `places`, with `distances` from a centre when `withDistance`.
    public init(places: [Place], distances: [PlaceID: Double] = [:], withDistance: Bool = false) {
        self.places = places
        self.distances = distances
        self.withDistance = withDistance || !distances.isEmpty
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// An array of places with their properties, coordinates and distance.
    public func json() -> JSONValue {
        .array(places.map { place in
            var p = FeatureEncoding.properties(of: place)
            p["longitude"] = .number(place.coordinate.longitude)
            p["latitude"] = .number(place.coordinate.latitude)
            if let d = distances[place.id] { p["distance_km"] = .number(Rounded.to(3, d)) }
            return .object(p)
        })
    }

    /// A point per place.
    public func geojson() -> FeatureCollection {
        FeatureCollection(features: places.map { place in
            var f = FeatureEncoding.feature(of: place)
            if let d = distances[place.id] { f.properties["distance_km"] = .number(Rounded.to(3, d)) }
            return f
        })
    }

    /// The places in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .geojson: return try ReportJSON.geojson(geojson())
        case .json: return try ReportJSON.text(json())
        case .table, .csv:
            var headers = ["id", "name", "kind", "country", "population", "longitude", "latitude"]
            if withDistance { headers.append("distance_km") }
            let rows = places.map { p -> [String] in
                var row = [p.id.rawValue, p.name, p.kind.rawValue, p.country,
                           p.population.map { format == .csv ? String($0) : TextTable.grouped($0) } ?? "",
                           String(format: "%.5f", p.coordinate.longitude), String(format: "%.5f", p.coordinate.latitude)]
                if withDistance { row.append(String(format: "%.1f", distances[p.id] ?? 0)) }
                return row
            }
            if format == .csv { return TextTable.csv(headers: headers, rows: rows) }
            return TextTable.render(headers: headers, rows: rows, width: tableWidth) + "\(places.count) place(s)\n"
        }
    }
}
