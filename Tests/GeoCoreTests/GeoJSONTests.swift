import Foundation
import Testing
import TestSupport
@testable import GeoCore

private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(longitude: x, latitude: y) }

struct GeoJSONTests {
    static let everyType: [Geometry] = [
        .point(c(102.6, 17.97)),
        .multiPoint([c(100.5, 13.75), c(105.83, 21.03)]),
        .lineString([c(104.8, 17.4), c(104.9, 17.3), c(105.0, 17.35)]),
        .multiLineString([[c(0, 0), c(1, 1)], [c(2, 2), c(3, 3)]]),
        .polygon(Polygon(exterior: [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)],
                         holes: [[c(2, 2), c(2, 3), c(3, 3), c(3, 2), c(2, 2)]])),
        .multiPolygon([Polygon(exterior: [c(20, 20), c(21, 20), c(21, 21), c(20, 20)])]),
        .geometryCollection([.point(c(1, 2)), .lineString([c(1, 2), c(3, 4)])]),
    ]

    @Test(arguments: everyType)
    func geometryRoundTrips(_ geometry: Geometry) throws {
        let text = try GeoJSON.encode(geometry)
        #expect(try GeoJSON.decodeGeometry(from: Data(text.utf8)) == geometry)
    }

    @Test func featureCollectionRoundTripsWithTypedProperties() throws {
        let feature = Feature(id: "third-mekong-bridge", geometry: .lineString([c(104.78, 17.43), c(104.80, 17.42)]),
                              properties: ["name": "Third Thai–Lao Friendship Bridge", "opened": 2011, "length_km": 1.423,
                                           "border": ["truck": 3.0], "oneway": false, "aliases": ["Nakhon Phanom bridge"], "closed": nil])
        let collection = FeatureCollection(features: [feature, Feature(geometry: nil)])
        let text = try GeoJSON.encode(collection)
        #expect(text.split(separator: "\n").count == 4)  // header, one line per feature, footer
        #expect(text.contains("\"opened\":2011"))       // whole numbers without a fraction
        let back = try GeoJSON.decodeFeatureCollection(from: Data(text.utf8))
        #expect(back == collection)
        #expect(back.features[0].properties["opened"]?.intValue == 2011)
    }

    @Test func clockwiseExteriorIsWrittenCounterClockwise() throws {
        let clockwise = Polygon(exterior: [c(0, 0), c(0, 10), c(10, 10), c(10, 0), c(0, 0)],
                                holes: [[c(2, 2), c(3, 2), c(3, 3), c(2, 3), c(2, 2)]])  // hole counter-clockwise
        let text = try GeoJSON.encode(.polygon(clockwise))
        #expect(text == #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[3,2],[2,2]]]}"#)
    }

    @Test func foreignMembersAndCrsAreIgnored() throws {
        let text = #"{"type":"Feature","crs":{"type":"name"},"title":"x","bbox":[0,0,1,1],"geometry":{"type":"Point","coordinates":[102.6,17.97,150]},"properties":null}"#
        let feature = try GeoJSON.feature(from: JSONValue.parse(Data(text.utf8)), path: "")
        #expect(feature.geometry == .point(c(102.6, 17.97)))
        #expect(feature.properties.isEmpty)
    }

    static let malformed: [(String, String, String)] = [
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point"},"properties":{}}]}"#,
         "features[0].geometry", "needs a \"coordinates\" array"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}]}"#,
         "features[0].geometry.coordinates[0]", "must be closed"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[102.6,95]},"properties":{}}]}"#,
         "features[0].geometry.coordinates", "latitude 95.0 is outside"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Linestring","coordinates":[]},"properties":{}}]}"#,
         "features[0].geometry.type", "did you mean \"LineString\""),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]]},"properties":{}}]}"#,
         "features[0].geometry.coordinates", "at least 2 positions"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}]}"#,
         "features[0]", "needs a \"geometry\" member"),
        (#"{"type":"Feature","features":[]}"#, "type", "expected \"FeatureCollection\""),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["102.6",17.9]}}]}"#,
         "features[0].geometry.coordinates", "[longitude, latitude]"),
    ]

    @Test(arguments: malformed)
    func malformedInputNamesTheProblemAndWhere(_ input: (String, String, String)) {
        #expect {
            _ = try GeoJSON.decodeFeatureCollection(from: Data(input.0.utf8))
        } throws: { error in
            guard case GeoCoreError.geoJSON(let path, let message) = error else { return false }
            return path == input.1 && message.contains(input.2)
        }
    }

    @Test func brokenJSONSyntaxIsReportedNotCrashed() {
        #expect {
            _ = try GeoJSON.decodeFeatureCollection(from: Data(#"{"type":"FeatureCollection","features":[{"type":}"#.utf8))
        } throws: { error in
            guard case GeoCoreError.geoJSON(_, let message) = error else { return false }
            return message.hasPrefix("malformed JSON")
        }
    }

    @Test func nonFiniteNumbersCannotBeWritten() {
        #expect(throws: GeoCoreError.self) { _ = try JSONWriter().string(["x": .number(.infinity)]) }
    }
}

struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let text = #"{"a":[1,-2.5e3,0.125,true,false,null],"s":"Sài Gòn \"x\" \u0041\n\ud83d\ude00","o":{}}"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"] == [1, -2500, 0.125, true, false, nil])
        #expect(value["s"] == .string("Sài Gòn \"x\" A\n😀"))
        #expect(value["o"] == .object([:]))
    }

    @Test(arguments: [
        ("{\"a\":1,}", "line 1, column 8"),
        ("[1,\n NaN]", "line 2, column 2"),
        ("{\"a\" 1}", "expected ':'"),
        ("[01]", "expected ',' or ']'"),
        ("\"abc", "unterminated string"),
        ("[1] x", "unexpected text after the JSON value"),
    ])
    func malformedTextIsLocated(_ input: (String, String)) {
        #expect {
            _ = try JSONValue.parse(Data(input.0.utf8))
        } throws: { error in
            "\(error)".contains(input.1)
        }
    }

    /// The parser reads short decimals itself (Clinger's fast path); the C library's strtod,
    /// correctly rounded, is the oracle for those and for the forms left to it.
    @Test func numbersEqualTheCLibrarysReadingOfTheSameText() throws {
        var random = SplitMix64(state: 8259)
        var texts = ["0", "-0", "0.0", "-0.000", "1", "9007199254740991", "9007199254740993", "0.1", "0.3",
                     "123456789012345678", "1234567890123456789", "12345678901234567890.5", "0.0000000000000000000001",
                     "0.00000000000000000000001", "1e22", "1.5E-3", "-2.5e+3", "179769313486231570000000000000000.0",
                     "100.12345678901234567890", "4.35", "102.600001", "13.7563309"]
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...999_999_999, using: &random) >> UInt64.random(in: 0...30, using: &random))
            let fraction = String((0..<Int.random(in: 0...20, using: &random)).map { _ in "0123456789".randomElement(using: &random)! })
            texts.append((Bool.random(using: &random) ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        for text in texts {
            let parsed = try JSONValue.parse(Data("[\(text)]".utf8))
            let expected = text.withCString { strtod($0, nil) }
            guard case .array(let values) = parsed, case .number(let number) = values[0] else { Issue.record("\(text) is not a number"); continue }
            #expect(number.bitPattern == expected.bitPattern, "\(text): \(number) against strtod's \(expected)")
        }
    }

    @Test func writerAndParserRoundTrip() throws {
        let value: JSONValue = ["id": "x", "n": 1.5, "list": [1, 2, "three"], "nested": ["ok": true, "none": nil]]
        #expect(try JSONValue.parse(Data(JSONWriter().string(value).utf8)) == value)
    }
}
