import Foundation

/// The web map at `/`: the page, its script, Leaflet's files and the base layer.
enum WebMap {
    /// The answer for a page path, nil for an API path.
    static func response(method: String, path: String) throws(APIError) -> APIResponse? {
        nil
    }
}
