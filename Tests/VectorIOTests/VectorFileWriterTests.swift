import Foundation
import GeoCore
import Testing
import VectorIO

/// What we write is read back by GDAL's own command-line client (`ogr2ogr`, Debian's gdal-bin),
/// not by our code: the oracle is the client the user opens the file in.
struct VectorFileWriterTests {
    static let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func temporaryFile(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appending(path: "vectorio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appending(path: name).path
    }

    /// One layer read back by ogr2ogr as GeoJSON.
    static func readBack(_ file: String, layer: String) throws -> JSONValue {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ogr2ogr!)
        process.arguments = ["-f", "GeoJSON", "/vsistdout/", file, layer]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONValue.parse(data)
    }

    @Test(.enabled(if: ogr2ogr != nil, "ogr2ogr (Debian gdal-bin) is not installed; `make test` installs it"))
    func mixedGeometriesBecomeOneLayerPerTypeWithEveryFeature() throws {
        let file = try Self.temporaryFile("mixed.gpkg")
        let features = [
            Feature(geometry: .point(Coordinate(longitude: 100.5, latitude: 13.75)), properties: ["id": "bangkok"]),
            Feature(geometry: .lineString([Coordinate(longitude: 104.8, latitude: 16.5), Coordinate(longitude: 104.75, latitude: 17.4)]), properties: ["id": "bridge"]),
            Feature(geometry: .point(Coordinate(longitude: 105.85, latitude: 21.03)), properties: ["id": "hanoi"]),
        ]
        let written = try VectorFileWriter.write([.init(name: "projects", features: features)], format: .geoPackage, to: file)
        #expect(written.map(\.name) == ["projects_point", "projects_linestring"])
        #expect(written.map(\.count) == [2, 1])
        let points = try Self.readBack(file, layer: "projects_point")["features"]?.arrayValue ?? []
        #expect(points.compactMap { $0["properties"]?["id"]?.stringValue } == ["bangkok", "hanoi"])
        let hanoi = points.last?["geometry"]?["coordinates"]?.arrayValue?.compactMap(\.numberValue)
        #expect(hanoi == [105.85, 21.03], "longitude first, as written")
        let lines = try Self.readBack(file, layer: "projects_linestring")["features"]?.arrayValue ?? []
        #expect(lines.first?["geometry"]?["coordinates"]?.arrayValue?.count == 2)
    }

    @Test(.enabled(if: ogr2ogr != nil, "ogr2ogr (Debian gdal-bin) is not installed; `make test` installs it"))
    func propertiesBecomeTypedColumnsAndNoValueIsLost() throws {
        let file = try Self.temporaryFile("typed.gpkg")
        let at = Geometry.point(Coordinate(longitude: 105, latitude: 12))
        let features = [
            Feature(geometry: at, properties: ["population": 2_129_371, "hours": 1.5, "border": true, "aliases": ["Saigon", "HCMC"], "mixed": 7]),
            Feature(geometry: at, properties: ["population": 11, "hours": 2, "border": false, "mixed": "seven", "only_null": .null]),
        ]
        try VectorFileWriter.write([.init(name: "places", features: features)], format: .geoPackage, to: file)
        let read = try Self.readBack(file, layer: "places")["features"]?.arrayValue ?? []
        #expect(read.count == 2)
        let first = read.first?["properties"], second = read.last?["properties"]
        #expect(first?["population"] == .number(2_129_371))
        #expect(first?["hours"] == .number(1.5))
        #expect(second?["hours"] == .number(2), "an integer in a real column stays a number")
        #expect(first?["border"] == .bool(true), "booleans keep GDAL's boolean subtype")
        #expect(second?["border"] == .bool(false))
        #expect(first?["aliases"] == .array(["Saigon", "HCMC"]), "arrays keep their JSON subtype")
        #expect(first?["mixed"] == .string("7"), "a number in a column that also holds text is its text")
        #expect(second?["mixed"] == .string("seven"))
        #expect(second?["only_null"] == .null)
    }

    @Test func aPathInAMissingDirectoryIsRefusedWithGDALsReason() throws {
        #expect(throws: VectorIOError.self) {
            try VectorFileWriter.write([.init(name: "x", features: [])], format: .geoPackage, to: "/nonexistent-\(UUID().uuidString)/a.gpkg")
        }
    }
}
