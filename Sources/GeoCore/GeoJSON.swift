import Foundation

/// A GeoJSON Feature (RFC 7946 §3.2): a geometry (or none) with typed properties.
public struct Feature: Sendable, Hashable {
    /// The feature's `id` member, when it has one (a string or a number).
    public var id: JSONValue?
    /// The geometry, or nil for GeoJSON's `"geometry": null` (a feature with no location).
    public var geometry: Geometry?
    /// The `properties` member; empty when the input had none or `null`.
    public var properties: [String: JSONValue]

    /// A feature with `properties` typed as JSON; `id` is written only when present.
    public init(id: JSONValue? = nil, geometry: Geometry?, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }
}

/// A GeoJSON FeatureCollection (RFC 7946 §3.3).
public struct FeatureCollection: Sendable, Hashable {
    /// The features, in file order.
    public var features: [Feature]

    /// A collection of `features`, written in this order.
    public init(features: [Feature]) { self.features = features }
}

/// Reading and writing GeoJSON per RFC 7946: positions are longitude, latitude; there is no `crs`
/// member; exterior rings are written counter-clockwise and holes clockwise; foreign members are
/// ignored on input.
///
///     let collection = try GeoJSON.decodeFeatureCollection(from: data)
///     let text = try GeoJSON.encode(collection)
public enum GeoJSON {
    // MARK: Decoding

    /// Decodes a FeatureCollection.
    /// - Throws: ``GeoCoreError/geoJSON(path:message:)`` naming where the input is wrong.
    public static func decodeFeatureCollection(from data: Data) throws(GeoCoreError) -> FeatureCollection {
        try featureCollection(from: JSONValue.parse(data), path: "")
    }

    /// Decodes a lone geometry object.
    public static func decodeGeometry(from data: Data) throws(GeoCoreError) -> Geometry {
        try geometry(from: JSONValue.parse(data), path: "")
    }

