import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork

struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "The Mekong–Japan Action Plan's projects and the features they built.",
        subcommands: [List.self, Show.self, Assess.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every project with its section, status and year.")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var output: OutputOptions<TableJSONOrCSV>


        func run() throws {
            try reporting {
                let dataset = try dataOptions.load()
                let rows = dataset.projects.map { project -> (Project, Int, Int) in
                    let (places, links, retired) = dataset.features(of: project.id)
                    return (project, places.count + links.count, retired.count)
                }
                switch output.format {
                case .json:
                    try output.emit(try JSONOutput.text(.array(rows.map { project, built, retired in
                        var p = FeatureEncoding.properties(of: project)
                        p["features_built"] = .number(Double(built))
                        p["features_retired"] = .number(Double(retired))
                        return .object(p)
                    })))
                default:
                    let headers = ["id", "section", "kind", "status", "year", "features", "title"]
                    let table = rows.map { project, built, _ in
                        [project.id.rawValue, project.section, project.kind, project.status.rawValue,
                         (project.completed ?? project.expected).map(String.init) ?? "", String(built), project.title]
                    }
                    try output.emit(output.format == .csv ? TextTable.csv(headers: headers, rows: table)
                                    : TextTable.render(headers: headers, rows: table) + "\(rows.count) project(s)\n")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One project: what the plan says, its status, sources and features.")

        @Argument(help: "Project id (see `mekong projects list`).")
        var id: String

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var output: OutputOptions<TableJSONOrGeoJSON>


        func run() throws {
            try reporting {
                let dataset = try dataOptions.load()
                guard let project = dataset.project(ProjectID(id)) ?? dataset.project(ProjectID(id.lowercased())) else {
                    let closest = Suggestions.closest(to: id, among: dataset.projects.map(\.id.rawValue))
                    throw CLIError.usage("unknown project \"\(id)\"; closest: \(closest.joined(separator: ", "))")
                }
                let (places, links, retired) = dataset.features(of: project.id)
                switch output.format {
                case .geojson:
                    var features = places.map(FeatureEncoding.feature) + links.map(FeatureEncoding.feature)
                    features += retired.map { var f = FeatureEncoding.feature(of: $0); f.properties["retired"] = true; return f }
                    try output.emit(try GeoJSON.encode(FeatureCollection(features: features)))
                case .json:
                    var p = FeatureEncoding.properties(of: project)
                    p["plan_text"] = .string(project.planText)
                    p["built"] = .array((places.map(\.id.rawValue) + links.map(\.id.rawValue)).map(JSONValue.string))
                    p["retired"] = .array(retired.map { .string($0.id.rawValue) })
                    try output.emit(try JSONOutput.text(.object(p)))
                default:
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
                    try output.emit(text)
                }
            }
        }
    }
}
