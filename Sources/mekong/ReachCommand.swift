import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "What can be reached from a place within a time budget, and the outline of that area.",
        discussion: "The outline (GeoJSON) is the travelled roads buffered by --buffer-km and unioned with GEOS."
    )

    @Argument(help: "Start place (id, name, alias or LON,LAT).") var from: String
    @Option(help: ArgumentHelp("Time budget in hours.", valueName: "hours")) var hours: Double
    @Option(name: .customLong("buffer-km"), help: ArgumentHelp("Half-width of the outline around reached roads, km.", valueName: "km"))
    var bufferKm: Double = 10
    @Option(help: ArgumentHelp("A place, link, mode or country:ISO3 not to use (repeatable).", valueName: "x")) var avoid: [String] = []
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        guard hours > 0, hours <= 240 else { throw ValidationError("--hours must be more than 0 and at most 240, not \(hours)") }
        guard bufferKm > 0, bufferKm <= 100 else { throw ValidationError("--buffer-km must be more than 0 and at most 100, not \(bufferKm)") }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let names = Names(network.dataset, snapKm: networkOptions.snapKm)
            let origin = try names.place(from, role: "FROM")
            let reach: Reachability
            do {
                reach = try Reachability(network: network, from: origin, budgetHours: hours, avoid: try avoid.map(names.avoidance))
            } catch let error as RouteError { throw CLIError(error) }
            try output.emit(ReachReport(network: network, reach: reach, bufferKm: bufferKm))
        }
    }
}
