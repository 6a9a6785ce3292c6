import Foundation
import GeoCore
import RoutingGraph

/// How the features and attributes of a source become graph edges: which features are roads,
/// ferries or railways and of which class, and which fields say surface, one-way, speed limit,
/// bridge and border. Written as JSON; ``openStreetMap`` is the default for OSM extracts and
/// documents every choice.
///
///     {"layer": "roads", "rules": [{"when": {"CLASS": ["1"]}, "mode": "road", "class": "trunk"}],
///      "oneway": {"field": "ONEWAY", "forward": ["Y"]}}
///
/// A field named anywhere is looked up first as a column of the layer, then among the tags of
/// `tags_field` (OSM's `other_tags`).
public struct ImportMapping: Sendable, Equatable {
    /// One kind of feature kept: every `when` field has one of its values (an empty `when`
    /// matches every feature). The first rule a feature matches decides it; a feature that
    /// matches none is left out and counted by its value of the first rule's first field.
    public struct Rule: Sendable, Equatable {
        /// Field → accepted values.
        public var when: [String: [String]]
        /// The mode of the edges it makes.
        public var mode: Mode
        /// Their road class (roads only).
        public var roadClass: RoadClass?
    }

    /// A field whose values are listed in two or more named groups.
    public struct ValueGroups: Sendable, Equatable {
        /// The field read.
        public var field: String
        /// Group name → the values that put a feature in it.
        public var groups: [String: [String]]
    }

    /// The layer to read; nil: OSM's `lines`, else the source's only or first layer.
    public var layer: String?
    /// The column holding the source's feature id; nil: GDAL's feature id.
    public var idField: String?
    /// A column of hstore tags (OSM's `other_tags`); nil: none.
    public var tagsField: String?
    /// The kinds of feature kept, in order of precedence.
    public var rules: [Rule]
    /// Features with one of these values of a field are left out whatever the rules say
    /// (`access=private`, a `highway=pedestrian` area).
    public var exclude: [String: [String]]
    /// `paved` and `unpaved` value lists.
    public var surface: ValueGroups?
    /// `forward` and `backward` value lists; `implied` field values make a feature one-way
    /// forward without a tag (motorways, roundabouts).
    public var oneway: ValueGroups?
    /// Field values that make a feature one-way forward without a one-way tag.
    public var onewayImplied: [String: [String]]
    /// The speed limit field: "50", "50 mph", "30;50" (the first); anything else is unknown.
    public var maxSpeedField: String?
    /// Values of a field that make an edge a bridge.
    public var bridge: (field: String, values: [String])?
    /// Values of a field that make an edge cross a border.
    public var border: (field: String, values: [String])?

    /// Two mappings are equal when they keep and read the same things.
    public static func == (a: ImportMapping, b: ImportMapping) -> Bool {
        a.layer == b.layer && a.idField == b.idField && a.tagsField == b.tagsField && a.rules == b.rules && a.exclude == b.exclude
            && a.surface == b.surface && a.oneway == b.oneway && a.onewayImplied == b.onewayImplied && a.maxSpeedField == b.maxSpeedField
            && a.bridge?.field == b.bridge?.field && a.bridge?.values == b.bridge?.values
            && a.border?.field == b.border?.field && a.border?.values == b.border?.values
    }

    /// Every field the mapping reads, each once, in a stable order.
    var fields: [String] {
        var names: [String] = []
        func add(_ name: String?) { if let name, !names.contains(name) { names.append(name) } }
        add(idField); add(tagsField)
        for rule in rules { for field in rule.when.keys.sorted() { add(field) } }
        for field in exclude.keys.sorted() { add(field) }
        add(surface?.field); add(oneway?.field)
        for field in onewayImplied.keys.sorted() { add(field) }
        add(maxSpeedField); add(bridge?.field); add(border?.field)
        return names
    }
}

