/// A polygon: one exterior ring and any number of holes, each ring closed (first == last).
public struct Polygon: Sendable, Hashable {
    /// The outer boundary, closed (first == last); empty for an empty polygon.
    public var exterior: [Coordinate]
    /// Rings cut out of the exterior, each closed; the GeoJSON writer orients them clockwise.
    public var holes: [[Coordinate]]

    /// A polygon from closed rings; orientation is not checked, since GeoJSON output re-orients rings.
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings, exterior first.
    public var rings: [[Coordinate]] { [exterior] + holes }
}

/// A simple-feature geometry in WGS84 longitude/latitude (or, after a projection, in the plane
/// of that projection: the values then are easting and northing in metres).
///
/// A value type: GEOS and PROJ objects are made from it for an operation and freed after.
///
///     let bridge = Geometry.lineString([
///         Coordinate(longitude: 104.80, latitude: 17.43),
///         Coordinate(longitude: 104.82, latitude: 17.41),
///     ])
public indirect enum Geometry: Sendable, Hashable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])
    case geometryCollection([Geometry])

    /// The GeoJSON / OGC name of the type.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// True when the geometry has no coordinates at all.
    public var isEmpty: Bool { coordinates.isEmpty }

    /// Every coordinate, in order, rings and parts flattened.
    public var coordinates: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .lineString(let cs), .multiPoint(let cs): cs
        case .polygon(let p): p.rings.flatMap { $0 }
        case .multiLineString(let lines): lines.flatMap { $0 }
        case .multiPolygon(let ps): ps.flatMap { $0.rings.flatMap { $0 } }
        case .geometryCollection(let gs): gs.flatMap(\.coordinates)
        }
    }

    /// The same geometry with every coordinate passed through `transform`.
    ///
    /// - Complexity: O(n) in the number of coordinates.
    public func mapCoordinates<E: Error>(
        _ transform: (Coordinate) throws(E) -> Coordinate
    ) throws(E) -> Geometry {
        func ring(_ cs: [Coordinate]) throws(E) -> [Coordinate] {
            var out: [Coordinate] = []
            out.reserveCapacity(cs.count)
            for c in cs { out.append(try transform(c)) }
            return out
        }
        // Coordinates are visited in the order of `coordinates` (exterior before holes), which
        // callers that transform a whole geometry in one batch rely on.
        func polygon(_ p: Polygon) throws(E) -> Polygon {
            let exterior = try ring(p.exterior)
            var holes: [[Coordinate]] = []
            for h in p.holes { holes.append(try ring(h)) }
            return Polygon(exterior: exterior, holes: holes)
        }
        switch self {
        case .point(let c): return .point(try transform(c))
        case .lineString(let cs): return .lineString(try ring(cs))
        case .multiPoint(let cs): return .multiPoint(try ring(cs))
        case .polygon(let p): return .polygon(try polygon(p))
        case .multiLineString(let lines):
            var out: [[Coordinate]] = []
            for l in lines { out.append(try ring(l)) }
            return .multiLineString(out)
        case .multiPolygon(let ps):
            var out: [Polygon] = []
            for p in ps { out.append(try polygon(p)) }
            return .multiPolygon(out)
        case .geometryCollection(let gs):
            var out: [Geometry] = []
            for g in gs { out.append(try g.mapCoordinates(transform)) }
            return .geometryCollection(out)
        }
    }

    /// The first coordinate that is not finite or lies outside the graticule, with the reason.
    public var firstInvalidCoordinate: (index: Int, reason: String)? {
        for (index, c) in coordinates.enumerated() {
            if let reason = c.invalidityReason { return (index, reason) }
        }
        return nil
    }
}
