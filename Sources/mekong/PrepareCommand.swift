import ArgumentParser
import Foundation
import MekongData
import MekongNetwork
import RoutingEngine
import RoutingGraph

struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Contract an imported graph (.mkg) once for a profile, year and optimisation, so that matrix and route use it.",
        discussion: """
            Writes the contraction hierarchy of the profile's weights to a file beside the graph, named after it and \
            the costing (laos.mkg → laos.truck-2026-time.mkch), or to --out. `matrix --network` and `route --network` \
            with the same profile, year and optimisation then use it (or the one given with --hierarchy) and pay for \
            their table or query only. The file records the graph file's checksum and the costing: after the graph is \
            imported again, or the profile changes, prepare it again. It is written atomically: a failure leaves nothing.
            Example: mekong prepare laos.mkg --profile car --year 2026
            """
    )

    @Argument(help: ArgumentHelp("The graph file made by `mekong import`.", valueName: "network"))
    var network: String

    @Option(help: ArgumentHelp("Travel-cost profile from profiles.json (truck, car).", valueName: "profile"))
    var profile: String = "truck"

    @Option(help: ArgumentHelp("Year of the network: the plan's links in service then (default: the current year).", valueName: "year"))
    var year: Int?

    @Option(help: ArgumentHelp("Minimise time or distance.", valueName: "time|distance"))
    var optimize: Optimization = .time

    @Flag(help: "The truck holds no cross-border permit (CBTA or bilateral): its cargo is transloaded at every border.")
    var noPermit = false

    @Option(help: ArgumentHelp("The hierarchy file to write (default: beside the graph, e.g. laos.truck-2026-time.mkch).", valueName: "file"))
    var out: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard !network.isEmpty else { throw ValidationError("name the graph file made by mekong import, e.g. mekong prepare laos.mkg --profile truck") }
        if let year { try ScenarioOptions.check(year, option: "--year") }
        if let out, out.isEmpty { throw ValidationError("--out is empty: give a file name, or leave it out for the file beside the graph") }
    }

    func run() throws {
        try reporting {
            var prepared: (path: String, stamp: ContractionHierarchyFile.Stamp, year: Int, nodes: Int, edges: Int)?
            let start = ContinuousClock.now
            // The graph and its costing live only inside the closure: the contraction copies
            // their arcs and they are released, the graph file's map with them (at 10^7 nodes
            // 1.8 GB that would otherwise stay resident through the contraction).
            let hierarchy = try ContractionHierarchy { () throws -> (graph: CompressedGraph, weights: [Double]) in
                let (graph, checksum) = try NetworkOptions.readGraph(network)
                let dataset = try dataOptions.load()
                let chosen = try NetworkOptions.profile(named: profile, noPermit: noPermit, in: dataset)
                let imported = ImportedNetwork(graph: graph, profile: chosen, optimization: optimize, year: year ?? Scenario.currentYear)
                let path = out ?? imported.preparedHierarchyPath(besideGraph: network)
                if let input = InputFiles.recorded.first(where: { Self.sameFile($0.path, path) }) {
                    throw CLIError.usage("--out \(path) is one of this command's inputs (\(input.path)); choose another file")
                }
                prepared = (path, imported.hierarchyStamp(graphChecksum: checksum), imported.costing.year!, graph.nodeCount, graph.edgeCount)
                return (graph.topology, imported.weights.values)
            }
            guard let prepared else { return }
            do throws(ContractionHierarchyFileError) { try ContractionHierarchyFile.write(hierarchy, stamp: prepared.stamp, to: prepared.path) } catch {
                throw CLIError.io(error.description)
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let usage = out == nil ? "matrix and route --network \(network) with --profile \(profile)\(noPermit ? " --no-permit" : "") --year \(prepared.year) --optimize \(optimize.rawValue) use it"
                : "give it to matrix or route --network \(network) with --hierarchy \(prepared.path)"
            try OutputOptions<TableOrJSON>.writeStandardOutput(
                "prepared \(prepared.path): \(prepared.nodes) nodes, \(prepared.edges) edges, \(hierarchy.shortcutCount) shortcuts, \(String(format: "%.1f", seconds)) s\n\(usage)\n")
        }
    }

    /// Whether two paths name one file (the same device and inode), or the same path when
    /// the second does not exist yet.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else {
            return URL(fileURLWithPath: a).standardizedFileURL == URL(fileURLWithPath: b).standardizedFileURL
        }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
