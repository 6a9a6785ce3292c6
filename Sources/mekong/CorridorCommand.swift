import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

struct CorridorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "The GMS economic corridors and the Action Plan's routes, routed in a scenario.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every corridor with its length, time and weak points.")
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var output: OutputOptions<AnyFormat>


        func run() throws {
            try reporting {
                let network = try networkOptions.network(importedAllowedIn: "corridor")
                try output.emit(CorridorListReport(network: network))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One corridor: its sections, borders, ferries and projects.")
        @Argument(help: "Corridor id (see `mekong corridor list`).") var id: String
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var output: OutputOptions<AnyFormat>


        func run() throws {
            try reporting {
                let network = try networkOptions.network(importedAllowedIn: "corridor")
                guard let corridor = network.dataset.corridor(CorridorID(id)) ?? network.dataset.corridor(CorridorID(id.lowercased())) else {
                    let closest = Suggestions.closest(to: id, among: network.dataset.corridors.map(\.id.rawValue))
                    throw CLIError.usage("unknown corridor \"\(id)\"; closest: \(closest.joined(separator: ", "))")
                }
                let children = network.dataset.corridors.filter { $0.parent == corridor.id }
                if corridor.waypoints.isEmpty {
                    throw CLIError.usage("\(corridor.id) is made of routes: \(children.map(\.id.rawValue).joined(separator: ", ")); show one of them")
                }
                let routed: CorridorRoute
                do { routed = try CorridorRoute(corridor: corridor, network: network) } catch let error as RouteError { throw CLIError(error) }
                try output.emit(CorridorReport(network: network, routed: routed))
            }
        }
    }
}
