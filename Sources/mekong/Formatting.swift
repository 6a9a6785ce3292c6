import Foundation
import GeoCore
import MekongAnalysis

/// Plain-text tables and CSV for people and spreadsheets.
enum TextTable {
    /// The width tables must fit, in characters; nil: print them whole. Set once at start-up by
    /// `OutputOptions` (from `--wide`, `COLUMNS` or the terminal) before any table is rendered,
    /// and only read afterwards.
    nonisolated(unsafe) static var width: Int?

    /// The narrowest a text column is cut to when a table must fit.
    static let narrowestColumn = 8

    /// Columns padded to their widest cell; numbers right-aligned. When the table is wider than
    /// ``width``, the widest text columns are cut (cells end in "…") until it fits; numbers are
    /// never cut.
    static func render(headers: [String], rows: [[String]]) -> String {
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
    static func csv(headers: [String], rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Thousands separators for whole numbers.
    static func grouped(_ n: Int) -> String { TextNumber.grouped(n) }
}

/// JSON for scripts: deterministic key order, one value per invocation.
enum JSONOutput {
    static let writer = JSONWriter(leadingKeys: ["id", "name", "title", "kind", "country"])

    static func text(_ value: JSONValue) throws -> String {
        try writer.string(value) + "\n"
    }
}
