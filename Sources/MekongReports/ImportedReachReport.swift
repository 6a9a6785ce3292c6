import Foundation
import GeoCore
import MekongAnalysis
import MekongNetwork

/// What an imported graph reaches from a point within a time budget (`reach --network FILE`):
/// every node reached with its hours and km (JSON, CSV, GeoJSON points for an isochrone map),
/// and in the table a summary with the places of the data that were reached.
public struct ImportedReachReport: Report {
    /// The reach.
    public let reach: ImportedReach
    /// The graph file's name as given.
    public let file: String
    /// The profile's id.
    public let profile: String
    /// The year whose plan links are in service; nil: every edge.
    public let year: Int?

    /// A report of `reach` on the graph `file` with `profile` in `year`.
    public init(reach: ImportedReach, file: String, profile: String, year: Int?) {
        self.reach = reach
        self.file = file
        self.profile = profile
        self.year = year
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// The network, profile, year, start, budget, the places reached and every node reached as
    /// `[longitude, latitude, hours, km]`, nearest first.
    public func json() -> JSONValue {
        [
            "network": .string(file), "profile": .string(profile), "year": year.map { .number(Double($0)) } ?? .null,
            "from": ImportedRouteReport.snap(reach.origin), "hours": .number(reach.budgetHours), "nodes": .number(Double(reach.nodes.count)),
            "places": .array(reach.places.map { ["id": .string($0.place.id.rawValue), "hours": .number(Rounded.to(3, $0.hours)),
                                                 "km": .number(Rounded.to(1, $0.km)), "snap_km": .number(Rounded.to(3, $0.snapKm))] }),
            "reached": .array(reach.nodes.map { [.number($0.coordinate.longitude), .number($0.coordinate.latitude),
                                                 .number(Rounded.to(3, $0.hours)), .number(Rounded.to(3, $0.km))] }),
        ]
    }

    /// The start (kind "origin") and a point per node reached (kind "node") with its hours and km.
    public func geojson() -> FeatureCollection {
        var features = [Feature(geometry: .point(reach.origin.coordinate), properties: [
            "kind": "origin", "network": .string(file), "profile": .string(profile), "hours": .number(reach.budgetHours),
            "nodes": .number(Double(reach.nodes.count)), "snap_km": .number(Rounded.to(3, reach.origin.distanceKm)),
        ])]
        features.reserveCapacity(reach.nodes.count + 1)
        for node in reach.nodes {
            features.append(Feature(geometry: .point(node.coordinate), properties: [
                "kind": "node", "hours": .number(Rounded.to(3, node.hours)), "km": .number(Rounded.to(3, node.km)),
            ]))
        }
        return FeatureCollection(features: features)
    }

    /// The reach in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json:
            do {
                return try JSONWriter(leadingKeys: ["network", "profile", "year", "from", "hours", "nodes", "id"]).string(json()) + "\n"
            } catch { throw .encoding("\(error)") }
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 7)
        case .csv:
            return TextTable.csv(headers: ["node", "longitude", "latitude", "hours", "km"], rows: reach.nodes.map { node in
                [String(node.node.index), String(format: "%.7f", node.coordinate.longitude), String(format: "%.7f", node.coordinate.latitude),
                 String(format: "%.3f", node.hours), String(format: "%.3f", node.km)]
            })
        case .table:
            let origin = reach.origin
            let yearText = year.map { ", year \($0)" } ?? ""
            var text = String(format: "Reachable from %.5f,%.5f (snapped %.0f m to the node at %.5f,%.5f) within %@ on %@ (%@%@):\n",
                              origin.requested.longitude, origin.requested.latitude, origin.distanceKm * 1000,
                              origin.coordinate.longitude, origin.coordinate.latitude, TextNumber.hours(reach.budgetHours), file, profile, yearText)
            text += "  \(TextNumber.grouped(reach.nodes.count)) node(s)"
            if let farthest = reach.nodes.last {
                text += String(format: "; the last reached at %@ (h:mm), %.1f km by road", TextNumber.clock(farthest.hours), farthest.km)
            }
            text += "\n\n"
            if !reach.places.isEmpty {
                let rows = reach.places.map { r in
                    [r.place.id.rawValue, r.place.name, r.place.kind.rawValue, r.place.country, TextNumber.clock(r.hours), String(format: "%.1f", r.km)]
                }
                text += TextTable.render(headers: ["id", "name", "kind", "country", "h:mm", "km"], rows: rows, width: tableWidth) + "\n"
            }
            return text + "\(reach.places.count) place(s) of the data within the budget\n"
        }
    }
}
