import Foundation
import RoutingGraph

/// Applies an ``ImportMapping`` to one feature's field values: whether it is kept, and the
/// edge attributes and direction it gets.
struct FeatureClassifier {
    /// Which way a kept feature may be travelled, relative to its drawn direction.
    enum Direction { case both, forward, backward }

    struct Kept {
        var record: EdgeRecord
        var direction: Direction
    }

    let mapping: ImportMapping
    /// The position of each column among the values a feature carries; a field that is not a
    /// column of the layer is looked for among the tags.
    let position: [String: Int]
    let tagsPosition: Int?

    /// - Parameter columns: the columns read for each feature, in order.
    init(mapping: ImportMapping, columns: [String]) {
        self.mapping = mapping
        var position: [String: Int] = [:]
        for (index, field) in columns.enumerated() { position[field] = index }
        self.position = position
        tagsPosition = mapping.tagsField.flatMap { position[$0] }
    }

    /// The value of `field`: its column, else its tag.
    func value(_ field: String, in values: [String?], tags: [String: String]) -> String? {
        if let index = position[field], let value = values[index], field != mapping.tagsField { return value }
        return tags[field]
    }

    /// The kept edge's attributes, or the reason it is left out (the value that matched no
    /// rule, for the report).
    func classify(_ values: [String?]) -> Result<Kept, LeftOut> {
        let tags = tagsPosition.flatMap { values[$0] }.map(TagList.parse) ?? [:]
        func has(_ conditions: [String: [String]]) -> Bool {
            conditions.allSatisfy { field, accepted in value(field, in: values, tags: tags).map(accepted.contains) ?? false }
        }
        for (field, refused) in mapping.exclude {
            if let v = value(field, in: values, tags: tags), refused.contains(v) { return .failure(.excluded("\(field)=\(v)")) }
        }
        guard let rule = mapping.rules.first(where: { has($0.when) }) else {
            let field = mapping.rules.first?.when.keys.sorted().first
            let shown = field.map { f in value(f, in: values, tags: tags).map { "\(f)=\($0)" } ?? "no \(f)" } ?? "no rule"
            return .failure(.unmapped(shown))
        }
        var record = EdgeRecord(mode: rule.mode, roadClass: rule.roadClass, lengthKm: 0)
        if let surface = mapping.surface, let v = value(surface.field, in: values, tags: tags) {
            if surface.groups["paved"]?.contains(v) == true { record.surface = .paved }
            if surface.groups["unpaved"]?.contains(v) == true { record.surface = .unpaved }
        }
        if let field = mapping.maxSpeedField, let v = value(field, in: values, tags: tags) {
            record.maxSpeedKmh = Self.speedKmh(v)
        }
        if let bridge = mapping.bridge, let v = value(bridge.field, in: values, tags: tags), bridge.values.contains(v) {
            record.flags.insert(.bridge)
        }
        if let border = mapping.border, let v = value(border.field, in: values, tags: tags), border.values.contains(v) {
            record.flags.insert(.border)
        }
        if rule.mode == .ferry { record.flags.insert(.ferry) }
        var direction = Direction.both
        if has(mapping.onewayImplied) && !mapping.onewayImplied.isEmpty { direction = .forward }
        // An explicit tag overrides the implied direction (`oneway=no` on a motorway slip).
        if let oneway = mapping.oneway, let v = value(oneway.field, in: values, tags: tags) {
            if oneway.groups["forward"]?.contains(v) == true { direction = .forward }
            else if oneway.groups["backward"]?.contains(v) == true { direction = .backward }
            else if ["no", "false", "0"].contains(v) { direction = .both }
        }
        if direction != .both { record.flags.insert(.oneway) }
        return .success(Kept(record: record, direction: direction))
    }

    /// Why a feature is not an edge.
    enum LeftOut: Error, Hashable {
        case excluded(String)
        case unmapped(String)
    }

    /// A speed limit in km/h from OSM's conventions: "50", "50 mph", "30;50" (the first).
    /// Zone codes ("FI:urban"), "none", "walk" and "signals" are unknown (nil).
    static func speedKmh(_ text: String) -> Int? {
        let first = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let number = first.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number), value > 0, value < 400 else { return nil }
        let unit = first.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "": return Int(value.rounded())
        case "mph": return Int((value * 1.609344).rounded())
        case "knots": return Int((value * 1.852).rounded())
        default: return nil
        }
    }
}
