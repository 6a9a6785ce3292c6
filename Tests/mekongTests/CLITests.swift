import Foundation
import TestSupport
import Testing

/// End-to-end: the real `mekong` binary, real files, exit codes and output.
struct CLI {
    static let root = PackagePaths.root
    static let tiny = PackagePaths.tinyFixture.path

    static var binary: URL {
        get throws {
            let candidates = [".build/debug/mekong", ".build/x86_64-unknown-linux-gnu/debug/mekong",
                              ".build/aarch64-unknown-linux-gnu/debug/mekong"].map { root.appending(path: $0) }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build mekong first (swift build)"])
            }
            return found
        }
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs mekong with `arguments`, without MEKONG_DATA from the environment.
    static func run(_ arguments: String...) throws -> Result {
        try runTool(try binary, arguments)
    }

    /// Runs mekong with an argument list built at run time.
    static func run(_ arguments: [String]) throws -> Result {
        try runTool(try binary, arguments)
    }

    /// Runs any program and collects its exit status and output; `extraEnvironment` is set on
    /// top of this process's environment.
    static func runTool(_ executable: URL, _ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "MEKONG_DATA")
        environment.merge(extraEnvironment) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A copy of the tiny fixture in a new directory, each file's text passed through `edit`.
    static func copyOfTiny(_ edit: (_ file: String, _ text: String) -> String = { $1 }) throws -> URL {
        let dir = try temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny) {
            let text = try String(contentsOfFile: tiny + "/" + name, encoding: .utf8)
            try Data(edit(name, text).utf8).write(to: dir.appending(path: name))
        }
        return dir
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "mekong-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}

/// GEOS, PROJ and Cairo are loaded on first use, not linked (see Sources/CPROJ/include): a route
/// on the embedded data needs none of them, so none may be loaded. The dynamic loader's own log
/// (`LD_DEBUG=files`) names every library it opens.
struct LibraryLoadingTests {
    static func librariesOpened(_ arguments: [String]) throws -> String {
        let r = try CLI.runTool(try CLI.binary, arguments, extraEnvironment: ["LD_DEBUG": "files"])
        #expect(r.status == 0, "\(r.stderr.suffix(2000))")
        return r.stderr
    }

    @Test func aRouteOnTheEmbeddedDataLoadsNoneOfGEOSPROJAndCairo() throws {
        let log = try Self.librariesOpened(["route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge"])
        #expect(log.contains("file="), "LD_DEBUG logged nothing, so this test could not see a library load")
        #expect(!log.contains("libgeos"))
        #expect(!log.contains("libproj"))
        #expect(!log.contains("libcairo"))
    }

    @Test func theVersionLoadsGEOSAndPROJToNameThem() throws {
        let log = try Self.librariesOpened(["--version"])
        #expect(log.contains("libgeos_c"))
        #expect(log.contains("libproj"))
    }

