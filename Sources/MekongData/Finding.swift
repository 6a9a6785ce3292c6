/// One problem found in the data: where (file and feature id) and why.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    /// File name inside the data directory, e.g. `links.geojson`.
    public var file: String
    /// The feature's id, or its position (`features[12]`) when it has no usable id.
    public var feature: String?
    /// A short machine-readable rule name, e.g. `dangling-reference`.
    public var rule: String
    public var message: String

    public init(_ severity: Severity, file: String, feature: String? = nil, rule: String, _ message: String) {
        self.severity = severity; self.file = file; self.feature = feature; self.rule = rule; self.message = message
    }

    public var description: String {
        "\(severity.rawValue): \(file)\(feature.map { " [\($0)]" } ?? ""): \(message) (\(rule))"
    }
}

/// Loading stopped because the data has errors; nothing was half-loaded.
public struct DataError: Error, Sendable, CustomStringConvertible {
    public var directory: String
    public var findings: [Finding]

    public init(directory: String, findings: [Finding]) {
        self.directory = directory
        self.findings = findings
    }

    public var description: String {
        let errors = findings.filter { $0.severity == .error }
        let shown = errors.prefix(10).map { "  " + $0.description }.joined(separator: "\n")
        let more = errors.count > 10 ? "\n  … and \(errors.count - 10) more" : ""
        return "the data in \(directory) has \(errors.count) error(s); run `mekong validate --data \(directory)` for all of them:\n\(shown)\(more)"
    }
}
