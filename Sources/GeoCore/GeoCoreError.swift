/// Every failure GeoCore reports, with the C library's own message where there is one.
public enum GeoCoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A coordinate that is not finite or lies outside the graticule.
    case invalidCoordinate(Coordinate, reason: String)
    /// A GEOS call failed; `message` is what GEOS said through its error handler.
    case geos(operation: String, message: String)
    /// A geometry GEOS cannot represent or an argument that makes no sense for it.
    case invalidGeometry(String)
    /// PROJ could not build or run a transformation; `message` is PROJ's log text.
    case proj(operation: String, message: String)
    /// Some points of a batch transform failed (PROJ returned `inf`); indices are 0-based.
    case transformFailed(indices: [Int], message: String)
    /// Malformed GeoJSON; `path` locates the problem (e.g. `features[3].geometry.coordinates`).
    case geoJSON(path: String, message: String)

    /// One line for a user: what failed and GEOS's, PROJ's or the reader's own reason.
    public var description: String {
        switch self {
        case .invalidCoordinate(let coordinate, let reason):
            return "invalid coordinate \(coordinate): \(reason)"
        case .geos(let operation, let message):
            return "GEOS \(operation) failed: \(message)"
        case .invalidGeometry(let message):
            return "invalid geometry: \(message)"
        case .proj(let operation, let message):
            return "PROJ \(operation) failed: \(message)"
        case .transformFailed(let indices, let message):
            let shown = indices.prefix(5).map(String.init).joined(separator: ", ")
            let more = indices.count > 5 ? " and \(indices.count - 5) more" : ""
            return "PROJ could not transform \(indices.count) point(s) (index \(shown)\(more)): \(message)"
        case .geoJSON(let path, let message):
            return path.isEmpty ? "GeoJSON: \(message)" : "GeoJSON at \(path): \(message)"
        }
    }
}
