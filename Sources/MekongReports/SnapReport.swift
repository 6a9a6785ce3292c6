import Foundation
import GeoCore
import MekongData

/// Where coordinates snap to on the network, in the shape of OSRM's `nearest` service: a
/// waypoint per coordinate with the place's id and name, its location and the distance in metres.
public struct SnapReport: Report {
    /// One snapped coordinate.
    public struct Waypoint: Sendable {
        /// The coordinate asked about.
        public var requested: Coordinate
        /// The place it snaps to.
        public var place: Place
        /// Distance from the coordinate to the place, km.
        public var km: Double
        /// The link that passed nearer than any place, with its distance, km.
        public var nearestLink: (id: LinkID, km: Double)?

        /// A waypoint: `requested` snapped to `place`, `km` away.
        public init(requested: Coordinate, place: Place, km: Double, nearestLink: (id: LinkID, km: Double)? = nil) {
            self.requested = requested
            self.place = place
            self.km = km
            self.nearestLink = nearestLink
        }
    }

    /// The waypoints, in the order asked.
    public let waypoints: [Waypoint]

    /// A report of `waypoints`.
    public init(waypoints: [Waypoint]) { self.waypoints = waypoints }

    /// JSON, GeoJSON and CSV.
    public var formats: [OutputFormat] { [.json, .geojson, .csv] }

    /// `{"code": "Ok", "waypoints": [{"id", "name", "location", "distance", "requested"}]}`.
    public func json() -> JSONValue {
        ["code": "Ok", "waypoints": .array(waypoints.map { w in
            var o: [String: JSONValue] = [
                "id": .string(w.place.id.rawValue), "name": .string(w.place.name), "kind": .string(w.place.kind.rawValue),
                "location": [.number(w.place.coordinate.longitude), .number(w.place.coordinate.latitude)],
                "requested": [.number(w.requested.longitude), .number(w.requested.latitude)],
                "distance": .number(Rounded.to(1, w.km * 1000)),
            ]
            if let link = w.nearestLink { o["nearest_link"] = ["id": .string(link.id.rawValue), "distance": .number(Rounded.to(1, link.km * 1000))] }
            return .object(o)
        })]
    }

    /// A point per snapped place, with the requested coordinate and the distance in metres.
    public func geojson() -> FeatureCollection {
        FeatureCollection(features: waypoints.map { w in
            var f = FeatureEncoding.feature(of: w.place)
            f.properties["distance"] = .number(Rounded.to(1, w.km * 1000))
            f.properties["requested"] = [.number(w.requested.longitude), .number(w.requested.latitude)]
            return f
        })
    }

    /// The waypoints in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: return try ReportJSON.text(json())
        case .geojson: return try ReportJSON.geojson(geojson())
        case .csv:
            return TextTable.csv(headers: ["requested_lon", "requested_lat", "id", "name", "longitude", "latitude", "distance_m"], rows: waypoints.map { w in
                [String(w.requested.longitude), String(w.requested.latitude), w.place.id.rawValue, w.place.name,
                 String(format: "%.5f", w.place.coordinate.longitude), String(format: "%.5f", w.place.coordinate.latitude), String(format: "%.1f", w.km * 1000)]
            })
        case .table: throw .unsupported(format)
        }
    }
}

/// A FeatureCollection made elsewhere (the network export) as a result: GeoJSON only.
public struct FeatureCollectionReport: Report {
    /// The features.
    public let collection: FeatureCollection

    /// A report of `collection`.
    public init(collection: FeatureCollection) { self.collection = collection }

    /// GeoJSON, which is also its JSON.
    public var formats: [OutputFormat] { [.geojson, .json] }

    /// The collection as GeoJSON (for JSON too: it is JSON), coordinates to 6 decimals.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .geojson, .json: try ReportJSON.geojson(collection, fractionDigits: 6)
        default: throw .unsupported(format)
        }
    }
}
