import Foundation
import GeoCore
import TestSupport
import Testing
@testable import MekongData

/// Each planted defect is caught with the rule and a message that names the problem.
struct ValidationTests {
    @Test func tinyFixtureIsClean() throws {
        let findings = try Fixture.findings(Fixture.tiny)
        #expect(findings.filter { $0.severity != .note }.isEmpty, "\(findings)")
    }

    @Test func danglingPlaceIdIsNamedWithTheClosestId() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""to":"town-b""#, with: #""to":"town-bb""#) }
        let found = try Fixture.findings(dir).filter { $0.rule == "dangling-reference" }
        #expect(found.count == 1)
        #expect(found.first?.feature == "road-east-b")
        #expect(found.first?.message.contains("\"town-bb\", which does not exist (did you mean \"town-b\"?)") == true)
    }

    /// `divided_since` is read as a year on a road and refused on a ferry, which has no lanes.
    @Test func aDividedYearIsReadOnARoadAndRefusedOnAFerry() throws {
        let dir = try Fixture.copy {
            $0["links.geojson"] = try $0["links.geojson"]!
                .replacingOnce(#""class":"primary","surface":"unpaved""#, with: #""class":"primary","divided_since":2019,"surface":"unpaved""#)
                .replacingOnce(#""to":"bank-east","mode":"ferry""#, with: #""to":"bank-east","mode":"ferry","divided_since":2019"#)
        }
        let (dataset, read) = DatasetReader.read(.directory(dir))
        #expect(dataset.link("road-east-b")?.dividedSince == 2019)
        #expect(read.filter { $0.feature == "ferry-ab" && $0.severity == .error }.map(\.message)
            == ["\"divided_since\" is for trunk, primary and secondary roads (an expressway is divided by definition)"])
    }

    /// `max_speed_kmh` is read on a road; on a ferry, or as a fraction or beyond 130 km/h, it is
    /// refused, so that no typo sets a car's pace.
    @Test func aSpeedCapIsReadOnARoadAndRefusedOnAFerryOrOutOfRange() throws {
        let dir = try Fixture.copy {
            $0["links.geojson"] = try $0["links.geojson"]!
                .replacingOnce(#""class":"primary","surface":"unpaved""#, with: #""class":"primary","max_speed_kmh":15,"surface":"unpaved""#)
                .replacingOnce(#""to":"bank-east","mode":"ferry""#, with: #""to":"bank-east","mode":"ferry","max_speed_kmh":15"#)
                .replacingOnce(#""route":"R1","length_km":54"#, with: #""route":"R1","length_km":54,"max_speed_kmh":12.5"#)
        }
        let (dataset, read) = DatasetReader.read(.directory(dir))
        #expect(dataset.link("road-east-b")?.maxSpeedKmh == 15)
        let refused = read.filter { $0.severity == .error }.map { "\($0.feature ?? ""): \($0.message)" }.sorted()
        #expect(refused == ["ferry-ab: \"max_speed_kmh\" is a whole number of km/h from 5 to 130 on a road, not 15 on a ferry",
                            "road-a-west: \"max_speed_kmh\" is a whole number of km/h from 5 to 130 on a road, not 12.5 on a road"])
    }

    @Test func selfIntersectingLineIsCaught() throws {
        let dir = try Fixture.copy {
            $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce("[[100.52,15.0],[100.76,14.99],[101.0,15.0]]",
                                                                          with: "[[100.52,15.0],[100.8,15.1],[100.8,14.9],[100.7,15.0],[101.0,15.0]]")
        }
        let found = try Fixture.findings(dir).filter { $0.rule == "self-intersecting" }
        #expect(found.map(\.feature) == ["road-east-b"])
        // The last segment, along latitude 15, crosses the one down longitude 100.8 at (100.8, 15).
        #expect(found.first?.message.contains("near (100.8, 15.0)") == true)
    }

    /// The sweep finds a crossing exactly when testing every pair of segments does, on random
    /// lines (fixed seeds) of 4 to 40 vertices.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func theSelfCrossingSweepAgreesWithAllPairs(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        for _ in 0..<200 {
            let n = Int.random(in: 4...40, using: &rng)
            let line = (0..<n).map { _ in Coordinate(longitude: Double(Int.random(in: 0...20, using: &rng)) / 10,
                                                     latitude: Double(Int.random(in: 0...20, using: &rng)) / 10) }
            var brute = false
            for i in 0..<(n - 1) { for j in stride(from: i + 2, to: n - 1, by: 1) where !brute {
                brute = DatasetValidator.intersection(line[i], line[i + 1], line[j], line[j + 1]) != nil
            } }
            #expect((DatasetValidator.selfCrossing(line) != nil) == brute, "seed \(seed): \(line)")
        }
    }

    @Test func riverCrossingWithoutBridgeIsCaught() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""structure":"bridge","#, with: "") }
        let found = try Fixture.findings(dir).filter { $0.rule == "river-crossing" }
        #expect(found.map(\.feature) == ["bridge-ab"])
        #expect(found.first?.message.contains("crosses the Test River at (100.5100, 15.0000)") == true)
    }

    @Test func borderLinkWithoutCrossingIsCaught() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""border":{"truck":2.0},"#, with: "") }
        let found = try Fixture.findings(dir).filter { $0.rule == "border-without-crossing" }
        #expect(found.map(\.feature) == ["bridge-ab"])
        #expect(found.first?.message.contains("joins THA and LAO") == true)
    }

    @Test func lengthOffByHalfIsCaught() throws {
        // The line measures 53.82 km (pyproj Geod(ellps='WGS84').line_length); 27 km is half.
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""length_km":54"#, with: #""length_km":27"#) }
        let found = try Fixture.findings(dir).filter { $0.rule == "length-mismatch" }
        #expect(found.map(\.feature) == ["road-a-west"])
        #expect(found.first?.message.contains("declared length 27.0 km but the geometry is 53.8 km (declared/line 0.50") == true)
    }

    /// A published length up to twice the line is a simplified mountain road: a warning to
    /// redraw it; beyond twice, an error.
    @Test func aPublishedLengthLongerThanTheLineWarnsUpToTwiceAndFailsBeyond() throws {
        let warned = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""length_km":54"#, with: #""length_km":80"#) }
        let w = try Fixture.findings(warned).filter { $0.feature == "road-a-west" }
        #expect(w.map(\.rule) == ["straighter-than-road"])
        #expect(w.first?.severity == .warning)
        #expect(w.first?.message.contains("33 % shorter than the published 80.0 km") == true)   // 1 − 53.82/80 = 0.327
        let failed = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""length_km":54"#, with: #""length_km":110"#) }
        #expect(try Fixture.findings(failed).filter { $0.feature == "road-a-west" }.map(\.rule) == ["length-mismatch"])
    }

    @Test func duplicateIdsAreCaught() throws {
        let dir = try Fixture.copy {
            $0["places.geojson"] = try $0["places.geojson"]!.replacingOnce(#""id":"bank-east""#, with: #""id":"bank-west""#)
        }
        let found = try Fixture.findings(dir)
        #expect(found.contains { $0.rule == "duplicate-id" && $0.feature == "bank-west" })
    }

    @Test func notANumberIsReportedAsMalformedJSONOfThatFile() throws {
        let dir = try Fixture.copy { $0["places.geojson"] = try $0["places.geojson"]!.replacingOnce("[101.0,15.0]", with: "[NaN,15.0]") }
        let found = try Fixture.findings(dir).filter { $0.severity == .error }
        #expect(found.first?.file == "places.geojson")
        #expect(found.first?.rule == "malformed-json")
    }

    @Test func malformedJSONIsReportedNotCrashed() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = String($0["links.geojson"]!.prefix(300)) }
        let found = try Fixture.findings(dir).filter { $0.rule == "malformed-json" }
        #expect(found.map(\.file) == ["links.geojson"])
        #expect(throws: DataError.self) { _ = try Dataset.load(from: .directory(dir)) }
    }

    @Test func latitudeOutsideTheWorldNamesTheFeature() throws {
        let dir = try Fixture.copy { $0["places.geojson"] = try $0["places.geojson"]!.replacingOnce("[100.0,15.0]", with: "[100.0,95.0]") }
        let found = try Fixture.findings(dir).filter { $0.rule == "bad-geojson" }
        #expect(found.map(\.feature) == ["town-a"])
        #expect(found.first?.message.contains("latitude 95.0 is outside") == true)
    }

    @Test func swappedCoordinatesFallOutsideTheRegion() throws {
        let dir = try Fixture.copy { $0["places.geojson"] = try $0["places.geojson"]!.replacingOnce("[101.0,15.0]", with: "[15.0,101.0]") }
        // 101 is not a latitude at all, so the GeoJSON reader refuses it before the region check.
        #expect(try Fixture.findings(dir).contains { $0.feature == "town-b" && $0.severity == .error })
        let inWorld = try Fixture.copy { $0["places.geojson"] = try $0["places.geojson"]!.replacingOnce("[101.0,15.0]", with: "[15.0,80.0]") }
        #expect(try Fixture.findings(inWorld).contains { $0.feature == "town-b" && $0.rule == "outside-region" })
    }

    @Test func unknownValueSuggestsTheClosestChoice() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""class":"primary""#, with: #""class":"primay""#) }
        let found = try Fixture.findings(dir).filter { $0.rule == "unknown-value" }
        #expect(found.first?.message.contains("(did you mean \"primary\"?)") == true)
    }

    @Test func retiredFeatureWithoutClosedYearIsCaught() throws {
        let dir = try Fixture.copy { $0["links.geojson"] = try $0["links.geojson"]!.replacingOnce(#""closed":2015,"#, with: "") }
        #expect(try Fixture.findings(dir).contains { $0.rule == "retired-without-closed" && $0.feature == "ferry-ab" })
    }

    @Test func corridorBrokenByAMissingLinkIsCaught() throws {
        // Without R2 nothing reaches town-b: the corridor's second waypoint is cut off.
        let dir = try Fixture.copy {
            var lines = $0["links.geojson"]!.components(separatedBy: "\n")
            lines.removeAll { $0.contains(#""id":"road-east-b""#) }
            if let i = lines.lastIndex(where: { $0.hasPrefix("{") }) { lines[i] = String(lines[i].dropLast(lines[i].hasSuffix(",") ? 1 : 0)) }
            $0["links.geojson"] = lines.joined(separator: "\n")
        }
        let found = try Fixture.findings(dir).filter { $0.rule == "corridor-break" }
        #expect(found.map(\.feature) == ["test-corridor"])
    }

    @Test func missingDirectoryIsAnErrorNotACrash() {
        let (_, findings) = DatasetReader.read(.directory(URL(fileURLWithPath: "/nonexistent/mekong")))
        #expect(findings.map(\.rule) == ["missing-directory"])
    }
}

/// The embedded data set keeps every rule.
struct RealGeoDataTests {
    /// The build embeds GeoData/ as string literals; each must be its file byte for byte
    /// (line breaks, quotes, backslashes, every script).
    @Test func theEmbeddedFilesAreGeoDatasFilesByteForByte() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.geoData.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".geojson") || $0 == "README.md" }
        #expect(names.count >= 8)
        for name in names {
            let embedded = try #require(try DataSource.embedded.read(name), "\(name) is not embedded")
            #expect(embedded == (try Data(contentsOf: Fixture.geoData.appending(path: name))), "\(name)")
        }
    }

    @Test func realGeoDataHasNoErrors() throws {
        let (dataset, read) = DatasetReader.read(.directory(Fixture.geoData))
        let findings = read + (try DatasetValidator().validate(dataset))
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(dataset.places.count >= 150 && dataset.links.count >= 200)
    }

    /// Both posts of every border crossing the GeoData issue names exist, on the right sides.
    @Test(arguments: [
        ("mae-sot-border", "THA", "myawaddy-border", "MMR"), ("phu-nam-ron-border", "THA", "htee-khee-border", "MMR"),
        ("mae-sai-border", "THA", "tachileik-border", "MMR"), ("nong-khai-border", "THA", "thanaleng-border", "LAO"),
        ("nakhon-phanom-border", "THA", "thakhek-border", "LAO"), ("mukdahan-border", "THA", "savannakhet-border", "LAO"),
        ("chiang-khong-border", "THA", "houayxay-border", "LAO"), ("aranyaprathet-border", "THA", "poipet-border", "KHM"),
        ("hat-lek-border", "THA", "cham-yeam-border", "KHM"), ("chong-mek-border", "THA", "vang-tao-border", "LAO"),
        ("dansavanh-border", "LAO", "lao-bao-border", "VNM"), ("na-phao-border", "LAO", "cha-lo-border", "VNM"),
        ("nam-phao-border", "LAO", "cau-treo-border", "VNM"), ("bavet-border", "KHM", "moc-bai-border", "VNM"),
        ("boten-border", "LAO", "mohan-border", "CHN"), ("lao-cai-border", "VNM", "hekou-border", "CHN"),
        ("trapeang-kriel-border", "KHM", "nong-nok-khiene-border", "LAO"),
    ])
    func crossingHasBothPostsAndALinkWithBorderDelays(_ c: (String, String, String, String)) throws {
        let dataset = try Dataset.load(from: .directory(Fixture.geoData)).dataset
        #expect(dataset.place(PlaceID(c.0))?.country == c.1)
        #expect(dataset.place(PlaceID(c.2))?.country == c.3)
        #expect(dataset.links.contains { Set([$0.from.rawValue, $0.to.rawValue]) == [c.0, c.2] && $0.crossesBorder })
    }
}
