import Foundation
import Testing

/// End-to-end tests of route, reach, matrix and corridor on the tiny fixture (hand-checkable)
/// and the embedded data.
///
/// Tiny fixture: town-a ──R1 54 km trunk── bank-west ═bridge 2015-═ bank-east ──R2 unpaved poor── town-b
struct RouteCLITests {
    @Test func tinyRouteIn2012TakesTheFerryAndIn2016TheBridge() throws {
        let r2012 = try CLI.run("route", "town-a", "Town B", "--data", CLI.tiny, "--year", "2012", "--format", "json")
        #expect(r2012.status == 0, "\(r2012.stderr)")
        let route2012 = try #require((try CLI.json(r2012.stdout) as? [String: Any])?["route"] as? [String: Any])
        #expect(route2012["links"] as? [String] == ["road-a-west", "ferry-ab", "road-east-b"])
        let r2016 = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--year", "2016", "--format", "json")
        let route2016 = try #require((try CLI.json(r2016.stdout) as? [String: Any])?["route"] as? [String: Any])
        #expect(route2016["links"] as? [String] == ["road-a-west", "bridge-ab", "road-east-b"])
        // Hand computation with the fixture's truck (60 km/h trunk; primary 48 × unpaved 0.5 × poor 0.5 = 12 km/h):
        // R1 54 km / 60 = 0.9 h; R2 51.6728 km / 12 = 4.306 h; bridge 2.1510 km / 60 + 2 h border (lengths from
        // pyproj: Geod(ellps="WGS84").line_length([100.52,100.76,101.0],[15.0,14.99,15.0]) and ([100.5,100.52],[15,15])).
        let hours = try #require(route2016["hours"] as? Double)
        #expect(abs(hours - (0.9 + 2.1510 / 60 + 2 + 51.6728 / 12)) < 0.001)
    }

    @Test func tableKeepsColumnsWhenALegHasNoRouteNumber() throws {
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--year", "2016")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("route") })
        let bridge = try #require(lines.first { $0.contains("Test Friendship Bridge") })
        // The bridge has no route number: its name must still start under "road".
        #expect(bridge.distance(from: bridge.startIndex, to: bridge.range(of: "Test Friendship Bridge")!.lowerBound)
                == header.distance(from: header.startIndex, to: header.range(of: "road")!.lowerBound))
    }

    @Test func unknownPlaceSuggestsTheClosest() throws {
        let r = try CLI.run("route", "Bangkk", "Hanoi")
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown place \"Bangkk\"") && r.stderr.contains("bangkok"))
        #expect(r.stdout.isEmpty)
    }

    @Test func viaTheThirdMekongBridgeByItsCommonName() throws {
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--via", "Third Mekong Bridge", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let route = try #require((try CLI.json(r.stdout) as? [String: Any])?["route"] as? [String: Any])
        #expect((route["links"] as? [String])?.contains("third-thai-lao-friendship-bridge") == true)
    }

    @Test func avoidThatDisconnectsIsANoRouteAnswer() throws {
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--year", "2016", "--avoid", "bridge-ab")
        #expect(r.status == 1)
        #expect(r.stderr.contains("no route from town-a to town-b") && r.stderr.contains("avoiding link bridge-ab disconnects it"))
        #expect(r.stdout.isEmpty)
    }

    @Test func linkNotYetOpenIsExplained() throws {
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--year", "2012", "--via", "bridge-ab")
        #expect(r.status == 64)
        #expect(r.stderr.contains("link bridge-ab is not in service: it opens in 2015 and the scenario's year is 2012 (try --with bridge-project)"))
    }

    @Test func unknownProfileIsRefused() throws {
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--profile", "bicycle")
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown profile \"bicycle\"; choose truck, car"))
    }

    @Test func geojsonHasTheRouteAndItsLegs() throws {
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--year", "2016", "--format", "geojson")
        let collection = try #require(try CLI.json(r.stdout) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        let kinds = features.compactMap { ($0["properties"] as? [String: Any])?["kind"] as? String }
        #expect(kinds == ["route", "leg", "leg", "leg"])
    }

    @Test func coordinatesSnapToTheNearestPlace() throws {
        let r = try CLI.run("route", "100.01,15.0", "town-b", "--data", CLI.tiny, "--year", "2016", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stderr.contains("snapped to town-a (1.1 km away)"))
    }

    @Test func scenarioFileEditsTheNetwork() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appending(path: "scenario.json")
        try Data(#"{"year": 2016, "edits": [{"border_delay": "bridge-ab", "truck": 0.5}]}"#.utf8).write(to: file)
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--scenario", file.path, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let route = try #require((try CLI.json(r.stdout) as? [String: Any])?["route"] as? [String: Any])
        #expect(abs((route["border_hours"] as? Double ?? 0) - 0.5) < 1e-9)
    }

    @Test func scenarioFileWithErrorsNamesThem() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appending(path: "bad.json")
        try Data(#"{"yaer": 2016, "edits": [{"remove_link": "bridge-abc"}]}"#.utf8).write(to: file)
        let r = try CLI.run("route", "town-a", "town-b", "--data", CLI.tiny, "--scenario", file.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown member \"yaer\" (did you mean \"year\"?)"))
        #expect(r.stderr.contains("unknown link \"bridge-abc\"; closest: bridge-ab"))
    }
}

