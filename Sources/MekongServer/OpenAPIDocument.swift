import GeoCore
import MekongAnalysis
import MekongData

/// The OpenAPI 3.0 document served at `/openapi.json`, written by hand as values so that the
/// parameter lists and enums come from the same names the handlers read.
enum OpenAPIDocument {
    /// The document as JSON text, with a corridor and a project of `dataset` as the examples of
    /// the paths that take an id.
    static func text(for dataset: Dataset) -> String {
        var document = self.document
        if case .object(var o) = document, case .object(var paths) = o["paths"] {
            let corridor = dataset.corridors.first { !$0.waypoints.isEmpty }?.id.rawValue
            let project = dataset.projects.first { !dataset.features(of: $0.id).links.isEmpty }?.id.rawValue ?? dataset.projects.first?.id.rawValue
            for (path, example) in [("/corridors/{id}", corridor), ("/projects/{id}", project)] {
                guard let example, case .object(var item)? = paths[path], case .object(var get)? = item["get"],
                      case .array(var parameters)? = get["parameters"], case .object(var first)? = parameters.first else { continue }
                first["example"] = .string(example)
                parameters[0] = .object(first)
                get["parameters"] = .array(parameters)
                item["get"] = .object(get)
                paths[path] = .object(item)
            }
            o["paths"] = .object(paths)
            document = .object(o)
        }
        return (try? JSONWriter(leadingKeys: ["openapi", "info", "servers", "paths", "components", "summary", "description",
                                              "name", "in", "required", "type"]).string(document)) ?? "{}"
    }

    // MARK: Building blocks

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func string(_ description: String, example: String? = nil, enumeration: [String]? = nil) -> JSONValue {
        var o: [String: JSONValue] = ["type": "string", "description": .string(description), "maxLength": .number(Double(Parameters.longestValue))]
        if let example { o["example"] = .string(example) }
        if let enumeration { o["enum"] = .array(enumeration.map(JSONValue.string)) }
        return .object(o)
    }
    static func integer(_ description: String, _ range: ClosedRange<Int>, example: Int? = nil) -> JSONValue {
        var o: [String: JSONValue] = ["type": "integer", "description": .string(description),
                                      "minimum": .number(Double(range.lowerBound)), "maximum": .number(Double(range.upperBound))]
        if let example { o["example"] = .number(Double(example)) }
        return .object(o)
    }
    static func number(_ description: String, _ range: ClosedRange<Double>, example: Double? = nil) -> JSONValue {
        var o: [String: JSONValue] = ["type": "number", "description": .string(description),
                                      "minimum": .number(range.lowerBound), "maximum": .number(range.upperBound)]
        if let example { o["example"] = .number(example) }
        return .object(o)
    }
    static func array(_ description: String, example: [String]? = nil, enumeration: [String]? = nil, maxItems: Int = Parameters.mostValues) -> JSONValue {
        var items: [String: JSONValue] = ["type": "string", "maxLength": .number(Double(Parameters.longestValue))]
        if let enumeration { items["enum"] = .array(enumeration.map(JSONValue.string)) }
        var o: [String: JSONValue] = ["type": "array", "description": .string(description), "items": .object(items), "maxItems": .number(Double(maxItems))]
        if let example { o["example"] = .array(example.map(JSONValue.string)) }
        return .object(o)
    }

    /// A query parameter. A list is one `;`-separated string in a query (OSRM's habit; the
    /// parameter may also repeat), bounded in length (and the whole URI to 16 KiB, a 414); a
    /// posted body gives it as a JSON array.
    static func parameter(_ name: String, _ schema: JSONValue, required: Bool = false) -> JSONValue {
        var schema = schema
        if schema["type"] == "array", case .object(var o) = schema {
            o["type"] = "string"
            o["maxLength"] = .number(Double(Parameters.longestList))
            o["maxItems"] = nil
            o["items"] = nil
            if let example = o["example"]?.arrayValue { o["example"] = .string(example.compactMap(\.stringValue).joined(separator: ";")) }
            if case .array(let values)? = (schema["items"]?["enum"]) { o["description"] = .string((o["description"]?.stringValue ?? "") + " One or more of: " + values.compactMap(\.stringValue).joined(separator: ", ") + ".") }
            schema = .object(o)
        }
        var o: [String: JSONValue] = ["name": .string(name), "in": "query", "required": .bool(required), "schema": schema]
        if let d = schema["description"] { o["description"] = d }
        return .object(o)
    }

