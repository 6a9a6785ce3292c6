import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// Resolves a place or link named by a person, or fails with the closest names.
struct Names {
    let dataset: Dataset
    let resolver: NameResolver

    init(_ dataset: Dataset) {
        self.dataset = dataset
        self.resolver = NameResolver(places: dataset.places)
    }

    func place(_ text: String, role: String) throws -> PlaceID {
        if let coordinate = try? PlacesCommand.coordinate(text) {
            let snap: PlaceLocator.Snap
            do {
                snap = try PlaceLocator(dataset: dataset).snap(coordinate)
            } catch {
                throw CLIError.usage("\(role) \(text): cannot snap to the network: \(error)")
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
