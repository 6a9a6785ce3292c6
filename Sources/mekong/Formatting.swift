import Foundation
import GeoCore
import MekongAnalysis

/// Plain-text tables and CSV for people and spreadsheets.
enum TextTable {
    /// Columns padded to their widest cell; numbers right-aligned.
    static func render(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func isNumber(_ s: String) -> Bool { Double(s.replacingOccurrences(of: ",", with: "")) != nil }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { i, cell in
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
