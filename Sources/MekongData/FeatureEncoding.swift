import GeoCore

/// The GeoJSON features of the data model, with the same property names as GeoData/.
public enum FeatureEncoding {
    /// The GeoJSON properties of a place, as `places.geojson` names them; absent optionals are left
    /// out rather than written as null.
    public static func properties(of place: Place) -> [String: JSONValue] {
        var p: [String: JSONValue] = [
            "id": .string(place.id.rawValue), "name": .string(place.name), "kind": .string(place.kind.rawValue),
            "country": .string(place.country), "source": .string(place.source),
            "aliases": .array(place.aliases.map(JSONValue.string)),
        ]
        if let v = place.population { p["population"] = .number(Double(v)) }
        if let v = place.period.opened { p["opened"] = .number(Double(v)) }
        if let v = place.period.closed { p["closed"] = .number(Double(v)) }
        if let v = place.project { p["project"] = .string(v.rawValue) }
        return p
    }

    /// A place as a Point feature, for maps and exports.
    public static func feature(of place: Place) -> Feature {
        Feature(geometry: .point(place.coordinate), properties: properties(of: place))
    }

    /// The GeoJSON properties of a link, as `links.geojson` names them (e.g. `class`, `retired_by`);
    /// absent optionals are left out.
    public static func properties(of link: Link) -> [String: JSONValue] {
        var p: [String: JSONValue] = [
            "id": .string(link.id.rawValue), "name": .string(link.name), "from": .string(link.from.rawValue),
            "to": .string(link.to.rawValue), "mode": .string(link.mode.rawValue), "source": .string(link.source),
        ]
        if !link.aliases.isEmpty { p["aliases"] = .array(link.aliases.map(JSONValue.string)) }
        if let v = link.route { p["route"] = .string(v) }
        if let v = link.roadClass { p["class"] = .string(v.rawValue) }
        if let v = link.surface { p["surface"] = .string(v.rawValue) }
        if let v = link.condition { p["condition"] = .string(v.rawValue) }
        if let v = link.terrain { p["terrain"] = .string(v.rawValue) }
        if link.isBridge { p["structure"] = "bridge" }
        if !link.regimes.isEmpty {
            p["regimes"] = .array(link.regimes.map { regime in
                var o: [String: JSONValue] = ["from": .string(regime.from.description), "rule": .string(regime.rule), "source": .string(regime.source)]
                if let until = regime.until { o["until"] = .string(until.description) }
                if let condition = regime.condition { o["condition"] = .string(condition.rawValue) }
                if let openTo = regime.openTo { o["open_to"] = .array(openTo.sorted().map { .string($0.rawValue) }) }
                if !regime.delayHours.isEmpty {
                    o["delay_hours"] = .object(Dictionary(uniqueKeysWithValues: regime.delayHours.map { ($0.key.rawValue, JSONValue.number($0.value)) }))
                }
                return .object(o)
            })
        }
        if let v = link.borderDelayHours {
            p["border"] = .object(Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, JSONValue.number($0.value)) }))
        }
        if let v = link.declaredLengthKm { p["length_km"] = .number(v) }
        if link.oneway { p["oneway"] = true }
        if let v = link.period.opened { p["opened"] = .number(Double(v)) }
        if let v = link.period.closed { p["closed"] = .number(Double(v)) }
        if let v = link.dividedSince { p["divided_since"] = .number(Double(v)) }
        if let v = link.maxSpeedKmh { p["max_speed_kmh"] = .number(Double(v)) }
        if let v = link.project { p["project"] = .string(v.rawValue) }
        if let v = link.retiredBy { p["retired_by"] = .string(v.rawValue) }
        return p
    }

    /// A link as a LineString feature, drawn from `from` to `to`.
    public static func feature(of link: Link) -> Feature {
        Feature(geometry: .lineString(link.geometry), properties: properties(of: link))
    }

    /// A river as a feature with its id, name, aliases and source.
    public static func feature(of river: River) -> Feature {
        Feature(geometry: river.geometry, properties: [
            "id": .string(river.id.rawValue), "name": .string(river.name), "source": .string(river.source),
            "aliases": .array(river.aliases.map(JSONValue.string)),
        ])
    }

    /// The properties of a project as `projects.json` names them, for project layers on a map.
    public static func properties(of project: Project) -> [String: JSONValue] {
        var p: [String: JSONValue] = [
            "id": .string(project.id.rawValue), "title": .string(project.title), "section": .string(project.section),
            "pillar": .number(Double(project.pillar)), "countries": .array(project.countries.map(JSONValue.string)),
            "kind": .string(project.kind), "status": .string(project.status.rawValue), "summary": .string(project.summary),
            "sources": .array(project.sources.map(JSONValue.string)),
        ]
        if let v = project.completed { p["completed"] = .number(Double(v)) }
        if let v = project.expected { p["expected"] = .number(Double(v)) }
        return p
    }
}

/// The layers `mekong export` can write.
public enum ExportLayer: String, Sendable, CaseIterable {
    case places, links, rivers, projects
}

/// Builds the exported map: the places and links in service in a scenario, the rivers, and the
/// features of the Action Plan's projects (built or not) with the project's title and status.
public enum MapExport {
    /// Every feature gets a `layer` property naming the layer it belongs to.
    /// - Parameter linkProperties: more properties per link (e.g. a profile's travel hours).
    /// - Complexity: O(n) in the number of features.
    public static func collection(of dataset: Dataset, layers: [ExportLayer], scenario: Scenario,
                                  linkProperties: [LinkID: [String: JSONValue]] = [:]) -> FeatureCollection {
        var features: [Feature] = []
        func tagged(_ f: Feature, _ layer: ExportLayer, extra: [String: JSONValue] = [:]) -> Feature {
            var f = f
            f.properties["layer"] = .string(layer.rawValue)
            for (k, v) in extra { f.properties[k] = v }
            return f
        }
        for layer in layers {
            switch layer {
            case .places:
                features += scenario.places(of: dataset).map { tagged(FeatureEncoding.feature(of: $0), .places) }
            case .links:
                features += scenario.links(of: dataset).map {
                    tagged(FeatureEncoding.feature(of: $0), .links,
                           extra: ["geodesic_length_km": .number(($0.geodesicLengthKm * 1000).rounded() / 1000)].merging(linkProperties[$0.id] ?? [:]) { a, _ in a })
                }
            case .rivers:
                features += dataset.rivers.map { tagged(FeatureEncoding.feature(of: $0), .rivers) }
            case .projects:
                for project in dataset.projects {
                    var info = FeatureEncoding.properties(of: project)
                    info["project"] = info.removeValue(forKey: "id")
                    info["project_kind"] = info.removeValue(forKey: "kind")
                    info.removeValue(forKey: "sources")
                    let (places, links, _) = dataset.features(of: project.id)
                    for place in places {
                        var f = FeatureEncoding.feature(of: place)
                        f.properties = info.merging(["id": .string(place.id.rawValue), "name": .string(place.name),
                                                     "in_service": .bool(scenario.isInService(place, in: dataset))]) { $1 }
                        features.append(tagged(f, .projects))
                    }
                    for link in links {
                        var f = FeatureEncoding.feature(of: link)
                        f.properties = info.merging(["id": .string(link.id.rawValue), "name": .string(link.name),
                                                     "in_service": .bool(scenario.isInService(link, in: dataset))]) { $1 }
                        features.append(tagged(f, .projects))
                    }
                }
            }
        }
        return FeatureCollection(features: features)
    }
}
