import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork
import MekongReports

extension Optimization: ExpressibleByArgument {}

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
    @Option(help: ArgumentHelp("Local departure time for the door-to-door schedule (HH:MM).", valueName: "hh:mm")) var depart: String = "08:00"
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        guard (0...5).contains(alternatives) else { throw ValidationError("--alternatives must be 0 to 5, not \(alternatives)") }
        guard departureHour != nil else { throw ValidationError("--depart \"\(depart)\" is not a time of day written HH:MM, e.g. 08:00 or 21:30") }
    }

    /// `--depart` as hours after midnight.
    var departureHour: Double? {
        let parts = depart.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return Double(h) + Double(m) / 60
    }

    func run() throws {
        try reporting {
            if let imported = try networkOptions.importedNetwork(optimization: optimize) {
                return try routeOnImported(imported)
            }
            let network = try networkOptions.network()
            let names = Names(network.dataset, snapKm: networkOptions.snapKm)
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
            try output.emit(RouteReport(network: network, request: request, routes: routes, departureHour: departureHour ?? 8))
        }
    }

    /// `--network FILE`: between two coordinates or named places, snapped to the imported graph.
    private func routeOnImported(_ imported: ImportedNetwork) throws {
        if !via.isEmpty || !avoid.isEmpty || alternatives > 0 {
            throw CLIError.usage("--via, --avoid and --alternatives work on the curated network only so far; leave them out with --network")
        }
        let names = Names(try networkOptions.dataOptions.load(), snapKm: networkOptions.snapKm)
        let start = try names.coordinate(from, role: "FROM"), end = try names.coordinate(to, role: "TO")
        let route: ImportedRoute
        do { route = try imported.route(from: start, to: end, snapKm: networkOptions.snapKm) } catch { throw CLIError(error) }
        try output.emit(ImportedRouteReport(route: route, file: networkOptions.networkFile!, profile: networkOptions.profile, optimization: optimize))
    }
}
