internal import CGEOS

/// An STRtree over a fixed list of geometries, answering "which is nearest" and "which touch
/// this box" by index into that list.
///
/// Distances are planar in the geometries' units: build the index from geometries in a metric
/// projection (see ``RegionalMetric``) when the answer must be in metres.
///
///     let index = try SpatialIndex(context: geos, geometries: placePoints)
///     let hit = try index.nearest(to: .point(click))   // (index: 12, distance: 0.03)
public final class SpatialIndex {
    private let context: GEOSContext
    private let tree: OpaquePointer
    private var natives: [OpaquePointer] = []
    private var indexOfNative: [OpaquePointer: Int] = [:]

    /// The number of indexed geometries.
    public var count: Int { natives.count }

    /// Builds the tree.
    /// - Parameters:
    ///   - geometries: the items; results refer to their positions in this array.
    ///   - nodeCapacity: children per tree node.
    /// - Complexity: O(n log n).
    public init(context: GEOSContext, geometries: [Geometry], nodeCapacity: Int = 10) throws(GeoCoreError) {
        self.context = context
        context.beginCall()
        self.tree = try context.check("GEOSSTRtree_create_r", context.geos.pointee.GEOSSTRtree_create_r(context.handle, nodeCapacity))
        natives.reserveCapacity(geometries.count)
        for (i, geometry) in geometries.enumerated() {
            let g = try context.makeGEOS(geometry)
            natives.append(g)
            indexOfNative[g] = i
            context.geos.pointee.GEOSSTRtree_insert_r(context.handle, tree, g, UnsafeMutableRawPointer(g))
        }
    }

    deinit {
        context.geos.pointee.GEOSSTRtree_destroy_r(context.handle, tree)
        for g in natives { context.geos.pointee.GEOSGeom_destroy_r(context.handle, g) }
    }

    /// The indexed geometry nearest to `geometry`, with its planar distance; nil when empty.
    /// - Complexity: about O(log n) for well-spread data.
    public func nearest(to geometry: Geometry) throws(GeoCoreError) -> (index: Int, distance: Double)? {
        guard !natives.isEmpty else { return nil }
        return try context.with(geometry) { (g) throws(GeoCoreError) in
            let found = try context.check("GEOSSTRtree_nearest_r", context.geos.pointee.GEOSSTRtree_nearest_r(context.handle, tree, g))
            let native = found
            guard let index = indexOfNative[native] else { throw context.failure("GEOSSTRtree_nearest_r (unknown item)") }
            var d = 0.0
            guard context.geos.pointee.GEOSDistance_r(context.handle, native, g, &d) == 1 else { throw context.failure("GEOSDistance_r") }
            return (index, d)
        }
    }

    /// The indices of the geometries whose envelopes meet the envelope of `geometry`, sorted.
    public func candidates(intersecting geometry: Geometry) throws(GeoCoreError) -> [Int] {
        final class Collector { var found: [UnsafeMutableRawPointer] = [] }
        let collector = Collector()
        try context.with(geometry) { (g) throws(GeoCoreError) in
            withExtendedLifetime(collector) {
                context.geos.pointee.GEOSSTRtree_query_r(context.handle, tree, g, { item, userdata in
                    guard let item, let userdata else { return }
                    Unmanaged<Collector>.fromOpaque(userdata).takeUnretainedValue().found.append(item)
                }, Unmanaged.passUnretained(collector).toOpaque())
            }
        }
        return collector.found.compactMap { indexOfNative[OpaquePointer($0)] }.sorted()
    }
}
