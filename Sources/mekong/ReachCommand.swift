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
        discussion: """
            The outline (GeoJSON) is the travelled roads buffered by --buffer-km and unioned with GEOS. \
            With --network FILE the start (a place or LON,LAT) snaps to the imported graph and the answer is every \
            node reached with its time (JSON, CSV, GeoJSON points) and the places of the data among them (table).
            """
    )

    @OptionGroup var query: ReachQueryOptions
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func run() throws {
        try reporting {
            // Avoidances, an outline and scenarios are asked of the plan laid onto an imported graph.
            let onThePlan = networkOptions.changesThePlan || !query.avoid.isEmpty || query.bufferKmGiven != nil
            if !onThePlan, let (imported, dataset) = try networkOptions.importedNetwork(optimization: .time) {
                return try reachOnImported(imported, dataset: dataset)
            }
            let network = try networkOptions.network(importedAllowedIn: "reach")
            let reach = try query.reach(on: network, snapKm: networkOptions.snapKm)
            try output.emit(ReachReport(network: network, reach: reach, bufferKm: query.bufferKm))
        }
    }

    /// `--network FILE`: one search by time from the snapped start, within the budget.
    private func reachOnImported(_ imported: ImportedNetwork, dataset: Dataset) throws {
        let names = Names(dataset, snapKm: networkOptions.snapKm)
        let origin = try networkOptions.snapped(query.from, role: "FROM", on: imported, names: names).snap
        let reach = imported.reach(from: origin, budgetHours: query.hours, places: dataset.places, snapKm: networkOptions.snapKm)
        try output.emit(ImportedReachReport(reach: reach, file: networkOptions.networkFile!, profile: networkOptions.profile, year: imported.costing.year))
    }
}
