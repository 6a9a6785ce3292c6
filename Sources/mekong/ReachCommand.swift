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

    @OptionGroup var query: ReachQueryOptions
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let reach = try query.reach(on: network, snapKm: networkOptions.snapKm)
            try output.emit(ReachReport(network: network, reach: reach, bufferKm: query.bufferKm))
        }
    }
}
