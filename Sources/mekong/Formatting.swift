import Foundation
import GeoCore
import MekongReports

/// The terminal the CLI writes to.
enum Terminal {
    /// The width tables must fit, in characters; nil: print them whole. Set once at start-up by
    /// `OutputOptions` (from `--wide`, `COLUMNS` or the terminal) before any table is rendered,
    /// and only read afterwards.
    nonisolated(unsafe) static var tableWidth: Int?
}

extension TextTable {
    /// A table fitted to the terminal (``Terminal/tableWidth``).
    static func render(headers: [String], rows: [[String]]) -> String {
        render(headers: headers, rows: rows, width: Terminal.tableWidth)
    }
}

/// JSON for scripts: deterministic key order, one value per invocation.
enum JSONOutput {
    static func text(_ value: JSONValue) throws -> String { try ReportJSON.text(value) }
}
