import Foundation
import TestSupport
import Testing
@testable import GeoCore

private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(longitude: x, latitude: y) }

/// GEOS results against cases a reader can compute by hand.
struct GEOSTests {
    let geos: GEOSContext
    init() throws { geos = try GEOSContext() }

    let square = Geometry.polygon(Polygon(exterior: [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)]))

    @Test func bufferOfASegmentHasTheAreaOfAStadium() throws {
        // Segment of length 10, width 1, 8 segments a quadrant: two half 32-gons and a 20×1 band:
        // 2·w·L + 16·w²·sin(π/16) = 20 + 3.12145…
        let band = try geos.buffer(.lineString([c(0, 0), c(10, 0)]), width: 1, quadrantSegments: 8)
        #expect(abs(try geos.area(band) - (20 + 16 * sin(Double.pi / 16))) < 1e-9)
    }

    @Test func distanceAndNearestPointsFromAPointToALine() throws {
        let line = Geometry.lineString([c(0, 0), c(10, 0)])
        #expect(try geos.distance(.point(c(3, 4)), line) == 4)
        let pair = try geos.nearestPoints(.point(c(3, 4)), line)
        #expect(pair.onFirst == c(3, 4))
        #expect(pair.onSecond == c(3, 0))
    }

    @Test func bowTieIsInvalidWithItsSelfIntersection() throws {
        let bowTie = Geometry.polygon(Polygon(exterior: [c(0, 0), c(10, 10), c(10, 0), c(0, 10), c(0, 0)]))
        let reason = try geos.validityReason(bowTie)
        #expect(reason == "Self-intersection[5 5]")
        #expect(try geos.validityReason(square) == nil)
        let repaired = try geos.makeValid(bowTie)
        #expect(try geos.isValid(repaired))
        #expect(abs(try geos.area(repaired) - 50) < 1e-9)  // two triangles of 25
    }

    @Test func unionIntersectionAndDifferenceOfTwoSquares() throws {
        let shifted = Geometry.polygon(Polygon(exterior: [c(5, 0), c(15, 0), c(15, 10), c(5, 10), c(5, 0)]))
        #expect(try geos.area(geos.intersection(square, shifted)) == 50)
        #expect(try geos.area(geos.difference(square, shifted)) == 50)
        #expect(try geos.area(geos.unaryUnion(.geometryCollection([square, shifted]))) == 150)
    }

    @Test func predicatesOnASquare() throws {
        #expect(try geos.contains(square, .point(c(5, 5))))
        #expect(try !geos.contains(square, .point(c(10, 5))))  // on the boundary: not contained
        #expect(try geos.intersects(square, .point(c(10, 5))))
        #expect(try geos.within(.point(c(5, 5)), square))
        #expect(try !geos.intersects(square, .point(c(11, 5))))
    }

    @Test func preparedAndPlainPredicatesAgreeOnRandomPoints() throws {
        let triangle = Geometry.polygon(Polygon(exterior: [c(0, 0), c(10, 0), c(0, 10), c(0, 0)]))
        let prepared = try geos.prepare(triangle)
        var generator = SplitMix64(state: 42)
        for _ in 0..<500 {
            let p = c(Double.random(in: -1...11, using: &generator), Double.random(in: -1...11, using: &generator))
            // Hand oracle: strictly inside the triangle x > 0, y > 0, x + y < 10.
            let inside = p.longitude > 0 && p.latitude > 0 && p.longitude + p.latitude < 10
            #expect(try prepared.contains(.point(p)) == inside)
            #expect(try prepared.containsUnprepared(.point(p)) == inside)
            #expect(try prepared.intersects(.point(p)) == (try geos.intersects(triangle, .point(p))))
        }
    }

    @Test func simplifyKeepsTheEnds() throws {
        let wiggly = Geometry.lineString([c(0, 0), c(1, 0.01), c(2, -0.01), c(3, 0)])
        #expect(try geos.simplify(wiggly, tolerance: 0.1) == .lineString([c(0, 0), c(3, 0)]))
    }

    @Test func envelopeAndCentroid() throws {
        let line = Geometry.lineString([c(1, 2), c(5, 8)])
        #expect(try geos.envelope(line) == .polygon(Polygon(exterior: [c(1, 2), c(5, 2), c(5, 8), c(1, 8), c(1, 2)])))
        #expect(try geos.centroid(square) == .point(c(5, 5)))
    }

    @Test func wktAndWkbRoundTrip() throws {
        let multi = Geometry.multiPolygon([
            Polygon(exterior: [c(0, 0), c(10, 0), c(10, 10), c(0, 10), c(0, 0)], holes: [[c(2, 2), c(2, 3), c(3, 3), c(2, 2)]]),
            Polygon(exterior: [c(20, 20), c(21, 20), c(21, 21), c(20, 20)]),
        ])
        let text = try geos.wkt(multi)
        #expect(text == "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2)), ((20 20, 21 20, 21 21, 20 20)))")
        #expect(try geos.geometry(wkt: text) == multi)
        let bytes = try geos.wkb(multi)
        #expect(bytes.first == 1)  // little-endian marker
        #expect(try geos.geometry(wkb: bytes) == multi)
        #expect(try geos.geometry(wkt: "POINT (102.6 17.97)") == .point(c(102.6, 17.97)))
    }

    @Test func malformedWKTCarriesGEOSsMessage() {
        #expect {
            _ = try geos.geometry(wkt: "LINESTRING (1 2, 3)")
        } throws: { error in
            guard case GeoCoreError.geos(_, let message) = error else { return false }
            return message.contains("ParseException")
        }
    }

    @Test func ringWithThreePointsIsInvalidWithGEOSsReason() throws {
        let degenerate = Geometry.polygon(Polygon(exterior: [c(0, 0), c(1, 0), c(0, 0)]))
        #expect(try geos.validityReason(degenerate)?.hasPrefix("Too few points") == true)
    }

    @Test func unclosedRingIsRefusedWithGEOSsReason() {
        let open = Geometry.polygon(Polygon(exterior: [c(0, 0), c(1, 0), c(1, 1), c(0, 1)]))
        #expect {
            _ = try geos.area(open)
        } throws: { error in
            guard case GeoCoreError.geos(_, let message) = error else { return false }
            return message.contains("closed")
        }
    }

    @Test func notANumberIsRefusedBeforeGEOS() {
        #expect {
            _ = try geos.buffer(.point(c(.nan, 1)), width: 1)
        } throws: { error in
            guard case GeoCoreError.invalidCoordinate = error else { return false }
            return true
        }
    }

    @Test func emptyGeometries() throws {
        let empty = Geometry.lineString([])
        #expect(try geos.buffer(empty, width: 1).isEmpty)
        #expect(try geos.area(.polygon(Polygon(exterior: []))) == 0)
        #expect(try geos.centroid(empty) == .geometryCollection([]))
        #expect(throws: GeoCoreError.self) { _ = try geos.nearestPoints(empty, square) }
    }

    @Test func spatialIndexNearestAgreesWithBruteForce() throws {
        var generator = SplitMix64(state: 7)
        let points = (0..<300).map { _ in
            c(Double.random(in: 92...110, using: &generator), Double.random(in: 5...29, using: &generator))
        }
        let index = try SpatialIndex(context: geos, geometries: points.map { .point($0) })
        #expect(index.count == 300)
        for _ in 0..<100 {
            let q = c(Double.random(in: 92...110, using: &generator), Double.random(in: 5...29, using: &generator))
            let brute = points.map { hypot($0.longitude - q.longitude, $0.latitude - q.latitude) }.min()!
            let hit = try #require(try index.nearest(to: .point(q)))
            #expect(abs(hit.distance - brute) < 1e-12)
            #expect(abs(hypot(points[hit.index].longitude - q.longitude, points[hit.index].latitude - q.latitude) - brute) < 1e-12)
        }
        let box = Envelope(minX: 100, minY: 10, maxX: 102, maxY: 12).polygon
        let inBox = points.indices.filter { (100...102).contains(points[$0].longitude) && (10...12).contains(points[$0].latitude) }
        #expect(try index.candidates(intersecting: box) == inBox)
    }

    @Test func emptyIndexHasNoNearest() throws {
        let index = try SpatialIndex(context: geos, geometries: [])
        #expect(try index.nearest(to: .point(c(0, 0))) == nil)
    }
}

