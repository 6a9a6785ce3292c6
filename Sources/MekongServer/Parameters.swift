import Foundation
import GeoCore
import MekongData
import MekongReports

/// The parameters of one request: the query string's, and a posted JSON object's members, by
/// name. A parameter may repeat (`via=a&via=b`); list parameters also split on `;` as OSRM's do.
public struct Parameters: Sendable {
    /// Values by name, in the order given.
    public private(set) var values: [String: [String]] = [:]
    /// The `edits` member of a posted scenario, kept as JSON for the scenario reader.
    public private(set) var edits: JSONValue?

    /// The longest value taken, in characters: names and ids are short, and a long value is a
    /// mistake or an attack, not a place.
    public static let longestValue = 100
    /// The longest value of a list parameter (`sources=a;b;c`), about fifty place ids. A URI
    /// longer than ``MekongAPI/Limits/uriBytes`` is refused whole (414) before its values are read.
    public static let longestList = 1000
    /// The most values taken for one name.
    public static let mostValues = 100

    /// No parameters.
    public init() {}

    /// Parameters read from a raw query string (`a=1&b=x%20y`, `+` for a space).
    /// - Throws: ``APIError`` for a value too long or not UTF-8 after decoding.
    public init(query: String?) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws(APIError) -> String {
                let text = s.replacingOccurrences(of: "+", with: " ")
                guard let decoded = text.removingPercentEncoding else {
                    throw APIError(status: 400, code: "InvalidQuery", message: "the query string has a malformed %-escape in \"\(text.prefix(40))\"")
                }
                return decoded
            }
            let name = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            try add(name, value)
        }
    }

    /// Adds a value, refusing one too long and names given too often.
    mutating func add(_ name: String, _ value: String, inBody: Bool = false) throws(APIError) {
        let longest = Self.bodyTypes[name] == "array" && !inBody ? Self.longestList : Self.longestValue
        guard value.count <= longest else {
            throw .tooBig(name, "the value is \(value.count) characters long; at most \(longest)")
        }
        guard name.count <= Self.longestValue else { throw APIError(status: 400, code: "InvalidQuery", message: "a parameter name is too long") }
        guard values[name, default: []].count < Self.mostValues else { throw .tooBig(name, "given more than \(Self.mostValues) times") }
        values[name, default: []].append(value)
    }

    /// The JSON type a posted member must have, by parameter name (as the OpenAPI document
    /// declares it); a name not listed is a string.
    static let bodyTypes: [String: String] = [
        "year": "integer", "alternatives": "integer", "against_year": "integer", "base_year": "integer", "limit": "integer",
        "snap_km": "number", "buffer_km": "number", "within_km": "number", "no_permit": "boolean",
        "via": "array", "avoid": "array", "with": "array", "without": "array", "sources": "array", "destinations": "array",
        "kind": "array", "layers": "array", "against_with": "array", "against_without": "array", "point": "array",
    ]

    /// Adds the members of a posted JSON object: strings, numbers and booleans as text, arrays
    /// as repeated values, `edits` kept whole. Each member must have its declared JSON type.
    /// - Throws: ``APIError`` when the body is not a JSON object or a member has the wrong type.
    public mutating func addBody(_ data: Data) throws(APIError) {
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch {
            throw APIError(status: 400, code: "InvalidQuery", message: "the body is not JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw APIError(status: 400, code: "InvalidQuery", message: "the body must be a JSON object of parameters, not \(value.typeName)")
        }
        for (name, member) in object.sorted(by: { $0.key < $1.key }) {
            if name == "edits" {
                guard member.arrayValue != nil else { throw .invalid(name, "edits must be an array of edits, not \(member.typeName)") }
                edits = member; continue
            }
            let expected = Self.bodyTypes[name] ?? "string"
            let matches: Bool
            switch (expected, member) {
            case ("integer", .number(let n)): matches = n.rounded() == n
            case ("number", .number), ("boolean", .bool), ("string", .string): matches = true
            case ("array", .array(let items)): matches = items.allSatisfy { $0.stringValue != nil }
            default: matches = false
            }
            guard matches else { throw .invalid(name, "must be \(expected == "array" ? "an array of strings" : "a JSON \(expected)"), not \(member.typeName)") }
            let items = member.arrayValue ?? [member]
            for item in items {
                switch item {
                case .string(let s): try add(name, s, inBody: true)
                case .number(let n): try add(name, n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n))
                case .bool(let b): try add(name, b ? "true" : "false")
                case .null: continue
                default: throw .invalid(name, "must be a string, a number, a boolean or an array of them, not \(item.typeName)")
                }
            }
        }
    }

    /// Refuses any parameter not in `known`, naming the closest known one.
    public func check(known: [String]) throws(APIError) {
        for name in values.keys.sorted() where !known.contains(name) {
            let closest = Suggestions.closest(to: name, among: known)
            throw APIError(status: 400, code: "InvalidQuery", message: "unknown parameter \"\(name)\"\(closest.isEmpty ? "" : "; did you mean \(closest[0])?")",
                           parameter: name, suggestions: closest)
        }
        if edits != nil && !known.contains("edits") {
            throw APIError(status: 400, code: "InvalidQuery", message: "this endpoint takes no scenario edits", parameter: "edits")
        }
    }

    /// The single value of `name`, nil when absent.
    /// - Throws: ``APIError`` when given more than once.
    public func string(_ name: String) throws(APIError) -> String? {
        guard let list = values[name], !list.isEmpty else { return nil }
        guard list.count == 1 else { throw .invalid(name, "give it once, not \(list.count) times") }
        return list[0]
    }

    /// The value of `name`, which must be there.
    public func required(_ name: String) throws(APIError) -> String {
        guard let text = try string(name), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(status: 400, code: "InvalidQuery", message: "\(name) is required", parameter: name)
        }
        return text
    }

    /// Every value of `name`, repeated or `;`-separated, blanks dropped.
    public func list(_ name: String) -> [String] {
        (values[name] ?? []).flatMap { $0.split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// A whole number in `range`, or nil when absent.
    public func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = try string(name) else { return nil }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else { throw .invalid(name, "\"\(text.prefix(40))\" is not a whole number") }
        guard range.contains(n) else {
            throw .invalid(name, "\(n) is outside \(range.lowerBound)–\(range.upperBound)", suggestions: [String(min(max(n, range.lowerBound), range.upperBound))])
        }
        return n
    }

    /// A finite number in `range`, or nil when absent.
    public func double(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let text = try string(name) else { return nil }
        try Self.number(text, name: name, in: range)
        return Double(text.trimmingCharacters(in: .whitespaces))
    }

    /// Checks that `text` is a finite number in `range`.
    @discardableResult
    static func number(_ text: String, name: String, in range: ClosedRange<Double>) throws(APIError) -> Double {
        guard let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite else {
            throw .invalid(name, "\"\(text.prefix(40))\" is not a number")
        }
        guard range.contains(x) else {
            throw .invalid(name, "\(text) is outside \(range.lowerBound)–\(range.upperBound)", suggestions: [String(min(max(x, range.lowerBound), range.upperBound))])
        }
        return x
    }

    /// A true/false flag, false when absent.
    public func flag(_ name: String) throws(APIError) -> Bool {
        guard let text = try string(name) else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalid(name, "\"\(text.prefix(40))\" is not true or false", suggestions: ["true", "false"])
        }
    }

    /// One of `choices` (case-insensitive), or nil when absent; otherwise the closest choices.
    public func choice(_ name: String, among choices: [String]) throws(APIError) -> String? {
        guard let text = try string(name) else { return nil }
        let lowered = text.lowercased()
        guard choices.contains(lowered) else {
            let closest = Suggestions.closest(to: lowered, among: choices)
            throw .invalid(name, "\"\(text.prefix(40))\" is not one of \(choices.joined(separator: ", "))", suggestions: closest.isEmpty ? choices : closest)
        }
        return lowered
    }
}