    /// Reads a FeatureCollection from a parsed JSON value; `path` prefixes error locations.
    public static func featureCollection(from value: JSONValue, path: String) throws(GeoCoreError) -> FeatureCollection {
        let object = try requireObject(value, path: path, expected: "a FeatureCollection object")
        try requireType(object, "FeatureCollection", path: path)
        guard let list = object["features"]?.arrayValue else {
            throw .geoJSON(path: path, message: "a FeatureCollection needs a \"features\" array")
        }
        var features: [Feature] = []
        features.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            features.append(try feature(from: item, path: join(path, "features[\(index)]")))
        }
        return FeatureCollection(features: features)
    }

    /// Reads one Feature.
    public static func feature(from value: JSONValue, path: String) throws(GeoCoreError) -> Feature {
        let object = try requireObject(value, path: path, expected: "a Feature object")
        try requireType(object, "Feature", path: path)
        var id: JSONValue?
        switch object["id"] {
        case nil, .null?: id = nil
        case .string?, .number?: id = object["id"]
        case let other?:
            throw .geoJSON(path: join(path, "id"), message: "a feature id must be a string or a number, not \(other.typeName)")
        }
        var geometryValue: Geometry?
        switch object["geometry"] {
        case nil:
            throw .geoJSON(path: path, message: "a Feature needs a \"geometry\" member (null if it has none)")
        case .null?: geometryValue = nil
        case let g?: geometryValue = try geometry(from: g, path: join(path, "geometry"))
        }
        var properties: [String: JSONValue] = [:]
        switch object["properties"] {
        case nil, .null?: break
        case .object(let p)?: properties = p
        case let other?:
            throw .geoJSON(path: join(path, "properties"), message: "properties must be an object or null, not \(other.typeName)")
        }
        return Feature(id: id, geometry: geometryValue, properties: properties)
    }

    /// Reads one geometry object.
    public static func geometry(from value: JSONValue, path: String) throws(GeoCoreError) -> Geometry {
        let object = try requireObject(value, path: path, expected: "a geometry object")
        guard let type = object["type"]?.stringValue else {
            throw .geoJSON(path: path, message: "a geometry needs a \"type\" string")
        }
        if type == "GeometryCollection" {
            guard let list = object["geometries"]?.arrayValue else {
                throw .geoJSON(path: path, message: "a GeometryCollection needs a \"geometries\" array")
            }
            var parts: [Geometry] = []
            for (i, item) in list.enumerated() {
                parts.append(try geometry(from: item, path: join(path, "geometries[\(i)]")))
            }
            return .geometryCollection(parts)
        }
        guard let coordinates = object["coordinates"] else {
            throw .geoJSON(path: path, message: "a \(type) needs a \"coordinates\" array")
        }
        let at = join(path, "coordinates")
        switch type {
        case "Point":
            return .point(try position(coordinates, path: at))
        case "MultiPoint":
            return .multiPoint(try positions(coordinates, path: at, minimum: 0, what: "MultiPoint"))
        case "LineString":
            return .lineString(try positions(coordinates, path: at, minimum: 2, what: "LineString"))
        case "MultiLineString":
            let lines = try array(coordinates, path: at)
            var out: [[Coordinate]] = []
            for (i, line) in lines.enumerated() {
                out.append(try positions(line, path: at + "[\(i)]", minimum: 2, what: "LineString"))
            }
            return .multiLineString(out)
        case "Polygon":
            return .polygon(try polygon(coordinates, path: at))
        case "MultiPolygon":
            let list = try array(coordinates, path: at)
            var out: [Polygon] = []
            for (i, p) in list.enumerated() { out.append(try polygon(p, path: at + "[\(i)]")) }
            return .multiPolygon(out)
        default:
            let known = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]
            let hint = known.first { $0.lowercased() == type.lowercased() }.map { " (did you mean \"\($0)\"?)" } ?? ""
            throw .geoJSON(path: join(path, "type"), message: "unknown geometry type \"\(type)\"\(hint)")
        }
    }

    private static func polygon(_ value: JSONValue, path: String) throws(GeoCoreError) -> Polygon {
        let rings = try array(value, path: path)
        guard !rings.isEmpty else { return Polygon(exterior: []) }
        var out: [[Coordinate]] = []
        for (i, ring) in rings.enumerated() {
            let at = path + "[\(i)]"
            let cs = try positions(ring, path: at, minimum: 4, what: "linear ring")
            guard cs.first == cs.last else {
                throw .geoJSON(path: at, message: "a linear ring must be closed (its first and last positions equal)")
            }
            out.append(cs)
        }
        return Polygon(exterior: out[0], holes: Array(out.dropFirst()))
    }

    private static func positions(_ value: JSONValue, path: String, minimum: Int, what: String) throws(GeoCoreError) -> [Coordinate] {
        let list = try array(value, path: path)
        if !list.isEmpty && list.count < minimum {
            throw .geoJSON(path: path, message: "a \(what) needs at least \(minimum) positions, found \(list.count)")
        }
        var out: [Coordinate] = []
        out.reserveCapacity(list.count)
        for (i, item) in list.enumerated() { out.append(try position(item, path: path + "[\(i)]")) }
        return out
    }

    private static func position(_ value: JSONValue, path: String) throws(GeoCoreError) -> Coordinate {
        guard case .array(let numbers) = value, numbers.count >= 2,
              let longitude = numbers[0].numberValue, let latitude = numbers[1].numberValue
        else {
            throw .geoJSON(path: path, message: "a position must be an array of 2 or 3 numbers [longitude, latitude]")
        }
        let coordinate = Coordinate(longitude: longitude, latitude: latitude)
        if let reason = coordinate.invalidityReason {
            throw .geoJSON(path: path, message: "\(reason) (positions are [longitude, latitude])")
        }
        return coordinate
    }

    private static func array(_ value: JSONValue, path: String) throws(GeoCoreError) -> [JSONValue] {
        guard case .array(let list) = value else {
            throw .geoJSON(path: path, message: "expected an array, found \(value.typeName)")
        }
        return list
    }

    private static func requireObject(_ value: JSONValue, path: String, expected: String) throws(GeoCoreError) -> [String: JSONValue] {
        guard case .object(let object) = value else {
            throw .geoJSON(path: path, message: "expected \(expected), found \(value.typeName)")
        }
        return object
    }

    private static func requireType(_ object: [String: JSONValue], _ type: String, path: String) throws(GeoCoreError) {
        guard let found = object["type"]?.stringValue else {
            throw .geoJSON(path: path, message: "missing \"type\": \"\(type)\"")
        }
        guard found == type else {
            throw .geoJSON(path: join(path, "type"), message: "expected \"\(type)\", found \"\(found)\"")
        }
    }

    private static func join(_ path: String, _ member: String) -> String {
        path.isEmpty ? member : path + "." + member
    }

    // MARK: Encoding

    /// The JSON value of a geometry, with RFC 7946 ring orientation.
    public static func value(of geometry: Geometry, fractionDigits: Int? = nil) -> JSONValue {
        func pos(_ c: Coordinate) -> JSONValue {
            .array([.number(round(c.longitude, fractionDigits)), .number(round(c.latitude, fractionDigits))])
        }
        func line(_ cs: [Coordinate]) -> JSONValue { .array(cs.map(pos)) }
        func polygon(_ p: Polygon) -> JSONValue {
            var rings = [oriented(p.exterior, counterClockwise: true)]
            rings += p.holes.map { oriented($0, counterClockwise: false) }
            return .array(rings.map(line))
        }
        switch geometry {
        case .point(let c):
            return ["type": "Point", "coordinates": pos(c)]
        case .multiPoint(let cs):
            return ["type": "MultiPoint", "coordinates": line(cs)]
        case .lineString(let cs):
            return ["type": "LineString", "coordinates": line(cs)]
        case .multiLineString(let lines):
            return ["type": "MultiLineString", "coordinates": .array(lines.map(line))]
        case .polygon(let p):
            return ["type": "Polygon", "coordinates": p.exterior.isEmpty ? [] : polygon(p)]
        case .multiPolygon(let ps):
            return ["type": "MultiPolygon", "coordinates": .array(ps.map(polygon))]
        case .geometryCollection(let gs):
            return ["type": "GeometryCollection", "geometries": .array(gs.map { value(of: $0, fractionDigits: fractionDigits) })]
        }
    }

    /// The JSON value of a feature.
    public static func value(of feature: Feature, fractionDigits: Int? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "type": "Feature",
            "geometry": feature.geometry.map { value(of: $0, fractionDigits: fractionDigits) } ?? .null,
            "properties": .object(feature.properties),
        ]
        if let id = feature.id { object["id"] = id }
        return .object(object)
    }

    /// Member order that puts `type` first, as people expect to read GeoJSON.
    public static let writer = JSONWriter(leadingKeys: ["type", "id", "geometry", "properties", "coordinates", "geometries", "features"])

    /// GeoJSON text of a collection: one feature per line, so files diff line by line.
    public static func encode(_ collection: FeatureCollection, fractionDigits: Int? = nil) throws(GeoCoreError) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        for (i, feature) in collection.features.enumerated() {
            out += try writer.string(value(of: feature, fractionDigits: fractionDigits))
            out += i + 1 < collection.features.count ? ",\n" : "\n"
        }
        out += "]}\n"
        return out
    }

    /// GeoJSON text of one geometry.
    public static func encode(_ geometry: Geometry, fractionDigits: Int? = nil) throws(GeoCoreError) -> String {
        try writer.string(value(of: geometry, fractionDigits: fractionDigits))
    }

    private static func round(_ value: Double, _ digits: Int?) -> Double {
        guard let digits else { return value }
        let scale = pow(10.0, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// Twice the signed planar area of a ring (positive when counter-clockwise).
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude
        }
        return sum
    }

    static func oriented(_ ring: [Coordinate], counterClockwise: Bool) -> [Coordinate] {
        let area = signedArea(ring)
        if area == 0 || (area > 0) == counterClockwise { return ring }
        return ring.reversed()
    }
}
