import Foundation
import Testing
import TestSupport

/// The README's examples are the ones that run, so they cannot drift.
struct ReadmeTests {
    static let readme = (try? String(contentsOf: PackagePaths.root.appending(path: "README.md"), encoding: .utf8)) ?? ""

    /// The fenced block that follows `marker`.
    static func block(after marker: String, language: String) -> String? {
        guard let start = readme.range(of: marker), let open = readme.range(of: "```\(language)\n", range: start.upperBound..<readme.endIndex),
              let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex) else { return nil }
        return String(readme[open.upperBound..<close.lowerBound])
    }

    /// CI builds and runs Examples/route-example; its code must be the README's, line for line.
    @Test func theSwiftExampleIsTheExamplePackagesCode() throws {
        let shown = try #require(Self.block(after: "The library side, for Swift code:", language: "swift"))
        let example = try String(contentsOf: PackagePaths.root.appending(path: "Examples/route-example/Sources/RouteExample/main.swift"), encoding: .utf8)
        let code = example.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("//") }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.hasPrefix(shown.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The scenario file shown in the README loads and routes (it failed as written before).
    @Test func theScenarioExampleRuns() throws {
        let json = try #require(Self.block(after: "took one hour\":", language: "json"))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "what-if.json")
        try Data(json.utf8).write(to: file)
        let r = try CLI.run("route", "Phnom Penh", "Ho Chi Minh City", "--scenario", file.path)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Every `mekong …` line of the quick tour runs with an exit code of the contract and, except
    /// the one that shows "no route", exit 0.
    @Test func everyQuickTourCommandRuns() throws {
        let tour = try #require(Self.block(after: "## Quick tour", language: "sh"))
        for line in tour.split(separator: "\n") where line.hasPrefix("mekong ") {
            let command = String(line.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces)
            if command.contains("--fit") || command.contains("--reference") { continue }   // writes GeoData / needs ../shared
            let dir = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let r = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd \"$1\" && " + command.replacingOccurrences(of: "mekong ", with: "\"$0\" ", options: .anchored), try CLI.binary.path, dir.path])
            let expected: Int32 = line.contains("\"no route\"") ? 1 : 0
            #expect(r.status == expected, "\(command): \(r.stderr)")
        }
    }
}
