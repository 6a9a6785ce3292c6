import Testing
import TestSupport
@testable import GeoCore

struct GeodesicTests {
    let bangkok = Coordinate(longitude: 100.5018, latitude: 13.7563)
    let hanoi = Coordinate(longitude: 105.8342, latitude: 21.0278)

    @Test func bangkokToHanoiMatchesGeod() throws {
        // echo "13.7563 100.5018 21.0278 105.8342" | geod -I +ellps=WGS84 -f %.6f
        //   →  34.387369  -144.014448  983946.829   (az12, back azimuth az21, metres)
        let line = try Geodesic.wgs84.inverse(from: bangkok, to: hanoi)
        #expect(abs(line.distanceMetres - 983_946.829) < 0.001)
        #expect(abs(line.initialAzimuthDegrees - 34.387369) < 1e-6)
        // The forward azimuth at Hanoi is the back azimuth turned by 180°.
        #expect(abs(line.finalAzimuthDegrees - (-144.014448 + 180)) < 1e-6)
    }

    @Test func destinationMatchesGeodDirect() throws {
        // echo "13.7563 100.5018 45 100000" | geod +ellps=WGS84 -f %.8f  →  14.39452324 101.15744386
        let end = try Geodesic.wgs84.destination(from: bangkok, azimuthDegrees: 45, distanceMetres: 100_000)
        #expect(abs(end.latitude - 14.39452324) < 1e-8)
        #expect(abs(end.longitude - 101.15744386) < 1e-8)
    }

    @Test func lineLengthMatchesPyproj() throws {
        // python3: Geod(ellps='WGS84').line_length([100.5018,102.6,105.8342],[13.7563,17.97,21.0278])
        //   →  996959.0837197218
        let vientiane = Coordinate(longitude: 102.6, latitude: 17.97)
        let length = try Geodesic.wgs84.lengthMetres(of: [bangkok, vientiane, hanoi])
        #expect(abs(length - 996_959.0837) < 0.001)
    }

    @Test func polygonAreaMatchesPyprojWhateverTheWinding() throws {
        // python3: Geod(ellps='WGS84').polygon_area_perimeter([100,106,106,100],[10,10,20,20])
        //   →  area 713652411592.6445 m², perimeter 3498698.878163257 m
        let ring = [(100.0, 10.0), (106, 10), (106, 20), (100, 20), (100, 10)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let ccw = try Geodesic.wgs84.areaSquareMetres(of: Polygon(exterior: ring))
        let cw = try Geodesic.wgs84.areaSquareMetres(of: Polygon(exterior: ring.reversed()))
        #expect(abs(ccw - 713_652_411_592.6445) < 1)
        #expect(abs(cw - ccw) < 1e-3)
        let perimeter = try Geodesic.wgs84.lengthMetres(of: .polygon(Polygon(exterior: ring)))
        #expect(abs(perimeter - 3_498_698.878) < 0.01)
    }

    @Test func holeIsSubtractedFromArea() throws {
        let outer = [(100.0, 10.0), (106, 10), (106, 20), (100, 20), (100, 10)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let hole = [(101.0, 11.0), (101, 12), (102, 12), (102, 11), (101, 11)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let holeArea = try Geodesic.wgs84.areaSquareMetres(of: Polygon(exterior: hole))
        let withHole = try Geodesic.wgs84.areaSquareMetres(of: Polygon(exterior: outer, holes: [hole]))
        #expect(abs(withHole - (713_652_411_592.6445 - holeArea)) < 1)
        #expect(holeArea > 1.2e10 && holeArea < 1.3e10)  // about 109 km × 111 km
    }

    @Test func latitude95IsRejected() {
        #expect(throws: GeoCoreError.self) {
            _ = try Geodesic.wgs84.inverse(from: Coordinate(longitude: 100, latitude: 95), to: hanoi)
        }
    }

    @Test func notANumberIsRejected() {
        #expect {
            _ = try Geodesic.wgs84.inverse(from: Coordinate(longitude: .nan, latitude: 10), to: hanoi)
        } throws: { error in
            guard case GeoCoreError.invalidCoordinate(_, let reason) = error else { return false }
            return reason.contains("not a finite number")
        }
    }
}

/// The straight-line bound that A* uses instead of the geodesic, so that routing needs no PROJ.
struct ChordBoundTests {
    @Test func theChordNeverExceedsTheGeodesicAndStaysClose() throws {
        var generator = SplitMix64(state: 2026)
        for _ in 0..<2000 {
            let a = Coordinate(longitude: .random(in: 90...112, using: &generator), latitude: .random(in: 5...28, using: &generator))
            let b = Coordinate(longitude: .random(in: 90...112, using: &generator), latitude: .random(in: 5...28, using: &generator))
            let geodesic = try Geodesic.wgs84.distanceMetres(from: a, to: b)
            let chord = a.chordMetres(to: b)
            #expect(chord <= geodesic, "\(a) → \(b): chord \(chord) m, geodesic \(geodesic) m")
            // The chord falls short by about (d / R)² / 24 of the distance d: 0.1 % over 1,000 km,
            // 1 % over the region's widest 3,100 km. R is taken at its smallest on the ellipsoid
            // (the meridian's radius of curvature at the equator, 6,335 km) and the 24 rounded down.
            let ratio = geodesic / 6_335_000
            #expect(chord >= geodesic * (1 - ratio * ratio / 20), "\(a) → \(b): chord \(chord) m, geodesic \(geodesic) m")
        }
        let here = Coordinate(longitude: 102.6, latitude: 17.97)
        #expect(here.chordMetres(to: here) == 0)
    }
}

/// Lengths measured once and carried with the fingerprint of their line (embed-geodata).
struct StoredGeodesicLengthTests {
    let line = [Coordinate(longitude: 100.5018, latitude: 13.7563), Coordinate(longitude: 102.6, latitude: 17.97)]

    @Test func aStoredLengthAppliesOnlyToItsOwnLineBitForBit() throws {
        let stored = try StoredGeodesicLength(measuring: line)
        #expect(stored.metres(for: line)?.bitPattern == (try Geodesic.wgs84.lengthMetres(of: line)).bitPattern)
        var moved = line
        moved[1].latitude = moved[1].latitude.nextDown
        #expect(stored.metres(for: moved) == nil)
        #expect(stored.metres(for: Array(line.reversed())) == nil)
        #expect(stored.metres(for: line + [line[1]]) == nil)
    }
}
