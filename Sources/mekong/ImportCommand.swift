import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongReports
import NetworkImport
import RoutingGraph

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a routing graph file (.mkg) from an OSM extract or a road database, through GDAL.",
        discussion: """
            Reads OSM PBF or XML (GDAL's OSM driver: roads by highway=*, ferry routes, railways), \
            GeoPackage, Shapefile, GeoJSON or FlatGeobuf. An attribute mapping (JSON) says which \
            features become edges and which fields give class, surface, one-way, speed limit, \
            bridge and border; the default is for OSM (`mekong import --print-mapping` shows it \
            and starts your own). Lines are cut where they share a vertex; other formats may join \
            a line end to another line within --join-m metres. The report gives the features kept \
            and left out, the ends joined, the crossings left apart (bridges) and the components. \
            The file is written atomically: a failure leaves nothing.
            """
    )

    @Argument(help: ArgumentHelp("The source files.", valueName: "source"))
    var sources: [String] = []

    @Option(help: ArgumentHelp("The graph file to write, e.g. network.mkg.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("The attribute mapping (JSON); default: the OSM mapping.", valueName: "file"))
    var mapping: String?

    @Option(name: .customLong("join-m"), help: ArgumentHelp("Join a line end to another line within this many metres (default 0 for OSM, 1 otherwise; at most 100).", valueName: "metres"))
    var joinMetres: Double?

    @Flag(help: "Lay the curated plan (GeoData, or --data) onto the graph: places snap to nodes, links are matched by geometry or inserted, and matched edges take the plan's years.")
    var plan = false

    @Option(name: .customLong("place-radius-km"), help: ArgumentHelp("With --plan: how far a place may lie from its node, km (default 5).", valueName: "km"))
    var placeRadiusKm: Double = 5

    @Option(name: .customLong("tolerance-km"), help: ArgumentHelp("With --plan: how far the graph's path may stray from a link's line and still match it, km (default 1).", valueName: "km"))
    var toleranceKm: Double = 1

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Print the default OSM mapping as JSON and stop.")
    var printMapping = false

    @Flag(help: "No progress bar on standard error.")
    var noProgress = false

    @Option(help: ArgumentHelp("The report's format: table or json (default: table).", valueName: "format"),
            transform: OutputOptions<TableOrJSON>.parseFormat)
    var format: OutputFormat = .table

    func validate() throws {
        if printMapping { return }
        guard !sources.isEmpty else { throw ValidationError("name the source files, e.g. mekong import extract.osm.pbf --out network.mkg") }
        guard let out, !out.isEmpty else { throw ValidationError("give the graph file with --out, e.g. --out network.mkg") }
        guard placeRadiusKm > 0, placeRadiusKm <= 100 else { throw ValidationError("--place-radius-km must be more than 0 and at most 100, not \(placeRadiusKm)") }
        guard toleranceKm > 0, toleranceKm <= 50 else { throw ValidationError("--tolerance-km must be more than 0 and at most 50, not \(toleranceKm)") }
        if let joinMetres, !(joinMetres >= 0 && joinMetres <= 100) {
            throw ValidationError("--join-m must be between 0 and 100 metres, not \(joinMetres)")
        }
    }

    func run() throws {
        try reporting {
            if printMapping {
                return try OutputOptions<TableOrJSON>.emit(try JSONWriter(leadingKeys: ["layer", "id_field", "tags_field", "rules"]).string(ImportMapping.openStreetMap.json) + "\n", to: nil)
            }
            for source in sources {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
                    throw CLIError.usage("\(source) does not exist")
                }
                InputFiles.record(URL(fileURLWithPath: source))
            }
            let chosen: ImportMapping
            if let mapping {
                InputFiles.record(URL(fileURLWithPath: mapping))
                do throws(ImportError) { chosen = try ImportMapping.read(from: URL(fileURLWithPath: mapping)) } catch { throw CLIError(error) }
            } else {
                chosen = .openStreetMap
            }
            let bar = ProgressBar(enabled: !noProgress)
            let start = Date()
            var (graph, report): (RoutingGraph, ImportReport)
            do throws(ImportError) {
                (graph, report) = try NetworkImporter.importNetwork(from: sources, mapping: chosen, joinMetres: joinMetres) { progress in
                    bar.show(progress.phase, done: progress.done, total: progress.total)
                }
            } catch {
                bar.finish()
                throw CLIError(error)
            }
            var conflation: PlanConflation.Result?
            if plan {
                bar.show("laying the plan onto the graph", done: 0, total: nil)
                let dataset = try dataOptions.load()
                do { conflation = try PlanConflation.conflate(dataset, onto: graph, placeRadiusKm: placeRadiusKm, toleranceKm: toleranceKm) } catch {
                    bar.finish()
                    throw CLIError.data("the plan could not be laid onto the graph: \(error)")
                }
                graph = conflation!.graph
                report.nodes = graph.nodeCount
                report.edges = graph.edgeCount
            }
            bar.show("writing \(out!)", done: 0, total: nil)
            do {
                try OutputOptions<TableOrJSON>.writeFile(out!) { url, inputs in
                    try AtomicFile.write(to: url, inputs: inputs) { path throws(RoutingGraphFileError) in
                        try RoutingGraphFile.write(graph, to: path)
                    }
                }
            } catch let error as RoutingGraphFileError {
                bar.finish()
                throw CLIError.io(error.description)
            }
            bar.finish()
            try OutputOptions<TableOrJSON>.emit(ImportReportText.render(report, conflation: conflation, out: out!, seconds: Date().timeIntervalSince(start), format: format), to: nil)
        }
    }
}

