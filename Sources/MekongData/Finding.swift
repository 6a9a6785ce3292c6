/// One problem found in the data: where (file and feature id) and why.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is: an error stops loading, a warning is reported beside the data, a note
    /// only informs.
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note
        /// Most severe first: `error < warning < note`, so sorting puts errors at the top.
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// Whether the finding stops loading (``Severity/error``) or is only reported.
    public var severity: Severity
    /// File name inside the data directory, e.g. `links.geojson`.
    public var file: String
    /// The feature's id, or its position (`features[12]`) when it has no usable id.
    public var feature: String?
    /// A short machine-readable rule name, e.g. `dangling-reference`.
    public var rule: String
    /// What is wrong and, where it can, how to fix it, for a person.
    public var message: String

    /// A finding; `feature` is nil for a problem with the file as a whole.
    public init(_ severity: Severity, file: String, feature: String? = nil, rule: String, _ message: String) {
        self.severity = severity; self.file = file; self.feature = feature; self.rule = rule; self.message = message
    }

    /// One line: `severity: file [feature]: message (rule)`.
    public var description: String {
        "\(severity.rawValue): \(file)\(feature.map { " [\($0)]" } ?? ""): \(message) (\(rule))"
    }
}

/// Loading stopped because the data has errors; nothing was half-loaded.
public struct DataError: Error, Sendable, CustomStringConvertible {
    /// Where the data was read from, as ``DataSource/description`` gives it.
    public var directory: String
    /// Every finding of the load, warnings and notes included; ``description`` shows the errors.
    public var findings: [Finding]

    /// The error for the findings of a load from `directory`.
    public init(directory: String, findings: [Finding]) {
        self.directory = directory
        self.findings = findings
    }

    /// The count of errors and the first ten of them, and the `mekong validate` command that lists
    /// them all.
    public var description: String {
        let errors = findings.filter { $0.severity == .error }
        let shown = errors.prefix(10).map { "  " + $0.description }.joined(separator: "\n")
        let more = errors.count > 10 ? "\n  … and \(errors.count - 10) more" : ""
        return "the data in \(directory) has \(errors.count) error(s); run `mekong validate --data \(directory)` for all of them:\n\(shown)\(more)"
    }
}
