import GeoCore
import MekongData
import MekongNetwork

/// The area within a distance of the corridors, built with GEOS in the regional equal-area
/// projection, and kept for reuse: scenarios that route every corridor over the same links share
/// one band.
///
/// The corridor lines are simplified to 1 km before buffering: a band tens of km wide does not
/// depend on 150 m detail, and buffering the detailed lines cost most of an assessment's time.
public final class CorridorBands {
    /// One band, prepared for point tests.
    public final class Band {
        let metric: RegionalMetric
        let lines: Geometry
        let prepared: PreparedGeometry

        init(metric: RegionalMetric, lines: Geometry, widthKm: Double) throws(GeoCoreError) {
            self.metric = metric
            self.lines = lines
            self.prepared = try metric.geos.prepare(try metric.geos.buffer(lines, width: widthKm * 1000, quadrantSegments: 4))
        }

        /// Distance in km from `coordinate` to the nearest corridor, or nil when inside the band.
        public func distanceKm(to coordinate: Coordinate) throws(GeoCoreError) -> Double? {
            let p = try metric.project(.point(coordinate))
            if try prepared.contains(p) { return nil }
            return try metric.geos.distance(p, lines) / 1000
        }
    }

    private let metric: RegionalMetric
    private var bands: [String: Band] = [:]

    public init() throws(GeoCoreError) { metric = try RegionalMetric() }

    /// The band around these routes.
    /// - Complexity: a GEOS buffer on first use of a set of routes, O(1) after.
    public func band(for routes: [Route], widthKm: Double) throws(GeoCoreError) -> Band {
        let key = "\(widthKm)|" + routes.map { $0.links.map(\.rawValue).joined(separator: ",") }.joined(separator: ";")
        if let hit = bands[key] { return hit }
        let planar = try metric.project(.multiLineString(routes.map(\.geometry).filter { $0.count >= 2 }))
        let simplified = try metric.geos.simplify(planar, tolerance: 1000)
        let band = try Band(metric: metric, lines: simplified, widthKm: widthKm)
        bands[key] = band
        return band
    }
}
