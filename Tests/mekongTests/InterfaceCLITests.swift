import Foundation
import Testing

/// The interface a careless or hostile user meets: names as people write them, coordinates that
/// are wrong, ids in capitals, an output that cannot be written.
struct InterfaceCLITests {
    /// Each was exit 64 "unknown place" though `places` found exactly one place for it.
    @Test(arguments: [("Na Phao", "na-phao-border"), ("Dansavanh", "dansavanh-border"), ("Cha Lo", "cha-lo-border"),
                      ("Lao Bao", "lao-bao-border"), ("Cau Treo", "cau-treo-border"), ("Ho Chi Minh", "ho-chi-minh-city")])
    func aNameAsAPersonWritesItResolvesAndSaysTo(name: String, id: String) throws {
        let r = try CLI.run("route", "Thakhek", name, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(((try CLI.json(r.stdout) as? [String: Any])?["to"] as? String) == id)
    }

    /// A name matched by its words, not whole, says what it was taken for.
    @Test func aWordMatchSaysWhatItWasTakenFor() throws {
        let r = try CLI.run("route", "Thakhek", "Na Phao")
        #expect(r.status == 0)
        #expect(r.stderr.contains("note: Na Phao → Na Phao"))
    }

    @Test func aPointFarFromEveryPlaceIsRefusedNamingTheNearestAndItsDistance() throws {
        let r = try CLI.run("route", "0,0", "Hanoi")
        #expect(r.status == 64)
        #expect(r.stderr.contains("from the nearest place, Mandalay (mandalay)"))
        #expect(r.stderr.contains("--snap-km is 25"))
    }

    @Test(arguments: [("200,13", "longitude 200.0 is outside"), ("nan,nan", "not a finite number"),
                      ("13.75,100.5", "longitude first, e.g. 100.5,13.75")])
    func aCoordinateOutOfRangeIsAUsageErrorNotAnUnknownPlace(text: String, message: String) throws {
        let r = try CLI.run("route", text, "Hanoi")
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("unknown place"))
    }

    @Test func aPointNearAPlaceSnapsAndSaysHowFar() throws {
        let r = try CLI.run("route", "100.52,13.75", "Hanoi")
        #expect(r.status == 0)
        #expect(r.stderr.contains("snapped to bangkok (2.1 km away)"))
    }

    @Test func corridorAndProjectIdsIgnoreCase() throws {
        #expect(try CLI.run("corridor", "show", "EWEC").status == 0)
        #expect(try CLI.run("projects", "show", "KH-Neak-Loeung-Bridge").status == 0)
        #expect(try CLI.run("route", "Phnom Penh", "Ho Chi Minh City", "--without", "KH-NEAK-LOEUNG-BRIDGE").status == 0)
    }

    /// Exit 132 (a crash) before: FileHandle raised an exception on a full or closed stdout.
    @Test(arguments: ["> /dev/full", ">&-"])
    func anUnwritableStandardOutputIsAnIOErrorWithTheSystemsWords(redirect: String) throws {
        let r = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" route Bangkok Hanoi \(redirect)", try CLI.binary.path])
        #expect(r.status == 74)
        #expect(r.stderr.contains("cannot write to standard output"))
    }

    /// Local-script and English short names find their place (they listed every place before).
    @Test(arguments: [("กรุงเทพ", "bangkok"), ("ວຽງຈັນ", "vientiane"), ("ភ្នំពេញ", "phnom-penh"), ("昆明", "kunming"), ("HCMC", "ho-chi-minh-city")])
    func placesFindsLocalScriptNames(query: String, id: String) throws {
        let r = try CLI.run("places", query, "--format", "json")
        #expect(r.status == 0)
        let ids = (try CLI.json(r.stdout) as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains(id), "\(query): \(ids)")
    }

    /// It listed all places before: every character was dropped, leaving an empty query.
    @Test(arguments: ["!!!", "🚚"])
    func placesFindsNothingForAQueryWithoutLetters(query: String) throws {
        let none = try CLI.run("places", query, "--format", "json")
        #expect(none.status == 0)
        #expect((try CLI.json(none.stdout) as? [Any])?.isEmpty == true)
    }
}

