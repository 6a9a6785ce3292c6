import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// What can be reached from a place within a time budget: the places, and the outline of the
/// travelled roads.
public struct ReachReport: Report {
    /// The scenario's network.
    public let network: Network
    /// The places reached, nearest first.
    public let reach: Reachability
    /// Half-width of the outline around the reached roads, km.
    public let bufferKm: Double

    /// A report of `reach` on `network`, outlined with `bufferKm`.
    public init(network: Network, reach: Reachability, bufferKm: Double) {
        self.network = network
        self.reach = reach
        self.bufferKm = bufferKm
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// The rows of the table and the CSV: id, name, kind, country, hours (written by `hours`), km.
    func rows(hours: (Double) -> String) -> [[String]] {
        reach.places.map { r in
            let place = network.dataset.place(r.place)
            return [r.place.rawValue, place?.name ?? "", place?.kind.rawValue ?? "", place?.country ?? "",
                    hours(r.hours), String(format: "%.1f", r.km)]
        }
    }

    /// The origin, the budget and each place reached with its hours and km.
    public func json() -> JSONValue {
        [
            "from": .string(reach.origin.rawValue), "hours": .number(reach.budgetHours),
            "places": .array(reach.places.map { ["id": .string($0.place.rawValue), "hours": .number(Rounded.to(3, $0.hours)),
                                                  "km": .number(Rounded.to(1, $0.km))] }),
        ]
    }

    /// The outline (kind "outline") and a point per place reached (kind "place").
    /// - Throws: ``ReportError/geometry(_:)`` when GEOS fails on the outline.
    public func geojson() throws(ReportError) -> FeatureCollection {
        let outline: Geometry
        do { outline = try reach.outline(bufferKm: bufferKm) } catch { throw .geometry("outline failed: \(error)") }
        var features = [Feature(geometry: outline, properties: [
            "kind": "outline", "from": .string(reach.origin.rawValue), "hours": .number(reach.budgetHours), "buffer_km": .number(bufferKm),
            "places": .number(Double(reach.places.count)),
        ])]
        for r in reach.places {
            guard let place = network.dataset.place(r.place) else { continue }
            features.append(Feature(geometry: .point(place.coordinate), properties: [
                "kind": "place", "id": .string(r.place.rawValue), "name": .string(place.name),
                "hours": .number(Rounded.to(3, r.hours)), "km": .number(Rounded.to(1, r.km)),
            ]))
        }
        return FeatureCollection(features: features)
    }

    /// The reach in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .json:
            return try ReportJSON.text(json())
        case .csv:
            // Decimal hours for spreadsheets, h:mm for people: the one rule of every command.
            return TextTable.csv(headers: ["id", "name", "kind", "country", "hours", "km"], rows: rows { String(format: "%.3f", $0) })
        case .table:
            let origin = reach.origin
            return "Reachable from \(network.dataset.place(origin)?.name ?? origin.rawValue) within \(TextNumber.hours(reach.budgetHours)) (year \(network.scenario.year), \(network.costModel.profile.id)):\n\n"
                + TextTable.render(headers: ["id", "name", "kind", "country", "h:mm", "km"], rows: rows(hours: TextNumber.clock), width: tableWidth)
                + "\(reach.places.count) place(s)\n"
        }
    }
}

/// Reach for several budgets from one place (Valhalla's isochrone "contours"): the reports side by
/// side, largest budget first in GeoJSON so that smaller outlines draw on top.
public struct ReachContoursReport: Report {
    /// One report per budget, in the order asked.
    public let contours: [ReachReport]

    /// Several budgets' reach from one origin.
    public init(contours: [ReachReport]) { self.contours = contours }

    /// JSON and GeoJSON.
    public var formats: [OutputFormat] { [.json, .geojson] }

    /// `{"from", "contours": [reach JSON per budget]}`.
    public func json() -> JSONValue {
        ["from": .string(contours.first?.reach.origin.rawValue ?? ""), "contours": .array(contours.map { $0.json() })]
    }

    /// Every budget's outline and places, the largest budget first.
    public func geojson() throws(ReportError) -> FeatureCollection {
        var features: [Feature] = []
        for report in contours.sorted(by: { $0.reach.budgetHours > $1.reach.budgetHours }) {
            var collection = try report.geojson()
            for i in collection.features.indices { collection.features[i].properties["contour"] = .number(report.reach.budgetHours) }
            features += collection.features
        }
        return FeatureCollection(features: features)
    }

    /// The contours in `format` (JSON or GeoJSON).
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: try ReportJSON.text(json())
        case .geojson: try ReportJSON.geojson(geojson(), fractionDigits: 6)
        default: throw .unsupported(format)
        }
    }
}
