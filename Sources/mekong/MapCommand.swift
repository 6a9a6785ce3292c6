import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongMap
import MekongReports
import MekongNetwork

extension MapFormat: ExpressibleByArgument {}

/// `mekong map …`: the same results as the other commands, drawn as SVG, PNG or PDF.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw a map (SVG, PNG or PDF): the network, a route, a reach, gaps, a comparison, corridors or projects.",
        discussion: """
            Drawn with Cairo in a Lambert conformal conic projection of the region, over a Natural \
            Earth base map, with a title, legend, scale bar and non-overlapping labels. The extent \
            fits the content unless --bbox or --around is given.
            Example: mekong map route Bangkok Hanoi --alternatives 2 --out bangkok-hanoi.png
            """,
        subcommands: [Network.self, Route.self, Reach.self, Gaps.self, Compare.self, Corridors.self, Projects.self]
    )

    /// `mekong map network`
    struct Network: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "network", abstract: "The network in service by road class and mode, with its cities, ports and airports.")
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                try mapOptions.draw(MapBuilder.network(network, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }

    /// `mekong map route FROM TO`
    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "route", abstract: "A route with its alternatives, as `mekong route` finds them.")
        @OptionGroup var query: RouteQueryOptions
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let (request, routes) = try query.routes(on: network, snapKm: networkOptions.snapKm)
                try mapOptions.draw(MapBuilder.route(routes, request: request, network: network, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }

    /// `mekong map reach FROM --hours H`
    struct Reach: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reach", abstract: "What can be reached from a place within a time budget, and its outline.")
        @OptionGroup var query: ReachQueryOptions
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let reach = try query.reach(on: network, snapKm: networkOptions.snapKm)
                let outline: Geometry
                do { outline = try reach.outline(bufferKm: query.bufferKm) } catch { throw CLIError.data("outline failed: \(error)") }
                try mapOptions.draw(MapBuilder.reach(reach, outline: outline, bufferKm: query.bufferKm, network: network, cityLabels: mapOptions.labels),
                                    dataset: network.dataset)
            }
        }
    }

    /// `mekong map gaps`
    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "gaps", abstract: "The connectivity gaps of a scenario, each kind with its own symbol.")
        @Option(help: ArgumentHelp("Only these kinds (repeatable).", valueName: "kind")) var kind: [GapKind] = []
        @OptionGroup var thresholdOptions: GapThresholdOptions
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let analysis = GapAnalysis(thresholds: thresholdOptions.thresholds, kinds: kind.isEmpty ? Set(GapKind.allCases) : Set(kind))
                let report: GapAnalysis.Report
                do { report = try analysis.run(network) } catch { throw CLIError.data("gap analysis failed: \(error)") }
                try mapOptions.draw(MapBuilder.gaps(report.gaps, network: network, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }

    /// `mekong map compare`
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "What changed between two scenarios: links built and retired, gaps closed (with the projects), opened and remaining.",
            discussion: "Example: mekong map compare --year 2012 --against-year 2026 --out change.svg")
        @OptionGroup var comparison: ComparisonOptions
        @OptionGroup var thresholdOptions: GapThresholdOptions
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func validate() throws {
            guard comparison.isGiven else {
                throw ValidationError("give the scenario to compare with: --against-year, --against-with or --against-without")
            }
        }

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let other = try comparison.scenario(against: network.scenario, in: network.dataset)
                let otherNetwork = MekongNetwork.Network(plan: network.plan, scenario: other, profile: network.costModel.profile)
                let analysis = GapAnalysis(thresholds: thresholdOptions.thresholds)
                let change: GapComparison
                do {
                    change = GapComparison(before: try analysis.run(network), beforeNetwork: network, after: try analysis.run(otherNetwork), afterNetwork: otherNetwork)
                } catch { throw CLIError.data("gap analysis failed: \(error)") }
                try mapOptions.draw(MapBuilder.comparison(change, before: network, after: otherNetwork, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }

    /// `mekong map corridors`
    struct Corridors: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "corridors", abstract: "The economic corridors as routed in the scenario.")
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let routed = CorridorListReport(network: network).routed.map { ($0.corridor, $0.result) }
                try mapOptions.draw(MapBuilder.corridors(routed, network: network, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }

    /// `mekong map projects`
    struct Projects: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "projects", abstract: "The Action Plan's projects by status, on the features each built.")
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var mapOptions: MapOptions

        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                try mapOptions.draw(MapBuilder.projects(network, cityLabels: mapOptions.labels), dataset: network.dataset)
            }
        }
    }
}

