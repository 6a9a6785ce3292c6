import GeoCore

/// Snaps a coordinate to the network: the nearest place, or the nearest link when a link passes
/// closer (then the nearer end of that link), with the distances reported.
///
/// Distances are measured in the regional equal-area projection (within 1 % of geodesic in the
/// region) through GEOS STRtrees over places and link lines.
public final class PlaceLocator {
    /// Where a coordinate was snapped to, and how far away it was.
    public struct Snap: Sendable, CustomStringConvertible {
        /// The place routing starts or ends at.
        public var place: PlaceID
        /// Distance from the coordinate to that place, km.
        public var km: Double
        /// The link that passed nearest, when it was nearer than any place, and its distance, km.
        public var nearestLink: (id: LinkID, km: Double)?

        /// The place and distance, and the nearer link when one passed closer, for the message that
        /// says where a route really starts.
        public var description: String {
            var text = String(format: "%@ (%.1f km away)", place.rawValue, km)
            if let link = nearestLink {
                text += String(format: "; nearest feature is link %@ at %.1f km, joined at its end", link.id.rawValue, link.km)
            }
            return text
        }
    }

    private let places: [Place]
    private let links: [Link]
    private let metric: RegionalMetric
    private let placeIndex: SpatialIndex
    private let linkIndex: SpatialIndex

    /// Projects every place and link into the regional plane and builds one tree for each.
    /// - Throws: ``GeoCoreError`` when GEOS or PROJ fails, or a coordinate is invalid.
    /// - Complexity: O(n log n) to build the trees.
    public init(dataset: Dataset) throws(GeoCoreError) {
        places = dataset.places
        links = dataset.links
        metric = try RegionalMetric()
        var placeGeometries: [Geometry] = []
        for p in places { placeGeometries.append(try metric.project(.point(p.coordinate))) }
        var linkGeometries: [Geometry] = []
        for l in links { linkGeometries.append(try metric.project(.lineString(l.geometry))) }
        placeIndex = try SpatialIndex(context: metric.geos, geometries: placeGeometries)
        linkIndex = try SpatialIndex(context: metric.geos, geometries: linkGeometries)
    }

    /// The place to use for `coordinate`.
    /// - Complexity: about O(log n).
    public func snap(_ coordinate: Coordinate) throws(GeoCoreError) -> Snap {
        let point = try metric.project(.point(coordinate))
        guard let nearestPlace = try placeIndex.nearest(to: point) else {
            throw .invalidGeometry("the data has no places")
        }
        var snap = Snap(place: places[nearestPlace.index].id, km: nearestPlace.distance / 1000)
        if let nearestLink = try linkIndex.nearest(to: point), nearestLink.distance < nearestPlace.distance {
            let link = links[nearestLink.index]
            let ends = [link.from, link.to].compactMap { id in places.first { $0.id == id } }
            var best: (PlaceID, Double)?
            for end in ends {
                let km = try Geodesic.wgs84.distanceMetres(from: coordinate, to: end.coordinate) / 1000
                if best == nil || km < best!.1 { best = (end.id, km) }
            }
            if let best, best.0 != snap.place {
                snap = Snap(place: best.0, km: best.1, nearestLink: (link.id, nearestLink.distance / 1000))
            }
        }
        return snap
    }
}
