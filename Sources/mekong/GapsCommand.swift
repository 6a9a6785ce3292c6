import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

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

/// Renders gaps for people, scripts and maps.
enum GapOutput {
    static func value(_ gap: Gap, projects: [ProjectID]? = nil) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": .string(gap.kind.rawValue), "key": .string(gap.key), "places": .array(gap.places.map { .string($0.rawValue) }),
            "links": .array(gap.links.map { .string($0.rawValue) }), "value": gap.value.isFinite ? .number((gap.value * 1000).rounded() / 1000) : .null,
            "threshold": .number(gap.threshold), "unit": .string(gap.unit), "explanation": .string(gap.explanation),
        ]
        if let c = gap.corridor { o["corridor"] = .string(c.rawValue) }
        if let projects { o["projects"] = .array(projects.map { .string($0.rawValue) }) }
        return .object(o)
    }

    static func feature(_ gap: Gap, status: String? = nil, projects: [ProjectID]? = nil) -> Feature {
        guard case .object(var p) = value(gap, projects: projects) else { return Feature(geometry: gap.geometry) }
        if let status { p["status"] = .string(status) }
        return Feature(geometry: gap.geometry, properties: p)
    }

    static func formatted(_ gap: Gap) -> String {
        switch gap.unit {
        case "h": return gap.value.isFinite ? String(format: "%.1f h", gap.value) : "unreachable"
        case "km": return String(format: "%.0f km", gap.value)
        case "ratio": return gap.value.isFinite ? String(format: "%.2f×", gap.value) : "not connected"
        case "share": return String(format: "%.0f%%", gap.value * 100)
        case "break": return "break"
        default: return String(format: "%g %@", gap.value, gap.unit)
        }
    }

    static func table(_ gaps: [Gap]) -> String {
        var out = ""
        for kind in GapKind.allCases {
            // Largest first; pairs cut off before hours added.
            let these = gaps.filter { $0.kind == kind }.sorted { ($0.unit == "pairs cut" ? 1 : 0, $0.value, $1.key) > ($1.unit == "pairs cut" ? 1 : 0, $1.value, $0.key) }
            guard !these.isEmpty else { continue }
            out += "\n\(kind.rawValue) (\(these.count)): \(kind.why)\n"
            for gap in these { out += "  [\(formatted(gap))] \(gap.explanation.components(separatedBy: " — ").first ?? gap.explanation)\n" }
        }
        return out
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
    @Option(name: .customLong("against-year"), help: ArgumentHelp("Compare with the network of this year.", valueName: "year")) var againstYear: Int?
    @Option(name: .customLong("against-with"), help: ArgumentHelp("The compared scenario adds this project (repeatable).", valueName: "project")) var againstWith: [String] = []
    @Option(name: .customLong("against-without"), help: ArgumentHelp("The compared scenario drops this project (repeatable).", valueName: "project")) var againstWithout: [String] = []
    @OptionGroup var thresholdOptions: GapThresholdOptions
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    var comparing: Bool { againstYear != nil || !againstWith.isEmpty || !againstWithout.isEmpty }

    func validate() throws {
        if let againstYear, !ScenarioOptions.years.contains(againstYear) {
            throw ValidationError("--against-year \(againstYear) is outside the years the data covers (\(ScenarioOptions.years.lowerBound)–\(ScenarioOptions.years.upperBound))")
        }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let analysis = GapAnalysis(thresholds: thresholdOptions.thresholds, kinds: kind.isEmpty ? Set(GapKind.allCases) : Set(kind))
            let report: GapAnalysis.Report
            do { report = try analysis.run(network) } catch { throw CLIError.data("gap analysis failed: \(error)") }
            guard comparing else {
                try output.emit(try render(report.gaps, network: network))
                return
            }
            var other = network.scenario
            if let againstYear { other.year = againstYear }
            other.with.formUnion(againstWith.map(ProjectID.init))
            other.without.formUnion(againstWithout.map(ProjectID.init))
            if let unknown = other.unknownProjects(in: network.dataset).first {
                throw CLIError.usage("unknown project \"\(unknown.id)\"; closest: \(unknown.suggestions.joined(separator: ", "))")
            }
            let otherNetwork = Network(plan: network.plan, scenario: other, profile: network.costModel.profile)
            let otherReport: GapAnalysis.Report
            do { otherReport = try analysis.run(otherNetwork) } catch { throw CLIError.data("gap analysis failed: \(error)") }
            let change = GapComparison(before: report, beforeNetwork: network, after: otherReport, afterNetwork: otherNetwork)
            try output.emit(try render(change, before: network.scenario, after: other))
        }
    }

    func describe(_ s: Scenario) -> String {
        var parts = ["\(s.year)"]
        if !s.with.isEmpty { parts.append("with " + s.with.sorted().map(\.rawValue).joined(separator: ", ")) }
        if !s.without.isEmpty { parts.append("without " + s.without.sorted().map(\.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: " ")
    }

    func render(_ gaps: [Gap], network: Network) throws -> String {
        switch output.format {
        case .json: return try JSONOutput.text(["scenario": .string(describe(network.scenario)), "gaps": .array(gaps.map { GapOutput.value($0) })])
        case .geojson: return try GeoJSON.encode(FeatureCollection(features: gaps.map { GapOutput.feature($0) }), fractionDigits: 6)
        case .csv:
            return TextTable.csv(headers: ["kind", "key", "value", "threshold", "unit", "explanation"],
                                 rows: gaps.map { [$0.kind.rawValue, $0.key, $0.value.isFinite ? String($0.value) : "", String($0.threshold), $0.unit, $0.explanation] })
        case .table:
            let counts = GapKind.allCases.map { k in "\(gaps.filter { $0.kind == k }.count) \(k.rawValue)" }.joined(separator: ", ")
            return "Gaps in \(describe(network.scenario)) (\(network.costModel.profile.id)): \(gaps.count) — \(counts)\n" + GapOutput.table(gaps)
        }
    }

    func render(_ change: GapComparison, before: Scenario, after: Scenario) throws -> String {
        switch output.format {
        case .json:
            return try JSONOutput.text([
                "before": .string(describe(before)), "after": .string(describe(after)),
                "closed": .array(change.closed.map { GapOutput.value($0.gap, projects: $0.projects) }),
                "opened": .array(change.opened.map { GapOutput.value($0.gap, projects: $0.projects) }),
                "remaining": .array(change.remaining.map { GapOutput.value($0) }),
            ])
        case .geojson:
            let features = change.closed.map { GapOutput.feature($0.gap, status: "closed", projects: $0.projects) }
                + change.opened.map { GapOutput.feature($0.gap, status: "opened", projects: $0.projects) }
                + change.remaining.map { GapOutput.feature($0, status: "remaining") }
            return try GeoJSON.encode(FeatureCollection(features: features), fractionDigits: 6)
        case .csv:
            let rows = change.closed.map { ["closed", $0.gap.kind.rawValue, $0.gap.key, $0.projects.map(\.rawValue).joined(separator: " "), $0.gap.explanation] }
                + change.opened.map { ["opened", $0.gap.kind.rawValue, $0.gap.key, $0.projects.map(\.rawValue).joined(separator: " "), $0.gap.explanation] }
                + change.remaining.map { ["remaining", $0.kind.rawValue, $0.key, "", $0.explanation] }
            return TextTable.csv(headers: ["status", "kind", "key", "projects", "explanation"], rows: rows)
        case .table:
            var out = "Gaps from \(describe(before)) to \(describe(after)): \(change.closed.count) closed, \(change.opened.count) opened, \(change.remaining.count) remaining\n"
            out += "\nClosed:\n"
            for c in change.closed {
                out += "  [\(c.gap.kind.rawValue) \(GapOutput.formatted(c.gap))] \(c.gap.explanation.components(separatedBy: " — ").first ?? "")"
                out += c.projects.isEmpty ? "\n" : "\n      closed by: \(c.projects.map(\.rawValue).joined(separator: ", "))\n"
            }
            out += "\nOpened:\n"
            for c in change.opened {
                out += "  [\(c.gap.kind.rawValue) \(GapOutput.formatted(c.gap))] \(c.gap.explanation.components(separatedBy: " — ").first ?? "")\n"
            }
            out += "\nRemaining:" + GapOutput.table(change.remaining)
            return out
        }
    }
}
