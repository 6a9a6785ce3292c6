import GeoCore

/// A stretch of road, a bridge, a ferry, a railway or a sea lane from one place to another.
/// Its geometry starts at `from` and ends at `to`.
public struct Link: Sendable, Hashable, Identifiable {
    /// The unique slug of the link, used by scenarios, projects and corridors to refer to it.
    public var id: LinkID
    /// The display name, e.g. "AH1 Hpa-an - Eindu".
    public var name: String
    /// Other names people use (e.g. "Third Mekong Bridge"), for name lookup.
    public var aliases: [String]
    /// The place the geometry starts at.
    public var from: PlaceID
    /// The place the geometry ends at.
    public var to: PlaceID
    /// How the link is travelled; decides which speed of a profile applies.
    public var mode: Mode
    /// The route number as signed, e.g. `NR9`, `QL1A`, `AH1`.
    public var route: String?
    /// The road's functional class; nil for links that are not roads.
    public var roadClass: RoadClass?
    /// Paved or unpaved, when known; nil reads as paved.
    public var surface: Surface?
    /// The state of repair, when known; nil reads as good.
    public var condition: Condition?
    /// The relief the road crosses; nil reads as flat.
    public var terrain: Terrain?
    /// True for a bridge (the structure itself, bank to bank).
    public var isBridge: Bool
    /// Crossing delays in hours by profile id on a link that crosses a national border; an empty
    /// dictionary means the profile's default delay applies. Nil: not a border link.
    public var borderDelayHours: [ProfileID: Double]?
    /// The length a source publishes, in km; when nil the geodesic length of the geometry is used.
    public var declaredLengthKm: Double?
    /// The first year the road was a divided highway (two lanes or more each way, a median);
    /// nil: never in the data. A road divided before the data's first year names that year.
    public var dividedSince: Int? = nil
    /// The speed no vehicle exceeds on this road, km/h, whatever its class: a signed limit, or a
    /// road whose state sets the pace of all traffic (a one-lane mountain road run as a convoy).
    /// Nil: the profile's speed for the class applies.
    public var maxSpeedKmh: Int? = nil
    /// Whether the link may be travelled only from `from` to `to`.
    public var oneway: Bool
    /// The years the link is in service.
    public var period: ServicePeriod
    /// Dated rules (closures, vehicle restrictions, delays), in time order.
    public var regimes: [Regime]
    /// The Action Plan project that built or upgraded it, if any.
    public var project: ProjectID?
    /// The project that replaced this feature.
    public var retiredBy: ProjectID?
    /// Where the data comes from: the sources and the checks made, in prose.
    public var source: String
    /// The alignment, longitude/latitude, from `from` to `to`.
    public var geometry: [Coordinate]

    /// A link as the data file gives it; optional attributes default to unknown or absent, and
    /// the period to "always in service".
    public init(id: LinkID, name: String, aliases: [String] = [], from: PlaceID, to: PlaceID, mode: Mode, route: String? = nil,
                roadClass: RoadClass? = nil, surface: Surface? = nil, condition: Condition? = nil, terrain: Terrain? = nil,
                isBridge: Bool = false, borderDelayHours: [ProfileID: Double]? = nil, declaredLengthKm: Double? = nil,
                oneway: Bool = false, period: ServicePeriod = ServicePeriod(), regimes: [Regime] = [], project: ProjectID? = nil,
                retiredBy: ProjectID? = nil, source: String, geometry: [Coordinate]) {
        self.id = id; self.name = name; self.aliases = aliases; self.from = from; self.to = to; self.mode = mode; self.route = route
        self.roadClass = roadClass; self.surface = surface; self.condition = condition; self.terrain = terrain; self.isBridge = isBridge
        self.borderDelayHours = borderDelayHours; self.declaredLengthKm = declaredLengthKm; self.oneway = oneway
        self.period = period; self.regimes = regimes; self.project = project; self.retiredBy = retiredBy; self.source = source
        self.geometry = geometry
    }

    /// Whether the road is a divided highway in `year`.
    public func isDivided(in year: Int) -> Bool { dividedSince.map { $0 <= year } ?? false }

    /// Whether the link crosses a national border.
    public var crossesBorder: Bool { borderDelayHours != nil }

    /// The length of the geometry on the WGS84 ellipsoid, in km.
    ///
    /// A link whose geometry is, bit for bit, the embedded data's takes the length PROJ gave when
    /// the binary was built (see `embed-geodata`): the same number, without loading PROJ at the
    /// start of every command. Any other geometry is measured by PROJ now, and is NaN when PROJ
    /// cannot be loaded; loading a data set or a scenario file refuses such data first
    /// (`ReferenceChecks.unmeasurableLength`), so no command routes on a NaN.
    /// - Complexity: O(n) in the points of the geometry.
    public var geodesicLengthKm: Double {
        if let stored = Self.embeddedGeodesicLength(of: id, geometry: geometry) { return stored / 1000 }
        return ((try? Geodesic.wgs84.lengthMetres(of: geometry)) ?? .nan) / 1000
    }

    /// The metres measured at build time for the embedded link `id`, when `geometry` is the one
    /// they were measured on; else nil.
    static func embeddedGeodesicLength(of id: LinkID, geometry: [Coordinate]) -> Double? {
        guard let entry = EmbeddedGeoData.linkGeodesicLengths[id.rawValue] else { return nil }
        return StoredGeodesicLength(fingerprint: entry.fingerprint, metres: Double(bitPattern: entry.metresBitPattern)).metres(for: geometry)
    }

    /// The length used for costs: the declared length when a source gives one, else geodesic.
    public var lengthKm: Double { declaredLengthKm ?? geodesicLengthKm }
}
