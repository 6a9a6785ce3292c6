import Foundation

/// A position on the WGS84 ellipsoid, in degrees.
///
/// The order is always named: GeoJSON writes longitude first, PROJ's geodesic API and EPSG:4326
/// take latitude first, so a positional pair is the classic source of points landing in the sea.
///
///     let vientiane = Coordinate(longitude: 102.6, latitude: 17.97)
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    /// Degrees east of Greenwich, −180 … 180.
    public var longitude: Double
    /// Degrees north of the equator, −90 … 90.
    public var latitude: Double

    /// Takes the values as given; call ``validated()`` where input may be out of range.
    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Whether both values are finite and inside the ranges of the WGS84 graticule.
    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && abs(longitude) <= 180 && abs(latitude) <= 90
    }

    /// Throws ``GeoCoreError/invalidCoordinate(_:reason:)`` unless ``isValid``.
    public func validated() throws(GeoCoreError) -> Coordinate {
        if let reason = invalidityReason { throw .invalidCoordinate(self, reason: reason) }
        return self
    }

    /// Why the coordinate is not valid, or nil when it is.
    public var invalidityReason: String? {
        if !longitude.isFinite || !latitude.isFinite { return "a value is not a finite number" }
        if abs(latitude) > 90 { return "latitude \(latitude) is outside −90…90" }
        if abs(longitude) > 180 { return "longitude \(longitude) is outside −180…180" }
        return nil
    }

    /// `(longitude, latitude)`, in that order, as GeoJSON writes them.
    public var description: String { "(\(longitude), \(latitude))" }
}

/// A point in a plane or in any coordinate reference system: `x` is the first axis in
/// "visualisation order" (easting, or longitude for geographic systems), `y` the second
/// (northing, or latitude).
public struct Position: Sendable, Hashable, CustomStringConvertible {
    /// The first axis: easting in metres, or longitude in degrees for a geographic CRS.
    public var x: Double
    /// The second axis: northing in metres, or latitude in degrees for a geographic CRS.
    public var y: Double

    /// Takes the values as given, in the axis order of the CRS they belong to.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The position of a longitude/latitude in a geographic CRS: `x` is the longitude.
    public init(_ coordinate: Coordinate) {
        self.init(x: coordinate.longitude, y: coordinate.latitude)
    }

    /// `(x, y)`, first axis first.
    public var description: String { "(\(x), \(y))" }
}

extension Coordinate {
    /// Reads a position whose `x` is a longitude and `y` a latitude.
    public init(_ position: Position) {
        self.init(longitude: position.x, latitude: position.y)
    }
}

extension Coordinate {
    /// The straight-line distance through the Earth to `other`, both on the WGS84 ellipsoid, in
    /// metres, a hair short (one part in 10⁹) so that rounding cannot lift it.
    ///
    /// Why: it is never more than the geodesic between the same points (a straight line is the
    /// shortest path of all), so it is an admissible and consistent A* bound wherever the geodesic
    /// is one, and it needs no PROJ: a route loads no library to search. Over 1,000 km it is about
    /// 1 km (0.1 %) shorter than the geodesic, so the bound is nearly as tight.
    /// - Complexity: O(1).
    public func chordMetres(to other: Coordinate) -> Double {
        EarthCentredPoint(self).chordMetres(to: EarthCentredPoint(other))
    }
}

/// A point on the WGS84 ellipsoid (height 0) in Earth-centred, Earth-fixed coordinates, metres:
/// what ``Coordinate/chordMetres(to:)`` measures between. An A* search that bounds every node by
/// its chord to the same goals converts each goal once instead of at every node.
///
///     let goal = EarthCentredPoint(hanoi)
///     EarthCentredPoint(node).chordMetres(to: goal) == node.chordMetres(to: hanoi)   // true
public struct EarthCentredPoint: Hashable, Sendable {
    /// The coordinates, metres: x towards 0° E on the equator, y towards 90° E, z towards the north pole.
    public let x: Double, y: Double, z: Double

    /// The point of `coordinate`.
    /// - Complexity: O(1) (four sines and cosines and a square root).
    public init(_ coordinate: Coordinate) {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f)
        let phi = coordinate.latitude * .pi / 180, lambda = coordinate.longitude * .pi / 180
        let sinPhi = sin(phi), cosPhi = cos(phi)
        let n = a / (1 - e2 * sinPhi * sinPhi).squareRoot()
        (x, y, z) = (n * cosPhi * cos(lambda), n * cosPhi * sin(lambda), n * (1 - e2) * sinPhi)
    }

    /// The straight-line distance to `other`, metres, a hair short as ``Coordinate/chordMetres(to:)``.
    /// - Complexity: O(1).
    public func chordMetres(to other: EarthCentredPoint) -> Double {
        let dx = x - other.x, dy = y - other.y, dz = z - other.z
        return (dx * dx + dy * dy + dz * dz).squareRoot() * (1 - 1e-9)
    }
}
