import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork
import VectorIO

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the network of a scenario as GeoJSON (QGIS, geojson.io, kepler.gl) or a GeoPackage.",
        discussion: """
            GeoJSON (RFC 7946) is one collection whose features carry a `layer` property. A \
            GeoPackage (through GDAL) has one table per layer and geometry type, so that \
            GIS clients read every feature: `projects` becomes `projects_point` and \
            `projects_linestring`. Either file is written atomically: an interrupted export \
            leaves the old file or none.
            """
    )

    /// What `export` writes: the network as features, as text or as a GIS database.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case geojson, gpkg
    }

    @Option(help: ArgumentHelp("Comma-separated layers: \(ExportLayer.allCases.map(\.rawValue).joined(separator: ",")).", valueName: "layers"))
    var layers: String = "places,links"

    @OptionGroup var networkOptions: NetworkOptions

    @Option(help: ArgumentHelp("Output format: geojson or gpkg (GeoPackage; needs --out and GDAL, Debian's libgdal-dev).", valueName: "format"),
            transform: { text in
                guard let format = Format(rawValue: text.lowercased()) else {
                    throw ValidationError("choose geojson or gpkg\(Suggestions.hint(for: text.lowercased(), among: Format.allCases.map(\.rawValue)))")
                }
                return format
            })
    var format: Format = .geojson

    @Option(help: ArgumentHelp("Output file (default: standard output, for GeoJSON).", valueName: "file"))
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
        if format == .gpkg && out == nil { throw ValidationError("--format gpkg writes a database file: give it with --out, e.g. --out mekong.gpkg") }
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
            let selected = try parsedLayers
            let collection = MapExport.collection(of: network.dataset, layers: selected, scenario: network.scenario, linkProperties: hours)
            switch format {
            case .geojson:
                try OutputOptions<AnyFormat>.emit(try GeoJSON.encode(collection, fractionDigits: 6), to: out)
                if let out { FileHandle.standardError.write(Data("wrote \(collection.features.count) features to \(out)\n".utf8)) }
            case .gpkg:
                let layers = selected.map { layer in
                    VectorFileWriter.Layer(name: layer.rawValue, features: collection.features.filter { $0.properties["layer"] == .string(layer.rawValue) })
                }
                var written: [(name: String, count: Int)] = []
                do {
                    try OutputOptions<AnyFormat>.writeFile(out!) { url, inputs in
                        try AtomicFile.write(to: url, inputs: inputs) { path throws(VectorIOError) in
                            written = try VectorFileWriter.write(layers, format: .geoPackage, to: path)
                        }
                    }
                } catch let error as VectorIOError {
                    throw error.isUnavailable ? CLIError.unavailable(error.description) : CLIError.io(error.description)
                }
                let summary = written.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("wrote \(collection.features.count) features to \(out!) (\(summary))\n".utf8))
            }
        }
    }
}
