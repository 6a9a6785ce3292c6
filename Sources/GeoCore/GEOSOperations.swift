internal import CGEOS
import Foundation

/// The two closest points of two geometries, first on `a`, then on `b`.
public struct NearestPoints: Sendable, Hashable {
    /// The point of the first geometry closest to the second.
    public var onFirst: Coordinate
    /// The point of the second geometry closest to the first.
    public var onSecond: Coordinate
}

/// The bounding box of a geometry, in its own units.
public struct Envelope: Sendable, Hashable {
    /// The least and greatest x (longitude) and y (latitude), in the geometry's units.
    public var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// A box from its corners; no check that `min` ≤ `max`.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// The envelope of some coordinates, nil when there are none.
    public init?(_ coordinates: [Coordinate]) {
        guard let first = coordinates.first else { return nil }
        var e = Envelope(minX: first.longitude, minY: first.latitude, maxX: first.longitude, maxY: first.latitude)
        for c in coordinates.dropFirst() {
            e.minX = min(e.minX, c.longitude); e.maxX = max(e.maxX, c.longitude)
            e.minY = min(e.minY, c.latitude); e.maxY = max(e.maxY, c.latitude)
        }
        self = e
    }

    /// The envelope as a closed polygon.
    public var polygon: Geometry {
        .polygon(Polygon(exterior: [
            Coordinate(longitude: minX, latitude: minY), Coordinate(longitude: maxX, latitude: minY),
            Coordinate(longitude: maxX, latitude: maxY), Coordinate(longitude: minX, latitude: maxY),
            Coordinate(longitude: minX, latitude: minY),
        ]))
    }
}

/// Planar operations, in the units of the geometry's coordinates (degrees for lon/lat; use
/// ``RegionalMetric`` for metres and km²).
extension GEOSContext {
    /// Why `geometry` is not valid (GEOS's reason, e.g. "Self-intersection[102.5 17.9]"), or nil
    /// when it is valid.
    /// - Complexity: O(n log n) in the number of vertices.
    public func validityReason(_ geometry: Geometry) throws(GeoCoreError) -> String? {
        try with(geometry) { (g) throws(GeoCoreError) in
            switch geos.pointee.GEOSisValid_r(handle, g) {
            case 1: return nil
            case 0:
                let text = try check("GEOSisValidReason_r", geos.pointee.GEOSisValidReason_r(handle, g))
                defer { geos.pointee.GEOSFree_r(handle, text) }
                return String(cString: text)
            default: throw failure("GEOSisValid_r")
            }
        }
    }

    /// Whether `geometry` is valid in the OGC sense.
    public func isValid(_ geometry: Geometry) throws(GeoCoreError) -> Bool {
        try validityReason(geometry) == nil
    }

    /// A valid geometry covering the same points (GEOS MakeValid).
    public func makeValid(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        try with(geometry) { (g) throws(GeoCoreError) in try take("GEOSMakeValid_r", geos.pointee.GEOSMakeValid_r(handle, g)) }
    }

    /// The area within `width` of `geometry` (in the geometry's units).
    /// - Parameters:
    ///   - width: buffer distance in coordinate units (negative shrinks polygons).
    ///   - quadrantSegments: segments used to approximate a quarter circle.
    public func buffer(_ geometry: Geometry, width: Double, quadrantSegments: Int = 8) throws(GeoCoreError) -> Geometry {
        guard width.isFinite else { throw .invalidGeometry("buffer width \(width) is not a finite number") }
        return try with(geometry) { (g) throws(GeoCoreError) in
            try take("GEOSBuffer_r", geos.pointee.GEOSBuffer_r(handle, g, width, Int32(quadrantSegments)))
        }
    }

    /// The union of all parts of `geometry` (e.g. many buffers into one outline).
    public func unaryUnion(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        try with(geometry) { (g) throws(GeoCoreError) in try take("GEOSUnaryUnion_r", geos.pointee.GEOSUnaryUnion_r(handle, g)) }
    }

    /// The points shared by `a` and `b`.
    public func intersection(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Geometry {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in try take("GEOSIntersection_r", geos.pointee.GEOSIntersection_r(handle, ga, gb)) }
    }

    /// The points of `a` that are not in `b`.
    public func difference(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Geometry {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in try take("GEOSDifference_r", geos.pointee.GEOSDifference_r(handle, ga, gb)) }
    }

    /// Whether `a` and `b` share at least one point.
    public func intersects(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Bool {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in try predicate("GEOSIntersects_r", geos.pointee.GEOSIntersects_r(handle, ga, gb)) }
    }

    /// Whether no point of `b` lies outside `a` and their interiors meet.
    public func contains(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Bool {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in try predicate("GEOSContains_r", geos.pointee.GEOSContains_r(handle, ga, gb)) }
    }

    /// Whether `a` lies within `b`.
    public func within(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Bool {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in try predicate("GEOSWithin_r", geos.pointee.GEOSWithin_r(handle, ga, gb)) }
    }

