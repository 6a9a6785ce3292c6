import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// Every corridor routed in a scenario: length, time, borders, ferries, substandard legs, or why
/// it is broken.
public struct CorridorListReport: Report {
    /// The scenario's network.
    public let network: Network
    /// Each corridor with its route or the reason it has none.
    public let routed: [(corridor: Corridor, result: Result<CorridorRoute, RouteError>)]

    /// Routes every corridor that has waypoints (a corridor made of routes has none); past
    /// `deadline` the corridors not yet routed fail with ``RouteError/deadlinePassed``.
    public init(network: Network, deadline: Deadline = .never) {
        self.network = network
        routed = network.dataset.corridors.filter { !$0.waypoints.isEmpty }.map { c in
            (c, Result { () throws(RouteError) -> CorridorRoute in try CorridorRoute(corridor: c, network: network, deadline: deadline) })
        }
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// Decimal hours for spreadsheets, h:mm for people.
    func rows(hours: (Double) -> String) -> [[String]] {
        routed.map { c, result -> [String] in
            switch result {
            case .success(let r):
                return [c.id.rawValue, c.name, String(format: "%.0f", r.route.km), hours(r.route.hours),
                        String(r.borderCrossings.count), String(r.ferries.count), String(r.substandard.count), "connected"]
            case .failure(let e):
                return [c.id.rawValue, c.name, "", "", "", "", "", "broken: \(e)"]
            }
        }
    }

    /// An array of corridors: id, name, km, hours, borders, ferries, substandard legs, or error.
    public func json() -> JSONValue {
        .array(routed.map { c, result in
            var o: [String: JSONValue] = ["id": .string(c.id.rawValue), "name": .string(c.name)]
            switch result {
            case .success(let r):
                o["km"] = .number(Rounded.to(1, r.route.km)); o["hours"] = .number(Rounded.to(2, r.route.hours))
                o["borders"] = .number(Double(r.borderCrossings.count)); o["ferries"] = .number(Double(r.ferries.count))
                o["substandard_legs"] = .number(Double(r.substandard.count))
            case .failure(let e): o["error"] = .string("\(e)")
            }
            return .object(o)
        })
    }

    /// Each connected corridor as the line of its route.
    public func geojson() -> FeatureCollection {
        FeatureCollection(features: routed.compactMap { c, result -> Feature? in
            guard case .success(let r) = result else { return nil }
            return Feature(geometry: .lineString(r.route.geometry), properties: [
                "id": .string(c.id.rawValue), "name": .string(c.name), "km": .number(Rounded.to(1, r.route.km)),
                "hours": .number(Rounded.to(3, r.route.hours)), "borders": .number(Double(r.borderCrossings.count)),
                "ferries": .number(Double(r.ferries.count)), "substandard_legs": .number(Double(r.substandard.count)),
            ])
        })
    }

    /// The corridors in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json:
            return try ReportJSON.text(json())
        case .csv:
            return TextTable.csv(headers: ["id", "name", "km", "hours", "borders", "ferries", "substandard_legs", "status"],
                                 rows: rows { String(format: "%.3f", $0) })
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .table:
            return "Corridors in \(network.scenario.year) (\(network.costModel.profile.id)):\n\n"
                + TextTable.render(headers: ["id", "name", "km", "h:mm", "borders", "ferries", "substandard legs", "status"],
                                   rows: rows(hours: TextNumber.clock), width: tableWidth)
        }
    }
}

/// One corridor: its route by legs, the legs below standard and the projects on it.
public struct CorridorReport: Report {
    /// The corridor.
    public let corridor: Corridor
    /// Its route in the scenario.
    public let routed: CorridorRoute
    /// The route as a route report, from the first waypoint to the last via the others.
    public let route: RouteReport

    /// The report of `routed` on `network`.
    public init(network: Network, routed: CorridorRoute) {
        corridor = routed.corridor
        self.routed = routed
        let corridor = routed.corridor
        route = RouteReport(network: network, request: RouteRequest(from: corridor.waypoints.first!, to: corridor.waypoints.last!,
                                                                    via: corridor.waypoints.dropFirst().dropLast().map { .place($0) }),
                            routes: [routed.route])
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// The route's JSON with the corridor's id and name, its projects and its substandard legs.
    public func json() -> JSONValue {
        guard case .object(var o) = route.json() else { return route.json() }
        o["corridor"] = .string(corridor.id.rawValue); o["name"] = .string(corridor.name)
        o["projects"] = .array(routed.projects.map { .string($0.rawValue) })
        o["substandard"] = .array(routed.substandard.map(route.legValue))
        return .object(o)
    }

    /// The route's features, the first (the whole route) naming the corridor.
    public func geojson() -> FeatureCollection {
        var collection = route.geojson()
        collection.features[0].properties["corridor"] = .string(corridor.id.rawValue)
        collection.features[0].properties["name"] = .string(corridor.name)
        return collection
    }

    /// The corridor in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .csv:
            return route.csv()
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .json:
            return try ReportJSON.text(json())
        case .table:
            var text = "\(corridor.name) (\(corridor.id))\n\(corridor.description)\nSource: \(corridor.source)\n\n"
            text += route.table(width: tableWidth)
            if !routed.substandard.isEmpty {
                text += "Below standard (ferry, unpaved, poor or track):\n"
                for leg in routed.substandard {
                    text += String(format: "  %@ → %@: %@, %.1f km\n", route.name(leg.from), route.name(leg.to), leg.names.joined(separator: "; "), leg.km)
                }
            }
            if !routed.projects.isEmpty {
                text += "Action Plan projects on it: " + routed.projects.map(\.rawValue).joined(separator: ", ") + "\n"
            }
            return text
        }
    }
}