/// `--out` writes regular files only, never the command's own input, keeping links and modes.
struct SafeOutputCLITests {
    @Test(arguments: ["/dev/full", "/tmp"])
    func aDeviceOrADirectoryIsRefusedAndLeftAlone(target: String) throws {
        var before = stat()
        stat(target, &before)
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--out", target)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--out writes regular files only"))
        var after = stat()
        stat(target, &after)
        #expect(after.st_mode == before.st_mode && after.st_ino == before.st_ino)
    }

    @Test func aFIFOIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appending(path: "pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--out", fifo)
        #expect(r.status == 64)
        #expect(r.stderr.contains("is a FIFO"))
    }

    /// The link stays a link, the file it names gets the output and keeps its mode 0600.
    @Test func aSymlinkIsFollowedAndKeptAndTheModeIsKept() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "route.json").path, link = dir.appending(path: "latest.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--format", "json", "--out", link)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == file)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("{"))
        var status = stat()
        stat(file, &status)
        #expect(status.st_mode & 0o777 == 0o600)
        // Nothing left behind: only the file and the link.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["latest.json", "route.json"])
    }

    @Test func anExportOverItsOwnDataIsRefusedAndTheDataIsUntouched() throws {
        let dir = try CLI.copyOfTiny()
        defer { try? FileManager.default.removeItem(at: dir) }
        let links = dir.appending(path: "links.geojson")
        let before = try Data(contentsOf: links)
        let r = try CLI.run("export", "--data", dir.path, "--out", links.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("is one of this command's inputs"))
        #expect(try Data(contentsOf: links) == before)
    }

    @Test(arguments: [["--scenario", ""], ["--data", ""], ["--out", ""]])
    func anEmptyPathIsAUsageErrorNamingTheOption(arguments: [String]) throws {
        let r = try CLI.runTool(try CLI.binary, ["route", "Bangkok", "Hanoi"] + arguments)
        #expect(r.status == 64)
        #expect(r.stderr.contains("\(arguments[0]) is empty"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aMissingScenarioFileSaysSo() throws {
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--scenario", "/nonexistent/what-if.json")
        #expect(r.status == 64)
        #expect(r.stderr.contains("no such file"))
    }

    /// A data file that exists but cannot be read (here a directory in its place) is an I/O
    /// failure, 74, not bad data, 65.
    @Test func anUnreadableDataFileIsAnIOError() throws {
        let dir = try CLI.copyOfTiny()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appending(path: "places.geojson"))
        try FileManager.default.createDirectory(at: dir.appending(path: "places.geojson"), withIntermediateDirectories: false)
        let r = try CLI.run("places", "--data", dir.path)
        #expect(r.status == 74, "\(r.stderr)")
    }
}

/// Finite but absurd values were accepted and overflowed or printed negative totals.
struct BoundedValuesCLITests {
    @Test func aPopulationBeyondAnyCityIsBadData() throws {
        let dir = try CLI.copyOfTiny { file, text in
            file == "places.geojson" ? text.replacingOccurrences(of: #""population":1000"#, with: #""population":8900000000000000"#) : text
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run("validate", "--data", dir.path)
        #expect(r.status == 65)
        #expect(r.stdout.contains("\"population\" must be from 1 to 100000000"))
    }

    @Test func aScenarioBorderDelayOfAnAgeIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "what-if.json")
        try Data(#"{"edits": [{"border_delay": "bridge-ab", "truck": 1e300}]}"#.utf8).write(to: file)
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--scenario", file.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("must be a number of hours from 0 to 72"))
    }
}

/// One rule for time: h:mm in tables, decimal hours in JSON and CSV.
struct UnitsCLITests {
    @Test func reachGivesHoursAndMinutesInTheTableAndDecimalHoursInCSV() throws {
        let table = try CLI.run("reach", "Vientiane", "--hours", "2")
        let csv = try CLI.run("reach", "Vientiane", "--hours", "2", "--format", "csv")
        #expect(table.status == 0 && csv.status == 0)
        #expect(table.stdout.contains("within 2:00 h"))
        let vientianeRow = try #require(csv.stdout.split(separator: "\n").first { $0.hasPrefix("vientiane,") })
        #expect(vientianeRow.hasSuffix(",0.000,0.0"))
        #expect(table.stdout.contains("h:mm"))
    }
}

/// Every result a script needs, in the format it asked for.
struct OutputContractCLITests {
    /// The route's JSON carries its line, from the start place to the end place.
    @Test func routeJSONCarriesItsGeometryFromStartToEnd() throws {
        let r = try CLI.run("route", "Bangkok", "Vientiane", "--format", "json")
        #expect(r.status == 0)
        let route = try #require((try CLI.json(r.stdout) as? [String: Any])?["route"] as? [String: Any])
        let geometry = try #require(route["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "LineString")
        let coordinates = try #require(geometry["coordinates"] as? [[Double]])
        let places = try #require(try CLI.json(try CLI.run("places", "--format", "json").stdout) as? [[String: Any]])
        func at(_ id: String) -> [Double]? {
            places.first { $0["id"] as? String == id }.flatMap { p in (p["longitude"] as? Double).flatMap { lon in (p["latitude"] as? Double).map { [lon, $0] } } }
        }
        #expect(coordinates.first == at("bangkok"))
        #expect(coordinates.last == at("vientiane"))
        #expect(coordinates.count > 20)
    }

