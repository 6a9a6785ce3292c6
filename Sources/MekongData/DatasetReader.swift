import Foundation
import GeoCore

/// Reads a data set file by file and feature by feature, collecting a ``Finding`` for every
/// problem instead of stopping at the first: what `mekong validate` reports, and what
/// ``Dataset/load(from:)`` refuses to load.
public enum DatasetReader {
    /// The files of a data set and whether each must be present.
    public static let files: [(name: String, required: Bool)] = [
        ("places.geojson", true), ("links.geojson", true), ("rivers.geojson", false),
        ("corridors.json", false), ("projects.json", true), ("profiles.json", true),
        ("observations.json", false),
    ]

    /// Reads everything that can be read; features with errors are left out of the data set and
    /// reported in the findings. Also checks ids and references across files.
    /// - Complexity: O(n) in the size of the data.
    public static func read(_ source: DataSource) -> (dataset: Dataset, findings: [Finding]) {
        var findings: [Finding] = []
        guard source.exists else {
            findings.append(Finding(.error, file: source.description, rule: "missing-directory", "the data directory does not exist"))
            return (Dataset(places: [], links: [], source: source), findings)
        }
        // The files are parsed side by side, and then the places and the links: they are most of
        // a command's start-up, and each piece reads only its own text.
        let files = Self.files
        let parsed = concurrentMap(files.count) { i -> (JSONValue?, Finding?) in
            let (name, required) = files[i]
            do {
                guard let data = try source.read(name) else {
                    return (nil, required ? Finding(.error, file: name, rule: "missing-file", "required file is missing") : nil)
                }
                return (try JSONValue.parse(data), nil)
            } catch let error as GeoCoreError {
                return (nil, Finding(.error, file: name, rule: "malformed-json", "\(error)"))
            } catch {
                return (nil, Finding(.error, file: name, rule: "unreadable", "cannot be read: \(error.localizedDescription)"))
            }
        }
        var values: [String: JSONValue] = [:]
        for (i, (value, finding)) in parsed.enumerated() {
            values[files[i].name] = value
            if let finding { findings.append(finding) }
        }
        let (placesRead, linksRead) = (values["places.geojson"], values["links.geojson"])
        let placesAndLinks = concurrentMap(2) { i -> (places: [Place], links: [Link], findings: [Finding]) in
            var findings: [Finding] = []
            if i == 0 { return (features(placesRead, file: "places.geojson", findings: &findings, parse: parsePlace), [], findings) }
            return ([], features(linksRead, file: "links.geojson", findings: &findings, parse: parseLink), findings)
        }
        let places = placesAndLinks[0].places, links = placesAndLinks[1].links
        findings += placesAndLinks[0].findings + placesAndLinks[1].findings
        let rivers = features(values["rivers.geojson"], file: "rivers.geojson", findings: &findings, parse: parseRiver)
        let corridors = records(values["corridors.json"], file: "corridors.json", findings: &findings, parse: parseCorridor)
        let projects = records(values["projects.json"], file: "projects.json", findings: &findings, parse: parseProject)
        let profiles = parseProfiles(values["profiles.json"], findings: &findings)
        let observations = records(values["observations.json"], file: "observations.json", under: "observations",
                                   findings: &findings, parse: parseObservation)
        let dataset = Dataset(places: places, links: links, rivers: rivers, corridors: corridors,
                              projects: projects, profiles: profiles, source: source, observations: observations)
        findings += ReferenceChecks.check(dataset)
        return (dataset, findings)
    }

    // MARK: Collections

