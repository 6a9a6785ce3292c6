import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork

extension Optimization: ExpressibleByArgument {}

/// `--profile` and the scenario options, shared by every command that builds a network.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Travel-cost profile from profiles.json (truck, car).", valueName: "profile"))
    var profile: String = "truck"

    @Option(help: ArgumentHelp("Scenario file (JSON: year, with, without, edits).", valueName: "file"))
    var scenario: String?

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var dataOptions: DataOptions

    /// Loads the data, applies the scenario and builds the network.
    func network() throws -> Network {
        var dataset = try dataOptions.load()
        var scenario = try scenarioOptions.scenario(in: dataset)
        if let file = self.scenario {
            do {
                let loaded = try ScenarioFile.load(from: URL(fileURLWithPath: file), base: dataset, defaults: scenario,
                                                   yearGiven: scenarioOptions.year != nil)
                dataset = loaded.dataset
                scenario = loaded.scenario
            } catch let error as ScenarioFile.Error {
                throw CLIError.usage("\(file): \(error)")
            } catch {
                throw CLIError.io("cannot read \(file): \(error.localizedDescription)")
            }
        }
        guard let profile = dataset.profile(ProfileID(self.profile)) else {
            let all = dataset.profiles.map(\.id.rawValue)
            throw CLIError.usage("unknown profile \"\(self.profile)\"; choose \(all.joined(separator: ", "))\(Suggestions.hint(for: self.profile, among: all))")
        }
        return Network(dataset: dataset, scenario: scenario, profile: profile)
    }
}

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
        case .found(let id): return id
        case .ambiguous(let ids):
            throw CLIError.usage("\(role) \"\(text)\" is ambiguous: \(ids.map(\.rawValue).joined(separator: ", ")); give the id")
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

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "The best route between two places, with its legs, borders, bridges and ferries.",
        discussion: """
            Places by id, name or alias (case- and accent-insensitive) or as LON,LAT (snapped to the \
            nearest place). --via takes places or links (a bridge, a ferry) in order; --avoid takes \
            a place, a link, a mode (ferry, rail, sea) or country:ISO3.
            Example: mekong route Bangkok Hanoi --via third-thai-lao-friendship-bridge
            """
    )

    @Argument(help: "Start place.") var from: String
    @Argument(help: "End place.") var to: String
    @Option(help: ArgumentHelp("A place or link to pass, in order (repeatable).", valueName: "place|link")) var via: [String] = []
    @Option(help: ArgumentHelp("A place, link, mode or country:ISO3 not to use (repeatable).", valueName: "x")) var avoid: [String] = []
    @Option(help: ArgumentHelp("Minimise time or distance.", valueName: "time|distance")) var optimize: Optimization = .time
    @Option(help: ArgumentHelp("Also show up to K meaningfully different alternatives (0–5).", valueName: "k")) var alternatives: Int = 0
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require([.table, .json, .geojson], command: "route")
        guard (0...5).contains(alternatives) else { throw ValidationError("--alternatives must be 0 to 5, not \(alternatives)") }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let names = Names(network.dataset)
            let request = RouteRequest(from: try names.place(from, role: "FROM"), to: try names.place(to, role: "TO"),
                                       via: try via.map { try names.waypoint($0, role: "--via") },
                                       avoid: try avoid.map(names.avoidance), optimization: optimize)
            let planner = RoutePlanner(network: network)
            let routes: [Route]
            do {
                routes = alternatives > 0 ? try planner.alternatives(request, count: alternatives + 1) : [try planner.route(request)]
            } catch let error as RouteError {
                throw CLIError(error)
            }
            try output.emit(try RouteReport(network: network, request: request, routes: routes).render(output.format))
        }
    }
}
