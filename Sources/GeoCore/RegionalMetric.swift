/// Metric operations for the Mekong region: buffers in metres and areas in km², computed in a
/// Lambert azimuthal equal-area projection centred at 15°N 102°E (areas are exact in it;
/// distances within the region are off by under 1% at its edges) and returned in WGS84.
///
///     let metric = try RegionalMetric()
///     let corridorBand = try metric.buffer(corridorLine, metres: 50_000)
///     let km2 = try metric.areaSquareKilometres(corridorBand)
///
/// Holds a GEOS context and a PROJ operation (run forward and inverse): one per task.
public final class RegionalMetric {
    /// The projected CRS, as a PROJ string.
    public static let crs = "+proj=laea +lat_0=15 +lon_0=102 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

    /// The context buffers, areas and distances run in; pass one in to share it with other work on
    /// the same task.
    public let geos: GEOSContext
    private let projection: Projection

    /// Sets up the projection to ``crs`` and back.
    /// - Parameter geos: a context to use; nil makes a new one.
    /// - Throws: ``GeoCoreError`` when GEOS or PROJ cannot set up (e.g. PROJ's database is missing).
    public init(geos: GEOSContext? = nil) throws(GeoCoreError) {
        if let geos { self.geos = geos } else { self.geos = try GEOSContext() }
        self.projection = try Projection(from: "EPSG:4326", to: Self.crs)
    }

    /// The geometry in the regional plane: x, y in metres (stored in the coordinates' longitude
    /// and latitude fields).
    public func project(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        if let bad = geometry.firstInvalidCoordinate {
            throw .invalidCoordinate(geometry.coordinates[bad.index], reason: bad.reason)
        }
        return try projection.transform(geometry)
    }

    /// A planar geometry in metres back to WGS84.
    public func unproject(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        try projection.transform(geometry, inverse: true)
    }

    /// The area within `metres` of `geometry`, in WGS84.
    /// - Parameters:
    ///   - metres: buffer distance in metres.
    ///   - quadrantSegments: segments per quarter circle.
    public func buffer(_ geometry: Geometry, metres: Double, quadrantSegments: Int = 8) throws(GeoCoreError) -> Geometry {
        let planar = try geos.buffer(try project(geometry), width: metres, quadrantSegments: quadrantSegments)
        return try unproject(planar)
    }

    /// Area of the polygons of `geometry` in km² (equal-area projection).
    public func areaSquareKilometres(_ geometry: Geometry) throws(GeoCoreError) -> Double {
        try geos.area(try project(geometry)) / 1_000_000
    }

    /// Planar distance in metres between two geometries in the regional projection.
    public func distanceMetres(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Double {
        try geos.distance(try project(a), try project(b))
    }
}
