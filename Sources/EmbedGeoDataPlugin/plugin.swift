import Foundation
import PackagePlugin

/// Embeds the package's GeoData/ files into the target that uses this plugin.
@main
struct EmbedGeoDataPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let dataDirectory = context.package.directoryURL.appending(path: "GeoData")
        let names = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".geojson") || $0 == "README.md" }
            .sorted()
        let inputs = names.map { dataDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedGeoData.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) GeoData files",
                executable: try context.tool(named: "embed-geodata").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
