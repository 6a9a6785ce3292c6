import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// Resolves the places, links and avoidances a client names, or fails with a 400 that names the
/// parameter and the closest valid choices (the library's NameResolver and Suggestions).
struct PlaceNames {
    let dataset: Dataset
    let resolver: NameResolver
    /// How far a LON,LAT may lie from the place it snaps to, km.
    let snapKm: Double

    /// As the CLI's `--snap-km`: about the spacing of the data's towns on the main corridors.
    static let defaultSnapKm = 25.0

    init(dataset: Dataset, resolver: NameResolver?, snapKm: Double) {
        self.dataset = dataset
        self.resolver = resolver ?? NameResolver(places: dataset.places)
        self.snapKm = snapKm
    }

    /// Whether a text is meant as `LON,LAT`: two comma-separated numbers.
    static func looksLikeCoordinate(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    /// A `LON,LAT` read and range-checked, suggesting the swapped order when that is the mistake.
    static func coordinate(_ text: String, parameter: String) throws(APIError) -> Coordinate {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1] else {
            throw .invalid(parameter, "\"\(text.prefix(60))\" is not LON,LAT (two numbers, e.g. 104.75,16.55)")
        }
        let c = Coordinate(longitude: lon, latitude: lat)
        if let reason = c.invalidityReason {
            let swapped = Coordinate(longitude: lat, latitude: lon)
            throw .invalid(parameter, "\(text.prefix(60)): \(reason)", suggestions: swapped.invalidityReason == nil ? ["\(lat),\(lon)"] : [])
        }
        return c
    }

    /// Where a `LON,LAT` or a named place is.
    func coordinate(_ text: String, parameter: String) throws(APIError) -> Coordinate {
        if Self.looksLikeCoordinate(text) { return try Self.coordinate(text, parameter: parameter) }
        return dataset.place(try place(text, parameter: parameter))!.coordinate
    }

    /// The place named by id, name or alias, or snapped from `LON,LAT`.
    func place(_ text: String, parameter: String) throws(APIError) -> PlaceID {
        if Self.looksLikeCoordinate(text) {
            let c = try Self.coordinate(text, parameter: parameter)
            let snap: PlaceLocator.Snap
            do { snap = try PlaceLocator(dataset: dataset).snap(c) } catch {
                throw .invalid(parameter, "cannot snap \(text.prefix(60)) to the network: \(error)")
            }
            guard snap.km <= snapKm else {
                throw .invalid(parameter, String(format: "%@ is %.0f km from the nearest place, %@; snap_km is %g", String(text.prefix(60)), snap.km, snap.place.rawValue, snapKm),
                               suggestions: [snap.place.rawValue])
            }
            return snap.place
        }
        switch resolver.resolve(text) {
        case .found(let id, _):
            return id
        case .ambiguous(let ids):
            throw .invalid(parameter, "\"\(text.prefix(60))\" is ambiguous; give the id", suggestions: ids.map(\.rawValue))
        case .unknown(let suggestions):
            throw .invalid(parameter, "unknown place \"\(text.prefix(60))\"", suggestions: suggestions)
        }
    }

    /// A place or a link (a bridge, a ferry) to pass.
    func waypoint(_ text: String, parameter: String) throws(APIError) -> Waypoint {
        if dataset.link(LinkID(text)) != nil { return .link(LinkID(text)) }
        let key = NameResolver.normalise(text)
        let linkByName = dataset.links.filter { link in
            ([link.id.rawValue, link.name] + link.aliases).contains { NameResolver.normalise($0) == key }
        }
        if linkByName.count == 1 { return .link(linkByName[0].id) }
        if case .unknown = resolver.resolve(text), !Self.looksLikeCoordinate(text) {
            let candidates = dataset.places.map(\.id.rawValue) + dataset.links.map(\.id.rawValue)
            throw .invalid(parameter, "unknown place or link \"\(text.prefix(60))\"", suggestions: Suggestions.closest(to: text, among: candidates))
        }
        return .place(try place(text, parameter: parameter))
    }

    /// A place, link, mode or `country:ISO3` not to use.
    func avoidance(_ text: String) throws(APIError) -> Avoidance {
        if let mode = Mode(rawValue: text) { return .mode(mode) }
        if text.lowercased().hasPrefix("country:") {
            let iso = String(text.dropFirst("country:".count)).uppercased()
            guard Countries.all.contains(iso) else {
                throw .invalid("avoid", "unknown country \"\(iso.prefix(20))\"", suggestions: Suggestions.closest(to: iso, among: Countries.all.sorted()).map { "country:\($0)" })
            }
            return .country(iso)
        }
        switch try waypoint(text, parameter: "avoid") {
        case .place(let id): return .place(id)
        case .link(let id): return .link(id)
        }
    }
}
