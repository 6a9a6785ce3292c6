import Foundation
import Testing
@testable import GeoCore

/// Oracles come from PROJ's own command-line tools; each test names the command.
struct ProjectionTests {
    @Test func vientianeInUTM48NorthMatchesCs2cs() throws {
        // echo "17.97 102.6" | cs2cs -f %.3f EPSG:4326 EPSG:32648  →  245826.191 1988509.519
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        let p = try utm.transform(Position(x: 102.6, y: 17.97))
        #expect(abs(p.x - 245826.191) < 0.001)
        #expect(abs(p.y - 1988509.519) < 0.001)
    }

    @Test func inverseTransformReturnsToTheStart() throws {
        // echo "245826.191 1988509.519" | cs2cs -f %.6f EPSG:32648 EPSG:4326  →  17.970000 102.600000
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        let back = try utm.transform(Position(x: 245826.191, y: 1988509.519), inverse: true)
        #expect(abs(back.x - 102.6) < 1e-6)
        #expect(abs(back.y - 17.97) < 1e-6)
    }

    @Test func projStringTargetMatchesCs2cs() throws {
        // echo "100.5018 13.7563" | cs2cs -f %.4f +proj=longlat +datum=WGS84 +to <RegionalMetric.crs>
        //   →  -162027.7552 -137070.7579
        let laea = try Projection(from: "EPSG:4326", to: RegionalMetric.crs)
        let p = try laea.transform(Position(x: 100.5018, y: 13.7563))
        #expect(abs(p.x - -162027.7552) < 0.001)
        #expect(abs(p.y - -137070.7579) < 0.001)
    }

    @Test func webMercatorBatchMatchesSingleTransforms() throws {
        // echo "13.7563 100.5018" | cs2cs -f %.4f EPSG:4326 EPSG:3857  →  11187809.1998 1546272.2150
        let merc = try Projection(from: "EPSG:4326", to: "EPSG:3857")
        var batch = [Position(x: 100.5018, y: 13.7563), Position(x: 102.6, y: 17.97), Position(x: 100.5018, y: 13.7563)]
        try merc.transform(&batch)
        #expect(abs(batch[0].x - 11187809.1998) < 0.001)
        #expect(abs(batch[0].y - 1546272.2150) < 0.001)
        #expect(batch[2] == batch[0])
        #expect(batch[1] == (try merc.transform(Position(x: 102.6, y: 17.97))))
    }

    @Test func unknownCRSCarriesPROJsOwnMessage() {
        // cs2cs EPSG:4326 EPSG:999999 prints "proj_create: crs not found"
        do {
            _ = try Projection(from: "EPSG:4326", to: "EPSG:999999")
            Issue.record("an unknown CRS was accepted")
        } catch {
            guard case .proj(_, let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(message.contains("crs not found"))
            #expect(!message.contains("Unknown error"))
        }
    }

    @Test func latitude95FailsAndNamesThePoint() throws {
        // echo "95 102.6" | cs2cs EPSG:4326 EPSG:32648  →  "*  * inf" and "utm: Invalid latitude"
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        var batch = [Position(x: 102.6, y: 17.97), Position(x: 102.6, y: 95)]
        #expect {
            try utm.transform(&batch)
        } throws: { error in
            guard case GeoCoreError.transformFailed(let indices, let message) = error else { return false }
            return indices == [1] && message.lowercased().contains("latitude")
        }
    }

    @Test func notANumberIsRejectedBeforePROJ() throws {
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        #expect(throws: GeoCoreError.transformFailed(indices: [0], message: "input is not a finite number")) {
            _ = try utm.transform(Position(x: .nan, y: 17.97))
        }
    }

    @Test func polygonWithAHoleRoundTripsThroughAProjection() throws {
        // The batch transform assigns results in `coordinates` order: exterior, then holes.
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(longitude: x, latitude: y) }
        let polygon = Geometry.polygon(Polygon(exterior: [c(102, 17), c(103, 17), c(103, 18), c(102, 18), c(102, 17)],
                                               holes: [[c(102.4, 17.4), c(102.4, 17.6), c(102.6, 17.6), c(102.4, 17.4)]]))
        let back = try utm.transform(try utm.transform(polygon), inverse: true)
        guard case .polygon(let p) = back else { Issue.record("type changed"); return }
        #expect(p.exterior.first == p.exterior.last)
        #expect(p.holes.count == 1 && p.holes[0].count == 4)
        for (a, b) in zip(back.coordinates, polygon.coordinates) {
            #expect(abs(a.longitude - b.longitude) < 1e-9 && abs(a.latitude - b.latitude) < 1e-9)
        }
    }

    @Test func geometryTransformKeepsStructure() throws {
        let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
        let line = Geometry.lineString([Coordinate(longitude: 102.6, latitude: 17.97), Coordinate(longitude: 102.7, latitude: 18.0)])
        let projected = try utm.transform(line)
        guard case .lineString(let cs) = projected else { Issue.record("type changed"); return }
        #expect(cs.count == 2)
        #expect(abs(cs[0].longitude - 245826.191) < 0.001)
    }
}
