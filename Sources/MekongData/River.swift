import GeoCore

/// A river as a line, used to check that every road crossing it is a bridge or a ferry.
public struct River: Sendable, Hashable, Identifiable {
    public var id: RiverID
    public var name: String
    public var aliases: [String]
    public var source: String
    public var geometry: Geometry

    public init(id: RiverID, name: String, aliases: [String] = [], source: String, geometry: Geometry) {
        self.id = id; self.name = name; self.aliases = aliases; self.source = source; self.geometry = geometry
    }
}
