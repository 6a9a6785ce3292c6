import GeoCore
import MekongData
import MekongNetwork

/// The kinds of connectivity gap of Pillar 1 (see DESIGN.md, "Gaps").
public enum GapKind: String, Sendable, CaseIterable, Codable {
    case seaportAccess = "seaport-access"
    case airportAccess = "airport-access"
    case corridorCoverage = "corridor-coverage"
    case missingLink = "missing-link"
    case corridorContinuity = "corridor-continuity"
    case criticality
    case borderFriction = "border-friction"

    /// Why a planner cares, in one line.
    public var why: String {
        switch self {
        case .seaportAccess: "goods from here pay in time for every hour to the nearest seaport"
        case .airportAccess: "people and high-value cargo from here are far from an international airport"
        case .corridorCoverage: "places far from every corridor gain little from corridor investment"
        case .missingLink: "the road network detours far beyond the straight line: the classic sign of a missing road or bridge"
        case .corridorContinuity: "a corridor is only as good as its weakest section"
        case .criticality: "losing this link cuts places off or adds the most population-weighted travel time"
        case .borderFriction: "the crossing's delay is a large share of the corridor's travel time"
        }
    }
}

/// The unit of a gap's value and threshold. The raw value is what JSON, CSV and GeoJSON print.
public enum GapUnit: String, Sendable, CaseIterable, Codable {
    /// Hours: the time to a gateway, or what losing a link adds to the weighted mean time.
    case hours = "h"
    /// Kilometres: the distance to the nearest corridor, or a substandard section's length.
    case km
    /// Network km over straight-line km between two cities (missing links).
    case ratio
    /// A border crossing's share of its corridor's travel time, 0 to 1.
    case share
    /// A corridor that cannot be routed at all; its value is 1.
    case corridorBreak = "break"
    /// Ordered city pairs that losing a link disconnects.
    case pairsCut = "pairs cut"
}

/// One gap: what, where, how big against which threshold, and why it matters.
public struct Gap: Sendable, Hashable {
    /// What kind of gap it is.
    public var kind: GapKind
    /// Identity across scenarios: kind and subject ids (e.g. "seaport-access:vientiane").
    public var key: String
    /// The places concerned: a city and its nearest gateway, a city pair, a section's ends, a
    /// broken corridor's waypoints, or a lost link's ends and the cities it cuts off.
    public var places: [PlaceID]
    /// The links concerned, e.g. the path to a gateway or a corridor section; empty when none.
    public var links: [LinkID]
    /// The corridor concerned, for continuity and border gaps.
    public var corridor: CorridorID?
    /// The measured value, in `unit`.
    public var value: Double
    /// The limit `value` was judged against, in `unit`.
    public var threshold: Double
    /// The unit of `value` and `threshold`.
    public var unit: GapUnit
    /// What was found, with the numbers, in one line ("Vientiane (…): 9.2 h by truck to …").
    public var finding: String
    /// Why it matters: the kind's reason, or nil where the finding says it all (a broken corridor).
    public var why: String?
    /// Where to draw it.
    public var geometry: Geometry

    /// A gap; `why` defaults to the kind's reason (pass `.some(nil)` for none).
    public init(kind: GapKind, key: String, places: [PlaceID], links: [LinkID], corridor: CorridorID?, value: Double, threshold: Double,
                unit: GapUnit, finding: String, why: String?? = .none, geometry: Geometry) {
        self.kind = kind; self.key = key; self.places = places; self.links = links; self.corridor = corridor
        self.value = value; self.threshold = threshold; self.unit = unit; self.finding = finding
        self.why = why ?? kind.why
        self.geometry = geometry
    }

    /// The finding and why it matters, as one sentence ("… — why"): the JSON, CSV and GeoJSON
    /// `explanation`. Tables print ``finding`` alone; neither is cut out of the other.
    public var explanation: String { why.map { finding + " — " + $0 } ?? finding }
}

/// Every threshold of the gap analysis, with its default.
public struct GapThresholds: Sendable {
    /// Cities at least this big are considered (inhabitants).
    public var minimumPopulation = 50_000
    /// Hours to the nearest seaport above which a city has a gap.
    public var seaportHours = 8.0
    /// Hours to the nearest international airport above which a city has a gap.
    public var airportHours = 4.0
    /// Distance from every corridor above which a city or SEZ is uncovered, km.
    public var corridorDistanceKm = 50.0
    /// Network km over geodesic km above which a city pair lacks a direct link.
    public var circuity = 1.8
    /// City pairs considered for missing links lie this far apart (geodesic km).
    public var pairDistanceKm: ClosedRange<Double> = 40...400
    /// Share of a corridor's travel time above which one border crossing is friction.
    public var borderShare = 0.15
    /// How many of the most critical links to report (besides every link whose loss cuts places off).
    public var criticalLinks = 10

    /// The default thresholds; each property's comment gives its reason.
    public init() {}
}
