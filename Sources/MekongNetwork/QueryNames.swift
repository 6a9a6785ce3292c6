import GeoCore
import MekongData

/// Resolves what a person names in a route, reach or table query: a place by id, name or alias
/// (``NameResolver``), a point `LON,LAT` snapped to the nearest place, a link (a bridge, a ferry)
/// by id or name, and a mode or `country:ISO3` to avoid. A text that resolves to nothing fails
/// with a ``QueryNameError`` carrying the nearest valid choices. The CLI and the server both
/// resolve through it, so a text means the same to both and a mistake gets the same suggestions;
/// each words the error for its own users.
///
///     let names = QueryNames(dataset: data)
///     try names.place("Sài Gòn").place            // "ho-chi-minh-city"
///     try names.waypoint("Third Mekong Bridge").waypoint   // .link("third-thai-lao-friendship-bridge")
///     try names.avoidance("country:tha").avoidance         // .country("THA")
public struct QueryNames: Sendable {
    /// A `LON,LAT` farther than this from every place is a mistake (swapped axes, a point in the
    /// sea), not a trip: 25 km is about the spacing of the data's towns on the main corridors.
    public static let defaultSnapKm = 25.0

    /// The data the names are looked up in.
    public let dataset: Dataset
    /// The index of the places' ids, names and aliases.
    public let resolver: NameResolver
    /// How far a `LON,LAT` may lie from the place it snaps to, km.
    public let snapKm: Double

    /// How a place was found when the text was not its id, name or alias.
    public enum Match: Sendable {
        /// The text begins the words of this name or alias of the place ("Na Phao").
        case prefix(of: String)
        /// The text was a point, snapped to the place.
        case snapped(PlaceLocator.Snap)
    }

    /// Names of `dataset`; `resolver` reuses an index already built for the same places.
    public init(dataset: Dataset, resolver: NameResolver? = nil, snapKm: Double = defaultSnapKm) {
        self.dataset = dataset
        self.resolver = resolver ?? NameResolver(places: dataset.places)
        self.snapKm = snapKm
    }

    /// Whether a text is meant as `LON,LAT`: two comma-separated parts that read as numbers
    /// (including `nan` and `inf`, which are then refused as points rather than taken for names).
    public static func looksLikeCoordinate(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    /// A `LON,LAT` read and range-checked; when the axes are swapped, the error names the order
    /// that would be valid.
    /// - Throws: ``QueryNameError/notACoordinate(_:)`` or ``QueryNameError/invalidCoordinate(_:reason:swapped:)``.
    public static func coordinate(_ text: String) throws(QueryNameError) -> Coordinate {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1] else { throw .notACoordinate(text) }
        let c = Coordinate(longitude: lon, latitude: lat)
        if let reason = c.invalidityReason {
            let swapped = Coordinate(longitude: lat, latitude: lon).invalidityReason == nil ? "\(lat),\(lon)" : nil
            throw .invalidCoordinate(text, reason: reason, swapped: swapped)
        }
        return c
    }

    /// Where a `LON,LAT` or a named place is (for snapping to an imported graph's nodes).
    /// - Throws: ``QueryNameError`` as ``coordinate(_:)`` and ``place(_:)`` do.
    public func coordinate(_ text: String) throws(QueryNameError) -> Coordinate {
        if Self.looksLikeCoordinate(text) { return try Self.coordinate(text) }
        return dataset.place(try place(text).place)!.coordinate
    }

    /// The place named by id, name or alias, or the nearest place to a `LON,LAT` within
    /// ``snapKm``, with how it was found when that was not by its exact name.
    /// - Throws: ``QueryNameError`` naming the nearest valid choices.
    /// - Complexity: O(1) for an exact name, O(E · w) for a prefix match over E labels, about
    ///   O(log n) for a point once the places are indexed.
    public func place(_ text: String) throws(QueryNameError) -> (place: PlaceID, match: Match?) {
        if Self.looksLikeCoordinate(text) {
            let c = try Self.coordinate(text)
            let snap: PlaceLocator.Snap
            do { snap = try PlaceLocator(dataset: dataset).snap(c) } catch { throw .cannotSnap(text, reason: error.description) }
            guard snap.km <= snapKm else { throw .tooFar(text, km: snap.km, nearest: choice(snap.place), snapKm: snapKm) }
            return (snap.place, .snapped(snap))
        }
        switch resolver.resolve(text) {
        case .found(let id, let label): return (id, label.map { .prefix(of: $0) })
        case .ambiguous(let ids): throw .ambiguous(text, choices: ids.map(choice))
        case .unknown(let suggestions): throw .unknownPlace(text, suggestions: suggestions)
        }
    }

