import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// Resolves a place or link named by a person, or fails with the closest names.
struct Names {
    let dataset: Dataset
    let resolver: NameResolver
    /// How far a coordinate may lie from the place it snaps to, km.
    let snapKm: Double

    init(_ dataset: Dataset, snapKm: Double = NetworkOptions.defaultSnapKm) {
        self.dataset = dataset
        self.resolver = NameResolver(places: dataset.places)
        self.snapKm = snapKm
    }

    /// Whether a text is meant as `LON,LAT`: two comma-separated parts that read as numbers
    /// (including `nan` and `inf`, which are then refused by name rather than taken for a place).
    static func looksLikeCoordinate(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    /// A `LON,LAT` read and range-checked, naming the swapped axes when that is the mistake.
    static func coordinate(_ text: String, role: String) throws -> Coordinate {
        do { return try PlacesCommand.coordinate(text, role: role) } catch {
            var message = "\(error)"
            let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, Coordinate(longitude: parts[1], latitude: parts[0]).invalidityReason == nil {
                message += " (write LON,LAT: longitude first, e.g. \(parts[1]),\(parts[0]))"
            }
            throw CLIError.usage(message)
        }
    }

    /// Where a `LON,LAT` or a named place is, for snapping to an imported network.
    func coordinate(_ text: String, role: String) throws -> Coordinate {
        try located(text, role: role).coordinate
    }

    /// Where a `LON,LAT` or a named place is, with the label it is shown by: the place's id, or
    /// the coordinate's text as given.
    func located(_ text: String, role: String) throws -> (label: String, coordinate: Coordinate) {
        if Self.looksLikeCoordinate(text) { return (text, try Self.coordinate(text, role: role)) }
        let id = try place(text, role: role)
        return (id.rawValue, dataset.place(id)!.coordinate)
    }

    func place(_ text: String, role: String) throws -> PlaceID {
        if Self.looksLikeCoordinate(text) {
            let coordinate = try Self.coordinate(text, role: role)
            let snap: PlaceLocator.Snap
            do {
                snap = try PlaceLocator(dataset: dataset).snap(coordinate)
            } catch {
                throw CLIError.usage("\(role) \(text): cannot snap to the network: \(error)")
            }
            guard snap.km <= snapKm else {
                let name = dataset.place(snap.place)?.name ?? snap.place.rawValue
                throw CLIError.usage(String(format: "%@ %@ is %.0f km from the nearest place, %@ (%@); --snap-km is %g: give a point within it or a larger --snap-km",
                                            role, text, snap.km, name, snap.place.rawValue, snapKm))
            }
            FileHandle.standardError.write(Data("note: \(role) \(text) snapped to \(snap.description)\n".utf8))
            return snap.place
        }
        switch resolver.resolve(text) {
        case .found(let id, let label):
            if let label { FileHandle.standardError.write(Data("note: \(text) → \(label) (\(id))\n".utf8)) }
            return id
        case .ambiguous(let ids):
            let named = ids.map { id in "\(dataset.place(id)?.name ?? id.rawValue) (\(id))" }
            throw CLIError.usage("\(role) \"\(text)\" is ambiguous: \(named.joined(separator: ", ")); give the id")
        case .unknown(let suggestions):
            throw CLIError.usage("unknown place \"\(text)\" for \(role); closest: \(suggestions.joined(separator: ", ")) (see `mekong places`)")
        }
    }

    func waypoint(_ text: String, role: String) throws -> Waypoint {
        if dataset.link(LinkID(text)) != nil { return .link(LinkID(text)) }
        let key = NameResolver.normalise(text)
        let linkByName = dataset.links.filter { link in
            ([link.id.rawValue, link.name] + link.aliases).contains { NameResolver.normalise($0) == key }
        }
        if linkByName.count == 1 { return .link(linkByName[0].id) }
        if case .unknown = resolver.resolve(text), (try? PlacesCommand.coordinate(text)) == nil {
            let candidates = dataset.places.map(\.id.rawValue) + dataset.links.map(\.id.rawValue)
            throw CLIError.usage("unknown place or link \"\(text)\" for \(role); closest: \(Suggestions.closest(to: text, among: candidates).joined(separator: ", "))")
        }
        return .place(try place(text, role: role))
    }

    func avoidance(_ text: String) throws -> Avoidance {
        if let mode = Mode(rawValue: text) { return .mode(mode) }
        if text.hasPrefix("country:") {
            let iso = String(text.dropFirst("country:".count)).uppercased()
            guard Countries.all.contains(iso) else {
                throw CLIError.usage("unknown country \"\(iso)\" in --avoid; choose \(Countries.all.sorted().joined(separator: ", "))")
            }
            return .country(iso)
        }
        switch try waypoint(text, role: "--avoid") {
        case .place(let id): return .place(id)
        case .link(let id): return .link(id)
        }
    }
}
