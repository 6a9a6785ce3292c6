import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `mekong serve` end to end: the real binary on a free loopback port, every endpoint called over
/// HTTP, and the answers checked against the CLI's JSON for the same question (the CLI is the
/// outside oracle of the wiring: parameters → library → report).
@Suite(.serialized)
struct ServeTests {
    /// A running `mekong serve`, stopped with SIGTERM when the test is done.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        private let stderr = Pipe()
        private var log = Data()
        private let lock = NSLock()

        init(_ arguments: [String] = []) throws {
            process.executableURL = try CLI.binary
            // These tests compare answers, not times: the debug build on a busy machine took more
            // than the 10 s default for `projects assess` and was answered 503. A test of the
            // limit itself names its own.
            let limit = arguments.contains("--time-limit") ? [] : ["--time-limit", "300"]
            process.arguments = ["serve", "--port", "0"] + limit + arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "MEKONG_DATA")
            process.environment = environment
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The server prints "listening on http://127.0.0.1:PORT/" once it accepts connections.
            let deadline = Date().addingTimeInterval(60)
            var found: Int?
            while found == nil, Date() < deadline, process.isRunning {
                let chunk = stderr.fileHandleForReading.availableData
                lock.lock(); log.append(chunk); let text = String(decoding: log, as: UTF8.self); lock.unlock()
                if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    found = Int(text[range].dropFirst("127.0.0.1:".count).dropLast())
                }
                if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
            }
            guard let found else {
                process.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(String(decoding: log, as: UTF8.self))"])
            }
            port = found
        }

        /// SIGTERM, then the exit status and everything the server wrote on standard error.
        func stop() -> (status: Int32, stderr: String) {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let rest = stderr.fileHandleForReading.readDataToEndOfFile()
            lock.lock(); log.append(rest); let text = String(decoding: log, as: UTF8.self); lock.unlock()
            return (process.terminationStatus, text)
        }

        deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        struct Reply { var status: Int; var contentType: String; var body: Data; var allow: String?
            var json: Any { get throws { try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) } }
            var object: [String: Any] { get throws { try #require(try json as? [String: Any]) } }
            var text: String { String(decoding: body, as: UTF8.self) }
        }

        /// A GET (or a POST of `body`) to `path`, which carries its query string.
        func call(_ path: String, method: String = "GET", body: Data? = nil) async throws -> Reply {
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
            request.httpMethod = method
            request.timeoutInterval = 120
            if let body { request.httpBody = body; request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return Reply(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "", body: data,
                         allow: http.value(forHTTPHeaderField: "Allow"))
        }
    }

    /// The CLI's JSON for the same question.
    static func cli(_ arguments: String...) throws -> Any {
        let result = try CLI.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Two JSON values are equal (numbers compared as numbers).
    static func same(_ a: Any, _ b: Any) -> Bool { (a as? NSObject)?.isEqual(b) ?? false }

    @Test func routesTablesAndReachAnswerWhatTheCLIAnswers() async throws {
        let server = try Server()
        // The flagship route, via the bridge by its name, and with alternatives.
        let route = try await server.call("/route?from=Bangkok&to=Hanoi&via=Third%20Mekong%20Bridge")
        #expect(route.status == 200)
        #expect(route.contentType.hasPrefix("application/json"))
        #expect(Self.same(try route.json, try Self.cli("route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge")))
        let km = try #require((try route.object["route"] as? [String: Any])?["km"] as? Double)
        #expect(km > 1400 && km < 1600, "Bangkok–Hanoi via the Third Mekong Bridge is about 1,500 km by road, not \(km)")
        let alternatives = try await server.call("/route?from=bangkok&to=hanoi&alternatives=2&profile=car")
        #expect(Self.same(try alternatives.json, try Self.cli("route", "bangkok", "hanoi", "--alternatives", "2", "--profile", "car")))

        // 2012 (the ferry at Neak Loeung) against 2016 with the bridge, the second posted.
        let ferry = try await server.call("/route?from=Phnom+Penh&to=Ho+Chi+Minh+City&year=2012")
        #expect(Self.same(try ferry.json, try Self.cli("route", "Phnom Penh", "Ho Chi Minh City", "--year", "2012")))
        let posted = try await server.call("/route", method: "POST",
                                           body: Data(#"{"from": "Phnom Penh", "to": "Ho Chi Minh City", "year": 2016, "with": ["kh-neak-loeung-bridge"]}"#.utf8))
        #expect(Self.same(try posted.json, try Self.cli("route", "Phnom Penh", "Ho Chi Minh City", "--year", "2016", "--with", "kh-neak-loeung-bridge")))
        let ferryHours = try #require((try ferry.object["route"] as? [String: Any])?["hours"] as? Double)
        let bridgeHours = try #require((try posted.object["route"] as? [String: Any])?["hours"] as? Double)
        #expect(bridgeHours < ferryHours, "the Neak Loeung bridge saves the ferry's wait")

        // GeoJSON: the route's line first, then its legs.
        let geojson = try await server.call("/route?from=Bangkok&to=Hanoi&format=geojson")
        #expect(geojson.contentType.hasPrefix("application/geo+json"))
        let features = try #require(try geojson.object["features"] as? [[String: Any]])
        #expect((features.first?["properties"] as? [String: Any])?["kind"] as? String == "route")
        #expect(features.dropFirst().allSatisfy { ($0["properties"] as? [String: Any])?["kind"] as? String == "leg" })

        // A table of sources × destinations is the slice of the CLI's square matrix.
        let table = try await server.call("/table?sources=bangkok;hanoi&destinations=vientiane&destinations=phnom-penh")
        let square = try #require(try Self.cli("matrix", "bangkok", "hanoi", "vientiane", "phnom-penh") as? [String: Any])
        let squareHours = try #require(square["hours"] as? [[Any]])
        let tableHours = try #require(try table.object["hours"] as? [[Any]])
        #expect(try table.object["sources"] as? [String] == ["bangkok", "hanoi"])
        for i in 0..<2 { for j in 0..<2 { #expect(Self.same(tableHours[i][j], squareHours[i][j + 2]), "cell \(i),\(j)") } }

        // Reach: each contour is the CLI's reach for that budget; more hours reach more places.
        let reach = try await server.call("/reach?from=Vientiane&hours=3,6")
        let contours = try #require(try reach.object["contours"] as? [[String: Any]])
        #expect(contours.count == 2)
        #expect(Self.same(contours[1], try Self.cli("reach", "Vientiane", "--hours", "6")))
        #expect((contours[0]["places"] as? [Any])?.count ?? 0 < (contours[1]["places"] as? [Any])?.count ?? 0)
        let outlines = try await server.call("/reach?from=Vientiane&hours=3,6&format=geojson")
        let polygons = try #require(try outlines.object["features"] as? [[String: Any]]).filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "outline" }
        #expect(polygons.map { ($0["properties"] as? [String: Any])?["contour"] as? Double } == [6, 3], "largest contour first, as Valhalla draws them")
        #expect(server.stop().status == 0)
    }

    @Test func corridorsGapsProjectsPlacesAndExportAnswerWhatTheCLIAnswers() async throws {
        let server = try Server()
        #expect(Self.same(try await server.call("/corridors").json, try Self.cli("corridor", "list")))
        #expect(Self.same(try await server.call("/corridors/ewec").json, try Self.cli("corridor", "show", "ewec")))
        #expect(Self.same(try await server.call("/gaps").json, try Self.cli("gaps")))
        let seaport = try await server.call("/gaps?kind=seaport-access")
        let kinds = Set(try #require(try seaport.object["gaps"] as? [[String: Any]]).compactMap { $0["kind"] as? String })
        #expect(kinds == ["seaport-access"])
        #expect(Self.same(try await server.call("/gaps/compare?year=2012&against_year=2026").json,
                          try Self.cli("gaps", "--year", "2012", "--against-year", "2026")))
        #expect(Self.same(try await server.call("/projects").json, try Self.cli("projects", "list")))
        #expect(Self.same(try await server.call("/projects/kh-neak-loeung-bridge").json, try Self.cli("projects", "show", "kh-neak-loeung-bridge")))
        #expect(Self.same(try await server.call("/projects/assessment").json, try Self.cli("projects", "assess")))
        #expect(Self.same(try await server.call("/places?q=bangkok").json, try Self.cli("places", "bangkok")))

        // Snapping: a point 0.7 km from Bangkok's centre snaps to Bangkok, distance in metres.
        let nearest = try await server.call("/nearest?point=100.5,13.75")
        let waypoint = try #require((try nearest.object["waypoints"] as? [[String: Any]])?.first)
        #expect(waypoint["id"] as? String == "bangkok")
        let metres = try #require(waypoint["distance"] as? Double)
        #expect(metres > 600 && metres < 800, "about 740 m from 100.5,13.75 to Bangkok's point, not \(metres)")

        let export = try await server.call("/export?layers=places")
        let cliExport = try CLI.run("export", "--layers", "places")
        let cliFeatures = try #require((try JSONSerialization.jsonObject(with: Data(cliExport.stdout.utf8)) as? [String: Any])?["features"] as? [Any])
        #expect((try export.object["features"] as? [Any])?.count == cliFeatures.count)

        // CSV and the text table are the CLI's too.
        let csv = try await server.call("/corridors?format=csv")
        #expect(csv.contentType.hasPrefix("text/csv"))
        #expect(csv.text == (try CLI.run("corridor", "list", "--format", "csv")).stdout)

        // The document describes every endpoint.
        let document = try await server.call("/openapi.json")
        let paths = try #require(try document.object["paths"] as? [String: Any])
        for path in ["/route", "/table", "/reach", "/corridors", "/corridors/{id}", "/gaps", "/gaps/compare", "/projects", "/projects/{id}",
                     "/projects/assessment", "/places", "/nearest", "/export"] {
            #expect(paths[path] != nil, "\(path) is not in /openapi.json")
        }
        #expect(server.stop().status == 0)
    }

    @Test func badRequestsGetJSONErrorsThatNameTheParameterAndTheNearestChoice() async throws {
        let server = try Server()
        let unknown = try await server.call("/route?from=Bangkk&to=Hanoi")
        #expect(unknown.status == 400)
        #expect(try unknown.object["parameter"] as? String == "from")
        #expect((try unknown.object["suggestions"] as? [String])?.first == "Bangkok (bangkok)")

        let profile = try await server.call("/route?from=Bangkok&to=Hanoi&profile=truk")
        #expect(try profile.object["parameter"] as? String == "profile")
        #expect((try profile.object["suggestions"] as? [String])?.first == "truck")

        let swapped = try await server.call("/route?from=13.75,100.5&to=Hanoi")
        #expect(swapped.status == 400)
        #expect(try swapped.object["suggestions"] as? [String] == ["100.5,13.75"])

        let misspelt = try await server.call("/route?fro=Bangkok&to=Hanoi")
        #expect(try misspelt.object["code"] as? String == "InvalidQuery")
        #expect(try misspelt.object["parameter"] as? String == "fro")
        #expect((try misspelt.object["suggestions"] as? [String])?.first == "from")

        let tooMany = try await server.call("/route?from=Bangkok&to=Hanoi&alternatives=50")
        #expect(tooMany.status == 400)
        #expect(try tooMany.object["suggestions"] as? [String] == ["5"])

        let places = (0..<101).map { "p\($0)" }.joined(separator: ";")
        let big = try await server.call("/table?sources=\(places)&destinations=\(places)")
        #expect(big.status == 400)
        #expect(try big.object["code"] as? String == "TooBig")

        let budgets = try await server.call("/reach?from=Vientiane&hours=1,2,3,4,5,6,7,8,9")
        #expect(try budgets.object["code"] as? String == "TooBig")
        #expect(try await server.call("/reach?from=Vientiane&hours=241").status == 400)
        #expect(try await server.call("/reach?from=Vientiane&hours=nan").status == 400)

        let noRoute = try await server.call("/route?from=Bangkok&to=Hanoi&avoid=bangkok")
        #expect(noRoute.status == 400)

        let notFound = try await server.call("/nowhere")
        #expect(notFound.status == 404)
        #expect(notFound.contentType.hasPrefix("application/json"))
        #expect(try notFound.object["code"] as? String == "NotFound")
        let corridor = try await server.call("/corridors/ewc")
        #expect(corridor.status == 404)
        #expect((try corridor.object["suggestions"] as? [String])?.contains("ewec") == true)

        // Paths never reach the file system: ../ is a 404, not a file.
        #expect(try await server.call("/leaflet/..%2F..%2F..%2Fetc%2Fpasswd").status == 404)
        #expect(try await server.call("/../../etc/passwd").status == 404)

        let oversized = try await server.call("/route", method: "POST", body: Data(repeating: UInt8(ascii: " "), count: 200_000))
        #expect(oversized.status == 413)
        #expect(try oversized.object["code"] as? String == "PayloadTooLarge")
        let notJSON = try await server.call("/route", method: "POST", body: Data("{from: Bangkok".utf8))
        #expect(notJSON.status == 400)
        let badEdit = try await server.call("/route", method: "POST", body: Data(#"{"from": "Bangkok", "to": "Hanoi", "edits": [{"remove_link": "no-such-link"}]}"#.utf8))
        #expect(badEdit.status == 400)
        #expect(try badEdit.object["parameter"] as? String == "edits")
        let getOnly = try await server.call("/projects", method: "DELETE")
        #expect(getOnly.status == 405)
        #expect(getOnly.allow == "GET, HEAD")
        #expect(server.stop().status == 0)
    }

    /// The server and the CLI resolve names through one library type (QueryNames): a misspelt
    /// place or via, an ambiguous name, swapped axes, a point far from every place and an unknown
    /// country get the same nearest valid choices from both.
    @Test func theServerSuggestsTheChoicesTheCLISuggests() async throws {
        let server = try Server()
        let cases: [(path: String, parameter: String, cli: [String], first: String)] = [
            ("/route?from=Bangkk&to=Hanoi", "from", ["route", "Bangkk", "Hanoi"], "Bangkok (bangkok)"),
            ("/route?from=Bangkok&to=Hanoi&via=Third%20Mekng%20Bridge", "via", ["route", "Bangkok", "Hanoi", "--via", "Third Mekng Bridge"], "thang-long-bridge"),
            ("/route?from=Friendship&to=Hanoi", "from", ["route", "Friendship", "Hanoi"], "Chiang Khong (chiang-khong-border)"),
            ("/route?from=13.75,100.5&to=Hanoi", "from", ["route", "13.75,100.5", "Hanoi"], "100.5,13.75"),
            ("/route?from=90,10&to=Hanoi", "from", ["route", "90,10", "Hanoi"], "Dawei Deep Seaport (dawei-port)"),
            ("/route?from=Bangkok&to=Hanoi&avoid=country:LAOS", "avoid", ["route", "Bangkok", "Hanoi", "--avoid", "country:LAOS"], "country:LAO"),
            ("/reach?from=Vientane&hours=3", "from", ["reach", "Vientane", "--hours", "3"], "Vientiane (vientiane)"),
            ("/table?sources=bangkok;hanio", "sources", ["matrix", "bangkok", "hanio"], "Hanoi (hanoi)"),
        ]
        for c in cases {
            let reply = try await server.call(c.path)
            #expect(reply.status == 400, "\(c.path)")
            #expect(try reply.object["parameter"] as? String == c.parameter, "\(c.path)")
            let suggestions = try #require(try reply.object["suggestions"] as? [String], "\(c.path)")
            #expect(suggestions.first == c.first, "\(c.path): \(suggestions)")
            let cli = try CLI.run(c.cli)
            #expect(cli.status == 64, "\(c.cli)")
            #expect(cli.stderr.contains(suggestions.joined(separator: ", ")), "\(c.cli): the CLI says \(cli.stderr), the server suggests \(suggestions)")
        }
        #expect(server.stop().status == 0)
    }

    /// Oversized request lines and headers get the API's JSON error, not a bare 400: a URI over
    /// 16 KiB a 414 from the server, a head over the 80 KiB SwiftNIO's parser reads a 431 from the
    /// channel handler, also when it follows another request on the same connection (pipelined),
    /// whose answer comes first. The document lists both, and the server goes on answering.
    @Test func oversizedURIsAndHeadsGetJSONErrors() async throws {
        let server = try Server()
        let base = "/route?from=Bangkok&to=Hanoi&x="
        let atLimit = try await server.call(base + String(repeating: "a", count: 16_384 - base.utf8.count))
        #expect(atLimit.status == 400, "a URI of 16,384 bytes is read: \(atLimit.text.prefix(200))")
        let over = try await server.call(base + String(repeating: "a", count: 16_385 - base.utf8.count))
        #expect(over.status == 414)
        #expect(over.contentType.hasPrefix("application/json"))
        #expect(try over.object["code"] as? String == "URITooLong")
        let huge = try await server.call("/route?from=" + String(repeating: "a", count: 90_000))
        #expect(huge.status == 431)
        #expect(try huge.object["code"] as? String == "HeaderTooLarge")

        let script = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
            s.sendall(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nGET /places?q=" + b"a" * 90000 + b" HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            sys.stdout.write(data.decode())
            """
        let raw = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, String(server.port)])
        #expect(raw.stdout.matches(of: /HTTP\/1.1 (\d{3})/).map { String($0.1) } == ["200", "431"], "\(raw.stdout.prefix(600)) \(raw.stderr)")
        #expect(raw.stdout.hasSuffix("\"suggestions\":[]}\n") && raw.stdout.contains("\"code\":\"HeaderTooLarge\""))
        #expect(try await server.call("/health").status == 200)

        let paths = try #require(try await server.call("/openapi.json").object["paths"] as? [String: [String: Any]])
        for (path, operations) in paths {
            for (_, operation) in operations {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                #expect(responses?["414"] != nil && responses?["431"] != nil, "\(path)")
            }
        }
        #expect(server.stop().status == 0)
    }

    @Test func concurrentRequestsAgreeAndSIGTERMStopsTheServerCleanly() async throws {
        let server = try Server()
        let bodies = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<24 { group.addTask { try await server.call("/route?from=Bangkok&to=Hanoi&alternatives=1").body } }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(Set(bodies).count == 1, "the same question answered differently under concurrency")
        let stopped = server.stop()
        #expect(stopped.status == 0)
        #expect(stopped.stderr.contains("mekong serve: stopped"))
    }

    /// With `--network`, /route answers on the imported graph as `route --network` does, and
    /// graph=curated still reaches the plan's network.
    @Test func routeOnAnImportedGraphIsTheCLIsRouteOnIt() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appending(path: "roads.geojson")
        try Data("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": "A", "kind": "main"}, "geometry": {"type": "LineString", "coordinates": [[100, 14], [101, 14]]}},
            {"type": "Feature", "properties": {"id": "B", "kind": "main"}, "geometry": {"type": "LineString", "coordinates": [[101, 14], [101, 15]]}}]}
            """.utf8).write(to: source)
        let mapping = dir.appending(path: "mapping.json")
        try Data(#"{"id_field": "id", "rules": [{"when": {"kind": ["main"]}, "mode": "road", "class": "primary"}]}"#.utf8).write(to: mapping)
        let graph = dir.appending(path: "roads.mkg").path
        #expect(try CLI.run("import", source.path, "--mapping", mapping.path, "--out", graph).status == 0)
        let server = try Server(["--network", graph])
        let reply = try await server.call("/route?from=100,14&to=101,15&optimize=distance")
        #expect(reply.status == 200, "\(reply.text)")
        #expect(Self.same(try reply.json, try Self.cli("route", "--network", graph, "100,14", "101,15", "--optimize", "distance")))
        let km = try #require(try reply.object["km"] as? Double)
        #expect(km > 215 && km < 220, "two legs of about 108 and 111 km, not \(km)")
        // A graph imported without the plan cannot answer the plan's questions, and says how to.
        let via = try await server.call("/route?from=100,14&to=101,15&via=Hanoi")
        #expect(via.status == 400)
        #expect(try via.object["suggestions"] as? [String] == ["curated"])
        #expect((try via.object["message"] as? String ?? "").contains("--plan"), "\(via.text)")
        #expect(try await server.call("/route?from=Bangkok&to=Hanoi&graph=curated").status == 200)
        #expect(server.stop().status == 0)
    }

    /// On a graph imported with the plan, /route with via points, avoidances, alternatives and
    /// projects is searched on the plan laid onto the graph: on a graph that is the curated
    /// network it answers exactly as graph=curated does, as `route --network` does in the CLI.
    @Test func theQuestionsOfThePlanOnAnImportedGraphWithThePlanAreTheCuratedAnswers() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try Server(["--network", try PlanNetworkCLITests.curatedGraphFile(in: dir)])
        for query in ["from=Bangkok&to=Hanoi&via=Third+Mekong+Bridge", "from=phnom-penh&to=ho-chi-minh-city&year=2014&with=kh-neak-loeung-bridge",
                      "from=vientiane&to=hanoi&avoid=country:tha&alternatives=1", "from=phnom-penh&to=ho-chi-minh-city&year=2016&without=kh-neak-loeung-bridge&profile=car"] {
            let imported = try await server.call("/route?\(query)&graph=imported")
            let curated = try await server.call("/route?\(query)&graph=curated")
            #expect(imported.status == 200 && curated.status == 200, "\(query): \(imported.text)")
            #expect(imported.body == curated.body, "\(query) differs on the imported graph")
        }
        #expect(server.stop().status == 0)
    }

    /// The README's curl examples run against the server and answer 200.
    @Test func theReadmesCurlExamplesAnswer() async throws {
        let block = try #require(ReadmeTests.block(after: "Three examples:", language: "sh"))
        let commands = block.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").filter { $0.hasPrefix("curl ") }
        #expect(commands.count == 3)
        let server = try Server()
        for command in commands {
            let line = command.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(server.port)")
            let result = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", line + " -s -o /dev/null -w '%{http_code}'"])
            #expect(result.stdout == "200", "\(command): \(result.stdout) \(result.stderr)")
        }
        #expect(server.stop().status == 0)
    }

    /// CPU seconds (user and system) the process `pid` has used so far, from /proc/PID/stat.
    static func cpuSeconds(of pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        let ticks = try #require(Double(fields[11])) + (try #require(Double(fields[12])))   // utime, stime: fields 14 and 15
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A request over the limit is answered 503 at the limit, and its work stops there: the
    /// searches and analyses poll the request's deadline. The project assessment takes seconds of
    /// both cores in a debug build; it filled them so that the 503 came only when it had finished
    /// (5.5 s for a 0.3 s limit), and no CPU may go to it after its answer. The next request is
    /// answered at once.
    @Test func aRequestOverTheTimeLimitIsCutOffWithA503AndItsWorkStops() async throws {
        let server = try Server(["--time-limit", "0.3"])
        #expect(try await server.call("/route?from=Bangkok&to=Hanoi").status == 200)
        let asked = Date()
        let reply = try await server.call("/projects/assessment")
        let waited = Date().timeIntervalSince(asked)
        #expect(reply.status == 503)
        #expect(try reply.object["code"] as? String == "Timeout")
        #expect(waited < 1.5, "the 503 came \(waited) s after the request, for a limit of 0.3 s")
        let atAnswer = try Self.cpuSeconds(of: server.process.processIdentifier)
        let start = Date()
        #expect(try await server.call("/route?from=Phnom+Penh&to=Ho+Chi+Minh+City&year=2012").status == 200)
        let answered = Date().timeIntervalSince(start)
        try await Task.sleep(for: .seconds(1.5))
        let used = try Self.cpuSeconds(of: server.process.processIdentifier) - atAnswer
        #expect(used < 0.5, "the abandoned assessment went on: \(used) s of CPU in the 1.5 s after its 503")
        #expect(answered < 1, "the next request waited \(answered) s")
        #expect(server.stop().status == 0)
    }

    static let schemathesis: String? = {
        guard let result = try? CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), ["schemathesis", "--version"]), result.status == 0 else { return nil }
        return "schemathesis"
    }()

    /// Thousands of generated requests, valid and malformed, from the OpenAPI document: no 5xx,
    /// every answer's status, content type and body as documented, and no crash. Schemathesis's
    /// "valid data accepted" check is left out: a schema-valid string is rarely a place's name.
    /// All three phases run: the document's examples, coverage (each parameter's boundaries and
    /// wrong types, about 2,000 cases) and fuzzing. Coverage needs the Hypothesis that `make
    /// test-deps` pins (see the Makefile); a request may take a debug build more than
    /// schemathesis's default 10 s (a project assessment on a new base year), hence 120 s.
    /// Tests/Schemathesis/schemathesis.toml counts the 414 and 431 as rejections.
    @Test(.enabled(if: schemathesis != nil, "schemathesis (PyPI) is not installed; `make test` installs it"))
    func schemathesisFindsNoServerErrorAndNoDepartureFromTheDocument() async throws {
        // A generous time limit: a 503 for a slow debug build on a busy machine is not what this
        // test looks for (aRequestOverTheTimeLimitIsCutOffWithA503 covers the limit).
        let server = try Server(["--time-limit", "300"])
        let examples = ProcessInfo.processInfo.environment["SERVE_FUZZ_EXAMPLES"] ?? "150"
        let result = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), [
            "schemathesis", "--config-file", PackagePaths.root.appending(path: "Tests/Schemathesis/schemathesis.toml").path,
            "run", "http://127.0.0.1:\(server.port)/openapi.json", "--max-examples", examples, "--workers", "2",
            "--phases", "examples,coverage,fuzzing", "--request-timeout", "120", "--exclude-checks", "positive_data_acceptance",
            "--seed", "20261202", "--no-color",
        ])
        let summary = result.stdout.split(separator: "\n").suffix(25).joined(separator: "\n")
        #expect(result.status == 0, "schemathesis found failures:\n\(result.stdout.suffix(6000))")
        let generated = result.stdout.firstMatch(of: /(\d+) generated/).flatMap { Int($0.1) } ?? 0
        #expect(generated >= 4000, "too few cases generated:\n\(summary)")
        #expect(result.stdout.contains("✅ Coverage"), "the coverage phase did not pass:\n\(summary)")
        let stopped = server.stop()
        #expect(stopped.status == 0, "the server did not survive the run: \(stopped.stderr.suffix(2000))")
    }
}

/// The web map in a real browser: headless Chromium from Debian, driven over the DevTools
/// protocol by Tests/Browser/webmap_check.py.
@Suite(.serialized)
struct WebMapTests {
    static let chromium: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    static let leaflet: Bool = FileManager.default.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.js")

    /// Our page and script load nothing from elsewhere: every src and href is a path on this server.
    @Test func thePageAndItsScriptReferenceNoOtherHost() async throws {
        let server = try ServeTests.Server()
        for path in ["/", "/map.js"] {
            let text = try await server.call(path).text
            #expect(!text.contains("http://") && !text.contains("https://"), "\(path) names an external URL")
            let references = text.matches(of: /(?:src|href)="([^"]*)"/).map { String($0.1) }
            #expect(references.allSatisfy { $0.hasPrefix("/") && !$0.hasPrefix("//") || $0.hasPrefix("data:") }, "\(path): \(references)")
        }
        let basemap = try await server.call("/basemap.geojson")
        #expect(try basemap.object["type"] as? String == "FeatureCollection")
        // The web map's base layer is the Natural Earth outline `mekong map` draws on: the five
        // countries and China are there.
        let countries = ((try basemap.object["features"] as? [[String: Any]]) ?? []).compactMap { f -> String? in
            let p = f["properties"] as? [String: Any]
            return p?["layer"] as? String == "country" ? p?["iso_a3"] as? String : nil
        }
        #expect(Set(["KHM", "LAO", "MMR", "THA", "VNM", "CHN"]).isSubset(of: Set(countries)), "\(countries)")
        #expect(server.stop().status == 0)
    }

    @Test(.enabled(if: chromium && leaflet, "chromium or libjs-leaflet (Debian) is not installed; `make test` installs them"))
    func bangkokToHanoiAppearsWithNoConsoleErrorAndNoRequestOffTheMachine() async throws {
        let server = try ServeTests.Server()
        let base = "http://127.0.0.1:\(server.port)"
        let check = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"),
                                    ["python3", PackagePaths.root.appending(path: "Tests/Browser/webmap_check.py").path, base, "Bangkok", "Hanoi"])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        // The page shows the API's route: the same km and legs as /route for the same question.
        let api = try await server.call("/route?from=Bangkok&to=Hanoi")
        let route = try #require(try api.object["route"] as? [String: Any])
        #expect(report["km"] as? Double == route["km"] as? Double)
        #expect(report["legs"] as? Int == (route["legs"] as? [Any])?.count)
        #expect(report["legRows"] as? Int == (route["legs"] as? [Any])?.count)
        #expect((report["paths"] as? Int ?? 0) > 0, "Leaflet drew nothing")
        #expect((report["errors"] as? [Any])?.isEmpty == true)
        #expect((report["offsite"] as? [Any])?.isEmpty == true)
        #expect((report["requests"] as? [String])?.contains { $0.contains("/route?") } == true)
        #expect(server.stop().status == 0)
    }
}
