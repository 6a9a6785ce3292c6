import Foundation
import GeoCore
import MekongAnalysis
import MekongNetwork

/// A route on an imported graph (`route --network FILE`) in every format `route` writes.
public struct ImportedRouteReport: Report {
    /// The route found.
    public let route: ImportedRoute
    /// The graph file's name as given.
    public let file: String
    /// The profile's id.
    public let profile: String
    /// Time or distance.
    public let optimization: Optimization

    /// A report of `route` found on the graph `file` with `profile`.
    public init(route: ImportedRoute, file: String, profile: String, optimization: Optimization) {
        self.route = route
        self.file = file
        self.profile = profile
        self.optimization = optimization
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    static func pair(_ c: Coordinate) -> JSONValue { [.number(c.longitude), .number(c.latitude)] }

    /// Where a point was asked for and where it snapped, with the distance; and its label when given.
    static func snap(_ s: ImportedRoute.Snap, label: String? = nil) -> JSONValue {
        var o: [String: JSONValue] = ["requested": pair(s.requested), "snapped": pair(s.coordinate), "snap_km": .number(Rounded.to(3, s.distanceKm))]
        if let label { o["label"] = .string(label) }
        return .object(o)
    }

    var geometry: Geometry { .lineString(route.line) }

    /// The route, its snaps and its line as a JSON object.
    public func json() -> JSONValue {
        ["network": .string(file), "profile": .string(profile), "optimize": .string(optimization.rawValue),
         "from": Self.snap(route.from), "to": Self.snap(route.to), "km": .number(Rounded.to(3, route.km)), "hours": .number(Rounded.to(3, route.hours)),
         "edges": .number(Double(route.edges.count)), "geometry": GeoJSON.value(of: geometry, fractionDigits: 7)]
    }

    /// The route's line with its totals and snap distances.
    public func geojson() -> FeatureCollection {
        let feature = Feature(geometry: geometry, properties: [
            "network": .string(file), "profile": .string(profile), "optimize": .string(optimization.rawValue), "km": .number(Rounded.to(3, route.km)),
            "hours": .number(Rounded.to(3, route.hours)), "from_snap_km": .number(Rounded.to(3, route.from.distanceKm)),
            "to_snap_km": .number(Rounded.to(3, route.to.distanceKm))])
        return FeatureCollection(features: [feature])
    }

    /// The route in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        let km = Rounded.to(3, route.km), hours = Rounded.to(3, route.hours)
        switch format {
        case .json:
            do {
                return try JSONWriter(leadingKeys: ["network", "profile", "optimize", "from", "to", "km", "hours"]).string(json()) + "\n"
            } catch { throw .encoding("\(error)") }
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 7) + "\n"
        case .csv:
            return TextTable.csv(headers: ["from_lon", "from_lat", "to_lon", "to_lat", "km", "hours", "edges", "from_snap_km", "to_snap_km"],
                                 rows: [[route.from.coordinate.longitude, route.from.coordinate.latitude, route.to.coordinate.longitude,
                                         route.to.coordinate.latitude].map { String(format: "%.7f", $0) }
                                        + [String(format: "%.3f", km), String(format: "%.3f", hours), String(route.edges.count),
                                           String(format: "%.3f", route.from.distanceKm), String(format: "%.3f", route.to.distanceKm)]])
        case .table:
            func place(_ s: ImportedRoute.Snap) -> String {
                String(format: "%.5f,%.5f (snapped %.0f m to the node at %.5f,%.5f)", s.requested.longitude, s.requested.latitude,
                       s.distanceKm * 1000, s.coordinate.longitude, s.coordinate.latitude)
            }
            return """
                Route on \(file), \(profile), \(optimization == .time ? "fastest" : "shortest"):
                  from \(place(route.from))
                  to   \(place(route.to))
                  \(String(format: "%.2f", route.km)) km, \(TextNumber.clock(route.hours)) (h:mm) at the profile's speeds, \(route.edges.count) edges

                """
        }
    }
}
