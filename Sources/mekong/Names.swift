import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// The library's ``QueryNames`` with the CLI's words: a name that resolves to nothing is a usage
/// error naming the argument (`FROM`, `--via`) and the nearest valid choices, and a place found
/// by word prefix or by snapping a point is noted on standard error.
struct Names {
    let names: QueryNames

    init(_ dataset: Dataset, snapKm: Double = QueryNames.defaultSnapKm) {
        names = QueryNames(dataset: dataset, snapKm: snapKm)
    }

    /// A `LON,LAT` read and range-checked, naming the swapped axes when that is the mistake.
    static func coordinate(_ text: String, role: String) throws -> Coordinate {
        do { return try QueryNames.coordinate(text) } catch { throw CLIError.usage(message(error, role: role)) }
    }

    /// Where a `LON,LAT` or a named place is, for snapping to an imported network.
    func coordinate(_ text: String, role: String) throws -> Coordinate {
        try located(text, role: role).coordinate
    }

    /// Where a `LON,LAT` or a named place is, with the label it is shown by: the place's id, or
    /// the coordinate's text as given.
    func located(_ text: String, role: String) throws -> (label: String, coordinate: Coordinate) {
        if QueryNames.looksLikeCoordinate(text) { return (text, try Self.coordinate(text, role: role)) }
        let id = try place(text, role: role)
        return (id.rawValue, names.dataset.place(id)!.coordinate)
    }

    func place(_ text: String, role: String) throws -> PlaceID {
        let found: (place: PlaceID, match: QueryNames.Match?)
        do { found = try names.place(text) } catch { throw CLIError.usage(Self.message(error, role: role)) }
        Self.note(found.match, text: text, place: found.place, role: role)
        return found.place
    }

    func waypoint(_ text: String, role: String) throws -> Waypoint {
        let found: (waypoint: Waypoint, match: QueryNames.Match?)
        do { found = try names.waypoint(text) } catch { throw CLIError.usage(Self.message(error, role: role)) }
        if case .place(let id) = found.waypoint { Self.note(found.match, text: text, place: id, role: role) }
        return found.waypoint
    }

    func avoidance(_ text: String) throws -> Avoidance {
        let found: (avoidance: Avoidance, match: QueryNames.Match?)
        do { found = try names.avoidance(text) } catch { throw CLIError.usage(Self.message(error, role: "--avoid")) }
        if case .place(let id) = found.avoidance { Self.note(found.match, text: text, place: id, role: "--avoid") }
        return found.avoidance
    }

    /// "note: FROM 100.5,13.75 snapped to bangkok (0.7 km away)", "note: Na Phao → Na Phao border
    /// post (na-phao-border)": where a text that was not a place's name led.
    static func note(_ match: QueryNames.Match?, text: String, place: PlaceID, role: String) {
        switch match {
        case .snapped(let snap): FileHandle.standardError.write(Data("note: \(role) \(text) snapped to \(snap.description)\n".utf8))
        case .prefix(let label): FileHandle.standardError.write(Data("note: \(text) → \(label) (\(place))\n".utf8))
        case nil: break
        }
    }

    /// The error in the CLI's words, for the argument `role`.
    static func message(_ error: QueryNameError, role: String) -> String {
        switch error {
        case .notACoordinate(let text):
            return "\(role) \"\(text)\" is not LON,LAT (two numbers, e.g. 104.75,16.55)"
        case .invalidCoordinate(let text, let reason, let swapped):
            return "\(role) \(text): \(reason)" + (swapped.map { " (write LON,LAT: longitude first, e.g. \($0))" } ?? "")
        case .cannotSnap(let text, let reason):
            return "\(role) \(text): cannot snap to the network: \(reason)"
        case .tooFar(let text, let km, let nearest, let snapKm):
            return String(format: "%@ %@ is %.0f km from the nearest place, %@; --snap-km is %g: give a point within it or a larger --snap-km",
                          role, text, km, nearest, snapKm)
        case .ambiguous(let text, let choices):
            return "\(role) \"\(text)\" is ambiguous: \(choices.joined(separator: ", ")); give the id"
        case .unknownPlace(let text, let suggestions):
            return "unknown place \"\(text)\" for \(role); closest: \(suggestions.joined(separator: ", ")) (see `mekong places`)"
        case .unknownPlaceOrLink(let text, let suggestions):
            return "unknown place or link \"\(text)\" for \(role); closest: \(suggestions.joined(separator: ", "))"
        case .unknownCountry(let iso):
            return "unknown country \"\(iso)\" in \(role); choose \(error.suggestions.joined(separator: ", "))"
        }
    }
}