    static let profiles = ["truck", "car", "bus"]
    static let allFormats = ["json", "geojson", "csv", "table"]

    static func format(_ formats: [String]) -> (String, JSONValue) {
        ("format", string("Output format: JSON (default), GeoJSON (RFC 7946) for maps, CSV, or the CLI's text table.", enumeration: formats))
    }

    /// The scenario's members: year, with, without, profile, no_permit.
    static let scenario: [(String, JSONValue)] = [
        ("year", integer("Year of the network: a feature is in service when opened ≤ year < closed. Default: the current year.", Scenario.years, example: 2016)),
        ("with", array("Put a project's features in service (project id).", example: ["kh-neak-loeung-bridge"])),
        ("without", array("Take a project's features out of service, restoring what it replaced (project id).")),
        ("profile", string("Travel-cost profile from profiles.json.", enumeration: profiles)),
        ("no_permit", ["type": "boolean", "description": "The truck holds no cross-border permit: cargo is transloaded at every border."]),
    ]

    static let placeText = "A place by id, name or alias (case- and accent-insensitive), or LON,LAT snapped to the nearest place within snap_km."

    // MARK: Responses

    static func content(_ schema: JSONValue, formats: [String]) -> JSONValue {
        var o: [String: JSONValue] = [:]
        for f in formats {
            switch f {
            case "json": o["application/json"] = ["schema": schema]
            case "geojson": o["application/geo+json"] = ["schema": ref("FeatureCollection")]
            case "csv": o["text/csv"] = ["schema": ["type": "string"]]
            case "table": o["text/plain"] = ["schema": ["type": "string"]]
            default: break
            }
        }
        return .object(o)
    }

    static func error(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": ref("Error")]]]
    }

    static func responses(_ schema: JSONValue, formats: [String], notFound: Bool = false, body: Bool = false) -> JSONValue {
        var o: [String: JSONValue] = [
            "200": ["description": "The result in the format asked for.", "content": content(schema, formats: formats)],
            "400": error("A parameter is missing, unknown or has a bad value (code InvalidQuery, InvalidValue or TooBig), or there is no route (NoRoute). `parameter` names it; `suggestions` gives the nearest valid choices."),
            "414": error("The URI is longer than 16 KiB (code URITooLong); a long list goes in a POSTed JSON body."),
            "431": error("The request line and header fields are longer than the 80 KiB the server reads (code HeaderTooLarge)."),
            "503": error("The request took longer than the server's time limit (code Timeout)."),
        ]
        if notFound { o["404"] = error("No such corridor or project (code NotFound), with the closest ids.") }
        if body { o["413"] = error("The body is larger than 64 KiB (code PayloadTooLarge).") }
        return .object(o)
    }

    static func operation(_ id: String, _ summary: String, _ description: String, tag: String, parameters: [(String, JSONValue)],
                          required: Set<String> = [], pathParameter: String? = nil, schema: JSONValue, formats: [String]) -> JSONValue {
        var list = parameters.map { parameter($0.0, $0.1, required: required.contains($0.0)) }
        if let pathParameter {
            list.insert(["name": .string(pathParameter), "in": "path", "required": true, "schema": ["type": "string", "maxLength": 200],
                         "description": "The id (see the list endpoint)."], at: 0)
        }
        return ["operationId": .string(id), "summary": .string(summary), "description": .string(description), "tags": [.string(tag)],
                "parameters": .array(list), "responses": responses(schema, formats: formats, notFound: pathParameter != nil)]
    }

