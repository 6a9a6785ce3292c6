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

    @OptionGroup var query: RouteQueryOptions
    @Option(help: ArgumentHelp("Local departure time for the door-to-door schedule (HH:MM).", valueName: "hh:mm")) var depart: String = "08:00"
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var hierarchyOptions: HierarchyOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        guard departureHour != nil else { throw ValidationError("--depart \"\(depart)\" is not a time of day written HH:MM, e.g. 08:00 or 21:30") }
        if hierarchyOptions.hierarchy != nil && networkOptions.networkFile == nil {
            throw ValidationError("--hierarchy is for an imported graph: give its --network FILE too")
        }
    }

    /// `--depart` as hours after midnight.
    var departureHour: Double? {
        let parts = depart.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return Double(h) + Double(m) / 60
    }

    func run() throws {
        try reporting {
            // Waypoints, avoidances, alternatives and scenarios are questions of the plan: on an
            // imported graph they are asked of the plan laid onto it, between places.
            let onThePlan = networkOptions.changesThePlan || !query.via.isEmpty || !query.avoid.isEmpty || query.alternatives > 0
            if networkOptions.networkFile != nil && onThePlan && hierarchyOptions.hierarchy != nil {
                throw CLIError.usage("--hierarchy answers plain routes; with --via, --avoid, --alternatives or a scenario the route is searched on the plan laid onto the graph: leave --hierarchy out")
            }
            if !onThePlan, let (imported, dataset) = try networkOptions.importedNetwork(optimization: query.optimize, hierarchy: hierarchyOptions) {
                return try routeOnImported(imported, dataset: dataset)
            }
            let network = try networkOptions.network(importedAllowedIn: "route")
            let (request, routes) = try query.routes(on: network, snapKm: networkOptions.snapKm)
            try output.emit(RouteReport(network: network, request: request, routes: routes, departureHour: departureHour ?? 8))
        }
    }

    /// `--network FILE`: between two coordinates or named places, snapped to the imported graph.
    private func routeOnImported(_ imported: ImportedNetwork, dataset: Dataset) throws {
        let names = Names(dataset, snapKm: networkOptions.snapKm)
        let start = try names.coordinate(query.from, role: "FROM"), end = try names.coordinate(query.to, role: "TO")
        let route: ImportedRoute
        do { route = try imported.route(from: start, to: end, snapKm: networkOptions.snapKm) } catch { throw CLIError(error) }
        try output.emit(ImportedRouteReport(route: route, file: networkOptions.networkFile!, profile: networkOptions.profile, optimization: query.optimize))
    }
}