extension ImportMapping {
    /// The default for OpenStreetMap extracts read through GDAL's OSM driver (layer `lines`,
    /// columns `osm_id`, `highway`, `railway` and the rest in `other_tags`):
    ///
    /// - `motorway` → expressway, `trunk` → trunk, `primary` → primary, `secondary` and `tertiary`
    ///   → secondary, `unclassified`, `residential`, `living_street` and `road` → secondary
    ///   (a speed limit, where tagged, caps them), `service` and `track` → track, each with its
    ///   `_link`; `route=ferry` → ferry; `railway=rail` → rail. Footways, cycleways, paths,
    ///   steps, construction and proposed roads are left out.
    /// - `access=no|private` and `area=yes` are left out.
    /// - One-way: `oneway=yes|true|1` forward, `-1|reverse` backward; motorways and roundabouts
    ///   are one-way without the tag.
    /// - `surface`: asphalt, concrete, paving stones and the like are paved; gravel, dirt, earth,
    ///   sand, ground, grass, unpaved are unpaved.
    public static let openStreetMap = ImportMapping(
        layer: nil, idField: "osm_id", tagsField: "other_tags",
        rules: [
            Rule(when: ["highway": ["motorway", "motorway_link"]], mode: .road, roadClass: .expressway),
            Rule(when: ["highway": ["trunk", "trunk_link"]], mode: .road, roadClass: .trunk),
            Rule(when: ["highway": ["primary", "primary_link"]], mode: .road, roadClass: .primary),
            Rule(when: ["highway": ["secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential",
                                    "living_street", "road"]], mode: .road, roadClass: .secondary),
            Rule(when: ["highway": ["service", "track"]], mode: .road, roadClass: .track),
            Rule(when: ["route": ["ferry"]], mode: .ferry, roadClass: nil),
            Rule(when: ["railway": ["rail"]], mode: .rail, roadClass: nil),
        ],
        exclude: ["access": ["no", "private"], "area": ["yes"]],
        surface: ValueGroups(field: "surface", groups: [
            "paved": ["paved", "asphalt", "concrete", "concrete:plates", "concrete:lanes", "paving_stones", "sett", "cobblestone", "metal", "wood", "chipseal"],
            "unpaved": ["unpaved", "gravel", "fine_gravel", "compacted", "dirt", "earth", "ground", "sand", "grass", "mud", "pebblestone", "rock"],
        ]),
        oneway: ValueGroups(field: "oneway", groups: ["forward": ["yes", "true", "1"], "backward": ["-1", "reverse"]]),
        onewayImplied: ["highway": ["motorway"], "junction": ["roundabout", "circular"]],
        maxSpeedField: "maxspeed",
        bridge: ("bridge", ["yes", "viaduct", "aqueduct", "boardwalk", "cantilever", "covered", "movable", "trestle", "suspension"]),
        border: nil)

