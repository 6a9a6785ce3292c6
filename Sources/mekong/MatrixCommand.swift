import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

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
            let matrix = TravelMatrix(network: network, places: ids, optimization: optimize)
            func cell(_ x: Double, _ digits: Int) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "" }
            switch output.format {
            case .json:
                func grid(_ m: [[Double]]) -> JSONValue { .array(m.map { .array($0.map { $0.isFinite ? .number(($0 * 1000).rounded() / 1000) : .null }) }) }
                try output.emit(try JSONOutput.text(["places": .array(ids.map { .string($0.rawValue) }), "hours": grid(matrix.hours),
                                                      "km": grid(matrix.km), "year": .number(Double(network.scenario.year)),
                                                      "profile": .string(network.costModel.profile.id.rawValue)]))
            case .csv:
                var rows: [[String]] = []
                for (i, a) in ids.enumerated() { for (j, b) in ids.enumerated() where i != j {
                    rows.append([a.rawValue, b.rawValue, cell(matrix.hours[i][j], 3), cell(matrix.km[i][j], 1)])
                } }
                try output.emit(TextTable.csv(headers: ["from", "to", "hours", "km"], rows: rows))
            case .geojson:
                // A straight line per reachable ordered pair, with its hours and km, for a desire-line map.
                var features: [Feature] = []
                for (i, a) in ids.enumerated() { for (j, b) in ids.enumerated() where i != j && matrix.hours[i][j].isFinite {
                    guard let pa = network.dataset.place(a), let pb = network.dataset.place(b) else { continue }
                    features.append(Feature(geometry: .lineString([pa.coordinate, pb.coordinate]), properties: [
                        "from": .string(a.rawValue), "to": .string(b.rawValue),
                        "hours": .number((matrix.hours[i][j] * 1000).rounded() / 1000), "km": .number((matrix.km[i][j] * 10).rounded() / 10),
                    ]))
                } }
                try output.emit(try GeoJSON.encode(FeatureCollection(features: features), fractionDigits: 6))
            case .table:
                let rows = ids.enumerated().map { i, a in
                    [a.rawValue] + ids.indices.map { j in i == j ? "-" : matrix.hours[i][j].isFinite ? TextNumber.clock(matrix.hours[i][j]) : "" }
                }
                try output.emit("Travel time, h:mm (year \(network.scenario.year), \(network.costModel.profile.id)); unreachable pairs are blank\n\n"
                                + TextTable.render(headers: ["from \\ to"] + ids.map(\.rawValue), rows: rows))
            }
        }
    }
}
