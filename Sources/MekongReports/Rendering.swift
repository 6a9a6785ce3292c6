import Foundation
import GeoCore
import MekongAnalysis

/// The formats a result is written in: a table for people, JSON for scripts, GeoJSON for maps,
/// CSV for spreadsheets.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns and sentences, for a terminal.
    case table
    /// One JSON value with a deterministic key order.
    case json
    /// An RFC 7946 FeatureCollection.
    case geojson
    /// RFC 4180 CSV with a header row.
    case csv
}

/// A typed result that renders itself in the formats it has. The CLI and the server both render
/// through it, so a number is formatted in one place only.
public protocol Report: Sendable {
    /// The formats this result has; `render` refuses the others.
    var formats: [OutputFormat] { get }

    /// The result as text in `format`. `tableWidth` is the width tables must fit (nil: whole).
    /// - Throws: ``ReportError`` when the format is not one of ``formats`` or a geometry fails.
    func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String
}

/// Why a result could not be rendered.
public enum ReportError: Error, Sendable, CustomStringConvertible {
    /// The result has no such format.
    case unsupported(OutputFormat)
    /// A geometry (an outline, a buffer) failed in GEOS.
    case geometry(String)
    /// The JSON or GeoJSON writer refused a value (NaN, infinity).
    case encoding(String)

    /// The message for people.
    public var description: String {
        switch self {
        case .unsupported(let f): "this result has no \(f.rawValue) format"
        case .geometry(let m): m
        case .encoding(let m): "cannot encode the result: \(m)"
        }
    }
}

/// JSON for scripts: deterministic key order, one value per invocation.
public enum ReportJSON {
    /// The writer every report uses: identifying keys first, the rest sorted.
    public static let writer = JSONWriter(leadingKeys: ["id", "name", "title", "kind", "country"])

    /// The value as text with a final newline.
    public static func text(_ value: JSONValue) throws(ReportError) -> String {
        do { return try writer.string(value) + "\n" } catch { throw .encoding("\(error)") }
    }

    /// A FeatureCollection as GeoJSON text, coordinates to `fractionDigits` when given.
    public static func geojson(_ collection: FeatureCollection, fractionDigits: Int? = nil) throws(ReportError) -> String {
        do {
            if let fractionDigits { return try GeoJSON.encode(collection, fractionDigits: fractionDigits) }
            return try GeoJSON.encode(collection)
        } catch { throw .encoding("\(error)") }
    }
}

/// The rounding of every number the reports write: one rule, one home.
public enum Rounded {
    /// `x` to `digits` decimal places (half away from zero), as the JSON and GeoJSON carry it.
    public static func to(_ digits: Int, _ x: Double) -> Double {
        // pow(10, n) is exact for the small n used here, so this is (x * 1000).rounded() / 1000.
        let scale = pow(10, Double(digits))
        return (x * scale).rounded() / scale
    }
}

/// Plain-text tables and CSV for people and spreadsheets.
public enum TextTable {
    /// The narrowest a text column is cut to when a table must fit.
    public static let narrowestColumn = 8

    /// Columns padded to their widest cell; numbers right-aligned. When the table is wider than
    /// `width`, the widest text columns are cut (cells end in "…") until it fits; numbers are
    /// never cut. A nil `width` prints the table whole.
    /// - Complexity: O(cells + excess width × columns).
    public static func render(headers: [String], rows: [[String]], width: Int?) -> String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func isNumber(_ s: String) -> Bool { Double(s.replacingOccurrences(of: ",", with: "")) != nil }
        if let limit = width {
            // Numbers and h:mm times are never cut.
            func isTime(_ s: String) -> Bool { let p = s.split(separator: ":"); return p.count == 2 && p.allSatisfy { Int($0) != nil } }
            let numeric = headers.indices.map { i in rows.allSatisfy { i >= $0.count || $0[i].isEmpty || isNumber($0[i]) || isTime($0[i]) } }
            var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
            // One character at a time from the widest text column, so the cut text columns end
            // up about as wide as each other.
            while total > limit {
                guard let i = widths.indices.filter({ !numeric[$0] && widths[$0] > narrowestColumn }).max(by: { widths[$0] < widths[$1] }) else { break }
                widths[i] -= 1
                total -= 1
            }
        }
        func fit(_ cell: String, _ i: Int) -> String { cell.count <= widths[i] ? cell : String(cell.prefix(widths[i] - 1)) + "…" }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { i, raw in
                let cell = fit(raw, i)
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return isNumber(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            // Trailing padding only: a blank first cell must keep its column.
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// RFC 4180 CSV.
    public static func csv(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A CSV field: quoted, with its quotes doubled, when it holds a comma, a quote or a line break.
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Thousands separators for whole numbers.
    public static func grouped(_ n: Int) -> String { TextNumber.grouped(n) }
}