    /// Reads a mapping file.
    ///
    /// - Throws: ``ImportError/mapping`` naming the file, the key and the allowed values, for
    ///   invalid JSON, an unknown key, an unknown mode, class or group, or a rule without `mode`.
    public static func read(from url: URL) throws(ImportError) -> ImportMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .cannotRead(path: url.path, reason: (error as NSError).localizedFailureReason ?? "it cannot be read")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch { throw .mapping(path: url.path, reason: "\(error)") }
        return try parse(value, path: url.path)
    }

    static func parse(_ value: JSONValue, path: String) throws(ImportError) -> ImportMapping {
        func fail(_ reason: String) -> ImportError { .mapping(path: path, reason: reason) }
        guard let object = value.objectValue else { throw fail("the mapping must be a JSON object") }
        let known = ["layer", "id_field", "tags_field", "rules", "exclude", "surface", "oneway", "oneway_implied", "maxspeed_field", "bridge", "border", "note"]
        for key in object.keys where !known.contains(key) {
            throw fail("unknown key \"\(key)\"; the keys are \(known.joined(separator: ", "))")
        }
        func string(_ key: String) throws(ImportError) -> String? {
            guard let v = object[key] else { return nil }
            guard let s = v.stringValue, !s.isEmpty else { throw fail("\"\(key)\" must be a non-empty string") }
            return s
        }
        func valueLists(_ v: JSONValue?, _ key: String) throws(ImportError) -> [String: [String]] {
            guard let v else { return [:] }
            guard let o = v.objectValue else { throw fail("\"\(key)\" must be an object of field → list of values") }
            var result: [String: [String]] = [:]
            for (field, list) in o {
                guard let items = list.arrayValue, !items.isEmpty, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw fail("\"\(key)\".\"\(field)\" must be a non-empty list of strings")
                }
                result[field] = items.compactMap(\.stringValue)
            }
            return result
        }
        func groups(_ key: String, allowed: [String]) throws(ImportError) -> ValueGroups? {
            guard let v = object[key] else { return nil }
            guard let o = v.objectValue, let field = o["field"]?.stringValue else { throw fail("\"\(key)\" needs a \"field\"") }
            var lists = o
            lists.removeValue(forKey: "field")
            for name in lists.keys where !allowed.contains(name) {
                throw fail("\"\(key)\" has no group \"\(name)\"; its groups are field, \(allowed.joined(separator: ", "))")
            }
            return ValueGroups(field: field, groups: try valueLists(.object(lists), key))
        }
        func flag(_ key: String) throws(ImportError) -> (field: String, values: [String])? {
            guard let v = object[key] else { return nil }
            guard let o = v.objectValue, let field = o["field"]?.stringValue,
                  let values = o["values"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty else {
                throw fail("\"\(key)\" must be {\"field\": NAME, \"values\": [VALUES]}")
            }
            return (field, values)
        }
        guard let ruleValues = object["rules"]?.arrayValue, !ruleValues.isEmpty else {
            throw fail("\"rules\" must be a non-empty list: without rules no feature becomes an edge")
        }
        var rules: [Rule] = []
        for (number, ruleValue) in ruleValues.enumerated() {
            guard let rule = ruleValue.objectValue else { throw fail("rule \(number + 1) must be an object") }
            for key in rule.keys where !["when", "mode", "class"].contains(key) {
                throw fail("rule \(number + 1) has an unknown key \"\(key)\"; a rule has when, mode and class")
            }
            guard let modeName = rule["mode"]?.stringValue else { throw fail("rule \(number + 1) has no \"mode\" (\(Mode.allCases.map(\.rawValue).joined(separator: ", ")))") }
            guard let mode = Mode(rawValue: modeName) else {
                throw fail("rule \(number + 1): unknown mode \"\(modeName)\"; choose \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var roadClass: RoadClass?
            if let className = rule["class"]?.stringValue {
                guard let c = RoadClass(rawValue: className) else {
                    throw fail("rule \(number + 1): unknown class \"\(className)\"; choose \(RoadClass.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                roadClass = c
            } else if mode == .road {
                throw fail("rule \(number + 1) is a road without a \"class\" (\(RoadClass.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            rules.append(Rule(when: try valueLists(rule["when"], "rules[\(number + 1)].when"), mode: mode, roadClass: roadClass))
        }
        return ImportMapping(
            layer: try string("layer"), idField: try string("id_field"), tagsField: try string("tags_field"), rules: rules,
            exclude: try valueLists(object["exclude"], "exclude"),
            surface: try groups("surface", allowed: ["paved", "unpaved"]),
            oneway: try groups("oneway", allowed: ["forward", "backward"]),
            onewayImplied: try valueLists(object["oneway_implied"], "oneway_implied"),
            maxSpeedField: try string("maxspeed_field"), bridge: try flag("bridge"), border: try flag("border"))
    }

    /// The mapping as JSON, in the file format ``read(from:)`` takes (`mekong import
    /// --print-mapping` starts a user's own from it).
    public var json: JSONValue {
        func lists(_ d: [String: [String]]) -> JSONValue { .object(d.mapValues { .array($0.map { .string($0) }) }) }
        var object: [String: JSONValue] = [
            "rules": .array(rules.map { rule in
                var r: [String: JSONValue] = ["when": lists(rule.when), "mode": .string(rule.mode.rawValue)]
                if let c = rule.roadClass { r["class"] = .string(c.rawValue) }
                return .object(r)
            }),
        ]
        if let layer { object["layer"] = .string(layer) }
        if let idField { object["id_field"] = .string(idField) }
        if let tagsField { object["tags_field"] = .string(tagsField) }
        if !exclude.isEmpty { object["exclude"] = lists(exclude) }
        if let surface { object["surface"] = lists(surface.groups).objectValue.map { .object($0.merging(["field": .string(surface.field)]) { a, _ in a }) } }
        if let oneway { object["oneway"] = lists(oneway.groups).objectValue.map { .object($0.merging(["field": .string(oneway.field)]) { a, _ in a }) } }
        if !onewayImplied.isEmpty { object["oneway_implied"] = lists(onewayImplied) }
        if let maxSpeedField { object["maxspeed_field"] = .string(maxSpeedField) }
        if let bridge { object["bridge"] = ["field": .string(bridge.field), "values": .array(bridge.values.map { .string($0) })] }
        if let border { object["border"] = ["field": .string(border.field), "values": .array(border.values.map { .string($0) })] }
        return .object(object)
    }
}