/// Where and how a map is written: the file and its format, the size, the extent, the labels.
struct MapOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the map to this file (atomically); .svg, .png or .pdf.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("svg, png or pdf (default: from the --out extension).", valueName: "format"))
    var format: MapFormat?

    @Option(help: ArgumentHelp("Width of the map, pixels (\(MapRenderer.sizePixels.lowerBound)–\(MapRenderer.sizePixels.upperBound)).", valueName: "px"))
    var width: Int = 1200

    @Option(help: ArgumentHelp("Height of the map, pixels (default: three quarters of the width).", valueName: "px"))
    var height: Int?

    @Option(help: ArgumentHelp("Show this box instead of the content's extent: minLon,minLat,maxLon,maxLat.", valueName: "box"))
    var bbox: String?

    @Option(help: ArgumentHelp("Centre the map on this place (with --km).", valueName: "place"))
    var around: String?

    @Option(help: ArgumentHelp("With --around: ground distance shown to either side of the place, km (default 200).", valueName: "km"))
    var km: Double?

    @Option(help: ArgumentHelp("Label this many cities, largest first (\(MapBuilder.cityLabels.lowerBound)–\(MapBuilder.cityLabels.upperBound)).", valueName: "n"))
    var labels: Int = MapBuilder.defaultCityLabels

    var heightPixels: Int { height ?? max(MapRenderer.sizePixels.lowerBound, width * 3 / 4) }

    /// The format asked for, or named by the file's extension.
    var resolvedFormat: MapFormat? { format ?? MapFormat(fileName: out) }

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out is empty: give a file name ending in .svg, .png or .pdf") }
        guard resolvedFormat != nil else {
            throw ValidationError("--out \(out) does not end in .svg, .png or .pdf: give such a name or --format svg|png|pdf")
        }
        for (name, value) in [("--width", width), ("--height", heightPixels)] where !MapRenderer.sizePixels.contains(value) {
            throw ValidationError("\(name) must be \(MapRenderer.sizePixels.lowerBound) to \(MapRenderer.sizePixels.upperBound) pixels, not \(value)")
        }
        guard MapBuilder.cityLabels.contains(labels) else {
            throw ValidationError("--labels must be \(MapBuilder.cityLabels.lowerBound) to \(MapBuilder.cityLabels.upperBound), not \(labels)")
        }
        if bbox != nil, around != nil { throw ValidationError("give --bbox or --around, not both") }
        if km != nil, around == nil { throw ValidationError("--km goes with --around PLACE") }
        if let km, !(km.isFinite && MapExtent.radiusKm.contains(km)) {
            throw ValidationError("--km must be between \(Int(MapExtent.radiusKm.lowerBound)) and \(Int(MapExtent.radiusKm.upperBound)) km, not \(km)")
        }
        if let bbox {
            let extent = try Self.parseBox(bbox)
            if let problem = extent.problem { throw ValidationError("--bbox: \(problem)") }
        }
    }

    static func parseBox(_ text: String) throws -> MapExtent {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3] else {
            throw ValidationError("--bbox \"\(text)\" is not four numbers minLon,minLat,maxLon,maxLat, e.g. 99,12,107,19")
        }
        return .boundingBox(west: w, south: s, east: e, north: n)
    }

    /// The extent asked for, with --around resolved to its place.
    func extent(in dataset: Dataset) throws -> MapExtent {
        if let bbox { return try Self.parseBox(bbox) }
        if let around {
            let id = try Names(dataset).place(around, role: "--around")
            guard let place = dataset.place(id) else { throw CLIError.usage("unknown place \"\(around)\" for --around") }
            return .around(place.coordinate, radiusKm: km ?? 200)
        }
        return .content
    }

    /// Renders the map and writes it to --out, atomically and never over an input.
    func draw(_ map: Map, dataset: Dataset) throws {
        guard let format = resolvedFormat else { throw CLIError.usage("give --format svg|png|pdf") }
        let rendered: RenderedMap
        do {
            let basemap = try Basemap.load(from: dataset.source)
            let renderer = try MapRenderer(format: format, widthPixels: width, heightPixels: heightPixels, extent: try extent(in: dataset), basemap: basemap)
            rendered = try renderer.render(map)
        } catch let error as MapError {
            switch error {
            case .invalidRequest: throw CLIError.usage("\(error)")
            case .basemap, .projection: throw CLIError.data("\(error)")
            case .cairo: throw CLIError.io("\(error)")
            }
        }
        try OutputOptions<AnyFormat>.writeFile(out) { url, inputs in
            try AtomicFile.write(rendered.bytes, to: url, inputs: inputs)
        }
    }
}