    /// Runs mekong in a mount namespace of its own where every PROJ library file reads as empty
    /// (bound over by /dev/null), as on a machine without PROJ; exit status 99 when the files could
    /// not be hidden, so that the test sees it.
    static func runWithoutPROJ(_ arguments: [String]) throws -> CLI.Result {
        let script = #"""
            set -e
            files=$(for name in $(ldconfig -p | awk '/libproj\.so/ {print $NF}'); do readlink -f "$name"; done | sort -u)
            [ -n "$files" ] || exit 99
            for file in $files; do mount --bind /dev/null "$file"; [ ! -s "$file" ] || exit 99; done
            exec "$@"
            """#
        return try CLI.runTool(URL(filePath: "/usr/bin/unshare"), ["-m", "/bin/sh", "-c", script, "sh", try CLI.binary.path] + arguments)
    }

    @Test(.enabled(if: getuid() == 0, "a mount namespace needs root"))
    func dataNotEmbeddedIsRefusedWithTheInstallCommandWhenPROJIsMissing() throws {
        // Its links' lengths would be NaN km, which no search takes: the route would go round them.
        let r = try Self.runWithoutPROJ(["route", "town-a", "town-b", "--data", CLI.tiny])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("unmeasurable-length"))
        #expect(r.stderr.contains("apt-get install libproj-dev"))
    }

    @Test(.enabled(if: getuid() == 0, "a mount namespace needs root"))
    func theEmbeddedDataRoutesWhenPROJIsMissing() throws {
        let arguments = ["route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge", "--format", "json"]
        let without = try Self.runWithoutPROJ(arguments), with = try CLI.run(arguments)
        #expect(without.status == 0, "\(without.stderr)")
        #expect(with.status == 0)
        // The lengths measured when the binary was built, to the bit.
        #expect(without.stdout == with.stdout)
    }

    @Test func anSVGMapLoadsCairo() throws {
        let out = try CLI.temporaryDirectory().appending(path: "route.svg")
        let log = try Self.librariesOpened(["map", "route", "Bangkok", "Hanoi", "--out", out.path])
        #expect(log.contains("libcairo"))
        #expect(FileManager.default.fileExists(atPath: out.path))
    }
}

struct VersionAndHelpTests {
    @Test func versionNamesTheCLibraries() throws {
        let r = try CLI.run("--version")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("mekong "))
        #expect(r.stdout.contains("GEOS 3.") && r.stdout.contains("PROJ "))
    }

    @Test func helpListsTheSubcommands() throws {
        let r = try CLI.run("--help")
        #expect(r.status == 0)
        for command in ["places", "projects", "export", "validate"] { #expect(r.stdout.contains(command)) }
    }
}

struct PlacesCommandTests {
    @Test func aliasWithAccentsFindsHoChiMinhCityInTheEmbeddedData() throws {
        let r = try CLI.run("places", "sài gòn", "--format", "json")
        #expect(r.status == 0)
        let list = try #require(try CLI.json(r.stdout) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String }.contains("ho-chi-minh-city"))
    }

    @Test func nearSearchIsSortedByGeodesicDistance() throws {
        // town-a (100.0, 15.0) is 0 km away, bank-west (100.5, 15.0) 53.8 km, bank-east 55.9 km.
        let r = try CLI.run("places", "--data", CLI.tiny, "--near", "100.0,15.0", "--within-km", "55", "--format", "csv")
        #expect(r.status == 0)
        let ids = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["town-a", "bank-west"])
    }

    @Test func unknownCountryIsAUsageErrorWithChoices() throws {
        let r = try CLI.run("places", "--country", "LAOS")
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown country \"LAOS\""))
        #expect(r.stdout.isEmpty)
    }

    @Test func withinWithoutNearIsRefused() throws {
        let r = try CLI.run("places", "--within-km", "5")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--within-km needs --near"))
    }

    @Test func swappedCoordinateIsRefused() throws {
        let r = try CLI.run("places", "--near", "16.55,104.75")
        #expect(r.status == 64)
        #expect(r.stderr.contains("latitude 104.75 is outside"))
    }

    @Test func badDataIsADataErrorPointingAtValidate() throws {
        let dir = try CLI.copyOfTiny { file, text in file == "links.geojson" ? "{\"type\":\"FeatureCollection\",\"features\":[" : text }
        let r = try CLI.run("places", "--data", dir.path)
        #expect(r.status == 65)
        #expect(r.stderr.contains("links.geojson") && r.stderr.contains("mekong validate"))
        #expect(r.stdout.isEmpty)
    }
}

struct ValidateCommandTests {
    @Test func cleanFixtureExitsZero() throws {
        let r = try CLI.run("validate", "--data", CLI.tiny, "--year", "2020")
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("4 places, 4 links, 1 rivers, 1 corridors, 2 projects, 2 profiles; 0 error(s)"))
    }

    @Test func plantedDefectExitsWithTheDataErrorCodeAndNamesIt() throws {
        let dir = try CLI.copyOfTiny { file, text in
            file == "links.geojson" ? text.replacingOccurrences(of: #""structure":"bridge","#, with: "") : text
        }
        let r = try CLI.run("validate", "--data", dir.path, "--format", "json")
        #expect(r.status == 65)   // EX_DATAERR, as the README says for bad data
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "river-crossing" && $0["feature"] as? String == "bridge-ab" })
    }

    @Test func missingDirectoryIsAUsageError() throws {
        let r = try CLI.run("validate", "--data", "/nonexistent/mekong-data")
        #expect(r.status == 64)
        #expect(r.stderr.contains("does not exist"))
    }
}

struct ExportCommandTests {
    /// The tiny map in 2012: 4 places and the three links R1, ferry, R2 (the bridge opens in 2015).
    @Test func exportOf2012HasTheFerryNotTheBridge() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appending(path: "tiny.geojson")
        let r = try CLI.run("export", "--data", CLI.tiny, "--layers", "places,links", "--year", "2012", "--out", file.path)
        #expect(r.status == 0, "\(r.stderr)")
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        let ids = features.compactMap { ($0["properties"] as? [String: Any])?["id"] as? String }
        #expect(ids.count == 7)
        #expect(ids.contains("ferry-ab") && !ids.contains("bridge-ab"))
        #expect(collection["crs"] == nil)
    }

    @Test func unknownLayerIsRefusedWithASuggestion() throws {
        let r = try CLI.run("export", "--layers", "places,lnks")
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown layer \"lnks\"") && r.stderr.contains("did you mean \"links\""))
    }

    @Test func failedExportLeavesTheOldFileUntouched() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appending(path: "map.geojson")
        try Data("old".utf8).write(to: file)
        let r = try CLI.run("export", "--data", CLI.tiny, "--with", "brige-project", "--out", file.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown project \"brige-project\"; closest: bridge-project"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.geojson"])
    }

    @Test func missingOutputDirectoryIsAnIOError() throws {
        let r = try CLI.run("export", "--data", CLI.tiny, "--out", "/nonexistent/dir/map.geojson")
        #expect(r.status == 74)
        #expect(r.stderr.contains("/nonexistent/dir"))
    }

    @Test func yearOutsideTheDataIsRefused() throws {
        let r = try CLI.run("export", "--year", "1850")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--year 1850 is outside"))
    }
}

struct ProjectsCommandTests {
    @Test func listShowsEveryProjectOfTheFixture() throws {
        let r = try CLI.run("projects", "list", "--data", CLI.tiny, "--format", "csv")
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 3)  // header + 2 projects
        #expect(r.stdout.contains("bridge-project,1.1,bridge,completed,2015,1,"))
    }

    @Test func showNamesBuiltAndReplacedFeatures() throws {
        let r = try CLI.run("projects", "show", "bridge-project", "--data", CLI.tiny, "--format", "json")
        #expect(r.status == 0)
        let p = try #require(try CLI.json(r.stdout) as? [String: Any])
        #expect(p["built"] as? [String] == ["bridge-ab"])
        #expect(p["retired"] as? [String] == ["ferry-ab"])
    }

    @Test func unknownProjectSuggestsTheClosest() throws {
        let r = try CLI.run("projects", "show", "kh-neak-loeung", "--format", "json")
        #expect(r.status == 64)
        #expect(r.stderr.contains("kh-neak-loeung-bridge"))
    }
}

/// GDAL is a real client: what we export must open in it with the right feature count.
struct GDALInteroperabilityTests {
    static let ogrinfo = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: ogrinfo != nil, "ogrinfo (Debian gdal-bin) is not installed; `make test` installs it"))
    func exportOpensInOgrinfoWithItsFeatureCount() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appending(path: "network.geojson").path
        let r = try CLI.run("export", "--layers", "places,links,rivers,projects", "--year", "2012", "--out", file)
        #expect(r.status == 0)
        let written = try #require(r.stderr.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        let info = try CLI.runTool(URL(fileURLWithPath: Self.ogrinfo!), ["-so", "-al", file])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Feature Count: \(written)"))
    }

    /// The number after "Feature Count: " in ogrinfo's summary.
    static func featureCount(_ arguments: [String]) throws -> Int? {
        let info = try CLI.runTool(URL(fileURLWithPath: ogrinfo!), ["-so"] + arguments)
        return info.stdout.components(separatedBy: "Feature Count: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
    }

    /// The GeoPackage holds every feature of the GeoJSON export, split one table per layer and
    /// geometry type. GDAL counts both files; the GeoJSON side by an SQL filter on `layer`.
    @Test(.enabled(if: ogrinfo != nil, "ogrinfo (Debian gdal-bin) is not installed; `make test` installs it"))
    func geoPackageHasEveryLayerWholeWithOneGeometryTypeEach() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appending(path: "network.geojson").path, gpkg = dir.appending(path: "network.gpkg").path
        let layers = ["--layers", "places,links,rivers,projects", "--year", "2026"]
        #expect(try CLI.run(["export", "--out", json] + layers).status == 0)
        let r = try CLI.run(["export", "--format", "gpkg", "--out", gpkg] + layers)
        #expect(r.status == 0, "\(r.stderr)")
        for (layer, tables) in [("places", [("places", "Point")]), ("links", [("links", "Line String")]), ("rivers", [("rivers", "Line String")]),
                                ("projects", [("projects_point", "Point"), ("projects_linestring", "Line String")])] {
            let expected = try #require(try Self.featureCount(["-where", "layer='\(layer)'", json, "network"]))
            var found = 0
            for (table, geometry) in tables {
                let info = try CLI.runTool(URL(fileURLWithPath: Self.ogrinfo!), ["-so", gpkg, table])
                #expect(info.status == 0, "\(table): \(info.stderr)")
                #expect(info.stdout.contains("Geometry: \(geometry)"), "\(table)")
                found += try #require(try Self.featureCount([gpkg, table]))
            }
            #expect(expected > 0)
            #expect(found == expected, "\(layer): \(found) in the GeoPackage, \(expected) in the GeoJSON")
        }
        // The attribute table is typed: a place's population is an integer column.
        let places = try CLI.runTool(URL(fileURLWithPath: Self.ogrinfo!), ["-so", gpkg, "places"]).stdout
        #expect(places.contains("population: Integer64"))
        let bad = try CLI.run("export", "--format", "gpkg")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--out"))
    }

    /// SIGINT or SIGTERM at any moment of a GeoPackage export leaves either the whole file or
    /// nothing: no private temporary directory, no SQLite journal.
    @Test(.enabled(if: ogrinfo != nil, "ogrinfo (Debian gdal-bin) is not installed; `make test` installs it"))
    func aSignalDuringAGeoPackageExportLeavesNoTemporaryFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var interrupted = 0
        var outcomes: [String] = []
        for attempt in 0..<12 {
            // The test runner blocks SIGINT and SIGTERM, and children inherit the mask: start the
            // binary through Python with the mask cleared and both signals at their defaults.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", """
                import os, signal, sys
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, signal.SIG_DFL)
                os.execv(sys.argv[1], sys.argv[1:])
                """, try CLI.binary.path, "export", "--format", "gpkg", "--layers", "places,links,rivers,projects", "--out", dir.appending(path: "n.gpkg").path]
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            usleep(useconds_t(60_000 + attempt * 30_000))
            kill(process.processIdentifier, attempt.isMultiple(of: 2) ? SIGINT : SIGTERM)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 }
            outcomes.append("\(process.terminationReason == .uncaughtSignal ? "signal" : "exit") \(process.terminationStatus)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(left.allSatisfy { $0 == "n.gpkg" }, "after a signal at \(60 + attempt * 30) ms: \(left)")
            if left.contains("n.gpkg") {
                #expect(try Self.featureCount([dir.appending(path: "n.gpkg").path, "links"]).map { $0 > 0 } == true)
            }
        }
        #expect(interrupted > 0, "no run was interrupted, so the test proved nothing: \(outcomes)")
    }

    /// The reach outline is a polygon made by GEOS and projected back: GDAL must find its rings
    /// closed (it warns "Non closed ring detected" otherwise).
    @Test(.enabled(if: ogrinfo != nil, "ogrinfo (Debian gdal-bin) is not installed; `make test` installs it"))
    func reachOutlineOpensInOgrinfoWithoutWarnings() throws {
        let file = try CLI.temporaryDirectory().appending(path: "reach.geojson").path
        #expect(try CLI.run("reach", "Bangkok", "--hours", "5", "--format", "geojson", "--out", file).status == 0)
        let info = try CLI.runTool(URL(fileURLWithPath: Self.ogrinfo!), ["-so", "-al", file])
        #expect(info.stdout.contains("Feature Count:"))
        #expect(!info.stderr.contains("Warning"), "\(info.stderr)")
    }
}