    private static func features<T>(
        _ value: JSONValue?, file: String, findings: inout [Finding],
        parse: (Feature, inout RecordReader) -> T?
    ) -> [T] {
        guard let value else { return [] }
        guard value["type"]?.stringValue == "FeatureCollection", let list = value["features"]?.arrayValue else {
            findings.append(Finding(.error, file: file, rule: "not-a-feature-collection", "must be a GeoJSON FeatureCollection with a \"features\" array"))
            return []
        }
        var out: [T] = []
        for (index, item) in list.enumerated() {
            let label = item["properties"]?["id"]?.stringValue ?? "features[\(index)]"
            let feature: Feature
            do {
                feature = try GeoJSON.feature(from: item, path: "features[\(index)]")
            } catch {
                findings.append(Finding(.error, file: file, feature: label, rule: "bad-geojson", "\(error)"))
                continue
            }
            var reader = RecordReader(feature.properties, file: file, feature: label)
            let parsed = parse(feature, &reader)
            reader.reportUnknownKeys()
            findings += reader.findings
            if let parsed, !reader.findings.contains(where: { $0.severity == .error }) { out.append(parsed) }
        }
        return out
    }

    /// The records of a file that is a JSON array of objects, or, with `key`, an object holding
    /// that array under `key` (`{"observations": [...]}`).
    private static func records<T>(
        _ value: JSONValue?, file: String, under key: String? = nil, findings: inout [Finding],
        parse: (inout RecordReader) -> T?
    ) -> [T] {
        guard let value else { return [] }
        let list: [JSONValue]
        if let key {
            guard let object = value.objectValue, let array = object[key]?.arrayValue else {
                findings.append(Finding(.error, file: file, rule: "wrong-type", "must be an object with an \"\(key)\" array of objects"))
                return []
            }
            for other in object.keys.sorted() where other != key {
                findings.append(Finding(.warning, file: file, rule: "unknown-property",
                                        "unknown property \"\(other)\" beside \"\(key)\"\(Suggestions.hint(for: other, among: [key]))"))
            }
            list = array
        } else {
            guard let array = value.arrayValue else {
                findings.append(Finding(.error, file: file, rule: "not-an-array", "must be a JSON array of objects"))
                return []
            }
            list = array
        }
        var out: [T] = []
        for (index, item) in list.enumerated() {
            let label = item["id"]?.stringValue ?? "\(key ?? "")[\(index)]"
            guard let object = item.objectValue else {
                findings.append(Finding(.error, file: file, feature: label, rule: "wrong-type", "each entry must be an object"))
                continue
            }
            var reader = RecordReader(object, file: file, feature: label)
            let parsed = parse(&reader)
            reader.reportUnknownKeys()
            findings += reader.findings
            if let parsed, !reader.findings.contains(where: { $0.severity == .error }) { out.append(parsed) }
        }
        return out
    }

    // MARK: Records

    static func parsePlace(_ feature: Feature, _ r: inout RecordReader) -> Place? {
        let id = r.id("id", PlaceID.self, required: true)
        let name = r.string("name", required: true)
        let aliases = r.strings("aliases")
        let kind = r.choice("kind", PlaceKind.self, required: true)
        let country = r.string("country", required: true)
        let population = r.integer("population")
        let opened = r.year("opened"), closed = r.year("closed")
        let project = r.id("project", ProjectID.self)
        let source = r.string("source", required: true)
        if let country, !Countries.all.contains(country) {
            r.error("unknown-value", "\"country\" is \"\(country)\"; allowed: \(Countries.all.sorted().joined(separator: ", "))")
        }
        if let population, !Place.populationRange.contains(population) {
            r.error("bad-value", "\"population\" must be from \(Place.populationRange.lowerBound) to \(Place.populationRange.upperBound), not \(population)")
        }
        guard case .point(let coordinate)? = feature.geometry else {
            r.error("wrong-geometry", "a place must have a Point geometry, not \(feature.geometry?.typeName ?? "null")")
            return nil
        }
        guard let id, let name, let kind, let country, let source else { return nil }
        return Place(id: id, name: name, aliases: aliases, kind: kind, country: country, population: population,
                     period: ServicePeriod(opened: opened, closed: closed), project: project, source: source,
                     coordinate: coordinate)
    }