    /// The same operation as a POST of a JSON object whose members are the parameters (arrays
    /// for the repeatable ones) plus a scenario's `edits`.
    static func post(_ id: String, _ summary: String, parameters: [(String, JSONValue)], required: Set<String>, schema: JSONValue, formats: [String]) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for (name, s) in parameters { properties[name] = s }
        properties["edits"] = ["type": "array", "maxItems": 50, "description": "Scenario edits, as in a --scenario file: {\"remove_link\": id}, {\"add_link\": GeoJSON Feature}, {\"change_link\": id, …}.",
                               "items": ["type": "object"]]
        return ["operationId": .string(id), "summary": .string(summary), "tags": ["scenario"],
                "description": "The GET operation's parameters as members of a JSON object, plus `edits`: a scenario posted whole (what `--scenario FILE` reads).",
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": "object", "properties": .object(properties), "additionalProperties": false,
                                                                                               "required": .array(required.sorted().map(JSONValue.string))]]]],
                "responses": responses(schema, formats: formats, body: true)]
    }

    // MARK: Endpoints

    static let routeParameters: [(String, JSONValue)] = [
        ("from", string(placeText, example: "Bangkok")), ("to", string(placeText, example: "Hanoi")),
        ("via", array("Places or links (a bridge, a ferry) to pass, in order; repeat the parameter or separate with ';'. At most 25.", example: ["Third Mekong Bridge"], maxItems: 25)),
        ("avoid", array("Places, links, modes (ferry, rail, sea) or country:ISO3 not to use.")),
        ("optimize", string("Minimise travel time or distance.", enumeration: ["time", "distance"])),
        ("alternatives", integer("Up to this many meaningfully different alternatives.", 0...5)),
        ("depart", string("Local departure time for the door-to-door schedule, HH:MM.", example: "08:00")),
        ("graph", string("curated (the plan's network) or imported (the graph of --network; the default when the server has one).", enumeration: ["curated", "imported"])),
        ("snap_km", number("How far a LON,LAT may lie from the place it snaps to, km.", 0.001...500)),
    ] + scenario + [format(allFormats)]

    static let tableParameters: [(String, JSONValue)] = [
        ("sources", array("Row places (OSRM's sources), repeated or ';'-separated.", example: ["bangkok", "hanoi"])),
        ("destinations", array("Column places (OSRM's destinations); default: the sources.", example: ["vientiane", "phnom-penh"])),
        ("optimize", string("Minimise travel time or distance.", enumeration: ["time", "distance"])),
        ("avoid", array("Places, links, modes or country:ISO3 not to use.")),
        ("snap_km", number("How far a LON,LAT may lie from the place it snaps to, km.", 0.001...500)),
    ] + scenario + [format(allFormats)]

    static let reachParameters: [(String, JSONValue)] = [
        ("from", string(placeText, example: "Vientiane")),
        ("hours", string("Time budgets, hours, comma- or ';'-separated: each gives a contour (Valhalla's contours, in hours not minutes). At most 8, each at most 240.", example: "2,4,6")),
        ("buffer_km", number("Half-width of the outline around the reached roads, km.", 0.1...100)),
        ("avoid", array("Places, links, modes or country:ISO3 not to use.")),
        ("snap_km", number("How far a LON,LAT may lie from the place it snaps to, km.", 0.001...500)),
    ] + scenario + [format(allFormats)]

    static let gapKinds = GapKind.allCases.map(\.rawValue)
    static let gapParameters: [(String, JSONValue)] = [("kind", array("Only these kinds of gap.", enumeration: gapKinds))] + scenario + [format(allFormats)]

    static let paths: JSONValue = [
        "/route": [
            "get": operation("route", "The best route between two places, with its legs, borders, bridges and ferries",
                             "OSRM's route service in spirit (from, to, via, alternatives) with Valhalla-like avoid; departs from OSRM in units and shape: kilometres and hours, not metres and seconds, and the CLI's JSON (`route`, `alternatives`, `legs` by kind) rather than `{code, routes, waypoints}`. The line is under route.geometry (GeoJSON LineString). With graph=imported the answer is the imported graph's route (snap distances, km, hours, geometry); with via, avoid, alternatives, with or without as well, it is the route over the plan laid onto that graph (a graph made by `mekong import --plan`), in the curated route's shape.",
                             tag: "routing", parameters: routeParameters, required: ["from", "to"], schema: ["anyOf": [ref("RouteResult"), ref("ImportedRouteResult")]], formats: allFormats),
            "post": post("routePosted", "A route in a posted scenario", parameters: routeParameters, required: ["from", "to"],
                         schema: ["anyOf": [ref("RouteResult"), ref("ImportedRouteResult")]], formats: allFormats),
        ],
        "/table": [
            "get": operation("table", "Travel times and distances from sources to destinations",
                             "OSRM's table service: `sources` × `destinations` (OSRM's names); departs in giving `hours` and `km` grids (null where unreachable) instead of `durations` in seconds and `distances` in metres, and places by name rather than coordinate indices. When sources and destinations are the same list the answer has `places` (as `mekong matrix`). At most 10,000 cells and 400 distinct places.",
                             tag: "routing", parameters: tableParameters, required: ["sources"], schema: ref("MatrixResult"), formats: allFormats),
            "post": post("tablePosted", "A table in a posted scenario", parameters: tableParameters, required: ["sources"], schema: ref("MatrixResult"), formats: allFormats),
        ],
        "/reach": [
            "get": operation("reach", "What can be reached within each of several time budgets, with outlines",
                             "Valhalla's isochrone: several contours in one request; GeoJSON gives each budget's outline polygon (kind outline, with `contour` in hours, largest first) and the places reached (kind place). Departs from Valhalla in hours instead of minutes and in outlines made by buffering the travelled roads (buffer_km) rather than a travel-time grid. format=table or csv takes one budget.",
                             tag: "routing", parameters: reachParameters, required: ["from", "hours"], schema: ref("ReachResult"), formats: allFormats),
            "post": post("reachPosted", "Reach in a posted scenario", parameters: reachParameters, required: ["from", "hours"], schema: ref("ReachResult"), formats: allFormats),
        ],
        "/nearest": [
            "get": operation("nearest", "The places coordinates snap to",
                             "OSRM's nearest service: `waypoints` with `location` [lon, lat] and `distance` in metres; departs in snapping to the data's places (a route starts at a place), naming the nearer link when one passes closer.",
                             tag: "places", parameters: [("point", array("LON,LAT, repeated for several points (at most 100).", example: ["100.5,13.75"])),
                                                          format(["json", "geojson", "csv"])],
                             required: ["point"], schema: ref("NearestResult"), formats: ["json", "geojson", "csv"]),
        ],
        "/places": [
            "get": operation("places", "Search places by name, kind, country, year and distance",
                             "Like `mekong places`: `q` matches ids, names and aliases ignoring case and accents.", tag: "places",
                             parameters: [("q", string("Part of an id, name or alias.", example: "bangkok")),
                                          ("kind", string("Only this kind.", enumeration: PlaceKind.allCases.map(\.rawValue))),
                                          ("country", string("Only this country, ISO 3166-1 alpha-3.", enumeration: Countries.all.sorted())),
                                          ("near", string("Centre of a search, LON,LAT.", example: "104.75,16.55")),
                                          ("within_km", number("Radius around near, km (default 50).", 0.001...5000)),
                                          ("year", integer("Only places in service in this year.", Scenario.years)),
                                          ("limit", integer("At most this many places.", 1...10000)), format(allFormats)],
                             schema: ["type": "array", "items": ref("Place")], formats: allFormats),
        ],
        "/corridors": [
            "get": operation("corridors", "Every corridor routed in the scenario", "Length, time, borders, ferries and substandard legs, or why a corridor is broken.",
                             tag: "corridors", parameters: scenario + [format(allFormats)], schema: ["type": "array", "items": ["type": "object", "required": ["id", "name"]]], formats: allFormats),
        ],
        "/corridors/{id}": [
            "get": operation("corridor", "One corridor: its route, substandard legs and projects", "The route's JSON (as /route) with corridor, name, projects and substandard.",
                             tag: "corridors", parameters: scenario + [format(allFormats)], pathParameter: "id", schema: ref("RouteResult"), formats: allFormats),
        ],
        "/gaps": [
            "get": operation("gaps", "Connectivity gaps of the scenario (Pillar 1)",
                             "Each gap names its places or links, a measured value, the threshold and why it matters.", tag: "gaps",
                             parameters: gapParameters, schema: ref("GapsResult"), formats: allFormats),
            "post": post("gapsPosted", "Gaps of a posted scenario", parameters: gapParameters, required: [], schema: ref("GapsResult"), formats: allFormats),
        ],
        "/gaps/compare": [
            "get": operation("gapComparison", "Gaps closed, opened and remaining between two scenarios",
                             "The scenario of year/with/without against that of against_year/against_with/against_without, with the projects responsible.", tag: "gaps",
                             parameters: scenario + [("against_year", integer("Year of the compared network.", Scenario.years, example: 2026)),
                                                     ("against_with", array("The compared scenario adds this project.")),
                                                     ("against_without", array("The compared scenario drops this project.")), format(allFormats)],
                             schema: ref("GapComparisonResult"), formats: allFormats),
        ],
        "/projects": [
            "get": operation("projects", "The Action Plan's projects", "Each with its section, status, year and features built.", tag: "projects",
                             parameters: [format(allFormats)], schema: ["type": "array", "items": ["type": "object", "required": ["id", "title"]]], formats: allFormats),
        ],
        "/projects/{id}": [
            "get": operation("project", "One project: the plan's text, status, sources and features", "GeoJSON gives the features it built and retired.",
                             tag: "projects", parameters: [format(["json", "geojson", "table"])], pathParameter: "id",
                             schema: ["type": "object", "required": ["id", "title", "built", "retired"]], formats: ["json", "geojson", "table"]),
        ],
        "/projects/assessment": [
            "get": operation("assessment", "Each project with and without it on a base year, ranked",
                             "Population-weighted travel time saved alone and within the full set (marginal), gaps closed and opened. The first request for a base year and profile takes a few seconds; later ones are cached.",
                             tag: "projects", parameters: [("base_year", integer("The network the projects are added to.", Scenario.years, example: 2012)),
                                                           ("profile", string("Travel-cost profile.", enumeration: profiles)), format(allFormats)],
                             schema: ["type": "object", "required": ["base_year", "combined", "projects"]], formats: allFormats),
        ],
        "/export": [
            "get": operation("export", "The scenario's network as GeoJSON layers", "As `mekong export`: features carry a `layer` property; links carry the profile's hours.",
                             tag: "maps", parameters: [("layers", array("Layers to export (default places and links).", enumeration: ExportLayer.allCases.map(\.rawValue)))]
                                + scenario + [format(["geojson", "json"])],
                             schema: ref("FeatureCollection"), formats: ["geojson", "json"]),
        ],
    ]

    // MARK: Schemas

    static let schemas: JSONValue = [
        "Error": ["type": "object", "required": ["code", "message", "parameter", "suggestions"], "description": "OSRM's error shape (code, message) with the parameter at fault and the nearest valid choices.",
                  "properties": ["code": ["type": "string", "enum": ["InvalidQuery", "InvalidValue", "TooBig", "NoRoute", "NotFound", "MethodNotAllowed", "PayloadTooLarge", "URITooLong", "HeaderTooLarge", "Timeout", "InternalError"]],
                                 "message": ["type": "string"], "parameter": ["type": "string", "nullable": true],
                                 "suggestions": ["type": "array", "items": ["type": "string"]]]],
        "FeatureCollection": ["type": "object", "required": ["type", "features"],
                              "properties": ["type": ["type": "string", "enum": ["FeatureCollection"]],
                                             "features": ["type": "array", "items": ["type": "object", "required": ["type", "geometry", "properties"]]]]],
        "Leg": ["type": "object", "required": ["kind", "from", "to", "km", "hours", "links", "names"],
                "properties": ["kind": ["type": "string"], "from": ["type": "string"], "to": ["type": "string"], "km": ["type": "number"], "hours": ["type": "number"],
                               "border_hours": ["type": "number"], "wait_hours": ["type": "number"], "links": ["type": "array", "items": ["type": "string"]],
                               "names": ["type": "array", "items": ["type": "string"]], "projects": ["type": "array", "items": ["type": "string"]]]],
        "Route": ["type": "object", "required": ["km", "hours", "legs", "links", "geometry"],
                  "properties": ["km": ["type": "number"], "hours": ["type": "number"], "border_hours": ["type": "number"], "wait_hours": ["type": "number"],
                                 "legs": ["type": "array", "items": ref("Leg")], "links": ["type": "array", "items": ["type": "string"]],
                                 "geometry": ["type": "object", "required": ["type", "coordinates"]]]],
        "RouteResult": ["type": "object", "required": ["from", "to", "route", "alternatives", "scenario"],
                        "properties": ["from": ["type": "string"], "to": ["type": "string"], "route": ref("Route"),
                                       "alternatives": ["type": "array", "items": ref("Route")],
                                       "scenario": ["type": "object", "required": ["year", "profile", "optimize"]]]],
        "ImportedRouteResult": ["type": "object", "required": ["network", "km", "hours", "geometry"]],
        "MatrixResult": ["type": "object", "required": ["hours", "km", "year", "profile"],
                         "properties": ["hours": ["type": "array", "items": ["type": "array", "items": ["type": "number", "nullable": true]]],
                                        "km": ["type": "array", "items": ["type": "array", "items": ["type": "number", "nullable": true]]],
                                        "places": ["type": "array", "items": ["type": "string"]], "sources": ["type": "array", "items": ["type": "string"]],
                                        "destinations": ["type": "array", "items": ["type": "string"]]]],
        "ReachResult": ["type": "object", "required": ["from", "contours"],
                        "properties": ["from": ["type": "string"], "contours": ["type": "array", "items": ["type": "object", "required": ["from", "hours", "places"]]]]],
        "NearestResult": ["type": "object", "required": ["code", "waypoints"],
                          "properties": ["code": ["type": "string"], "waypoints": ["type": "array", "items": ["type": "object", "required": ["id", "name", "location", "distance"]]]]],
        "Place": ["type": "object", "required": ["id", "name", "kind", "country", "longitude", "latitude"]],
        "Gap": ["type": "object", "required": ["kind", "key", "places", "links", "threshold", "unit", "explanation"],
                "properties": ["kind": ["type": "string", "enum": .array(gapKinds.map(JSONValue.string))], "value": ["type": "number", "nullable": true],
                               "unit": ["type": "string", "enum": .array(GapUnit.allCases.map { .string($0.rawValue) })]]],
        "GapsResult": ["type": "object", "required": ["scenario", "gaps"], "properties": ["scenario": ["type": "string"], "gaps": ["type": "array", "items": ref("Gap")]]],
        "GapComparisonResult": ["type": "object", "required": ["before", "after", "closed", "opened", "remaining"],
                                "properties": ["closed": ["type": "array", "items": ref("Gap")], "opened": ["type": "array", "items": ref("Gap")],
                                               "remaining": ["type": "array", "items": ref("Gap")]]],
    ]

    static let document: JSONValue = [
        "openapi": "3.0.3",
        "info": ["title": "Mekong connectivity API", "version": "0.1.0",
                 "description": "Routes, tables, reach, corridors, gaps and projects of the Mekong region's transport network as planned in the Mekong–Japan Action Plan (2012), served by `mekong serve`. Every result is the CLI's, rendered by the same code: JSON by default, GeoJSON with format=geojson, CSV and the text table where the CLI has them. Errors are JSON in OSRM's shape. Distances are kilometres and times hours throughout (OSRM and Valhalla use metres and seconds or minutes)."],
        "servers": [["url": "/"]],
        "paths": paths,
        "components": ["schemas": schemas],
    ]
}