extension CLIError {
    /// An import failure: GDAL missing 69, an unreadable source 74 (GDAL's own message), a wrong
    /// mapping 64, a broken or empty source 65.
    init(_ error: ImportError) {
        switch error {
        case .source(let source) where source.isUnavailable: self = .unavailable(error.description)
        case .cannotRead: self = .io(error.description)
        case .mapping, .fieldMissing: self = .usage(error.description)
        case .source, .empty: self = .data(error.description)
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place, only when standard error is a
/// terminal (a log file gets no carriage returns).
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) != 0
    }

    func show(_ phase: String, done: Int, total: Int?) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        var line = "\r\u{1B}[K" + phase
        if let total, total > 0 {
            let share = min(1, Double(done) / Double(total))
            let width = 30, filled = Int(share * Double(width))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(Int(share * 100)) %"
        } else if done > 0 {
            line += " \(TextTable.grouped(done)) features"
        }
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}

/// The import report as a table or JSON.
enum ImportReportText {
    static func render(_ report: ImportReport, conflation: PlanConflation.Result?, out: String, seconds: Double, format: OutputFormat) throws -> String {
        let sources: [JSONValue] = report.sources.map { source in
            let leftOut = source.leftOut.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return ["path": .string(source.path), "driver": .string(source.driver), "layer": .string(source.layer),
                    "features": .number(Double(source.features)), "kept": .number(Double(source.kept)),
                    "not_lines": .number(Double(source.notLines)),
                    "left_out": .object(Dictionary(uniqueKeysWithValues: leftOut.map { ($0.key, JSONValue.number(Double($0.value))) }))]
        }
        let kilometres = report.kilometres.mapValues { JSONValue.number(($0 * 1000).rounded() / 1000) }
        var value: [String: JSONValue] = [
            "graph": .string(out), "sources": .array(sources), "nodes": .number(Double(report.nodes)),
            "edges": .number(Double(report.edges)), "join_m": .number(report.joinMetres),
            "ends_joined": .number(Double(report.endsJoined)), "components": .number(Double(report.components)),
            "largest_component_nodes": .number(Double(report.largestComponentNodes)), "km": .object(kilometres),
            "seconds": .number((seconds * 100).rounded() / 100),
        ]
        if let crossings = report.crossingsLeftApart {
            value["crossings_left_apart"] = .number(Double(crossings))
            value["crossing_examples"] = .array(report.crossingExamples.map { .array([.number($0.longitude), .number($0.latitude)]) })
        }
        if let conflation {
            value["plan"] = [
                "places": .array(conflation.places.map { p in
                    ["place": .string(p.place.rawValue), "snapped": .bool(p.snapped), "km": .number((p.distanceKm * 1000).rounded() / 1000)]
                }),
                "links": .array(conflation.links.map { l in
                    var o: [String: JSONValue] = ["link": .string(l.link.rawValue), "status": .string(l.status.rawValue), "edges": .number(Double(l.edges))]
                    if let h = l.hausdorffKm { o["hausdorff_km"] = .number((h * 1000).rounded() / 1000) }
                    if let r = l.reason { o["reason"] = .string(r) }
                    return .object(o)
                }),
            ]
        }
        if format == .json {
            return try JSONWriter(leadingKeys: ["graph", "sources", "nodes", "edges"]).string(.object(value)) + "\n"
        }
        var text = "Imported \(out) in \(String(format: "%.1f", seconds)) s: \(TextTable.grouped(report.nodes)) nodes, \(TextTable.grouped(report.edges)) directed edges.\n"
        for source in report.sources {
            text += "  \(source.path) (\(source.driver), layer \(source.layer)): \(TextTable.grouped(source.features)) line features, \(TextTable.grouped(source.kept)) kept"
            if source.notLines > 0 { text += ", \(TextTable.grouped(source.notLines)) not lines" }
            text += "\n"
            let leftOut = source.leftOut.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if !leftOut.isEmpty {
                text += "    left out: " + leftOut.prefix(8).map { "\($0.key) \(TextTable.grouped($0.value))" }.joined(separator: ", ")
                text += leftOut.count > 8 ? ", and \(leftOut.count - 8) more values\n" : "\n"
            }
        }
        let km = report.kilometres.sorted { $0.value > $1.value }.map { "\($0.key) \(String(format: "%.0f", $0.value))" }
        text += "  km of line: \(km.joined(separator: ", "))\n"
        text += "  line ends joined within \(String(format: "%g", report.joinMetres)) m: \(report.endsJoined)\n"
        if let crossings = report.crossingsLeftApart {
            text += "  crossings left apart (no shared vertex: bridges, flyovers, or gaps in the data): \(crossings)"
            if let first = report.crossingExamples.first { text += String(format: ", e.g. at %.5f,%.5f", first.longitude, first.latitude) }
            text += "\n"
        } else {
            text += "  crossings: OSM ways meet at shared nodes, so none are guessed\n"
        }
        let share = report.nodes > 0 ? Double(report.largestComponentNodes) / Double(report.nodes) * 100 : 0
        text += "  components: \(report.components); the largest holds \(TextTable.grouped(report.largestComponentNodes)) nodes (\(String(format: "%.1f", share)) %)\n"
        if let conflation {
            let snapped = conflation.places.filter(\.snapped)
            let far = snapped.map(\.distanceKm).max() ?? 0
            text += "Plan: \(snapped.count) of \(conflation.places.count) places snapped to a node (farthest \(String(format: "%.2f", far)) km), "
            text += "\(conflation.places.count - snapped.count) inserted where no node was near; "
            let byStatus = Dictionary(grouping: conflation.links, by: \.status)
            text += PlanConflation.LinkStatus.allCases.map { "\(byStatus[$0]?.count ?? 0) links \($0.rawValue)" }.joined(separator: ", ") + "\n"
            for link in conflation.links where link.status != .matched {
                text += "  \(link.status.rawValue) \(link.link): \(link.reason ?? "")\n"
            }
        }
        return text
    }
}