    static func parseLink(_ feature: Feature, _ r: inout RecordReader) -> Link? {
        let id = r.id("id", LinkID.self, required: true)
        let name = r.string("name", required: true)
        let aliases = r.strings("aliases")
        let from = r.id("from", PlaceID.self, required: true)
        let to = r.id("to", PlaceID.self, required: true)
        let mode = r.choice("mode", Mode.self, required: true)
        let route = r.string("route")
        let roadClass = r.choice("class", RoadClass.self, required: mode == .road)
        let surface = r.choice("surface", Surface.self)
        let condition = r.choice("condition", Condition.self)
        let terrain = r.choice("terrain", Terrain.self)
        let structure = r.string("structure")
        if let structure, structure != "bridge" { r.error("unknown-value", "\"structure\" is \"\(structure)\"; allowed: bridge") }
        let border = r.hoursByProfile("border", range: ProfileBounds.hours)
        let regimes = r.records("regimes", parse: parseRegime)
        let length = r.number("length_km")
        if let length, !(length > 0) { r.error("bad-value", "\"length_km\" must be positive, not \(length)") }
        let oneway = r.bool("oneway") ?? false
        let opened = r.year("opened"), closed = r.year("closed")
        let dividedSince = r.year("divided_since")
        if dividedSince != nil, mode != .road || roadClass == .expressway || roadClass == .track {
            r.error("bad-value", "\"divided_since\" is for trunk, primary and secondary roads (an expressway is divided by definition)")
        }
        let maxSpeed = r.number("max_speed_kmh")
        if let maxSpeed, mode != .road || !(5...130).contains(maxSpeed) || maxSpeed != maxSpeed.rounded() {
            r.error("bad-value", "\"max_speed_kmh\" is a whole number of km/h from 5 to 130 on a road, not \(String(format: "%g", maxSpeed)) on a \(mode?.rawValue ?? "link")")
        }
        let project = r.id("project", ProjectID.self)
        let retiredBy = r.id("retired_by", ProjectID.self)
        let source = r.string("source", required: true)
        guard case .lineString(let line)? = feature.geometry else {
            r.error("wrong-geometry", "a link must have a LineString geometry, not \(feature.geometry?.typeName ?? "null")")
            return nil
        }
        if line.count < 2 { r.error("wrong-geometry", "a link needs at least 2 positions") }
        guard let id, let name, let from, let to, let mode, let source else { return nil }
        var link = Link(id: id, name: name, aliases: aliases, from: from, to: to, mode: mode, route: route, roadClass: roadClass,
                        surface: surface, condition: condition, terrain: terrain, isBridge: structure == "bridge", borderDelayHours: border,
                        declaredLengthKm: length, oneway: oneway, period: ServicePeriod(opened: opened, closed: closed), regimes: regimes,
                        project: project, retiredBy: retiredBy, source: source, geometry: line)
        link.dividedSince = dividedSince
        if let maxSpeed, mode == .road, (5...130).contains(maxSpeed) { link.maxSpeedKmh = Int(maxSpeed) }
        return link
    }

    static func parseRegime(_ r: inout RecordReader) -> Regime? {
        let from = r.day("from", required: true)
        let until = r.day("until")
        var openTo: Set<ProfileID>?
        if r.object.keys.contains("open_to") { openTo = Set(r.strings("open_to").map(ProfileID.init)) }
        let delays = r.hoursByProfile("delay_hours", range: ProfileBounds.hours) ?? [:]
        let condition = r.choice("condition", Condition.self)
        let rule = r.string("rule", required: true)
        let source = r.string("source", required: true)
        if let from, let until, !(from < until) { r.error("bad-period", "\"until\" \(until) is not after \"from\" \(from)") }
        guard let from, let rule, let source else { return nil }
        return Regime(from: from, until: until, openTo: openTo, delayHours: delays, condition: condition, rule: rule, source: source)
    }

