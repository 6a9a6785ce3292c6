import Foundation

/// A JSON value with its type kept: the property values of GeoJSON features and the records of
/// the project's JSON files.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The string, or nil for any other type (no conversion from numbers).
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The number, or nil for any other type; JSON has one number type, kept as `Double`.
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// The Boolean, or nil for any other type (no truthiness: `0` and `""` are nil).
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The elements, or nil when the value is not an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The members, or nil when the value is not an object.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }

    /// The number when it is a whole number that fits an `Int`.
    public var intValue: Int? {
        guard case .number(let n) = self, n.rounded() == n, abs(n) < 9.0e15 else { return nil }
        return Int(n)
    }

    /// The JSON type name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member named `key`, or nil when it is absent or the value is not an object.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: Codable {
    /// Decodes whatever JSON the decoder holds, trying null, Boolean, number, string, array and
    /// object in turn.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the same JSON type it holds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n): try container.encode(n)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string literal as `.string`, so properties read `["name": "Pakse"]`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A floating-point literal as `.number`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// An integer literal as `.number`; JSON does not tell integers from reals.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A Boolean literal as `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal as `.array`.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal as `.object`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    /// `nil` as JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// Parses JSON text. Errors name the line and column where parsing failed.
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ data: Data) throws(GeoCoreError) -> JSONValue {
        try JSONParser.parse(data)
    }
}

/// Writes JSON deterministically: keys in a chosen order, whole numbers without a fraction,
/// other numbers in Swift's shortest round-trip form, so a file diffs cleanly after an edit.
public struct JSONWriter: Sendable {
    /// Keys written first, in this order; the others follow alphabetically.
    public var leadingKeys: [String]
    /// Fraction digits kept for numbers (nil: shortest round-trip form).
    public var maximumFractionDigits: Int?

    /// A writer with `leadingKeys` first in each object; by default keys are all sorted and numbers
    /// keep their shortest round-trip form.
    public init(leadingKeys: [String] = [], maximumFractionDigits: Int? = nil) {
        self.leadingKeys = leadingKeys
        self.maximumFractionDigits = maximumFractionDigits
    }

    /// The compact JSON text of `value`.
    ///
    /// - Throws: ``GeoCoreError/geoJSON(path:message:)`` for a number JSON cannot hold (NaN, ∞).
    /// - Complexity: O(n) in the size of the value, plus sorting each object's keys.
    public func string(_ value: JSONValue) throws(GeoCoreError) -> String {
        var out = ""
        guard write(value, into: &out) else {
            // Only on failure is the path of the offending number worked out: carrying it down
            // every value took a third of a route's rendering time in `mekong serve`.
            let (path, n) = firstNonFiniteNumber(in: value, path: "") ?? ("", .nan)
            throw .geoJSON(path: path, message: "\(n) cannot be written as a JSON number")
        }
        return out
    }

    func orderedKeys(_ object: [String: JSONValue]) -> [String] {
        let leading = leadingKeys.filter { object[$0] != nil }
        let rest = object.keys.filter { !leadingKeys.contains($0) }.sorted()
        return leading + rest
    }

    /// Appends the text of `value`; false when a number is not finite (the text is then partial).
    private func write(_ value: JSONValue, into out: inout String) -> Bool {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            guard let text = Self.finiteNumber(n, maximumFractionDigits: maximumFractionDigits) else { return false }
            out += text
        case .string(let s): Self.appendQuoted(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                guard write(item, into: &out) else { return false }
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, key) in orderedKeys(object).enumerated() {
                if i > 0 { out += "," }
                Self.appendQuoted(key, to: &out)
                out += ":"
                guard write(object[key]!, into: &out) else { return false }
            }
            out += "}"
        }
        return true
    }

    /// The path (`.a[2].b`) and value of the first number in `value` that is not finite, in
    /// writing order.
    private func firstNonFiniteNumber(in value: JSONValue, path: String) -> (String, Double)? {
        switch value {
        case .number(let n): return n.isFinite ? nil : (path, n)
        case .array(let items):
            for (i, item) in items.enumerated() { if let found = firstNonFiniteNumber(in: item, path: path + "[\(i)]") { return found } }
            return nil
        case .object(let object):
            for key in orderedKeys(object) { if let found = firstNonFiniteNumber(in: object[key]!, path: path + ".\(key)") { return found } }
            return nil
        default: return nil
        }
    }

    /// The text of a finite number, nil for NaN and infinities.
    static func finiteNumber(_ n: Double, maximumFractionDigits: Int?) -> String? {
        guard n.isFinite else { return nil }
        var value = n
        if let digits = maximumFractionDigits {
            let scale = pow(10.0, Double(digits))
            value = (n * scale).rounded() / scale
        }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// JSON text of one number.
    public static func number(
        _ n: Double, maximumFractionDigits: Int? = nil, path: [String] = []
    ) throws(GeoCoreError) -> String {
        guard let text = finiteNumber(n, maximumFractionDigits: maximumFractionDigits) else {
            throw .geoJSON(path: path.joined(), message: "\(n) cannot be written as a JSON number")
        }
        return text
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        // Most strings need no escape: append them whole rather than scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(format: "%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }
}
