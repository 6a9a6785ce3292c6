import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// The pieces every gap rendering shares: a gap as JSON, as a feature, its value in words.
public enum GapOutput {
    /// A gap as a JSON object; `projects` adds the projects that closed or opened it.
    public static func value(_ gap: Gap, projects: [ProjectID]? = nil) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": .string(gap.kind.rawValue), "key": .string(gap.key), "places": .array(gap.places.map { .string($0.rawValue) }),
            "links": .array(gap.links.map { .string($0.rawValue) }), "value": gap.value.isFinite ? .number(Rounded.to(3, gap.value)) : .null,
            "threshold": .number(gap.threshold), "unit": .string(gap.unit.rawValue), "explanation": .string(gap.explanation),
        ]
        if let c = gap.corridor { o["corridor"] = .string(c.rawValue) }
        if let projects { o["projects"] = .array(projects.map { .string($0.rawValue) }) }
        return .object(o)
    }

    /// A gap as a feature with the properties of ``value(_:projects:)`` and an optional status.
    public static func feature(_ gap: Gap, status: String? = nil, projects: [ProjectID]? = nil) -> Feature {
        guard case .object(var p) = value(gap, projects: projects) else { return Feature(geometry: gap.geometry) }
        if let status { p["status"] = .string(status) }
        return Feature(geometry: gap.geometry, properties: p)
    }

    /// The measured value for people: "9.2 h", "64 km", "2.10×", "31%".
    public static func formatted(_ gap: Gap) -> String {
        switch gap.unit {
        case .hours: gap.value.isFinite ? String(format: "%.1f h", gap.value) : "unreachable"
        case .km: String(format: "%.0f km", gap.value)
        case .ratio: gap.value.isFinite ? String(format: "%.2f×", gap.value) : "not connected"
        case .share: String(format: "%.0f%%", gap.value * 100)
        case .corridorBreak: "break"
        case .pairsCut: String(format: "%g %@", gap.value, gap.unit.rawValue)
        }
    }

    /// The gaps grouped by kind, largest first, one line each.
    public static func table(_ gaps: [Gap]) -> String {
        var out = ""
        for kind in GapKind.allCases {
            // Largest first; pairs cut off before hours added.
            let these = gaps.filter { $0.kind == kind }.sorted { ($0.unit == .pairsCut ? 1 : 0, $0.value, $1.key) > ($1.unit == .pairsCut ? 1 : 0, $1.value, $0.key) }
            guard !these.isEmpty else { continue }
            out += "\n\(kind.rawValue) (\(these.count)): \(kind.why)\n"
            for gap in these { out += "  [\(formatted(gap))] \(gap.finding)\n" }
        }
        return out
    }

    /// "2012 with a, b without c": a scenario in a few words.
    public static func describe(_ s: Scenario) -> String {
        var parts = ["\(s.year)"]
        if !s.with.isEmpty { parts.append("with " + s.with.sorted().map(\.rawValue).joined(separator: ", ")) }
        if !s.without.isEmpty { parts.append("without " + s.without.sorted().map(\.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: " ")
    }
}

/// The gaps of one scenario.
public struct GapsReport: Report {
    /// The gaps found.
    public let gaps: [Gap]
    /// The scenario they were found in.
    public let scenario: Scenario
    /// The profile's id.
    public let profile: ProfileID

    /// A report of `gaps` found in `scenario` with `profile`.
    public init(gaps: [Gap], scenario: Scenario, profile: ProfileID) {
        self.gaps = gaps
        self.scenario = scenario
        self.profile = profile
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// `{"scenario", "gaps": [...]}`.
    public func json() -> JSONValue {
        ["scenario": .string(GapOutput.describe(scenario)), "gaps": .array(gaps.map { GapOutput.value($0) })]
    }

    /// A feature per gap.
    public func geojson() -> FeatureCollection { FeatureCollection(features: gaps.map { GapOutput.feature($0) }) }

    /// The gaps in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: return try ReportJSON.text(json())
        case .geojson: return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .csv:
            return TextTable.csv(headers: ["kind", "key", "value", "threshold", "unit", "explanation"],
                                 rows: gaps.map { [$0.kind.rawValue, $0.key, $0.value.isFinite ? String($0.value) : "", String($0.threshold), $0.unit.rawValue, $0.explanation] })
        case .table:
            let counts = GapKind.allCases.map { k in "\(gaps.filter { $0.kind == k }.count) \(k.rawValue)" }.joined(separator: ", ")
            return "Gaps in \(GapOutput.describe(scenario)) (\(profile)): \(gaps.count) — \(counts)\n" + GapOutput.table(gaps)
        }
    }
}

/// The gaps closed, opened and remaining between two scenarios, with the projects responsible.
public struct GapComparisonReport: Report {
    /// The comparison.
    public let change: GapComparison
    /// The earlier scenario.
    public let before: Scenario
    /// The later scenario.
    public let after: Scenario

    /// A report of `change` from `before` to `after`.
    public init(change: GapComparison, before: Scenario, after: Scenario) {
        self.change = change
        self.before = before
        self.after = after
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// `{"before", "after", "closed", "opened", "remaining"}`.
    public func json() -> JSONValue {
        [
            "before": .string(GapOutput.describe(before)), "after": .string(GapOutput.describe(after)),
            "closed": .array(change.closed.map { GapOutput.value($0.gap, projects: $0.projects) }),
            "opened": .array(change.opened.map { GapOutput.value($0.gap, projects: $0.projects) }),
            "remaining": .array(change.remaining.map { GapOutput.value($0) }),
        ]
    }

    /// A feature per gap with `status` closed, opened or remaining.
    public func geojson() -> FeatureCollection {
        FeatureCollection(features: change.closed.map { GapOutput.feature($0.gap, status: "closed", projects: $0.projects) }
            + change.opened.map { GapOutput.feature($0.gap, status: "opened", projects: $0.projects) }
            + change.remaining.map { GapOutput.feature($0, status: "remaining") })
    }

    /// The comparison in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json:
            return try ReportJSON.text(json())
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .csv:
            let rows = change.closed.map { ["closed", $0.gap.kind.rawValue, $0.gap.key, $0.projects.map(\.rawValue).joined(separator: " "), $0.gap.explanation] }
                + change.opened.map { ["opened", $0.gap.kind.rawValue, $0.gap.key, $0.projects.map(\.rawValue).joined(separator: " "), $0.gap.explanation] }
                + change.remaining.map { ["remaining", $0.kind.rawValue, $0.key, "", $0.explanation] }
            return TextTable.csv(headers: ["status", "kind", "key", "projects", "explanation"], rows: rows)
        case .table:
            var out = "Gaps from \(GapOutput.describe(before)) to \(GapOutput.describe(after)): \(change.closed.count) closed, \(change.opened.count) opened, \(change.remaining.count) remaining\n"
            out += "\nClosed:\n"
            for c in change.closed {
                out += "  [\(c.gap.kind.rawValue) \(GapOutput.formatted(c.gap))] \(c.gap.finding)"
                out += c.projects.isEmpty ? "\n" : "\n      closed by: \(c.projects.map(\.rawValue).joined(separator: ", "))\n"
            }
            out += "\nOpened:\n"
            for c in change.opened {
                out += "  [\(c.gap.kind.rawValue) \(GapOutput.formatted(c.gap))] \(c.gap.finding)\n"
            }
            out += "\nRemaining:" + GapOutput.table(change.remaining)
            return out
        }
    }
}
