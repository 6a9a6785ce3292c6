import GeoCore

/// A river as a line, used to check that every road crossing it is a bridge or a ferry.
public struct River: Sendable, Hashable, Identifiable {
    /// The unique slug, e.g. `mekong`.
    public var id: RiverID
    /// The display name, used in the finding of a road that crosses it.
    public var name: String
    /// Other names and spellings (e.g. "Mae Nam Khong"), carried into exports.
    public var aliases: [String]
    /// Where the line comes from, in prose.
    public var source: String
    /// The river's course: a LineString or MultiLineString, WGS84.
    public var geometry: Geometry

    /// A river as `rivers.geojson` gives it.
    public init(id: RiverID, name: String, aliases: [String] = [], source: String, geometry: Geometry) {
        self.id = id; self.name = name; self.aliases = aliases; self.source = source; self.geometry = geometry
    }
}
