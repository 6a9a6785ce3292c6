import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Travel times and distances between places.",
        discussion: "Name the places, or choose them with --kind and --min-population (e.g. --kind city --min-population 500000)."
    )

    @Argument(help: "Places (ids, names or aliases).") var places: [String] = []
    @Option(help: ArgumentHelp("Choose all places of this kind.", valueName: "kind")) var kind: PlaceKind?
    @Option(name: .customLong("min-population"), help: ArgumentHelp("With --kind city: only cities at least this big.", valueName: "n"))
    var minPopulation: Int?
    @Option(help: ArgumentHelp("Minimise time or distance.", valueName: "time|distance")) var optimize: Optimization = .time
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        if places.isEmpty && kind == nil { throw ValidationError("name the places or choose them with --kind (and --min-population)") }
        if !places.isEmpty && kind != nil { throw ValidationError("give either places or --kind, not both") }
        if minPopulation != nil && kind != .city { throw ValidationError("--min-population needs --kind city") }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let names = Names(network.dataset, snapKm: networkOptions.snapKm)
            var ids = try places.map { try names.place($0, role: "place") }
            if let kind {
                ids = network.dataset.places.filter { $0.kind == kind && ($0.population ?? 0) >= (minPopulation ?? 0) && !network.nodes(of: $0.id).isEmpty }
                    .sorted { ($0.population ?? 0, $1.id) > ($1.population ?? 0, $0.id) }.map(\.id)
            }
            guard ids.count >= 2 else { throw CLIError.usage("a matrix needs at least two places; \(ids.count) chosen") }
            guard ids.count <= 400 else { throw CLIError.usage("\(ids.count) places chosen; at most 400 (raise --min-population)") }
            try output.emit(MatrixReport(network: network, matrix: TravelMatrix(network: network, places: ids, optimization: optimize)))
        }
    }
}