    static func parseRiver(_ feature: Feature, _ r: inout RecordReader) -> River? {
        let id = r.id("id", RiverID.self, required: true)
        let name = r.string("name", required: true)
        let aliases = r.strings("aliases")
        let source = r.string("source", required: true)
        guard let geometry = feature.geometry, [Geometry.lineString([]).typeName, "MultiLineString"].contains(geometry.typeName) else {
            r.error("wrong-geometry", "a river must be a LineString or MultiLineString")
            return nil
        }
        guard let id, let name, let source else { return nil }
        return River(id: id, name: name, aliases: aliases, source: source, geometry: geometry)
    }

    static func parseCorridor(_ r: inout RecordReader) -> Corridor? {
        let id = r.id("id", CorridorID.self, required: true)
        let name = r.string("name", required: true)
        let kind = r.string("kind", required: true)
        if let kind, !["gms-economic-corridor", "action-plan-route"].contains(kind) {
            r.error("unknown-value", "\"kind\" is \"\(kind)\"; allowed: gms-economic-corridor, action-plan-route")
        }
        let parent = r.id("parent", CorridorID.self)
        let countries = r.strings("countries")
        let waypoints = r.strings("waypoints").map(PlaceID.init)
        let requires = r.strings("requires").map(ProjectID.init)
        if waypoints.count == 1 { r.error("bad-value", "a corridor needs at least 2 waypoints (or none, when its routes are its children)") }
        let description = r.string("description") ?? ""
        let source = r.string("source", required: true)
        guard let id, let name, let kind, let source else { return nil }
        return Corridor(id: id, name: name, kind: kind, parent: parent, countries: countries, waypoints: waypoints,
                        requires: requires, description: description, source: source)
    }

    static func parseProject(_ r: inout RecordReader) -> Project? {
        let id = r.id("id", ProjectID.self, required: true)
        let title = r.string("title", required: true)
        let section = r.string("section", required: true)
        let pillar = r.integer("pillar", required: true)
        let countries = r.strings("countries")
        let kind = r.string("kind", required: true)
        if let kind, !Project.kinds.contains(kind) {
            r.error("unknown-value", "\"kind\" is \"\(kind)\"; allowed: \(Project.kinds.sorted().joined(separator: ", "))\(Suggestions.hint(for: kind, among: Array(Project.kinds)))")
        }
        let status = r.choice("status", ProjectStatus.self, required: true)
        let completed = r.year("completed"), expected = r.year("expected")
        let summary = r.string("summary") ?? ""
        let planText = r.string("plan_text") ?? ""
        let sources = r.strings("sources")
        if sources.isEmpty { r.error("missing-field", "a project needs at least one source in \"sources\"") }
        if status == .completed && completed == nil { r.warning("missing-year", "completed project without a \"completed\" year") }
        guard let id, let title, let section, let pillar, let kind, let status else { return nil }
        return Project(id: id, title: title, section: section, pillar: pillar, countries: countries, kind: kind,
                       status: status, completed: completed, expected: expected, summary: summary,
                       planText: planText, sources: sources)
    }

    static func parseObservation(_ r: inout RecordReader) -> Observation? {
        let id = r.id("id", ObservationID.self, required: true)
        let from = r.id("from", PlaceID.self, required: true)
        let to = r.id("to", PlaceID.self, required: true)
        let via = r.strings("via")
        let year = r.year("year", required: true)
        let vehicle = r.id("vehicle", ProfileID.self, required: true)
        let observedVehicle = r.string("observed_vehicle")
        let hours = r.number("hours")
        let km = r.number("km")
        let measured = r.choice("measured", Observation.Measurement.self, required: true)
        let includesBorder = r.bool("includes_border")
        let kind = r.choice("kind", ObservationKind.self, required: true)
        let source = r.nested("source", required: true, parseObservationSource)
        let note = r.string("note")
        let notFitted = r.string("not_fitted_because")
        if let from, from == to { r.error("same-ends", "\"from\" and \"to\" are both \"\(from)\"; an observation is a trip between two places") }
        if hours == nil && km == nil { r.error("missing-field", "an observation needs \"hours\" or \"km\", or both") }
        if let hours {
            if !(hours > 0) || !hours.isFinite { r.error("bad-value", "\"hours\" must be a number more than 0, not \(hours)") }
            else if hours > Observation.maximumHours {
                r.error("bad-value", "\"hours\" is \(hours), more than \(Int(Observation.maximumHours)) (no trip in the region takes that long); is it in minutes?")
            }
        }
        if let km {
            if !(km > 0) || !km.isFinite { r.error("bad-value", "\"km\" must be a number more than 0, not \(km)") }
            else if km > Observation.maximumKm {
                r.error("bad-value", "\"km\" is \(km), more than \(Int(Observation.maximumKm)) (no road trip in the region is that long); is it in metres or miles?")
            }
        }
        guard let id, let from, let to, let year, let vehicle, let measured, let kind, let source else { return nil }
        return Observation(id: id, from: from, to: to, via: via, year: year, vehicle: vehicle, observedVehicle: observedVehicle,
                           hours: hours, km: km, measured: measured, includesBorder: includesBorder, kind: kind,
                           source: source, note: note, notFittedBecause: notFitted)
    }

