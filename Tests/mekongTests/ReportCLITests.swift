import Foundation
import MekongMap
import TestSupport
import Testing

/// `mekong report`: its numbers are the commands' numbers, and the page opens offline in a real
/// browser (Debian's headless Chromium) without a console error.
struct ReportCLITests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let xmllint = ["/usr/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// One report for the suite: it takes seconds (the project assessment).
    static let written: (dir: URL, result: CLI.Result)? = {
        guard let dir = try? CLI.temporaryDirectory(), let result = try? CLI.run("report", "--out", dir.appending(path: "pillar1.html").path) else { return nil }
        return (dir, result)
    }()

    static func text(_ name: String) throws -> String {
        let written = try #require(Self.written)
        return try String(contentsOf: written.dir.appending(path: name), encoding: .utf8)
    }

    @Test func theReportsFilesAreWrittenAndItsNumbersAreTheCommandsNumbers() throws {
        let written = try #require(Self.written)
        #expect(written.result.status == 0, "\(written.result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: written.dir.path).sorted()
        #expect(files == ["pillar1-gaps.svg", "pillar1-route.svg", "pillar1.html", "pillar1.md"])
        let markdown = try Self.text("pillar1.md")
        // The flagship route, as `mekong route` gives it.
        let route = try CLI.run("route", "bangkok", "hanoi", "--via", "third-thai-lao-friendship-bridge", "--format", "json")
        let json = try #require((try CLI.json(route.stdout) as? [String: Any])?["route"] as? [String: Any])
        let km = try #require(json["km"] as? Double), hours = try #require(json["hours"] as? Double)
        // The JSON gives hours to 3 decimals (±1.8 s), which may sit on either side of a minute.
        func clock(_ h: Double) -> String { let m = Int((h * 60).rounded()); return String(format: "%d:%02d", m / 60, m % 60) }
        let clocks = Set([clock(hours - 0.0005), clock(hours + 0.0005)])
        #expect(clocks.contains { markdown.contains("in \(String(format: "%.0f", km)) km and \($0) (h:mm)") }, "route \(km) km, \(clocks)")
        // The gaps, as `mekong gaps --year 2012 --against-year 2026` gives them.
        let gaps = try #require(try CLI.json(try CLI.run("gaps", "--year", "2012", "--against-year", "2026", "--format", "json").stdout) as? [String: Any])
        let closed = (gaps["closed"] as? [Any])?.count ?? -1, opened = (gaps["opened"] as? [Any])?.count ?? -1
        let remaining = (gaps["remaining"] as? [Any])?.count ?? -1
        #expect(markdown.contains("\(closed) gaps closed and \(opened) opened; \(remaining) remain"))
        // Every corridor has its row.
        let corridors = try #require(try CLI.json(try CLI.run("corridor", "list", "--format", "json").stdout) as? [[String: Any]])
        for corridor in corridors { #expect(markdown.contains("| \(corridor["id"] as? String ?? "?") |")) }
        // The same sections in both files.
        let html = try Self.text("pillar1.html")
        for heading in markdown.split(separator: "\n").filter({ $0.hasPrefix("## ") }) {
            #expect(html.contains(String(heading.dropFirst(3)).replacingOccurrences(of: "&", with: "&amp;")), "\(heading)")
        }
    }

    /// Nothing in the page loads from elsewhere: no script, no stylesheet link, no image source,
    /// no URL in a style (Cairo's `url(#clip1)` names a clip path inside the page); links to
    /// sources are plain anchors, which load nothing.
    @Test func thePageLoadsNothingFromAnywhereElse() throws {
        let html = try Self.text("pillar1.html")
        for pattern in [#"<script"#, #"<link"#, #"<img"#, #"<iframe"#, #"\ssrc\s*="#, #"url\((?!#)"#, #"@import"#] {
            #expect(html.range(of: pattern, options: [.regularExpression, .caseInsensitive]) == nil, "\(pattern)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 2, "two inline maps")
    }

    @Test(.enabled(if: xmllint != nil, "xmllint (Debian libxml2-utils) is not installed; `make test` installs it"))
    func xmllintAcceptsTheMarkdownsMaps() throws {
        let written = try #require(Self.written)
        for name in ["pillar1-route.svg", "pillar1-gaps.svg"] {
            let r = try CLI.runTool(URL(fileURLWithPath: Self.xmllint!), ["--noout", written.dir.appending(path: name).path])
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
    }

    /// Chromium renders the page to PNG offline (every host name resolves to nothing) and logs
    /// the console. A control page with a script error proves the log would show one.
    @Test(.enabled(if: chromium != nil, "chromium (Debian) is not installed; `make test` installs it"))
    func theReportOpensInChromiumOfflineWithoutConsoleErrors() throws {
        let written = try #require(Self.written)
        func render(_ page: URL, to png: URL) throws -> CLI.Result {
            try CLI.runTool(URL(fileURLWithPath: "/usr/bin/timeout"), [
                "90", Self.chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,2400", "--screenshot=\(png.path)", page.absoluteString])
        }
        func consoleErrors(_ log: String) -> [Substring] {
            log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_NAME_NOT_RESOLVED") }
        }
        let scratch = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let control = scratch.appending(path: "control.html")
        try Data("<!DOCTYPE html><html><body><script>notAFunction()</script></body></html>".utf8).write(to: control)
        let controlRun = try render(control, to: scratch.appending(path: "control.png"))
        #expect(!consoleErrors(controlRun.stderr).isEmpty, "the log shows no console error even for a broken page: the check proves nothing")

        let png = scratch.appending(path: "page.png")
        let run = try render(written.dir.appending(path: "pillar1.html"), to: png)
        #expect(consoleErrors(run.stderr).isEmpty, "\(consoleErrors(run.stderr))")
        let image = try RasterImage(png: try Data(contentsOf: png))
        #expect(image.width == 1280)
        // Text, tables and the route map: many colours, and the route's magenta among them.
        #expect(image.distinctColourCount > 300)
        let magenta = try #require(MapSymbol.route(rank: 0).strokeColour)
        var routePixels = 0
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) {
                let p = image.pixel(x: x, y: y)
                if abs(Int(p.red) - Int(magenta.red)) < 30 && abs(Int(p.green) - Int(magenta.green)) < 30 && abs(Int(p.blue) - Int(magenta.blue)) < 30 { routePixels += 1 }
            }
        }
        #expect(routePixels > 100, "the route map shows in the browser: \(routePixels) route pixels")
    }

    /// The cells of the Markdown table whose header row starts with `first`, one array per row.
    static func table(startingWith first: String, in markdown: String) -> [[String]] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| \(first) |") }) else { return [] }
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The ranking, the corridors and the gap values are the commands' own, not worked out
    /// again: each project has `projects assess`'s rank (none without a network effect) and its
    /// saving in h:mm, the corridors are exactly `corridor list`'s, and a closed gap's value reads
    /// as `gaps` prints it.
    @Test func theRankingCorridorsAndGapValuesAreTheCommandsOwn() throws {
        let markdown = try Self.text("pillar1.md")
        let assess = try #require(try CLI.json(try CLI.run("projects", "assess", "--format", "json").stdout) as? [String: Any])
        let projects = try #require(assess["projects"] as? [[String: Any]])
        let ranking = Self.table(startingWith: "rank", in: markdown)
        #expect(ranking.map { $0[1] } == projects.map { $0["id"] as? String ?? "?" })
        func clock(_ h: Double) -> String { let m = Int((abs(h) * 60).rounded()); return (h < 0 ? "-" : "") + String(format: "%d:%02d", m / 60, m % 60) }
        for (row, project) in zip(ranking, projects) {
            #expect(row[0] == ((project["rank"] as? Double).map { String(Int($0)) } ?? ""), "\(row[1])")
            let alone = (project["alone"] as? [String: Any])?["weighted_hours_saved"] as? Double
            #expect(row[4] == (alone.map(clock) ?? "–"), "\(row[1])")
        }
        let combined = try #require((assess["combined"] as? [String: Any])?["weighted_hours_saved"] as? Double)
        #expect(combined > 0.1 && markdown.contains("together save \(clock(combined)) h of it"), "\(combined)")

        let corridors = try #require(try CLI.json(try CLI.run("corridor", "list", "--format", "json").stdout) as? [[String: Any]])
        #expect(Self.table(startingWith: "corridor", in: markdown).map { $0[0] } == corridors.map { $0["id"] as? String ?? "?" })

        let table = try CLI.run("gaps", "--year", "2012", "--against-year", "2026").stdout
        let closed = table.components(separatedBy: "\nClosed:\n")[1].components(separatedBy: "\nOpened:")[0]
            .split(separator: "\n").filter { $0.hasPrefix("  [") }
        let rows = Self.table(startingWith: "kind", in: markdown)
        #expect(!closed.isEmpty)
        for line in closed {
            let bracket = line.dropFirst(3).prefix { $0 != "]" }
            let kind = String(bracket.prefix { $0 != " " }), value = String(bracket.drop { $0 != " " }.dropFirst())
            let finding = String(line.dropFirst(3 + bracket.count + 2))
            #expect(rows.contains { $0[0] == kind && $0[1].hasPrefix(finding) && $0[2] == value }, "\(line)")
        }
    }

    @Test func aWrongOutOrYearIsAUsageError() throws {
        #expect(try CLI.run("report", "--out", "report.pdf").status == 64)
        #expect(try CLI.run("report", "--out", "r.html", "--against-year", "1800").status == 64)
    }
}
