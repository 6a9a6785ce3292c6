/// Why a map could not be drawn or read.
public enum MapError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cairo refused an operation; `message` is `cairo_status_to_string`'s text.
    case cairo(operation: String, message: String)
    /// PROJ could not place the map's content or extent in the map's projection.
    case projection(String)
    /// The request cannot make a map: nothing to show, an extent of no size, a size out of bounds.
    case invalidRequest(String)
    /// The base map file is missing or malformed.
    case basemap(String)

    /// The reason, for a person.
    public var description: String {
        switch self {
        case .cairo(let operation, let message): "Cairo failed to \(operation): \(message)"
        case .projection(let message): "the map projection failed: \(message)"
        case .invalidRequest(let message): message
        case .basemap(let message): "the base map could not be read: \(message)"
        }
    }
}
