/// What kind of evidence an observation is, from the strongest to the weakest.
public enum ObservationKind: String, Sendable, Hashable, CaseIterable {
    /// Someone drove it and timed it (a survey run, a GPS trace).
    case measuredRun = "measured-run"
    /// A figure published by a government or a development bank.
    case officialFigure = "official-figure"
    /// A scheduled service's published running time.
    case timetable
    /// A journalist's or traveller's account.
    case travellerReport = "traveller-report"
}

/// Where an observation was published, with the words that carry the figure, so a reviewer can
/// check it without searching.
public struct ObservationSource: Sendable, Hashable {
    /// Starts with `http://` or `https://`.
    public var url: String
    /// The title of the page or document, as published.
    public var title: String
    /// The organisation or outlet that published it, when named.
    public var publisher: String?
    /// As the source gives it, ISO 8601: `2013`, `2013-05` or `2013-05-01`.
    public var date: String?
    /// The source's own words for the time or the distance.
    public var quote: String

    /// A source; `publisher` and `date` are optional since not every source names them.
    public init(url: String, title: String, publisher: String? = nil, date: String? = nil, quote: String) {
        self.url = url; self.title = title; self.publisher = publisher; self.date = date; self.quote = quote
    }
}

/// A published trip between two places: how long it took and how far it was, in a given year,
/// with its source. Observations are data beside the network, against which the travel-cost
/// profiles are measured and fitted.
///
///     // observations.json: {"observations": [{"id": "vientiane-hanoi-2014", "from": "vientiane",
///     //   "to": "hanoi", "via": ["nam-phao-border"], "year": 2014, "vehicle": "car",
///     //   "observed_vehicle": "bus", "hours": 20, "measured": "door-to-door",
///     //   "includes_border": true, "kind": "timetable", "source": {...}}]}
///     let trip = dataset.observation("vientiane-hanoi-2014")
///     trip?.hours   // 20.0
public struct Observation: Sendable, Hashable, Identifiable {
    /// What the hours cover.
    ///
    /// Nested rather than top-level so that it does not clash with Foundation's `Measurement`
    /// in code that imports both.
    public enum Measurement: String, Sendable, Hashable, CaseIterable {
        /// Time at the wheel, between leaving the origin and arriving at the destination.
        case driving
        /// Door to door: stops, meals and waits included.
        case doorToDoor = "door-to-door"
    }

    /// The unique slug, e.g. `vientiane-hanoi-2014`.
    public var id: ObservationID
    /// Where the trip started.
    public var from: PlaceID
    /// Where the trip ended.
    public var to: PlaceID
    /// Place or link ids the trip passed, in order (a bridge, a border post), to pin the route.
    public var via: [String]
    /// The year of the trip: the network it is compared with is the network of that year.
    public var year: Int
    /// The profile to run it with (`truck` or `car`).
    public var vehicle: ProfileID
    /// What the source says travelled: bus, van, container truck…
    public var observedVehicle: String?
    /// Travel time in decimal hours.
    public var hours: Double?
    /// Distance travelled in km.
    public var km: Double?
    /// Whether the hours are driving time or door to door; the model is compared on the same basis.
    public var measured: Measurement
    /// Whether the hours include a border crossing's formalities; nil when the source does not say.
    /// False on a driving time: the model's border delays are left out of the comparison.
    public var includesBorder: Bool?
    /// How strong the evidence is.
    public var kind: ObservationKind
    /// Where the figures were published, with the words that carry them.
    public var source: ObservationSource
    /// Anything a reader of the figures should know, in prose.
    public var note: String?
    /// Why the trip is shown but not fitted (a logistics lead time in whole days, a wait alone, a
    /// flooded road); nil: the fit uses it.
    public var notFittedBecause: String?

    /// 4,000 km at 20 km/h, a track's speed: more than any trip inside the region (lon 92…110,
    /// lat 5…29) takes. More is a unit mistake, such as minutes written as hours.
    public static let maximumHours = 200.0
    /// More than any road trip inside the region (lon 92…110, lat 5…29, under 4,000 km end to
    /// end) covers. More is a unit mistake, such as metres or miles written as km.
    public static let maximumKm = 5000.0

    /// An observation as the data file gives it; at least one of `hours` and `km` should be given
    /// for it to measure anything.
    public init(id: ObservationID, from: PlaceID, to: PlaceID, via: [String] = [], year: Int, vehicle: ProfileID,
                observedVehicle: String? = nil, hours: Double? = nil, km: Double? = nil, measured: Measurement,
                includesBorder: Bool? = nil, kind: ObservationKind, source: ObservationSource, note: String? = nil, notFittedBecause: String? = nil) {
        self.id = id; self.from = from; self.to = to; self.via = via; self.year = year; self.vehicle = vehicle
        self.observedVehicle = observedVehicle; self.hours = hours; self.km = km; self.measured = measured
        self.includesBorder = includesBorder; self.kind = kind; self.source = source; self.note = note
        self.notFittedBecause = notFittedBecause
    }
}
