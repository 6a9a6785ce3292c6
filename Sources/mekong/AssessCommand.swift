import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

extension ProjectsCommand {
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
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
        @OptionGroup var thresholdOptions: GapThresholdOptions
        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var output: OutputOptions<TableJSONOrCSV>

        func validate() throws {
            guard ScenarioOptions.years.contains(baseYear) else {
                throw ValidationError("--base-year \(baseYear) is outside the years the data covers (\(ScenarioOptions.years.lowerBound)–\(ScenarioOptions.years.upperBound))")
            }
        }

        func run() throws {
            try reporting {
                let dataset = try dataOptions.load()
                guard let profile = dataset.profile(ProfileID(self.profile)) else {
                    throw CLIError.usage("unknown profile \"\(self.profile)\"; choose \(dataset.profiles.map(\.id.rawValue).joined(separator: ", "))")
                }
                let assessment: ProjectAssessment
                do {
                    assessment = try ProjectAssessment(dataset: dataset, profile: profile, baseYear: baseYear, thresholds: thresholdOptions.thresholds)
                } catch { throw CLIError.data("assessment failed: \(error)") }
                switch output.format {
                case .json: try output.emit(try JSONOutput.text(json(assessment)))
                case .csv: try output.emit(csv(assessment))
                default: try output.emit(table(assessment, dataset: dataset))
                }
            }
        }

        func effectValue(_ e: ProjectAssessment.Effect) -> JSONValue {
            [
                "weighted_hours_saved": .number((e.weightedHoursSaved * 10000).rounded() / 10000),
                "pairs_connected": .number(Double(e.pairsConnected)),
                "population_near_seaport_change": .number(Double(e.populationNearSeaport)),
                "gaps_closed": .array(e.gapsClosed.map { GapOutput.value($0) }),
                "gaps_opened": .array(e.gapsOpened.map { GapOutput.value($0) }),
                "top_pairs": .array(e.topPairs.map { ["from": .string($0.from.rawValue), "to": .string($0.to.rawValue), "hours_saved": .number(($0.hoursSaved * 1000).rounded() / 1000)] }),
            ]
        }

        func json(_ a: ProjectAssessment) -> JSONValue {
            [
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

        func csv(_ a: ProjectAssessment) -> String {
            let rows = a.assessments.map { item -> [String] in
                [item.project.id.rawValue, item.project.status.rawValue,
                 item.alone.map { String(format: "%.4f", $0.weightedHoursSaved) } ?? "", item.marginal.map { String(format: "%.4f", $0.weightedHoursSaved) } ?? "",
                 item.alone.map { String($0.gapsClosed.count) } ?? "", item.alone.map { String($0.gapsOpened.count) } ?? "",
                 item.alone.map { String($0.populationNearSeaport) } ?? "", item.reason ?? ""]
            }
            return TextTable.csv(headers: ["project", "status", "hours_saved_alone", "hours_saved_marginal", "gaps_closed", "gaps_opened", "population_near_seaport_change", "no_network_effect"], rows: rows)
        }

        func table(_ a: ProjectAssessment, dataset: Dataset) -> String {
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
            out += TextTable.render(headers: ["#", "project", "status", "saved", "marginal", "gaps closed", "opened", "pop. near seaport", "gains most"], rows: rows)
            out += String(format: "\nAll %d network projects together: %@ saved, %d gaps closed, %d opened, %@ more people within %.0f h of a seaport\n",
                          a.networkProjects.count, TextNumber.hours(a.combined.weightedHoursSaved), a.combined.gapsClosed.count, a.combined.gapsOpened.count,
                          TextTable.grouped(a.combined.populationNearSeaport), thresholdOptions.seaportHours)
            out += "\nGaps each project closes on its own:\n"
            for item in effective where !(item.alone?.gapsClosed.isEmpty ?? true) {
                out += "  \(item.project.id):\n"
                for gap in item.alone!.gapsClosed {
                    out += "    - [\(gap.kind.rawValue)] \(gap.explanation.components(separatedBy: " — ").first ?? "")\n"
                }
            }
            out += "\nNo network effect:\n"
            for item in a.assessments where item.reason != nil {
                out += "  \(item.project.id) (\(item.project.status.rawValue)): \(item.reason!)\n"
            }
            return out
        }
    }
}
