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
            // Each line buffered alone, then the discs merged by one cascaded union: buffering the
            // criss-crossing corridor lines as one geometry failed at full precision and GEOS
            // retried at reduced precision, most of `gaps`'s time.
            let parts: [Geometry]
            if case .multiLineString(let list) = lines {
                parts = try list.map { line throws(GeoCoreError) in try metric.geos.buffer(.lineString(line), width: widthKm * 1000, quadrantSegments: 4) }
            } else {
                parts = [try metric.geos.buffer(lines, width: widthKm * 1000, quadrantSegments: 4)]
            }
            self.prepared = try metric.geos.prepare(try metric.geos.unaryUnion(.geometryCollection(parts)))
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

    /// An empty cache with its own GEOS and PROJ set-up; use it from one task at a time.
    /// - Throws: ``GeoCoreError`` when GEOS or PROJ cannot set up.
    public init() throws(GeoCoreError) { metric = try RegionalMetric() }

    /// The band around these routes.
    /// - Complexity: a GEOS buffer on first use of a set of routes, O(1) after.
    public func band(for routes: [Route], widthKm: Double) throws(GeoCoreError) -> Band {
        let key = "\(widthKm)|" + routes.map { $0.links.map(\.rawValue).joined(separator: ",") }.joined(separator: ";")
        if let hit = bands[key] { return hit }
        // Corridors share most of their links (a route of a corridor runs on its parent's roads):
        // each stretch is buffered once, not once per corridor, or GEOS spends its time merging
        // copies of the same line.
        var seen: Set<[LinkID]> = []
        var lines: [[Coordinate]] = []
        for route in routes {
            for leg in route.legs where leg.geometry.count >= 2 && seen.insert(leg.links).inserted { lines.append(leg.geometry) }
        }
        let planar = try metric.project(.multiLineString(lines))
        let simplified = try metric.geos.simplify(planar, tolerance: 1000)
        let band = try Band(metric: metric, lines: simplified, widthKm: widthKm)
        bands[key] = band
        return band
    }
}
