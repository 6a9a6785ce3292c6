import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

extension GapKind: ExpressibleByArgument {}

/// Every threshold of the gap analysis as an option, with its default in --help.
struct GapThresholdOptions: ParsableArguments {
    static let defaults = GapThresholds()

    @Option(name: .customLong("min-population"), help: ArgumentHelp("Cities at least this big are measured.", valueName: "n"))
    var minPopulation: Int = defaults.minimumPopulation
    @Option(name: .customLong("seaport-hours"), help: ArgumentHelp("Gap when the nearest seaport is farther, hours.", valueName: "h"))
    var seaportHours: Double = defaults.seaportHours
    @Option(name: .customLong("airport-hours"), help: ArgumentHelp("Gap when the nearest international airport is farther, hours.", valueName: "h"))
    var airportHours: Double = defaults.airportHours
    @Option(name: .customLong("corridor-km"), help: ArgumentHelp("Gap when every corridor is farther, km.", valueName: "km"))
    var corridorKm: Double = defaults.corridorDistanceKm
    @Option(help: ArgumentHelp("Gap when road km / straight km between cities 40–400 km apart exceeds this.", valueName: "ratio"))
    var circuity: Double = defaults.circuity
    @Option(name: .customLong("border-share"), help: ArgumentHelp("Gap when one crossing takes more than this share of a corridor's time.", valueName: "share"))
    var borderShare: Double = defaults.borderShare
    @Option(name: .customLong("critical-links"), help: ArgumentHelp("Report this many of the links whose loss costs most (besides those that cut places off).", valueName: "n"))
    var criticalLinks: Int = defaults.criticalLinks

    func validate() throws {
        guard minPopulation >= 0 else { throw ValidationError("--min-population must be ≥ 0") }
        for (name, value) in [("--seaport-hours", seaportHours), ("--airport-hours", airportHours), ("--corridor-km", corridorKm)] where !(value > 0) {
            throw ValidationError("\(name) must be a positive number, not \(value)")
        }
        guard circuity > 1 else { throw ValidationError("--circuity must be above 1 (a road is never shorter than the straight line), not \(circuity)") }
        guard borderShare > 0 && borderShare < 1 else { throw ValidationError("--border-share must be between 0 and 1, not \(borderShare)") }
        guard (0...100).contains(criticalLinks) else { throw ValidationError("--critical-links must be 0 to 100") }
    }

    var thresholds: GapThresholds {
        var t = GapThresholds()
        t.minimumPopulation = minPopulation; t.seaportHours = seaportHours; t.airportHours = airportHours
        t.corridorDistanceKm = corridorKm; t.circuity = circuity; t.borderShare = borderShare; t.criticalLinks = criticalLinks
        return t
    }
}

/// `--against-year`, `--against-with`, `--against-without`: the scenario the gaps are compared
/// with, as `gaps` and `map compare` take it.
struct ComparisonOptions: ParsableArguments {
    @Option(name: .customLong("against-year"), help: ArgumentHelp("Compare with the network of this year.", valueName: "year")) var againstYear: Int?
    @Option(name: .customLong("against-with"), help: ArgumentHelp("The compared scenario adds this project (repeatable).", valueName: "project")) var againstWith: [String] = []
    @Option(name: .customLong("against-without"), help: ArgumentHelp("The compared scenario drops this project (repeatable).", valueName: "project")) var againstWithout: [String] = []

    /// Whether a compared scenario is asked for.
    var isGiven: Bool { againstYear != nil || !againstWith.isEmpty || !againstWithout.isEmpty }

    func validate() throws {
        if let againstYear { try ScenarioOptions.check(againstYear, option: "--against-year") }
    }

    /// `base` with the year and projects of the options, every project id checked against the data
    /// (ids are lowercase slugs, as for `--with`).
    func scenario(against base: Scenario, in dataset: Dataset) throws -> Scenario {
        var other = base
        if let againstYear { other.year = againstYear }
        other.with.formUnion(againstWith.map { ProjectID($0.lowercased()) })
        other.without.formUnion(againstWithout.map { ProjectID($0.lowercased()) })
        if let unknown = other.unknownProjects(in: dataset).first {
            throw CLIError.usage("unknown project \"\(unknown.id)\"; closest: \(unknown.suggestions.joined(separator: ", "))")
        }
        return other
    }
}

struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Connectivity gaps of a scenario (Pillar 1), or what changed between two scenarios.",
        discussion: """
            Kinds: seaport-access, airport-access, corridor-coverage, missing-link, corridor-continuity, \
            criticality, border-friction. Compare two scenarios with --against-year (and \
            --against-with/--against-without): the gaps closed, opened and remaining, with the \
            projects responsible. Example: mekong gaps --year 2012 --against-year 2026
            """
    )

    @Option(help: ArgumentHelp("Only these kinds (repeatable).", valueName: "kind")) var kind: [GapKind] = []
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var thresholdOptions: GapThresholdOptions
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func run() throws {
        try reporting {
            let network = try networkOptions.network(importedAllowedIn: "gaps")
            let analysis = GapAnalysis(thresholds: thresholdOptions.thresholds, kinds: kind.isEmpty ? Set(GapKind.allCases) : Set(kind))
            let report: GapAnalysis.Report
            do { report = try analysis.run(network) } catch { throw CLIError.data("gap analysis failed: \(error)") }
            guard comparison.isGiven else {
                try output.emit(GapsReport(gaps: report.gaps, scenario: network.scenario, profile: network.costModel.profile.id))
                return
            }
            let other = try comparison.scenario(against: network.scenario, in: network.dataset)
            let otherNetwork = Network(plan: network.plan, scenario: other, profile: network.costModel.profile)
            let otherReport: GapAnalysis.Report
            do { otherReport = try analysis.run(otherNetwork) } catch { throw CLIError.data("gap analysis failed: \(error)") }
            let change = GapComparison(before: report, beforeNetwork: network, after: otherReport, afterNetwork: otherNetwork)
            try output.emit(GapComparisonReport(change: change, before: network.scenario, after: other))
        }
    }
}
