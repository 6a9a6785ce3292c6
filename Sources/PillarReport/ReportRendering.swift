import Foundation
import MekongAnalysis

extension PillarReport {
    /// A self-contained HTML page: styles inline, maps as inline SVG, no script, no request to
    /// any other file or server, so it opens offline and prints as it shows.
    ///
    /// - Complexity: O(n) in the report's rows.
    public func html() -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        /// Inline code in backquotes becomes `<code>`; URLs in a source cell become links.
        func prose(_ text: String) -> String {
            escape(text).split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
        }
        func cell(_ text: String) -> String {
            guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") else { return prose(text) }
            return "<a href=\"\(escape(text))\">\(escape(text))</a>"
        }
        func table(_ headers: [String], _ rows: [[String]], _ numeric: Set<Int>) -> String {
            var out = "<table>\n<thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows {
                out += "<tr>" + row.enumerated().map { numeric.contains($0.offset) ? "<td class=\"n\">\(cell($0.element))</td>" : "<td>\(cell($0.element))</td>" }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        }
        var body = ""
        for section in sections {
            body += "<section id=\"\(section.id)\">\n<h2>\(escape(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): body += "<p>\(prose(text))</p>\n"
                case .table(let headers, let rows, let numeric): body += table(headers, rows, numeric)
                case .folded(let summary, let t):
                    body += "<details><summary>\(escape(summary))</summary>\n" + table(t.headers, t.rows, t.numeric) + "</details>\n"
                case .map(_, let title, let svg): body += "<figure>\n\(svg)\n<figcaption>\(escape(title))</figcaption>\n</figure>\n"
                }
            }
            body += "</section>\n"
        }
        let contents = sections.map { "<li><a href=\"#\($0.id)\">\(escape($0.title))</a></li>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Mekong–Japan Action Plan, Pillar 1: connectivity in \(escape(scenarioDescription))</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 78em; padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.86em; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
            th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #555; } code { background: #f3f3f3; padding: 0 0.2em; }
            td a { word-break: break-all; }
            </style>
            </head>
            <body>
            <h1>Mekong–Japan Action Plan (2012), Pillar 1: connectivity in \(escape(scenarioDescription))</h1>
            <p>Computed by <code>mekong report</code> from GeoData (\(escape(dataset.source.description))) for the \(escape(profile.id.rawValue)) profile, \
            compared with \(againstYear). Every number below is the output of the command named beside it and can be traced to the ids it lists.</p>
            <ul>\(contents)</ul>
            \(body)</body>
            </html>

            """
    }

    /// The same content as Markdown (GitHub tables); maps are linked as `mapFile(name)` files
    /// the caller writes beside it.
    ///
    /// - Parameter mapFile: the file name of a map, from its name ("route", "gaps").
    /// - Complexity: O(n) in the report's rows.
    public func markdown(mapFile: (String) -> String) -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        func table(_ headers: [String], _ rows: [[String]], _ numeric: Set<Int>) -> String {
            var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + headers.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
            for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
            return out + "\n"
        }
        var out = "# Mekong–Japan Action Plan (2012), Pillar 1: connectivity in \(scenarioDescription)\n\n"
        out += "Computed by `mekong report` from GeoData (\(dataset.source.description)) for the \(profile.id.rawValue) profile, compared with \(againstYear). "
        out += "Every number below is the output of the command named beside it and can be traced to the ids it lists.\n\n"
        for section in sections {
            out += "## \(section.title)\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += text + "\n\n"
                case .table(let headers, let rows, let numeric): out += table(headers, rows, numeric)
                case .folded(let summary, let t): out += "\(summary):\n\n" + table(t.headers, t.rows, t.numeric)
                case .map(let name, let title, _): out += "![\(title)](\(mapFile(name)))\n\n"
                }
            }
        }
        return out
    }
}
