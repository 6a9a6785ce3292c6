import VectorIO

/// Why an import could not be done; nothing is written when one is thrown.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// A source or the mapping file cannot be read at all.
    case cannotRead(path: String, reason: String)
    /// GDAL refused a source, a layer or a field (its message is kept).
    case source(VectorIOError)
    /// The mapping file is wrong; the reason names the key and the allowed values.
    case mapping(path: String, reason: String)
    /// The sources hold no feature the mapping keeps.
    case empty(reason: String)
    /// The mapping reads a field the layer does not have (and the layer has no tags to look in).
    case fieldMissing(field: String, layer: String, path: String, fields: [String])

    /// One sentence naming the file and what to do.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .source(let error): error.description
        case .mapping(let path, let reason): "the mapping \(path) is wrong: \(reason)"
        case .empty(let reason): reason
        case .fieldMissing(let field, let layer, let path, let fields):
            "the mapping reads the field \"\(field)\", which the layer \"\(layer)\" of \(path) does not have; its fields: \(fields.joined(separator: ", ")). "
                + "The default mapping is for OSM extracts: for other data give --mapping (mekong import --print-mapping shows the form)"
        }
    }

    /// True when GDAL itself is missing (an environment problem, not the data's).
    public var isUnavailable: Bool {
        if case .source(let error) = self { return error.isUnavailable }
        return false
    }
}
