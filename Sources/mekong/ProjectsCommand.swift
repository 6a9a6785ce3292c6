import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork
import MekongReports

struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "The Mekong–Japan Action Plan's projects and the features they built.",
        subcommands: [List.self, Show.self, Assess.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every project with its section, status and year.")

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var output: OutputOptions<TableJSONOrCSV>


        func run() throws {
            try reporting {
                let dataset = try dataOptions.load()
                try output.emit(ProjectListReport(dataset: dataset))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One project: what the plan says, its status, sources and features.")

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
                try output.emit(ProjectReport(dataset: dataset, project: project))
            }
        }
    }
}