    /// export takes the scenario options like every command: a scenario file's new link is in
    /// the map, and each link carries the profile's hours.
    @Test func exportTakesTheScenarioFileAndTheProfile() throws {
        let places = try #require(try CLI.json(try CLI.run("places", "--data", CLI.tiny, "--format", "json").stdout) as? [[String: Any]])
        func at(_ id: String) -> String {
            let p = places.first { $0["id"] as? String == id }!
            return "[\(p["longitude"]!), \(p["latitude"]!)]"
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "what-if.json")
        try Data("""
            {"edits": [{"add_link": {"type": "Feature", "properties": {"id": "what-if-road", "name": "What-if road", "from": "town-a",
              "to": "town-b", "mode": "road", "class": "primary", "source": "test"},
              "geometry": {"type": "LineString", "coordinates": [\(at("town-a")), \(at("town-b"))]}}}]}
            """.utf8).write(to: file)
        let r = try CLI.run("export", "--data", CLI.tiny, "--layers", "links", "--scenario", file.path, "--profile", "truck")
        #expect(r.status == 0, "\(r.stderr)")
        let features = try #require((try CLI.json(r.stdout) as? [String: Any])?["features"] as? [[String: Any]])
        let added = try #require(features.first { ($0["properties"] as? [String: Any])?["id"] as? String == "what-if-road" })
        let properties = try #require(added["properties"] as? [String: Any])
        #expect((properties["hours"] as? Double).map { $0 > 0 } == true)
        #expect(properties["profile"] as? String == "truck")
    }

    /// route CSV: one row per leg, whose hours add up to the route's total in JSON.
    @Test func routeCSVHasALegPerRowAddingUpToTheTotal() throws {
        let csv = try CLI.run("route", "Bangkok", "Vientiane", "--format", "csv")
        let json = try CLI.run("route", "Bangkok", "Vientiane", "--format", "json")
        #expect(csv.status == 0 && json.status == 0)
        let total = try #require(((try CLI.json(json.stdout) as? [String: Any])?["route"] as? [String: Any])?["hours"] as? Double)
        let lines = csv.stdout.split(separator: "\n").dropFirst()
        let legs = try #require(((try CLI.json(json.stdout) as? [String: Any])?["route"] as? [String: Any])?["legs"] as? [Any])
        #expect(lines.count == legs.count)
        // hours is the 9th column; names may hold quoted commas, so read it from the right (6th from the end).
        let hours = lines.compactMap { line -> Double? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return Double(fields[fields.count - 6])
        }
        #expect(abs(hours.reduce(0, +) - total) < 0.01)
    }

    /// matrix GeoJSON: a line for each ordered pair of three reachable cities.
    @Test func matrixGeoJSONHasALinePerReachablePair() throws {
        let r = try CLI.run("matrix", "bangkok", "vientiane", "hanoi", "--format", "geojson")
        #expect(r.status == 0)
        let features = try #require((try CLI.json(r.stdout) as? [String: Any])?["features"] as? [[String: Any]])
        #expect(features.count == 6)
    }

    /// corridor list as a map (each connected corridor's line) and corridor show as CSV.
    @Test func corridorsComeAsLinesAndAsCSV() throws {
        let list = try CLI.run("corridor", "list", "--format", "geojson")
        let json = try CLI.run("corridor", "list", "--format", "json")
        #expect(list.status == 0 && json.status == 0)
        let features = try #require((try CLI.json(list.stdout) as? [String: Any])?["features"] as? [[String: Any]])
        let connected = try #require(try CLI.json(json.stdout) as? [[String: Any]]).filter { $0["error"] == nil }
        #expect(features.count == connected.count)
        let show = try CLI.run("corridor", "show", "ewec", "--format", "csv")
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("rank,leg,kind,route,names,from,to,km,hours"))
    }

