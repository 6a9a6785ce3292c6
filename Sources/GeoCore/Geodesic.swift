internal import CPROJ

/// The solution of the inverse geodesic problem between two points.
public struct GeodesicLine: Sendable, Hashable {
    /// Ellipsoidal distance in metres.
    public var distanceMetres: Double
    /// Azimuth at the start, degrees clockwise from north.
    public var initialAzimuthDegrees: Double
    /// Azimuth at the end, degrees clockwise from north.
    public var finalAzimuthDegrees: Double
}

/// Geodesics on the WGS84 ellipsoid (Karney's algorithms, PROJ's `geodesic.h`): exact
/// distances, azimuths, line lengths and polygon areas, with no projection error.
///
///     let km = try Geodesic.wgs84.inverse(from: bangkok, to: hanoi).distanceMetres / 1000  // 983.947
///
/// A value holding only the ellipsoid's constants, so it is `Sendable` and free to share.
public struct Geodesic: @unchecked Sendable {
    /// The ellipsoid's constants as PROJ's `geod_init` prepares them, with the functions that read
    /// them; or why PROJ could not be loaded, which every method then throws.
    private let prepared: Result<Prepared, GeoCoreError>

    // geod_geodesic is a plain C struct of doubles that the functions only read, and the table
    // of functions is loaded once and never freed.
    private struct Prepared {
        var geodesic: geod_geodesic
        let proj: UnsafePointer<MekongPROJ>
    }

    /// The WGS84 ellipsoid (a = 6 378 137 m, f = 1/298.257223563).
    public static let wgs84 = Geodesic(equatorialRadiusMetres: 6_378_137, flattening: 1 / 298.257223563)

    /// An ellipsoid other than WGS84, e.g. a sphere (`flattening: 0`) to compare against.
    /// - Parameters:
    ///   - equatorialRadiusMetres: the semi-major axis *a*, in metres.
    ///   - flattening: *f* = (*a* − *b*) / *a*; 0 for a sphere.
    public init(equatorialRadiusMetres: Double, flattening: Double) {
        prepared = Result { () throws(GeoCoreError) -> Prepared in
            let proj = try PROJLibrary.functions()
            var geodesic = geod_geodesic()
            proj.pointee.geod_init(&geodesic, equatorialRadiusMetres, flattening)
            return Prepared(geodesic: geodesic, proj: proj)
        }
    }

    /// Throws why PROJ could not be loaded, if it could not; every other method would throw it too.
    public func checkLoaded() throws(GeoCoreError) { _ = try prepared.get() }

    /// Distance and azimuths from `start` to `end`.
    /// - Throws: ``GeoCoreError/invalidCoordinate(_:reason:)`` for a latitude beyond ±90 or NaN.
    /// - Complexity: O(1).
    public func inverse(from start: Coordinate, to end: Coordinate) throws(GeoCoreError) -> GeodesicLine {
        _ = try start.validated()
        _ = try end.validated()
        let prepared = try prepared.get()
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: prepared.geodesic) {
            prepared.proj.pointee.geod_inverse($0, start.latitude, start.longitude, end.latitude, end.longitude, &s12, &azi1, &azi2)
        }
        return GeodesicLine(distanceMetres: s12, initialAzimuthDegrees: azi1, finalAzimuthDegrees: azi2)
    }

    /// Distance in metres between two points.
    public func distanceMetres(from start: Coordinate, to end: Coordinate) throws(GeoCoreError) -> Double {
        try inverse(from: start, to: end).distanceMetres
    }

    /// The point reached from `start` going `distanceMetres` along azimuth `azimuthDegrees`.
    /// - Complexity: O(1).
    public func destination(
        from start: Coordinate, azimuthDegrees: Double, distanceMetres: Double
    ) throws(GeoCoreError) -> Coordinate {
        _ = try start.validated()
        guard azimuthDegrees.isFinite, distanceMetres.isFinite else {
            throw .invalidGeometry("azimuth \(azimuthDegrees)° and distance \(distanceMetres) m must be finite")
        }
        let prepared = try prepared.get()
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        withUnsafePointer(to: prepared.geodesic) {
            prepared.proj.pointee.geod_direct($0, start.latitude, start.longitude, azimuthDegrees, distanceMetres, &lat2, &lon2, &azi2)
        }
        return Coordinate(longitude: lon2, latitude: lat2)
    }

    /// Length in metres of a polyline (the sum of its geodesic segments).
    /// - Complexity: O(n).
    public func lengthMetres(of line: [Coordinate]) throws(GeoCoreError) -> Double {
        var total = 0.0
        for (a, b) in zip(line, line.dropFirst()) { total += try distanceMetres(from: a, to: b) }
        return total
    }

    /// Length in metres of every line in a geometry (perimeters for polygons; 0 for points).
    public func lengthMetres(of geometry: Geometry) throws(GeoCoreError) -> Double {
        switch geometry {
        case .point, .multiPoint: return 0
        case .lineString(let cs): return try lengthMetres(of: cs)
        case .multiLineString(let lines):
            var total = 0.0
            for l in lines { total += try lengthMetres(of: l) }
            return total
        case .polygon(let p): return try perimeter(p)
        case .multiPolygon(let ps):
            var total = 0.0
            for p in ps { total += try perimeter(p) }
            return total
        case .geometryCollection(let gs):
            var total = 0.0
            for g in gs { total += try lengthMetres(of: g) }
            return total
        }
    }

    private func perimeter(_ p: Polygon) throws(GeoCoreError) -> Double {
        var total = 0.0
        for ring in p.rings { total += try lengthMetres(of: ring) }
        return total
    }

    /// Area in square metres of a polygon on the ellipsoid: the exterior ring less its holes,
    /// whatever the rings' orientation.
    /// - Complexity: O(n).
    public func areaSquareMetres(of polygon: Polygon) throws(GeoCoreError) -> Double {
        var area = abs(try ringArea(polygon.exterior))
        for hole in polygon.holes { area -= abs(try ringArea(hole)) }
        return area
    }

    /// Area in square metres of the polygons in a geometry (0 for points and lines).
    public func areaSquareMetres(of geometry: Geometry) throws(GeoCoreError) -> Double {
        switch geometry {
        case .polygon(let p): return try areaSquareMetres(of: p)
        case .multiPolygon(let ps):
            var total = 0.0
            for p in ps { total += try areaSquareMetres(of: p) }
            return total
        case .geometryCollection(let gs):
            var total = 0.0
            for g in gs { total += try areaSquareMetres(of: g) }
            return total
        default: return 0
        }
    }

    private func ringArea(_ ring: [Coordinate]) throws(GeoCoreError) -> Double {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return 0 }
        for c in points { _ = try c.validated() }
        var latitudes = points.map(\.latitude)
        var longitudes = points.map(\.longitude)
        let prepared = try prepared.get()
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: prepared.geodesic) {
            prepared.proj.pointee.geod_polygonarea($0, &latitudes, &longitudes, Int32(points.count), &area, &perimeter)
        }
        return area
    }
}
