import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// Routes (the best and its alternatives) as a table for people, JSON for scripts, CSV by leg
/// and GeoJSON for maps.
public struct RouteReport: Report {
    /// The scenario's network the routes were found on.
    public let network: Network
    /// What was asked.
    public let request: RouteRequest
    /// The best route first, then the alternatives; never empty.
    public let routes: [Route]
    /// Local clock hour the trip leaves at, for the door-to-door schedule.
    public var departureHour: Double

    /// A report of `routes` (the best first) found for `request` on `network`.
    public init(network: Network, request: RouteRequest, routes: [Route], departureHour: Double = 8) {
        self.network = network
        self.request = request
        self.routes = routes
        self.departureHour = departureHour
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// The door-to-door schedule of a route, nil when the profile has no driving rules.
    public func schedule(_ route: Route) -> TripSchedule? {
        network.costModel.profile.schedule.map { TripSchedule(route: route, rules: $0, departureHour: departureHour) }
    }

    /// "day 2 06:30": the local day and clock time `hours` after departure.
    public func clock(_ hours: Double) -> String {
        guard hours.isFinite, hours < 1_000_000 else { return "never" }
        let minutes = Int(((departureHour + hours) * 60).rounded())
        return String(format: "day %d %02d:%02d", minutes / 1440 + 1, minutes % 1440 / 60, minutes % 60)
    }

    /// A place's name for people; a border post that carries its town's name says so.
    public func name(_ id: PlaceID) -> String {
        guard let place = network.dataset.place(id) else { return id.rawValue }
        if place.kind == .border && !place.name.localizedCaseInsensitiveContains("border") && !place.name.localizedCaseInsensitiveContains("checkpoint") {
            return place.name + " border post"
        }
        return place.name
    }

    /// A table cell of hours: h:mm, the rule of every table (TextNumber.clock).
    public static func hours(_ h: Double) -> String { TextNumber.clock(h) }

    /// The routes in `format`; tables fit `tableWidth` when given.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json: return try ReportJSON.text(json())
        case .geojson: return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .csv: return csv()
        case .table: return table(width: tableWidth)
        }
    }

    /// "year 2026, profile truck, optimise time, with …": the scenario in words.
    public var scenarioText: String {
        let s = network.scenario
        var parts = [s.day == nil ? "year \(s.year)" : "date \(s.date)", "profile \(network.costModel.profile.id)", "optimise \(request.optimization.rawValue)"]
        if !s.with.isEmpty { parts.append("with " + s.with.sorted().map(\.rawValue).joined(separator: ", ")) }
        if !s.without.isEmpty { parts.append("without " + s.without.sorted().map(\.rawValue).joined(separator: ", ")) }
        if network.costModel.transloads { parts.append("no cross-border permit") }
        return parts.joined(separator: ", ")
    }

    /// Each route's legs as a table, its totals and its door-to-door schedule.
    public func table(width: Int?) -> String {
        var out = ""
        for (n, route) in routes.enumerated() {
            let title = n == 0 ? "Route" : "Alternative \(n)"
            out += "\(title): \(name(request.from)) → \(name(request.to))"
            if !request.via.isEmpty { out += " via " + request.via.map(\.description).joined(separator: ", ") }
            out += "  (\(scenarioText))\n\n"
            let rows = route.legs.map { leg -> [String] in
                var note: [String] = []
                if leg.kind == .border { note.append("border \(Self.hours(leg.borderHours))") }
                if let rule = leg.rule { note.append(rule) }
                if leg.kind == .ferry { note.append("ferry wait \(Self.hours(leg.waitHours))") }
                if leg.kind == .bridge { note.append("bridge") }
                if leg.kind == .transfer { note.append("handling \(Self.hours(leg.waitHours))") }
                if !leg.projects.isEmpty { note.append("project " + leg.projects.map(\.rawValue).joined(separator: ", ")) }
                let road = leg.names.count == 1 ? leg.names[0] : "\(leg.names[0]) … (\(leg.links.count) sections)"
                return [leg.route ?? "", road, "\(name(leg.from)) → \(name(leg.to))",
                        String(format: "%.1f", leg.km), Self.hours(leg.hours), note.joined(separator: "; ")]
            }
            out += TextTable.render(headers: ["route", "road", "from → to", "km", "h:mm", "notes"], rows: rows, width: width)
            let borders = route.legs.filter { $0.kind == .border }.count
            let ferries = route.legs.filter { $0.kind == .ferry }.count
            let bridges = route.legs.filter { $0.kind == .bridge || ($0.kind == .border && $0.links.contains { network.dataset.link($0)?.isBridge == true }) }.count
            out += String(format: "Total: %.1f km, %@ (%@ at borders, %@ waiting at ferries and terminals); %d border crossing(s), %d ferry(ies), %d bridge(s)\n\n",
                          route.km, Self.hours(route.hours), Self.hours(route.borderHours), Self.hours(route.waitHours), borders, ferries, bridges)
            if let schedule = schedule(route) {
                let count = { (kind: TripSchedule.StopKind) in schedule.stops.filter { $0.kind == kind }.count }
                out += "Door to door: \(Self.hours(schedule.elapsedHours)) leaving \(clock(0).dropFirst(6)), arriving \(clock(schedule.elapsedHours)) "
                    + "(\(Self.hours(schedule.drivingHours)) at the wheel; \(count(.drivingBreak)) break(s), \(count(.dailyRest)) night(s), "
                    + "\(count(.borderClosed)) wait(s) at a shut border)\n"
                for stop in schedule.stops {
                    let leg = route.legs[stop.leg]
                    let place = stop.kmIntoLeg > 0.05 ? String(format: "%.0f km after %@ on %@", stop.kmIntoLeg, name(stop.near), leg.route ?? leg.names[0])
                        : name(stop.near)
                    out += "  \(clock(stop.startsAtHours))  \(stop.kind.rawValue) \(Self.hours(stop.durationHours))  \(place)\n"
                }
                out += "\n"
            }
        }
        return out
    }

    /// One row per leg of every route (alternatives ranked after the best), decimal hours and km.
    public func csv() -> String {
        var rows: [[String]] = []
        for (rank, route) in routes.enumerated() {
            for (i, leg) in route.legs.enumerated() {
                rows.append([String(rank), String(i + 1), leg.kind.rawValue, leg.route ?? "", leg.names.joined(separator: "; "),
                             leg.from.rawValue, leg.to.rawValue, String(format: "%.3f", leg.km), String(format: "%.3f", leg.hours),
                             String(format: "%.3f", leg.borderHours), String(format: "%.3f", leg.waitHours), leg.rule ?? "",
                             leg.projects.map(\.rawValue).joined(separator: "; "), leg.links.map(\.rawValue).joined(separator: "; ")])
            }
        }
        return TextTable.csv(headers: ["rank", "leg", "kind", "route", "names", "from", "to", "km", "hours", "border_hours",
                                       "wait_hours", "rule", "projects", "links"], rows: rows)
    }

    /// One leg as a JSON object: kind, names, links, ends, km, hours, delays, rule, projects.
    public func legValue(_ leg: Route.Leg) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": .string(leg.kind.rawValue), "names": .array(leg.names.map(JSONValue.string)),
            "links": .array(leg.links.map { .string($0.rawValue) }), "from": .string(leg.from.rawValue), "to": .string(leg.to.rawValue),
            "km": .number(Rounded.to(3, leg.km)), "hours": .number(Rounded.to(3, leg.hours)),
            "border_hours": .number(Rounded.to(3, leg.borderHours)), "wait_hours": .number(Rounded.to(3, leg.waitHours)),
            "rule": leg.rule.map(JSONValue.string) ?? .null,
            "projects": .array(leg.projects.map { .string($0.rawValue) }),
        ]
        if let r = leg.route { o["route"] = .string(r) }
        return .object(o)
    }

    /// One route as a JSON object: totals, links, legs, its line and its door-to-door schedule.
    public func routeValue(_ route: Route) -> JSONValue {
        [
            "km": .number(Rounded.to(3, route.km)), "hours": .number(Rounded.to(3, route.hours)),
            "border_hours": .number(Rounded.to(3, route.borderHours)), "wait_hours": .number(Rounded.to(3, route.waitHours)),
            "links": .array(route.links.map { .string($0.rawValue) }), "legs": .array(route.legs.map(legValue)),
            // The path itself, as a GeoJSON geometry (longitude, latitude), for scripts that draw it.
            "geometry": ["type": "LineString", "coordinates": .array(route.geometry.map {
                .array([.number(Rounded.to(6, $0.longitude)), .number(Rounded.to(6, $0.latitude))])
            })],
            "door_to_door": schedule(route).map { s -> JSONValue in
                [
                    "departure_hour": .number(departureHour), "driving_hours": .number(Rounded.to(3, s.drivingHours)),
                    "elapsed_hours": .number(Rounded.to(3, s.elapsedHours)),
                    "stops": .array(s.stops.map { stop in
                        ["kind": .string(stop.kind.rawValue), "starts_at_hours": .number(Rounded.to(3, stop.startsAtHours)),
                         "duration_hours": .number(Rounded.to(3, stop.durationHours)), "near": .string(stop.near.rawValue),
                         "leg": .number(Double(stop.leg)), "km_into_leg": .number(Rounded.to(3, stop.kmIntoLeg))]
                    }),
                ]
            } ?? .null,
        ]
    }

    /// The request, its scenario, the best route and the alternatives.
    public func json() -> JSONValue {
        let s = network.scenario
        return [
            "from": .string(request.from.rawValue), "to": .string(request.to.rawValue),
            "via": .array(request.via.map { .string($0.description) }), "avoid": .array(request.avoid.map { .string($0.description) }),
            "scenario": ["year": .number(Double(s.year)), "with": .array(s.with.sorted().map { .string($0.rawValue) }),
                         "without": .array(s.without.sorted().map { .string($0.rawValue) }),
                         "profile": .string(network.costModel.profile.id.rawValue), "optimize": .string(request.optimization.rawValue)],
            "route": routeValue(routes[0]),
            "alternatives": .array(routes.dropFirst().map(routeValue)),
        ]
    }

    /// A line per route (kind "route", rank 0 the best) and a feature per leg (kind "leg").
    public func geojson() -> FeatureCollection {
        var features: [Feature] = []
        for (n, route) in routes.enumerated() {
            features.append(Feature(geometry: .lineString(route.geometry), properties: [
                "kind": "route", "rank": .number(Double(n)), "from": .string(request.from.rawValue), "to": .string(request.to.rawValue),
                "km": .number(Rounded.to(3, route.km)), "hours": .number(Rounded.to(3, route.hours)), "scenario": .string(scenarioText),
            ]))
            for (i, leg) in route.legs.enumerated() {
                guard case .object(var p) = legValue(leg) else { continue }
                p["kind"] = .string("leg"); p["leg_kind"] = .string(leg.kind.rawValue)
                p["rank"] = .number(Double(n)); p["sequence"] = .number(Double(i + 1))
                let geometry: Geometry = leg.geometry.count > 1 ? .lineString(leg.geometry) : .point(leg.geometry[0])
                features.append(Feature(geometry: geometry, properties: p))
            }
        }
        return FeatureCollection(features: features)
    }
}
