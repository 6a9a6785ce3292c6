import Foundation
import Testing
@testable import GeoCore

struct RegionalMetricTests {
    @Test func tenKilometreBufferHasTheAreaOfA32gon() throws {
        // Quadrant segments 8 → a regular 32-gon of circumradius r: area = 16·r²·sin(π/16).
        let metric = try RegionalMetric()
        let vientiane = Geometry.point(Coordinate(longitude: 102.6, latitude: 17.97))
        let disc = try metric.buffer(vientiane, metres: 10_000)
        let expectedKm2 = 16 * 100 * sin(Double.pi / 16)  // 312.145 km²
        #expect(abs(try metric.areaSquareKilometres(disc) - expectedKm2) < 1e-6)
        // The equal-area projection agrees with the ellipsoidal area of the returned WGS84 polygon.
        let geodesicKm2 = try Geodesic.wgs84.areaSquareMetres(of: disc) / 1e6
        #expect(abs(geodesicKm2 - expectedKm2) / expectedKm2 < 1e-4)
        // The buffer's vertices lie 10 km from the centre on the ellipsoid (within the ~0.5 %
        // scale error of the projection this far from its centre).
        for vertex in disc.coordinates {
            let d = try Geodesic.wgs84.distanceMetres(from: Coordinate(longitude: 102.6, latitude: 17.97), to: vertex)
            #expect(abs(d - 10_000) < 50)
        }
    }

    @Test func distanceInMetresIsCloseToTheGeodesic() throws {
        let metric = try RegionalMetric()
        let a = Coordinate(longitude: 104.75, latitude: 16.54)   // Savannakhet
        let b = Coordinate(longitude: 104.72, latitude: 16.55)   // Mukdahan
        let planar = try metric.distanceMetres(.point(a), .point(b))
        let geodesic = try Geodesic.wgs84.distanceMetres(from: a, to: b)
        #expect(abs(planar - geodesic) / geodesic < 0.01)
    }

    @Test func outOfWorldCoordinateIsRefused() throws {
        let metric = try RegionalMetric()
        #expect(throws: GeoCoreError.self) {
            _ = try metric.buffer(.point(Coordinate(longitude: 102, latitude: 95)), metres: 10)
        }
    }
}