    /// The planar distance between `a` and `b`, in coordinate units.
    public func distance(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> Double {
        try with(a, b) { (ga, gb) throws(GeoCoreError) in
            var d = 0.0
            guard geos.pointee.GEOSDistance_r(handle, ga, gb, &d) == 1 else { throw failure("GEOSDistance_r") }
            return d
        }
    }

    /// The closest pair of points of `a` and `b`.
    public func nearestPoints(_ a: Geometry, _ b: Geometry) throws(GeoCoreError) -> NearestPoints {
        let pair = try with(a, b) { (ga, gb) throws(GeoCoreError) in
            try take("GEOSNearestPoints_r", nearestSequenceAsLine(ga, gb))
        }
        guard case .lineString(let cs) = pair, cs.count == 2 else {
            throw .invalidGeometry("nearest points of an empty geometry")
        }
        return NearestPoints(onFirst: cs[0], onSecond: cs[1])
    }

    private func nearestSequenceAsLine(_ a: OpaquePointer, _ b: OpaquePointer) -> OpaquePointer? {
        guard let seq = geos.pointee.GEOSNearestPoints_r(handle, a, b) else { return nil }
        return geos.pointee.GEOSGeom_createLineString_r(handle, seq)
    }

    /// A simplified copy that keeps the topology (no new self-intersections, holes stay inside).
    /// - Parameter tolerance: maximum distance of a removed vertex, in coordinate units.
    public func simplify(_ geometry: Geometry, tolerance: Double) throws(GeoCoreError) -> Geometry {
        try with(geometry) { (g) throws(GeoCoreError) in
            try take("GEOSTopologyPreserveSimplify_r", geos.pointee.GEOSTopologyPreserveSimplify_r(handle, g, tolerance))
        }
    }

    /// The bounding rectangle (a Polygon; a Point for a single point).
    public func envelope(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        try with(geometry) { (g) throws(GeoCoreError) in try take("GEOSEnvelope_r", geos.pointee.GEOSEnvelope_r(handle, g)) }
    }

    /// The centre of mass (planar).
    public func centroid(_ geometry: Geometry) throws(GeoCoreError) -> Geometry {
        try with(geometry) { (g) throws(GeoCoreError) in try take("GEOSGetCentroid_r", geos.pointee.GEOSGetCentroid_r(handle, g)) }
    }

    /// The planar area, in squared coordinate units.
    public func area(_ geometry: Geometry) throws(GeoCoreError) -> Double {
        try with(geometry) { (g) throws(GeoCoreError) in
            var a = 0.0
            guard geos.pointee.GEOSArea_r(handle, g, &a) == 1 else { throw failure("GEOSArea_r") }
            return a
        }
    }

    /// The planar length, in coordinate units.
    public func length(_ geometry: Geometry) throws(GeoCoreError) -> Double {
        try with(geometry) { (g) throws(GeoCoreError) in
            var l = 0.0
            guard geos.pointee.GEOSLength_r(handle, g, &l) == 1 else { throw failure("GEOSLength_r") }
            return l
        }
    }

    // MARK: WKT and WKB

    /// Well-known text, trimmed of trailing zeros.
    /// - Parameter precision: digits after the decimal point (nil: as many as needed).
    public func wkt(_ geometry: Geometry, precision: Int? = nil) throws(GeoCoreError) -> String {
        let writer = try check("GEOSWKTWriter_create_r", geos.pointee.GEOSWKTWriter_create_r(handle))
        defer { geos.pointee.GEOSWKTWriter_destroy_r(handle, writer) }
        geos.pointee.GEOSWKTWriter_setTrim_r(handle, writer, 1)
        if let precision { geos.pointee.GEOSWKTWriter_setRoundingPrecision_r(handle, writer, Int32(precision)) }
        return try with(geometry) { (g) throws(GeoCoreError) in
            let text = try check("GEOSWKTWriter_write_r", geos.pointee.GEOSWKTWriter_write_r(handle, writer, g))
            defer { geos.pointee.GEOSFree_r(handle, text) }
            return String(cString: text)
        }
    }

    /// Reads well-known text; the error carries GEOS's parse message.
    public func geometry(wkt: String) throws(GeoCoreError) -> Geometry {
        let reader = try check("GEOSWKTReader_create_r", geos.pointee.GEOSWKTReader_create_r(handle))
        defer { geos.pointee.GEOSWKTReader_destroy_r(handle, reader) }
        beginCall()
        return try take("GEOSWKTReader_read_r", geos.pointee.GEOSWKTReader_read_r(handle, reader, wkt))
    }

    /// Well-known binary (little-endian, 2D).
    public func wkb(_ geometry: Geometry) throws(GeoCoreError) -> [UInt8] {
        let writer = try check("GEOSWKBWriter_create_r", geos.pointee.GEOSWKBWriter_create_r(handle))
        defer { geos.pointee.GEOSWKBWriter_destroy_r(handle, writer) }
        geos.pointee.GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        return try with(geometry) { (g) throws(GeoCoreError) in
            var size = 0
            let bytes = try check("GEOSWKBWriter_write_r", geos.pointee.GEOSWKBWriter_write_r(handle, writer, g, &size))
            defer { geos.pointee.GEOSFree_r(handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }

    /// Reads well-known binary.
    public func geometry(wkb: [UInt8]) throws(GeoCoreError) -> Geometry {
        let reader = try check("GEOSWKBReader_create_r", geos.pointee.GEOSWKBReader_create_r(handle))
        defer { geos.pointee.GEOSWKBReader_destroy_r(handle, reader) }
        beginCall()
        let result = wkb.withUnsafeBufferPointer { geos.pointee.GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }
        return try take("GEOSWKBReader_read_r", result)
    }
}

extension GEOSContext {
    /// Whether a geometry has no anomalous self-intersection (a line that crosses or touches
    /// itself is not simple).
    public func isSimple(_ geometry: Geometry) throws(GeoCoreError) -> Bool {
        try with(geometry) { (g) throws(GeoCoreError) in try predicate("GEOSisSimple_r", geos.pointee.GEOSisSimple_r(handle, g)) }
    }
}
