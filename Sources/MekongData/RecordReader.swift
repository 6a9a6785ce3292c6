import GeoCore

/// Reads the typed fields of one JSON record (a feature's properties or a JSON object), turning
/// every missing field, wrong type and unknown value into a ``Finding`` that names the file, the
/// feature and the field, instead of failing on the first.
struct RecordReader {
    let object: [String: JSONValue]
    let file: String
    let feature: String
    /// Put before every key in messages: `source.` for the object under `source`.
    let keyPrefix: String
    private(set) var findings: [Finding] = []
    /// The keys asked for, in order: a record has a score of them, where an array is cheaper
    /// than hashing each into a set (hashing was an eighth of loading the data).
    private var read: [String] = []

    /// The years any date in the data may take. Wide on purpose: it catches typos (`201`,
    /// `20150`) without judging history, and is the one bound for every year a record carries.
    static let plausibleYears = 1800...2100

    init(_ object: [String: JSONValue], file: String, feature: String, keyPrefix: String = "") {
        self.object = object
        self.file = file
        self.feature = feature
        self.keyPrefix = keyPrefix
    }

    /// A key as messages show it, quoted and with its prefix: `"source.url"`.
    func quoted(_ key: String) -> String { "\"\(keyPrefix)\(key)\"" }

    mutating func error(_ rule: String, _ message: String) {
        findings.append(Finding(.error, file: file, feature: feature, rule: rule, message))
    }

    mutating func warning(_ rule: String, _ message: String) {
        findings.append(Finding(.warning, file: file, feature: feature, rule: rule, message))
    }

    private mutating func value(_ key: String, required: Bool) -> JSONValue? {
        if !read.contains(key) { read.append(key) }
        guard let v = object[key], v != .null else {
            if required { error("missing-field", "missing required property \(quoted(key))") }
            return nil
        }
        return v
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key, required: required) else { return nil }
        guard let s = v.stringValue else { error("wrong-type", "\(quoted(key)) must be a string, not \(v.typeName)"); return nil }
        // A cheap blank test: Foundation's trimming was a sixth of a route's start-up.
        if required && s.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { error("missing-field", "\(quoted(key)) is empty"); return nil }
        return s
    }

    mutating func strings(_ key: String) -> [String] {
        guard let v = value(key, required: false) else { return [] }
        guard let list = v.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            error("wrong-type", "\(quoted(key)) must be an array of strings"); return []
        }
        return list.compactMap(\.stringValue)
    }

    mutating func number(_ key: String, required: Bool = false) -> Double? {
        guard let v = value(key, required: required) else { return nil }
        guard let n = v.numberValue else { error("wrong-type", "\(quoted(key)) must be a number, not \(v.typeName)"); return nil }
        return n
    }

    mutating func integer(_ key: String, required: Bool = false) -> Int? {
        guard let v = value(key, required: required) else { return nil }
        guard let n = v.intValue else { error("wrong-type", "\(quoted(key)) must be a whole number, not \(v)"); return nil }
        return n
    }

    mutating func year(_ key: String, required: Bool = false) -> Int? {
        guard let y = integer(key, required: required) else { return nil }
        let years = Self.plausibleYears
        guard years.contains(y) else {
            error("bad-year", "\(quoted(key)) \(y) is not a plausible year (\(years.lowerBound)–\(years.upperBound))"); return nil
        }
        return y
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let v = value(key, required: false) else { return nil }
        guard let b = v.boolValue else { error("wrong-type", "\(quoted(key)) must be true or false, not \(v.typeName)"); return nil }
        return b
    }

    mutating func object(_ key: String, required: Bool = false) -> [String: JSONValue]? {
        guard let v = value(key, required: required) else { return nil }
        guard let o = v.objectValue else { error("wrong-type", "\(quoted(key)) must be an object, not \(v.typeName)"); return nil }
        return o
    }

    /// An array of objects, each read by `parse` with a reader of its own whose findings are
    /// reported under this feature, prefixed with the key and index ("regimes[1]: …").
    mutating func records<T>(_ key: String, parse: (inout RecordReader) -> T?) -> [T] {
        guard let v = value(key, required: false) else { return [] }
        guard let list = v.arrayValue else { error("wrong-type", "\"\(key)\" must be an array of objects, not \(v.typeName)"); return [] }
        var out: [T] = []
        for (i, item) in list.enumerated() {
            guard let object = item.objectValue else { error("wrong-type", "\(key)[\(i)] must be an object, not \(item.typeName)"); continue }
            var inner = RecordReader(object, file: file, feature: feature)
            let parsed = parse(&inner)
            inner.reportUnknownKeys()
            for f in inner.findings {
                findings.append(Finding(f.severity, file: file, feature: feature, rule: f.rule, "\(key)[\(i)]: \(f.message)"))
            }
            if let parsed, !inner.findings.contains(where: { $0.severity == .error }) { out.append(parsed) }
        }
        return out
    }

    /// A day written `YYYY-MM-DD`.
    mutating func day(_ key: String, required: Bool = false) -> DayDate? {
        guard let s = string(key, required: required) else { return nil }
        guard let d = DayDate(parsing: s) else { error("bad-date", "\"\(key)\" \"\(s)\" is not a day written YYYY-MM-DD"); return nil }
        return d
    }

    /// Hours by profile id, each within `range`.
    mutating func hoursByProfile(_ key: String, range: ClosedRange<Double>) -> [ProfileID: Double]? {
        guard let object = object(key) else { return nil }
        var out: [ProfileID: Double] = [:]
        for (profile, value) in object {
            guard let hours = value.numberValue, range.contains(hours) else {
                error("bad-value", "\(key).\(profile) must be a number of hours from \(ProfileBounds.text(range))")
                continue
            }
            out[ProfileID(profile)] = hours
        }
        return out
    }

    /// An object read by its own reader, whose findings (with keys shown as `key.field`) and
    /// unknown properties join this one's.
    mutating func nested<T>(_ key: String, required: Bool = false, _ parse: (inout RecordReader) -> T?) -> T? {
        guard let object = object(key, required: required) else { return nil }
        var reader = RecordReader(object, file: file, feature: feature, keyPrefix: "\(keyPrefix)\(key).")
        let parsed = parse(&reader)
        reader.reportUnknownKeys()
        findings += reader.findings
        return parsed
    }

    /// A value from a closed list; an unknown one is reported with the closest allowed choice.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let s = string(key, required: required) else { return nil }
        if let v = T(rawValue: s) { return v }
        let allowed = T.allCases.map(\.rawValue)
        error("unknown-value", "\(quoted(key)) is \"\(s)\"; allowed: \(allowed.joined(separator: ", "))\(Suggestions.hint(for: s, among: allowed))")
        return nil
    }

    mutating func id<T: SlugIdentifier>(_ key: String, _ type: T.Type, required: Bool = false) -> T? {
        guard let s = string(key, required: required) else { return nil }
        let id = T(s)
        if !id.isWellFormedSlug { error("bad-id", "\(quoted(key)) \"\(s)\" is not a lowercase slug (a-z, 0-9, single hyphens)") }
        return id
    }

    /// Reports properties that no reader asked for: usually a typo of a known name.
    mutating func reportUnknownKeys() {
        for key in object.keys.sorted() where !read.contains(key) {
            warning("unknown-property", "unknown property \(quoted(key))\(Suggestions.hint(for: key, among: read))")
        }
    }
}
