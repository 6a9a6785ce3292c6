import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

extension ProjectsCommand {
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Each project with and without it on a base year: time saved, gaps closed, ranking.",
            discussion: """
                For every project with features on the map: the base-year network with it against \
                the one without it (alone), and the full set of projects against the full set \
                without it (marginal: projects interact, a bridge is worth little without its \
                road). Time saved is the fall of the population-weighted mean city-to-city travel \
                time (gravity weights: population × population).
                """
        )

        @Option(name: .customLong("base-year"), help: ArgumentHelp("The network the projects are added to.", valueName: "year"))
        var baseYear: Int = 2012
        @Option(help: ArgumentHelp("Travel-cost profile from profiles.json (truck, car).", valueName: "profile"))
        var profile: String = "truck"
        @Option(name: .customLong("network"), help: ArgumentHelp("A graph file made by `mekong import --plan` to assess the projects on instead of the curated network.", valueName: "file"))
        var networkFile: String?
        @OptionGroup var thresholdOptions: GapThresholdOptions
        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var output: OutputOptions<TableJSONOrCSV>

        func validate() throws {
            try ScenarioOptions.check(baseYear, option: "--base-year")
        }

        func run() throws {
            try reporting {
                let dataset = try dataOptions.load()
                guard let profile = dataset.profile(ProfileID(self.profile)) else {
                    throw CLIError.usage("unknown profile \"\(self.profile)\"; choose \(dataset.profiles.map(\.id.rawValue).joined(separator: ", "))")
                }
                let plan = try networkFile.map { try NetworkOptions.importedPlan(file: $0, dataset: dataset, profile: profile) }
                let assessment: ProjectAssessment
                do {
                    assessment = try ProjectAssessment(dataset: dataset, profile: profile, plan: plan, baseYear: baseYear, thresholds: thresholdOptions.thresholds)
                } catch { throw CLIError.data("assessment failed: \(error)") }
                try output.emit(AssessmentReport(assessment: assessment, dataset: dataset, profile: self.profile, seaportHours: thresholdOptions.seaportHours))
            }
        }
    }
}
