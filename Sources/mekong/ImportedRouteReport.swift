import Foundation
import GeoCore
import MekongAnalysis
import MekongNetwork

/// A route on an imported graph (`route --network FILE`) in every format `route` writes.
struct ImportedRouteReport {
    let route: ImportedRoute
    let file: String
    let profile: String
    let optimization: Optimization

    static func pair(_ c: Coordinate) -> JSONValue { [.number(c.longitude), .number(c.latitude)] }

    static func snap(_ s: ImportedRoute.Snap) -> JSONValue {
        ["requested": pair(s.requested), "snapped": pair(s.coordinate), "snap_km": .number((s.distanceKm * 1000).rounded() / 1000)]
    }

    var geometry: Geometry { .lineString(route.line) }

    func render(_ format: OutputFormat) throws -> String {
        let km = (route.km * 1000).rounded() / 1000, hours = (route.hours * 1000).rounded() / 1000
        switch format {
        case .json:
            let value: JSONValue = ["network": .string(file), "profile": .string(profile), "optimize": .string(optimization.rawValue),
                                    "from": Self.snap(route.from), "to": Self.snap(route.to), "km": .number(km), "hours": .number(hours),
                                    "edges": .number(Double(route.edges.count)), "geometry": GeoJSON.value(of: geometry, fractionDigits: 7)]
            return try JSONWriter(leadingKeys: ["network", "profile", "optimize", "from", "to", "km", "hours"]).string(value) + "\n"
        case .geojson:
            let feature = Feature(geometry: geometry, properties: [
                "network": .string(file), "profile": .string(profile), "optimize": .string(optimization.rawValue), "km": .number(km),
                "hours": .number(hours), "from_snap_km": .number((route.from.distanceKm * 1000).rounded() / 1000),
                "to_snap_km": .number((route.to.distanceKm * 1000).rounded() / 1000)])
            return try GeoJSON.encode(FeatureCollection(features: [feature]), fractionDigits: 7) + "\n"
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
