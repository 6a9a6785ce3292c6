import GeoCore
import MekongAnalysis
import MekongData

/// Whether a gap is open in the map's scenario, or, in a comparison, closed or newly opened.
public enum GapStatus: String, Sendable, Hashable, CaseIterable {
    /// Present (in a comparison: present in both scenarios).
    case open
    /// Present before, gone after.
    case closed
    /// Absent before, present after.
    case opened
}

/// What a feature on the map stands for; the renderer gives each its colour, width, dash and
/// marker, and the legend shows each with its text. Values, not colours: the style lives in one
/// place (``MapStyle``).
public enum MapSymbol: Sendable, Hashable {
    /// A link of the network by mode and, for roads, class; `muted` draws it as grey context.
    case link(mode: Mode, roadClass: RoadClass?, muted: Bool)
    /// A route: rank 0 is the best, 1… the alternatives.
    case route(rank: Int)
    /// A corridor's routed line, by its index in a fixed palette.
    case corridor(index: Int)
    /// The area reached within a time budget.
    case reachArea
    /// A project's features by its status.
    case project(ProjectStatus)
    /// A link in service only in the later of two scenarios (built in between).
    case linkOpened
    /// A link in service only in the earlier of two scenarios (retired in between).
    case linkRetired
    /// A gap of a kind: each kind has its own marker shape; colour by kind, or by status in a comparison.
    case gap(GapKind, GapStatus, byStatus: Bool)
    /// A gap kind's marker shape alone, in grey: the legend of a map coloured by status.
    case gapKind(GapKind)
    /// A place by kind (a dot for cities, sized by population; small markers otherwise).
    case place(PlaceKind)
    /// The start or end of a route or reach.
    case endpoint

    /// Drawing order: lower first (areas, context, then thematic lines, then markers).
    var layer: Int {
        switch self {
        case .reachArea: 0
        case .link(_, _, let muted): muted ? 1 : 2
        case .linkRetired: 3
        case .corridor: 4
        case .project: 5
        case .linkOpened: 6
        case .route(let rank): 20 - min(rank, 9)
        case .gap, .gapKind: 21
        case .place: 22
        case .endpoint: 23
        }
    }
}

/// A label to place beside a feature: greedy placement puts the most important first and skips
/// one that would overlap a label already placed.
public struct MapLabel: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Higher goes first (e.g. the population of a city; endpoints above every city).
    public var priority: Double
    /// Bold type, for the route's ends and the title places.
    public var emphasised: Bool
    /// Counts against the map's ``Map/limitedLabels`` (city names): only the most important of
    /// these that fall inside the map are tried.
    public var limited: Bool

    /// A label with its priority (higher is placed first).
    public init(_ text: String, priority: Double, emphasised: Bool = false, limited: Bool = false) {
        self.text = text; self.priority = priority; self.emphasised = emphasised; self.limited = limited
    }
}

/// One thing drawn: a geometry in WGS 84 longitude/latitude, what it stands for, and an
/// optional label (anchored at a point, or at the middle vertex of a line).
public struct MapFeature: Sendable {
    /// Longitude/latitude, degrees.
    public var geometry: Geometry
    /// What it stands for.
    public var symbol: MapSymbol
    /// A label beside it, if any.
    public var label: MapLabel?
    /// For `.place(.city)`: the population, which sizes the dot.
    public var population: Int?

    /// A feature from its geometry (longitude/latitude), symbol, and optional label.
    public init(geometry: Geometry, symbol: MapSymbol, label: MapLabel? = nil, population: Int? = nil) {
        self.geometry = geometry; self.symbol = symbol; self.label = label; self.population = population
    }
}

/// One line of the legend: a symbol and what it means on this map.
public struct LegendEntry: Sendable, Hashable {
    /// The symbol shown as a sample.
    public var symbol: MapSymbol
    /// The text beside it.
    public var text: String

    /// A legend line: the symbol's sample and its text.
    public init(_ symbol: MapSymbol, _ text: String) { self.symbol = symbol; self.text = text }
}

/// A map as data: its title, subtitle, features, legend, and what its extent must show. Built
/// from the libraries' results by ``MapBuilder``; drawn by ``MapRenderer``.
public struct Map: Sendable {
    /// The title, e.g. "Bangkok → Hanoi".
    public var title: String
    /// The year, profile and scenario, e.g. "2026 · truck · as built".
    public var subtitle: String
    /// Everything drawn over the base map, in any order (drawn by symbol layer, then in order).
    public var features: [MapFeature]
    /// The legend, top to bottom.
    public var legend: [LegendEntry]
    /// Points the content extent must include (longitude/latitude); empty means every feature's.
    public var focus: [Coordinate]
    /// How many ``MapLabel/limited`` labels (city names) inside the map are tried, highest priority first.
    public var limitedLabels: Int

    /// A map from its parts; `focus` empty fits the extent to every feature.
    public init(title: String, subtitle: String, features: [MapFeature] = [], legend: [LegendEntry] = [], focus: [Coordinate] = [],
                limitedLabels: Int = 25) {
        self.title = title; self.subtitle = subtitle; self.features = features; self.legend = legend; self.focus = focus
        self.limitedLabels = limitedLabels
    }
}
