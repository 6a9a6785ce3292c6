import Foundation
import MekongData
import MekongNetwork
import RoutingGraph
import TestSupport
import Testing

/// `gaps`, `projects assess` and `corridor` on an imported network with the plan laid onto it,
/// through the real binary: on a graph that is the curated network they answer as the curated
/// network does, byte for byte; on Natural Earth's roads (data no one here wrote) they see what
/// the denser network changes and what the plan's years and projects still change.
struct PlanNetworkCLITests {
    /// The embedded plan's own graph with its anchors (each place its nodes, each link its
    /// edges), written as a graph file: what `import --plan` would make of a network that is
    /// exactly the plan.
    static func curatedGraphFile(in dir: URL) throws -> String {
        let path = dir.appending(path: "curated.mkg").path
        try RoutingGraphFile.write(PlanGraph(dataset: try Dataset.load(from: .embedded).dataset).asImportedGraph, to: path)
        return path
    }

    @Test func onAGraphThatIsTheCuratedNetworkGapsAssessCorridorsAndScenarioRoutesPrintTheCuratedAnswers() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = try Self.curatedGraphFile(in: dir)
        for arguments in [["gaps", "--format", "json"], ["gaps", "--year", "2012", "--against-year", "2026", "--format", "json"],
                          ["gaps", "--year", "2016", "--against-without", "kh-neak-loeung-bridge", "--format", "json"],
                          ["corridor", "list", "--year", "2012", "--format", "json"], ["corridor", "show", "sec-central", "--year", "2012"],
                          ["projects", "assess", "--format", "json"],
                          ["route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge", "--format", "json"],
                          ["route", "phnom-penh", "ho-chi-minh-city", "--year", "2014", "--with", "kh-neak-loeung-bridge"],
                          ["route", "vientiane", "hanoi", "--avoid", "country:tha", "--alternatives", "1", "--format", "json"],
                          ["matrix", "bangkok", "hanoi", "phnom-penh", "--without", "kh-neak-loeung-bridge", "--format", "csv"],
                          ["reach", "vientiane", "--hours", "6", "--avoid", "ferry", "--date", "2026-01-15", "--format", "json"]] {
            let curated = try CLI.run(arguments)
            let imported = try CLI.run(arguments + ["--network", graph])
            #expect(curated.status == 0 && imported.status == 0, "\(arguments): \(imported.stderr)")
            #expect(imported.stdout == curated.stdout, "\(arguments.joined(separator: " ")) differs on the imported path")
        }
    }

    static let naturalEarthRoads = ImportCLITests.naturalEarthRoads

    /// Natural Earth's roads with the plan laid on (as the import test does). The denser
    /// network joins what the curated skeleton detours around (Jinghong - Mengzi, Mengzi -
    /// Pu'er) and keeps Rayong connected when Hwy 3 is lost, which cuts it off the skeleton; the plan's years
    /// and projects still act: the Fourth Thai-Lao Friendship Bridge (2013) replaces the
    /// Houayxay ferry between 2012 and 2016, and the Mae Sot - Mawlamyine road closes the poor
    /// Dawna section of the East-West corridor, in `gaps` and in `projects assess`.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: naturalEarthRoads), "../shared/reference is not here"))
    func naturalEarthRoadsWithThePlanAnswerGapsAndTheAssessment() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (imported, graph) = try ImportCLITests.importNaturalEarthWithThePlan(in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")

        func gaps(_ arguments: String...) throws -> [[String: Any]] {
            let r = try CLI.run(["gaps", "--format", "json"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require((try CLI.json(r.stdout) as? [String: Any])?["gaps"] as? [[String: Any]])
        }
        func keys(_ gaps: [[String: Any]]) -> Set<String> { Set(gaps.compactMap { $0["key"] as? String }) }
        let curated = try gaps(), dense = try gaps("--network", graph)
        // Yunnan's skeleton detours: Jinghong - Mengzi 635 km for 306 km as the crow flies.
        for pair in ["missing-link:jinghong:mengzi", "missing-link:mengzi:puer"] {
            #expect(keys(curated).contains(pair))
            #expect(!keys(dense).contains(pair), "Natural Earth's roads join \(pair) within 1.8 times the straight line")
        }
        func cutOff(_ gaps: [[String: Any]], _ place: String) -> Bool {
            gaps.contains { $0["kind"] as? String == "criticality" && $0["unit"] as? String != "h" && ($0["places"] as? [String] ?? []).last == place }
        }
        // One road (Hwy 3 Pattaya - Rayong) cuts Rayong off the skeleton, not off Natural Earth's roads.
        #expect(cutOff(curated, "rayong") && !cutOff(dense, "rayong"))
        // Every city gap measured on the dense network is a city of the data.
        #expect(dense.filter { $0["kind"] as? String == "seaport-access" }.count > 10)

        func comparison(_ arguments: String...) throws -> [String: Any] {
            let r = try CLI.run(["gaps", "--network", graph, "--format", "json"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try CLI.json(r.stdout) as? [String: Any])
        }
        let years = try comparison("--year", "2012", "--against-year", "2016")
        let closedByYear = try #require(years["closed"] as? [[String: Any]])
        #expect(closedByYear.contains { ($0["key"] as? String ?? "").hasPrefix("corridor-continuity:nsec-kunming-bangkok-r3a:")
            && ($0["explanation"] as? String ?? "").contains("Houayxay → Chiang Khong") && ($0["explanation"] as? String ?? "").contains("ferry") })
        let road = try comparison("--year", "2012", "--against-with", "th-mm-mae-sot-mawlamyine-road")
        let closedByRoad = try #require(road["closed"] as? [[String: Any]])
        #expect(closedByRoad.contains { ($0["key"] as? String ?? "").hasPrefix("corridor-continuity:ewec:")
            && ($0["projects"] as? [String]) == ["th-mm-mae-sot-mawlamyine-road"] })
        #expect((road["opened"] as? [Any])?.isEmpty == true)

        let r = try CLI.run("projects", "assess", "--network", graph, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let projects = try #require((try CLI.json(r.stdout) as? [String: Any])?["projects"] as? [[String: Any]])
        func alone(_ id: String) throws -> [String: Any] {
            try #require(projects.first { $0["id"] as? String == id }?["alone"] as? [String: Any])
        }
        let maeSot = try alone("th-mm-mae-sot-mawlamyine-road")
        #expect((maeSot["weighted_hours_saved"] as? Double ?? 0) > 0.05)
        #expect((maeSot["gaps_closed"] as? [[String: Any]] ?? []).contains { ($0["key"] as? String ?? "").hasPrefix("corridor-continuity:ewec:") })
        // The Dawei port brings Dawei and Ye (299,449 inhabitants) within 8 h of a seaport.
        #expect(try alone("mm-dawei-deep-seaport")["population_near_seaport_change"] as? Int == 299_449)
    }

    /// What `--network` cannot do is refused with the reason and exit 64; a graph imported without
    /// `--plan` is refused (65) with the command that makes one.
    @Test func whatAnImportedGraphCannotAnswerIsRefusedClearly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = try Self.curatedGraphFile(in: dir)
        let map = try CLI.run("map", "gaps", "--network", graph, "--out", dir.appending(path: "g.svg").path)
        #expect(map.status == 64 && map.stderr.contains("leave --network out"))
        #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "g.svg").path))
        let scenario = dir.appending(path: "s.json")
        try Data(#"{"edits": [{"add_link": {"type": "Feature", "properties": {"id": "new-road", "name": "New road", "from": "phnom-penh", "to": "kampot", "mode": "road", "class": "primary", "surface": "paved", "condition": "good", "source": "what-if"}, "geometry": {"type": "LineString", "coordinates": [[104.921, 11.5695], [104.18, 10.61]]}}}]}"#.utf8).write(to: scenario)
        let added = try CLI.run("gaps", "--network", graph, "--scenario", scenario.path)
        #expect(added.status == 64 && added.stderr.contains("new-road"), "\(added.stderr)")

        var builder = RoutingGraph.Builder()
        let a = builder.addNode(longitude: 104.9, latitude: 11.5), b = builder.addNode(longitude: 105, latitude: 11.5)
        builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, lengthKm: 11), bothWays: true)
        let bare = dir.appending(path: "bare.mkg").path
        try RoutingGraphFile.write(builder.build(), to: bare)
        for arguments in [["gaps", "--network", bare], ["projects", "assess", "--network", bare]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 65 && r.stderr.contains("--plan"), "\(arguments): \(r.stderr)")
        }
    }
}
