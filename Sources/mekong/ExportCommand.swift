import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the network of a scenario as RFC 7946 GeoJSON for QGIS, geojson.io or kepler.gl.",
        discussion: "Each feature carries a `layer` property. The file is written atomically: an interrupted export leaves the old file or none."
    )

    @Option(help: ArgumentHelp("Comma-separated layers: \(ExportLayer.allCases.map(\.rawValue).joined(separator: ",")).", valueName: "layers"))
    var layers: String = "places,links"

    @OptionGroup var networkOptions: NetworkOptions

    @Option(help: ArgumentHelp("Output file (default: standard output).", valueName: "file"))
    var out: String?

    var parsedLayers: [ExportLayer] {
        get throws {
            try layers.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let layer = ExportLayer(rawValue: trimmed) else {
                    let all = ExportLayer.allCases.map(\.rawValue)
                    throw ValidationError("unknown layer \"\(trimmed)\"; choose from \(all.joined(separator: ", "))\(Suggestions.hint(for: trimmed, among: all))")
                }
                return layer
            }
        }
    }

    func validate() throws {
        if try parsedLayers.isEmpty { throw ValidationError("--layers names no layer") }
    }

    func run() throws {
        try reporting {
            // The scenario's network (year, with/without, scenario file) and the profile's hours on
            // each link in service, for styling the map by travel time.
            let network = try networkOptions.network()
            var hours: [LinkID: [String: JSONValue]] = [:]
            for link in network.dataset.links {
                guard let edge = network.edges(of: link.id).first else { continue }
                let cost = network.cost(of: edge)
                hours[link.id] = ["hours": .number((cost.hours * 1000).rounded() / 1000),
                                  "profile": .string(network.costModel.profile.id.rawValue)]
            }
            let collection = MapExport.collection(of: network.dataset, layers: try parsedLayers, scenario: network.scenario, linkProperties: hours)
            try OutputOptions(format: .geojson, out: out).emit(try GeoJSON.encode(collection, fractionDigits: 6))
            if let out { FileHandle.standardError.write(Data("wrote \(collection.features.count) features to \(out)\n".utf8)) }
        }
    }
}

extension OutputOptions {
    init(format: OutputFormat, out: String?) {
        self.init()
        self.format = format
        self.out = out
    }
}