    static func parseObservationSource(_ r: inout RecordReader) -> ObservationSource? {
        let url = r.string("url", required: true)
        let title = r.string("title", required: true)
        let publisher = r.string("publisher")
        let date = r.string("date")
        let quote = r.string("quote", required: true)
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            r.error("bad-value", "\(r.quoted("url")) must start with http:// or https://, not \"\(url)\"")
        }
        guard let url, let title, let quote else { return nil }
        return ObservationSource(url: url, title: title, publisher: publisher, date: date, quote: quote)
    }

    static func parseProfiles(_ value: JSONValue?, findings: inout [Finding]) -> [Profile] {
        let file = "profiles.json"
        guard let value else { return [] }
        guard let list = value["profiles"]?.arrayValue else {
            findings.append(Finding(.error, file: file, rule: "wrong-type", "must be an object with a \"profiles\" array"))
            return []
        }
        var out: [Profile] = []
        for (index, item) in list.enumerated() {
            let label = item["id"]?.stringValue ?? "profiles[\(index)]"
            var r = RecordReader(item.objectValue ?? [:], file: file, feature: label)
            let id = r.id("id", ProfileID.self, required: true)
            let name = r.string("name", required: true)
            let speeds = r.object("speeds_kmh") ?? [:]
            func bounded(_ v: JSONValue?, _ what: String, _ range: ClosedRange<Double>, _ r: inout RecordReader,
                         default fallback: Double? = nil) -> Double {
                guard let v else {
                    if let fallback { return fallback }
                    r.error("missing-field", "\(what) is required"); return range.lowerBound
                }
                guard let n = v.numberValue, range.contains(n) else {
                    r.error("bad-value", "\(what) must be a number from \(ProfileBounds.text(range))")
                    return range.lowerBound
                }
                return n
            }
            var modes = Set(Mode.allCases)
            let modeList = r.strings("modes")
            if !modeList.isEmpty {
                modes = []
                for m in modeList {
                    guard let mode = Mode(rawValue: m) else {
                        r.error("unknown-value", "\"modes\" has \"\(m)\"; allowed: \(Mode.allCases.map(\.rawValue).joined(separator: ", "))"); continue
                    }
                    modes.insert(mode)
                }
            }
            var road: [RoadClass: Double] = [:]
            for c in RoadClass.allCases { road[c] = bounded(speeds["road"]?[c.rawValue], "speeds_kmh.road.\(c.rawValue)", ProfileBounds.speedKmh, &r) }
            let rail = bounded(speeds["rail"], "speeds_kmh.rail", ProfileBounds.speedKmh, &r)
            let sea = bounded(speeds["sea"], "speeds_kmh.sea", ProfileBounds.speedKmh, &r)
            let urban = speeds["urban"].map { bounded($0, "speeds_kmh.urban", ProfileBounds.speedKmh, &r) }
            let divided = speeds["divided"].map { bounded($0, "speeds_kmh.divided", ProfileBounds.speedKmh, &r) }
            let surfaceObject = r.object("surface_factor") ?? [:]
            var surface: [Surface: Double] = [:]
            for s in Surface.allCases { surface[s] = bounded(surfaceObject[s.rawValue], "surface_factor.\(s.rawValue)", ProfileBounds.factor, &r) }
            let conditionObject = r.object("condition_factor") ?? [:]
            var condition: [Condition: Double] = [:]
            for c in Condition.allCases { condition[c] = bounded(conditionObject[c.rawValue], "condition_factor.\(c.rawValue)", ProfileBounds.factor, &r) }
            let terrainObject = r.object("terrain_factor") ?? [:]
            var terrain: [Terrain: Double] = [:]
            for t in Terrain.allCases {
                terrain[t] = bounded(terrainObject[t.rawValue], "terrain_factor.\(t.rawValue)", ProfileBounds.factor, &r, default: 1)
            }
            let ferry = r.object("ferry") ?? [:]
            let wait = bounded(ferry["wait_hours"], "ferry.wait_hours", ProfileBounds.hours, &r)
            let handling = bounded(ferry["handling_hours"], "ferry.handling_hours", ProfileBounds.hours, &r)
            let crossing = bounded(ferry["crossing_kmh"], "ferry.crossing_kmh", ProfileBounds.speedKmh, &r)
            let border = bounded(r.number("border_delay_hours", required: true).map(JSONValue.number), "border_delay_hours", ProfileBounds.hours, &r)
            let modeChange = bounded(r.number("mode_change_hours", required: true).map(JSONValue.number), "mode_change_hours", ProfileBounds.hours, &r)
            let transload = r.number("transload_hours").map { bounded(.number($0), "transload_hours", ProfileBounds.hours, &r) }
            var schedule: DrivingRules?
            if let rules = r.object("driving_rules") {
                func hours(_ key: String, _ range: ClosedRange<Double> = ProfileBounds.hours) -> Double {
                    bounded(rules[key], "driving_rules.\(key)", range, &r)
                }
                let rule = DrivingRules(
                    maxContinuousDrivingHours: hours("max_continuous_driving_hours"), breakHours: hours("break_hours"),
                    maxDailyDrivingHours: hours("max_daily_driving_hours"), dailyRestHours: hours("daily_rest_hours"),
                    borderOpensHour: hours("border_opens_hour", ProfileBounds.hourOfDay),
                    borderClosesHour: hours("border_closes_hour", ProfileBounds.hourOfDay))
                if !(rule.maxContinuousDrivingHours > 0 && rule.maxDailyDrivingHours > 0) {
                    r.error("bad-value", "driving_rules: the driving limits must be above 0 hours")
                }
                if !(rule.borderOpensHour < rule.borderClosesHour) {
                    r.error("bad-value", "driving_rules: border_opens_hour must be before border_closes_hour")
                }
                for key in rules.keys where !["max_continuous_driving_hours", "break_hours", "max_daily_driving_hours", "daily_rest_hours",
                                              "border_opens_hour", "border_closes_hour"].contains(key) {
                    r.warning("unknown-property", "unknown property \"driving_rules.\(key)\"")
                }
                schedule = rule
            }
            _ = r.object("reasoning"); _ = r.object("notes")
            r.reportUnknownKeys()
            findings += r.findings
            guard let id, let name, !r.findings.contains(where: { $0.severity == .error }) else { continue }
            out.append(Profile(id: id, name: name, modes: modes, roadSpeedKmh: road, railSpeedKmh: rail, seaSpeedKmh: sea,
                               surfaceFactor: surface, conditionFactor: condition, terrainFactor: terrain, urbanSpeedKmh: urban,
                               ferryWaitHours: wait, ferryHandlingHours: handling, ferryCrossingSpeedKmh: crossing,
                               borderDelayHours: border, modeChangeHours: modeChange, schedule: schedule,
                               transloadHours: transload, dividedRoadSpeedKmh: divided))
        }
        return out
    }
}