    @Test func validateWritesToOut() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "findings.json")
        let r = try CLI.run("validate", "--format", "json", "--out", file.path)
        #expect(r.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(report["errors"] as? Double == 0)
    }
}

/// Tables fit the terminal: `matrix --kind city` was 996 characters wide.
struct TableWidthCLITests {
    func run(_ arguments: String, columns: Int) throws -> CLI.Result {
        try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", "COLUMNS=\(columns) \"$0\" \(arguments)", try CLI.binary.path])
    }

    @Test func aWideTableFitsColumnsAndWidePrintsItWhole() throws {
        let fitted = try run("route Bangkok Hanoi", columns: 100)
        #expect(fitted.status == 0)
        // The table's rows; the sentences around it (title, totals, schedule) wrap as text does.
        func tableLines(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !["Route", "Total", "Door", "  day"].contains(where: $0.hasPrefix) }
        }
        #expect(tableLines(fitted.stdout).allSatisfy { $0.count <= 100 })
        let whole = try run("route Bangkok Hanoi --wide", columns: 100)
        #expect(tableLines(whole.stdout).map(\.count).max()! > 150)
    }
}

/// A scenario's new link is held to the data's rules.
struct ScenarioEditCLITests {
    func route(with addLink: String) throws -> CLI.Result {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "what-if.json")
        try Data(#"{"edits": [{"add_link": "#.utf8 + Data(addLink.utf8) + Data("}]}".utf8)).write(to: file)
        return try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--scenario", file.path)
    }

    @Test func aMisspeltMemberOfANewLinkIsAnError() throws {
        let r = try route(with: #"{"type": "Feature", "properties": {"id": "new-road", "name": "x", "from": "town-a", "to": "town-b", "mode": "road", "clas": "primary", "source": "t"}, "geometry": {"type": "LineString", "coordinates": [[100.0, 15.0], [101.0, 15.0]]}}"#)
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown property \"clas\""))
    }

    /// The line starts 43 km west of town-a (0.4° of longitude at 15° N).
    @Test func aNewLineThatDoesNotStartAtItsPlaceIsAnError() throws {
        let r = try route(with: #"{"type": "Feature", "properties": {"id": "new-road", "name": "x", "from": "town-a", "to": "town-b", "mode": "road", "class": "primary", "source": "t"}, "geometry": {"type": "LineString", "coordinates": [[99.6, 15.0], [101.0, 15.0]]}}"#)
        #expect(r.status == 64)
        #expect(r.stderr.contains("the line's start is 43.0 km from its place \"town-a\""))
    }
}

/// `--help` promises exactly the formats a command writes: each listed one works, each other
/// one is refused as a usage error naming the choices.
struct FormatListCLITests {
    static let commands: [[String]] = [
        ["route", "Bangkok", "Vientiane"], ["reach", "Vientiane", "--hours", "2"], ["matrix", "Bangkok", "Vientiane"],
        ["corridor", "list"], ["corridor", "show", "ewec"], ["gaps"], ["places", "bangkok"],
        ["projects", "list"], ["projects", "show", "kh-neak-loeung-bridge"], ["projects", "assess", "--data", CLI.tiny],
        ["calibrate", "--data", CLI.tiny], ["validate", "--data", CLI.tiny],
    ]

    /// The formats a command's help lists after "Output format:".
    static func listedFormats(_ command: [String]) throws -> Set<String> {
        let subcommand = Array(command.prefix(command.first == "projects" || command.first == "corridor" ? 2 : 1))
        let help = try CLI.runTool(try CLI.binary, subcommand + ["--help"]).stdout
        let text = try #require(help.range(of: "Output format: ").map { String(help[$0.upperBound...].prefix { $0 != "(" }) })
        return Set(text.replacingOccurrences(of: " or ", with: ", ").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    @Test(arguments: commands)
    func helpListsExactlyTheFormatsTheCommandWrites(command: [String]) throws {
        let listed = try Self.listedFormats(command)
        #expect(!listed.isEmpty)
        for format in ["table", "json", "geojson", "csv"] {
            let r = try CLI.runTool(try CLI.binary, command + ["--format", format])
            if listed.contains(format) {
                #expect(r.status == 0, "\(command) --format \(format): \(r.stderr)")
            } else {
                #expect(r.status == 64, "\(command) --format \(format) should be refused")
                #expect(r.stderr.contains("choose"), "\(r.stderr)")
            }
        }
    }
}
