import GeoCore

/// What a place is, as far as the network cares.
public enum PlaceKind: String, Sendable, CaseIterable, Codable {
    case city, port, airport, border, sez, junction
}

/// A point of the network: a city, a port, an airport, one post of a border crossing, a special
/// economic zone or a road junction. Links run from place to place.
public struct Place: Sendable, Hashable, Identifiable {
    /// The unique slug of the place, used by links, scenarios and the CLI.
    public var id: PlaceID
    /// The display name, e.g. "Phnom Penh".
    public var name: String
    /// Other names and spellings people use (e.g. "Saigon"), for name lookup.
    public var aliases: [String]
    /// What the place is: it decides e.g. which places count as cities or seaports in gap analysis.
    public var kind: PlaceKind
    /// ISO 3166-1 alpha-3.
    public var country: String
    /// Inhabitants (cities), from the census or estimate named in `source`.
    public var population: Int?
    /// A population must lie in this range: no municipality of the region reaches 40 million,
    /// and population-weighted sums of many cities must stay far from integer overflow.
    public static let populationRange = 1...100_000_000
    /// The years the place is in service (a port or a border post opens and closes).
    public var period: ServicePeriod
    /// The Action Plan project that built it.
    public var project: ProjectID?
    /// Where the data comes from: the sources and the checks made, in prose.
    public var source: String
    /// The location, WGS84 longitude/latitude.
    public var coordinate: Coordinate

    /// A place as the data file gives it; the period defaults to "always in service".
    public init(id: PlaceID, name: String, aliases: [String] = [], kind: PlaceKind, country: String,
                population: Int? = nil, period: ServicePeriod = ServicePeriod(), project: ProjectID? = nil,
                source: String, coordinate: Coordinate) {
        self.id = id; self.name = name; self.aliases = aliases; self.kind = kind; self.country = country
        self.population = population; self.period = period; self.project = project; self.source = source
        self.coordinate = coordinate
    }
}
