import GeoCore

/// What a place is, as far as the network cares.
public enum PlaceKind: String, Sendable, CaseIterable, Codable {
    case city, port, airport, border, sez, junction
}

/// A point of the network: a city, a port, an airport, one post of a border crossing, a special
/// economic zone or a road junction. Links run from place to place.
public struct Place: Sendable, Hashable, Identifiable {
    public var id: PlaceID
    public var name: String
    public var aliases: [String]
    public var kind: PlaceKind
    /// ISO 3166-1 alpha-3.
    public var country: String
    /// Inhabitants (cities), from the census or estimate named in `source`.
    public var population: Int?
    /// A population must lie in this range: no municipality of the region reaches 40 million,
    /// and population-weighted sums of many cities must stay far from integer overflow.
    public static let populationRange = 1...100_000_000
    public var period: ServicePeriod
    /// The Action Plan project that built it.
    public var project: ProjectID?
    public var source: String
    public var coordinate: Coordinate

    public init(id: PlaceID, name: String, aliases: [String] = [], kind: PlaceKind, country: String,
                population: Int? = nil, period: ServicePeriod = ServicePeriod(), project: ProjectID? = nil,
                source: String, coordinate: Coordinate) {
        self.id = id; self.name = name; self.aliases = aliases; self.kind = kind; self.country = country
        self.population = population; self.period = period; self.project = project; self.source = source
        self.coordinate = coordinate
    }
}