struct ReachMatrixCorridorCLITests {
    @Test func reachWithinOneHourFindsOnlyTheNearSide() throws {
        // From town-a: bank-west at 0.9 h; bank-east needs the 2 h border → beyond 1 h.
        let r = try CLI.run("reach", "town-a", "--hours", "1", "--data", CLI.tiny, "--year", "2016", "--format", "csv")
        #expect(r.status == 0)
        let ids = r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(ids == ["town-a", "bank-west"])
    }

    @Test func reachOutlineIsAPolygonAroundTheRoad() throws {
        let r = try CLI.run("reach", "town-a", "--hours", "1", "--buffer-km", "5", "--data", CLI.tiny, "--format", "geojson")
        let features = try #require((try CLI.json(r.stdout) as? [String: Any])?["features"] as? [[String: Any]])
        let outline = try #require(features.first?["geometry"] as? [String: Any])
        #expect(outline["type"] as? String == "Polygon")
    }

    @Test func matrixIsSymmetricOnTwoWayRoads() throws {
        let r = try CLI.run("matrix", "town-a", "town-b", "bank-west", "--data", CLI.tiny, "--year", "2016", "--format", "json")
        #expect(r.status == 0)
        let m = try #require(try CLI.json(r.stdout) as? [String: Any])
        let hours = try #require(m["hours"] as? [[Any]])
        let ab = hours[0][1] as? Double, ba = hours[1][0] as? Double
        #expect(ab != nil && ab == ba)
        #expect(abs((hours[0][2] as? Double ?? 0) - 0.9) < 1e-9)   // 54 km at 60 km/h
    }

    @Test func matrixNeedsPlaces() throws {
        let r = try CLI.run("matrix")
        #expect(r.status == 64)
        #expect(r.stderr.contains("name the places or choose them with --kind"))
    }

    @Test func corridorListRoutesEveryCorridor() throws {
        let r = try CLI.run("corridor", "list", "--format", "json")
        #expect(r.status == 0)
        let list = try #require(try CLI.json(r.stdout) as? [[String: Any]])
        let ewec = try #require(list.first { $0["id"] as? String == "ewec" })
        #expect((ewec["borders"] as? Double) == 3)   // Myawaddy–Mae Sot, Mukdahan–Savannakhet, Dansavanh–Lao Bao
    }

    @Test func unknownCorridorSuggests() throws {
        let r = try CLI.run("corridor", "show", "ewe")
        #expect(r.status == 64)
        #expect(r.stderr.contains("closest: ewec"))
    }
}
