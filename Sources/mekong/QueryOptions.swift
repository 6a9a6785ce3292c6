import ArgumentParser
import MekongData
import MekongNetwork

/// The question `route` and `map route` both ask: from where, to where, through and around what,
/// and how many alternatives. One home, so the two commands cannot drift apart.
struct RouteQueryOptions: ParsableArguments {
    @Argument(help: "Start place.") var from: String
    @Argument(help: "End place.") var to: String
    @Option(help: ArgumentHelp("A place or link to pass, in order (repeatable).", valueName: "place|link")) var via: [String] = []
    @Option(help: ArgumentHelp("A place, link, mode or country:ISO3 not to use (repeatable).", valueName: "x")) var avoid: [String] = []
    @Option(help: ArgumentHelp("Minimise time or distance.", valueName: "time|distance")) var optimize: Optimization = .time
    @Option(help: ArgumentHelp("Also give up to K meaningfully different alternatives (0–5).", valueName: "k")) var alternatives: Int = 0

    func validate() throws {
        guard (0...5).contains(alternatives) else { throw ValidationError("--alternatives must be 0 to 5, not \(alternatives)") }
    }

    /// The request resolved against the network's data, and its best route (with alternatives).
    func routes(on network: Network, snapKm: Double) throws -> (request: RouteRequest, routes: [Route]) {
        let names = Names(network.dataset, snapKm: snapKm)
        let request = RouteRequest(from: try names.place(from, role: "FROM"), to: try names.place(to, role: "TO"),
                                   via: try via.map { try names.waypoint($0, role: "--via") },
                                   avoid: try avoid.map(names.avoidance), optimization: optimize)
        let planner = RoutePlanner(network: network)
        do throws(RouteError) {
            return (request, alternatives > 0 ? try planner.alternatives(request, count: alternatives + 1) : [try planner.route(request)])
        } catch {
            throw CLIError(error)
        }
    }
}

/// The question `reach` and `map reach` both ask: from where, within how many hours, avoiding what.
struct ReachQueryOptions: ParsableArguments {
    @Argument(help: "Start place (id, name, alias or LON,LAT).") var from: String
    @Option(help: ArgumentHelp("Time budget in hours.", valueName: "hours")) var hours: Double
    @Option(name: .customLong("buffer-km"), help: ArgumentHelp("Half-width of the outline around reached roads, km (default: 10).", valueName: "km"))
    var bufferKmGiven: Double?
    @Option(help: ArgumentHelp("A place, link, mode or country:ISO3 not to use (repeatable).", valueName: "x")) var avoid: [String] = []

    /// `--buffer-km`, or 10 km: about the width of the band a road serves either side.
    var bufferKm: Double { bufferKmGiven ?? 10 }

    func validate() throws {
        guard hours > 0, hours <= 240 else { throw ValidationError("--hours must be more than 0 and at most 240, not \(hours)") }
        guard bufferKm > 0, bufferKm <= 100 else { throw ValidationError("--buffer-km must be more than 0 and at most 100, not \(bufferKm)") }
    }

    /// What is reached from the start within the budget.
    func reach(on network: Network, snapKm: Double) throws -> Reachability {
        let names = Names(network.dataset, snapKm: snapKm)
        let origin = try names.place(from, role: "FROM")
        do {
            return try Reachability(network: network, from: origin, budgetHours: hours, avoid: try avoid.map(names.avoidance))
        } catch let error as RouteError {
            throw CLIError(error)
        }
    }
}
