internal import CGEOS

/// A geometry prepared once for many predicate tests against it (GEOS prepared geometry):
/// point-in-polygon against a country or a corridor buffer, repeated thousands of times.
///
///     let laos = try geos.prepare(laosPolygon)
///     let inside = try cities.filter { try laos.contains(.point($0)) }
///
/// Owns its GEOS objects and keeps its context alive; like the context, use it from one task.
public final class PreparedGeometry {
    /// The geometry that was prepared, as given.
    public let geometry: Geometry
    private let context: GEOSContext
    private let native: OpaquePointer
    private let prepared: OpaquePointer

    init(context: GEOSContext, geometry: Geometry) throws(GeoCoreError) {
        self.context = context
        self.geometry = geometry
        let native = try context.makeGEOS(geometry)
        context.beginCall()
        guard let prepared = context.geos.pointee.GEOSPrepare_r(context.handle, native) else {
            context.geos.pointee.GEOSGeom_destroy_r(context.handle, native)
            throw context.failure("GEOSPrepare_r")
        }
        self.native = native
        self.prepared = prepared
    }

    deinit {
        context.geos.pointee.GEOSPreparedGeom_destroy_r(context.handle, prepared)
        context.geos.pointee.GEOSGeom_destroy_r(context.handle, native)
    }

    /// Whether `other` lies inside the prepared geometry (prepared predicate).
    /// - Complexity: O(log n) per test after an O(n log n) preparation on first use.
    public func contains(_ other: Geometry) throws(GeoCoreError) -> Bool {
        try context.with(other) { (g) throws(GeoCoreError) in
            try context.predicate("GEOSPreparedContains_r", context.geos.pointee.GEOSPreparedContains_r(context.handle, prepared, g))
        }
    }

    /// Whether `other` shares a point with the prepared geometry (prepared predicate).
    public func intersects(_ other: Geometry) throws(GeoCoreError) -> Bool {
        try context.with(other) { (g) throws(GeoCoreError) in
            try context.predicate("GEOSPreparedIntersects_r", context.geos.pointee.GEOSPreparedIntersects_r(context.handle, prepared, g))
        }
    }

    /// Whether the prepared geometry lies within `other`.
    public func within(_ other: Geometry) throws(GeoCoreError) -> Bool {
        try context.with(other) { (g) throws(GeoCoreError) in
            try context.predicate("GEOSPreparedWithin_r", context.geos.pointee.GEOSPreparedWithin_r(context.handle, prepared, g))
        }
    }

    /// The same test as ``contains(_:)`` with the ordinary, unprepared predicate on the same
    /// GEOS geometry: the baseline that benchmarks and cross-checks compare against.
    /// - Complexity: O(n) per test.
    public func containsUnprepared(_ other: Geometry) throws(GeoCoreError) -> Bool {
        try context.with(other) { (g) throws(GeoCoreError) in
            try context.predicate("GEOSContains_r", context.geos.pointee.GEOSContains_r(context.handle, native, g))
        }
    }
}

extension GEOSContext {
    /// Prepares `geometry` for repeated predicate tests.
    public func prepare(_ geometry: Geometry) throws(GeoCoreError) -> PreparedGeometry {
        try PreparedGeometry(context: self, geometry: geometry)
    }
}