    /// A place or a link to pass: a link by id, or by a name or alias no other link has; else a
    /// place as ``place(_:)`` finds it, with how it was found.
    /// - Throws: ``QueryNameError``; for a text that is neither, the closest place and link ids.
    public func waypoint(_ text: String) throws(QueryNameError) -> (waypoint: Waypoint, match: Match?) {
        if dataset.link(LinkID(text)) != nil { return (.link(LinkID(text)), nil) }
        let key = NameResolver.normalise(text)
        let linkByName = dataset.links.filter { link in
            ([link.id.rawValue, link.name] + link.aliases).contains { NameResolver.normalise($0) == key }
        }
        if linkByName.count == 1 { return (.link(linkByName[0].id), nil) }
        if case .unknown = resolver.resolve(text), !Self.looksLikeCoordinate(text) {
            let candidates = dataset.places.map(\.id.rawValue) + dataset.links.map(\.id.rawValue)
            throw .unknownPlaceOrLink(text, suggestions: Suggestions.closest(to: text, among: candidates))
        }
        let found = try place(text)
        return (.place(found.place), found.match)
    }

    /// A mode (`ferry`), a country (`country:THA`, any case), a place or a link not to use, with
    /// how a place was found.
    /// - Throws: ``QueryNameError``; an unknown country suggests every country, nearest first.
    public func avoidance(_ text: String) throws(QueryNameError) -> (avoidance: Avoidance, match: Match?) {
        if let mode = Mode(rawValue: text) { return (.mode(mode), nil) }
        if text.lowercased().hasPrefix("country:") {
            let iso = String(text.dropFirst("country:".count)).uppercased()
            guard Countries.all.contains(iso) else { throw .unknownCountry(iso) }
            return (.country(iso), nil)
        }
        let found = try waypoint(text)
        switch found.waypoint {
        case .place(let id): return (.place(id), found.match)
        case .link(let id): return (.link(id), nil)
        }
    }

    /// A place as a choice to offer: "Bangkok (bangkok)".
    func choice(_ id: PlaceID) -> String { "\(dataset.place(id)?.name ?? id.rawValue) (\(id))" }
}

/// A name in a query that resolves to nothing, with the nearest valid choices. Each front end
/// (the CLI's messages, the server's JSON errors) words it; ``suggestions`` are the same for both.
public enum QueryNameError: Error, Sendable, Equatable {
    /// The text is not two numbers `LON,LAT`.
    case notACoordinate(String)
    /// A `LON,LAT` out of range; `swapped` is the valid `LON,LAT` when the axes were swapped.
    case invalidCoordinate(String, reason: String, swapped: String?)
    /// The point could not be placed on the network (GEOS or PROJ failed).
    case cannotSnap(String, reason: String)
    /// The point is farther than `snapKm` from every place; `nearest` is the nearest one.
    case tooFar(String, km: Double, nearest: String, snapKm: Double)
    /// Several places carry the name; `choices` name each.
    case ambiguous(String, choices: [String])
    /// No place has that id, name or alias.
    case unknownPlace(String, suggestions: [String])
    /// No place or link has that id, name or alias.
    case unknownPlaceOrLink(String, suggestions: [String])
    /// `country:` followed by a code not in the data.
    case unknownCountry(String)

    /// The nearest valid choices, best first: places as "Name (id)", links and places by id, a
    /// point with its axes swapped, or every country as `country:ISO3`.
    public var suggestions: [String] {
        switch self {
        case .notACoordinate, .cannotSnap: []
        case .invalidCoordinate(_, _, let swapped): swapped.map { [$0] } ?? []
        case .tooFar(_, _, let nearest, _): [nearest]
        case .ambiguous(_, let choices): choices
        case .unknownPlace(_, let suggestions), .unknownPlaceOrLink(_, let suggestions): suggestions
        case .unknownCountry(let iso):
            Suggestions.closest(to: iso, among: Countries.all.sorted(), limit: Countries.all.count).map { "country:\($0)" }
        }
    }
}
