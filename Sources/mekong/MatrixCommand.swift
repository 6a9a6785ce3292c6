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
        discussion: """
            Name the places, or choose them with --kind and --min-population (e.g. --kind city --min-population 500000). \
            With --network FILE, places and LON,LAT points snap to the imported graph (within --snap-km); from \
            \(ImportedMatrix.contractionThreshold) points on, the graph is contracted once and the matrix read from buckets; \
            with a hierarchy made by `mekong prepare` (beside the graph, or --hierarchy FILE) the buckets are read at once.
            """
    )

    @Argument(help: "Places (ids, names or aliases; with --network also LON,LAT).") var places: [String] = []
    @Option(help: ArgumentHelp("Choose all places of this kind.", valueName: "kind")) var kind: PlaceKind?
    @Option(name: .customLong("min-population"), help: ArgumentHelp("With --kind city: only cities at least this big.", valueName: "n"))
    var minPopulation: Int?
    @Option(help: ArgumentHelp("Minimise time or distance.", valueName: "time|distance")) var optimize: Optimization = .time
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var hierarchyOptions: HierarchyOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        if places.isEmpty && kind == nil { throw ValidationError("name the places or choose them with --kind (and --min-population)") }
        if !places.isEmpty && kind != nil { throw ValidationError("give either places or --kind, not both") }
        if minPopulation != nil && kind != .city { throw ValidationError("--min-population needs --kind city") }
        if hierarchyOptions.hierarchy != nil && networkOptions.networkFile == nil {
            throw ValidationError("--hierarchy is for an imported graph: give its --network FILE too")
        }
    }

    func run() throws {
        try reporting {
            // A scenario is asked of the plan laid onto an imported graph, between places.
            if networkOptions.networkFile != nil && networkOptions.changesThePlan && hierarchyOptions.hierarchy != nil {
                throw CLIError.usage("--hierarchy answers a year's plain matrix; with a scenario the matrix is searched on the plan laid onto the graph: leave --hierarchy out")
            }
            if !networkOptions.changesThePlan,
               let (imported, dataset) = try networkOptions.importedNetwork(optimization: optimize, hierarchy: hierarchyOptions) {
                return try matrixOnImported(imported, dataset: dataset)
            }
            let network = try networkOptions.network(importedAllowedIn: "matrix")
            let names = Names(network.dataset, snapKm: networkOptions.snapKm)
            var ids = try places.map { try names.place($0, role: "place") }
            if kind != nil {
                ids = chosenPlaces(in: network.dataset).filter { !network.nodes(of: $0.id).isEmpty }.map(\.id)
            }
            guard ids.count >= 2 else { throw CLIError.usage("a matrix needs at least two places; \(ids.count) chosen") }
            guard ids.count <= 400 else { throw CLIError.usage("\(ids.count) places chosen; at most 400 (raise --min-population)") }
            try output.emit(MatrixReport(network: network, matrix: TravelMatrix(network: network, places: ids, optimization: optimize)))
        }
    }

    /// The places `--kind` and `--min-population` choose, biggest first (then by id).
    private func chosenPlaces(in dataset: Dataset) -> [Place] {
        dataset.places.filter { $0.kind == kind && ($0.population ?? 0) >= (minPopulation ?? 0) }
            .sorted { ($0.population ?? 0, $1.id) > ($1.population ?? 0, $0.id) }
    }

    /// The most points a matrix on an imported graph takes: its output grows with the square
    /// (a million cells at 1,000), and a table of more is for no one.
    static let importedLimit = 2_000

    /// `--network FILE`: between places or coordinates snapped to the imported graph. With
    /// `--kind`, the chosen places farther than `--snap-km` from the graph are left out (they are
    /// not on it), and a note says how many.
    private func matrixOnImported(_ imported: ImportedNetwork, dataset: Dataset) throws {
        let names = Names(dataset, snapKm: networkOptions.snapKm)
        var points: [(label: String, snap: ImportedRoute.Snap)] = []
        if kind != nil {
            let chosen = chosenPlaces(in: dataset)
            points = chosen.compactMap { place in imported.snap(place.coordinate, ifWithinKm: networkOptions.snapKm).map { (place.id.rawValue, $0) } }
            if points.count < chosen.count {
                FileHandle.standardError.write(Data("note: \(chosen.count - points.count) of the \(chosen.count) places chosen lie farther than --snap-km \(networkOptions.snapKm) km from the graph and are left out\n".utf8))
            }
        } else {
            points = try places.map { try networkOptions.snapped($0, role: "place", on: imported, names: names) }
        }
        guard points.count >= 2 else { throw CLIError.usage("a matrix needs at least two points on the graph; \(points.count) chosen") }
        guard points.count <= Self.importedLimit else {
            throw CLIError.usage("\(points.count) points chosen; at most \(Self.importedLimit) with --network")
        }
        let snaps = points.map(\.snap), labels = points.map(\.label)
        try output.emit(ImportedMatrixReport(matrix: imported.matrix(from: snaps, to: snaps), sourceLabels: labels, destinationLabels: labels,
                                             file: networkOptions.networkFile!, profile: networkOptions.profile, optimization: optimize,
                                             year: imported.costing.year))
    }
}
