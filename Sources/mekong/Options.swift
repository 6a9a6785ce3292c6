import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork
import MekongReports

/// The files this process has read, so that `--out` can refuse to overwrite one of them.
final class InputFiles: @unchecked Sendable {
    private static let shared = InputFiles()
    private let lock = NSLock()
    private var files: [URL] = []

    static func record(_ url: URL) {
        shared.lock.lock(); defer { shared.lock.unlock() }
        shared.files.append(url)
    }

    static var recorded: [URL] {
        shared.lock.lock(); defer { shared.lock.unlock() }
        return shared.files
    }
}

/// `--data DIR`: where the data set comes from.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data directory (default: $MEKONG_DATA, else the embedded GeoData).", valueName: "dir"))
    var data: String?

    var source: DataSource { DataSource.resolve(option: data) }

    /// Loads the data set or fails with the data's own findings (exit code 65, EX_DATAERR), or
    /// with an I/O error (74) when a file exists but cannot be read.
    func load() throws -> Dataset {
        if let data, data.isEmpty { throw CLIError.usage("--data is empty: give a data directory, or leave it out for the embedded GeoData") }
        let source = self.source
        guard source.exists else {
            throw CLIError.usage("the data directory \(source) does not exist")
        }
        if case .directory(let url) = source {
            for (name, _) in DatasetReader.files { InputFiles.record(url.appending(path: name)) }
        }
        do {
            return try Dataset.load(from: source).dataset
        } catch {
            if error.findings.contains(where: { $0.rule == "unreadable" }) { throw CLIError.io("\(error)") }
            throw CLIError.data("\(error)")
        }
    }
}

/// `--year`, `--with`, `--without`: which features are in service.
struct ScenarioOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Year of the network (default: the current year).", valueName: "year"))
    var year: Int?

    @Option(help: ArgumentHelp("Day the border regimes are read on, YYYY-MM-DD (default: 1 July of the year); sets the year.", valueName: "day"))
    var date: String?

    @Option(name: .customLong("with"), help: ArgumentHelp("Put a project's features in service (repeatable).", valueName: "project"))
    var withProjects: [String] = []

    @Option(name: .customLong("without"), help: ArgumentHelp("Take a project's features out of service (repeatable).", valueName: "project"))
    var withoutProjects: [String] = []

    /// Refuses a year of `option` (`--year 1789`, `--date 1789-07-14`) outside ``Scenario/years``.
    static func check(_ year: Int, option: String, as given: String? = nil) throws {
        guard Scenario.years.contains(year) else {
            throw ValidationError("\(option) \(given ?? String(year)) is outside the years the data covers (\(Scenario.years.lowerBound)–\(Scenario.years.upperBound))")
        }
    }

    func validate() throws {
        if let year { try Self.check(year, option: "--year") }
        if let date {
            guard let day = DayDate(parsing: date) else { throw ValidationError("--date \"\(date)\" is not a day written YYYY-MM-DD, e.g. 2025-06-23") }
            try Self.check(day.year, option: "--date", as: date)
            if let year, year != day.year { throw ValidationError("--date \(date) is in \(day.year) but --year is \(year); give one of them") }
        }
        let both = Set(withProjects).intersection(withoutProjects)
        if let p = both.sorted().first { throw ValidationError("project \"\(p)\" is given both --with and --without") }
    }

    /// The scenario, with every project id checked against the data.
    func scenario(in dataset: Dataset) throws -> Scenario {
        // Project ids are lowercase slugs: EWEC-style capitals are a person's spelling, not another id.
        let scenario = Scenario(year: year ?? Scenario.currentYear, with: Set(withProjects.map { ProjectID($0.lowercased()) }),
                                without: Set(withoutProjects.map { ProjectID($0.lowercased()) }), day: date.flatMap(DayDate.init(parsing:)))
        if let unknown = scenario.unknownProjects(in: dataset).first {
            throw CLIError.usage("unknown project \"\(unknown.id)\"; closest: \(unknown.suggestions.joined(separator: ", ")) (see `mekong projects list`)")
        }
        return scenario
    }
}

/// `--profile` and the scenario options, shared by every command that builds a network.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Travel-cost profile from profiles.json (truck, car).", valueName: "profile"))
    var profile: String = "truck"

    @Option(help: ArgumentHelp("Scenario file (JSON: year, with, without, edits).", valueName: "file"))
    var scenario: String?

    @Flag(help: "The truck holds no cross-border permit (CBTA or bilateral): its cargo is transloaded at every border.")
    var noPermit = false

    @Option(help: ArgumentHelp("How far a LON,LAT may lie from the place it snaps to, km.", valueName: "km"))
    var snapKm: Double = QueryNames.defaultSnapKm

    func validate() throws {
        guard snapKm.isFinite, snapKm > 0 else { throw ValidationError("--snap-km must be a positive number of km, not \(snapKm)") }
    }

    @Option(name: .customLong("network"), help: ArgumentHelp("A graph file made by `mekong import` to answer on instead of the curated network (route, matrix, reach; with --plan also their scenarios, --via and --avoid, and corridor, gaps and projects assess).", valueName: "file"))
    var networkFile: String?

    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var dataOptions: DataOptions

    /// Whether the scenario changes the plan beyond its year (`--with`, `--without`,
    /// `--scenario`, `--date`'s dated rules). On an imported graph such a question is answered on
    /// the plan laid onto it (``network(importedAllowedIn:)``), between places; a plain question
    /// of a year is answered on the graph itself (``importedNetwork(optimization:hierarchy:)``),
    /// between any points, with a prepared hierarchy when there is one.
    var changesThePlan: Bool {
        !scenarioOptions.withProjects.isEmpty || !scenarioOptions.withoutProjects.isEmpty || scenario != nil || scenarioOptions.date != nil
    }

    /// The imported graph of `--network` with the profile's costing, and the data set (its
    /// profiles, and the places that names resolve to); nil without `--network`. With
    /// `hierarchy`, the network answers with the prepared hierarchy it names or finds.
    func importedNetwork(optimization: Optimization, hierarchy: HierarchyOptions? = nil) throws -> (network: ImportedNetwork, dataset: Dataset)? {
        guard let file = networkFile else { return nil }
        guard !file.isEmpty else { throw CLIError.usage("--network is empty: give a graph file made by mekong import") }
        let (graph, checksum) = try Self.readGraph(file)
        let year = scenarioOptions.year ?? Scenario.currentYear
        let dataset = try dataOptions.load()
        let network = ImportedNetwork(graph: graph, profile: try profileOfDataset(dataset), optimization: optimization, year: year)
        guard let hierarchy else { return (network, dataset) }
        return (try hierarchy.attach(to: network, graphFile: file, graphChecksum: checksum, dataOption: dataOptions.data), dataset)
    }

    /// Reads the graph file `file` (recorded as an input) with its checksum: a missing or
    /// unreadable file is an I/O error (74), a foreign, other-version or corrupt one a data error (65).
    static func readGraph(_ file: String) throws -> (graph: RoutingGraph, checksum: UInt64) {
        InputFiles.record(URL(fileURLWithPath: file))
        do { return try RoutingGraphFile.readWithChecksum(from: file) } catch {
            switch error {
            case .cannotOpen: throw CLIError.io(error.description)
            default: throw CLIError.data(error.description)
            }
        }
    }

    /// `text` (a place's name or a `LON,LAT`) put on the imported graph, with the label it is
    /// shown by (the place's id, or the text as given).
    /// - Throws: a usage error naming `role` and `text` when it is unknown or too far from the graph.
    func snapped(_ text: String, role: String, on network: ImportedNetwork, names: Names) throws -> (label: String, snap: ImportedRoute.Snap) {
        let (label, coordinate) = try names.located(text, role: role)
        do { return (label, try network.snap(coordinate, snapKm: snapKm)) } catch {
            throw CLIError.usage("\(role) \(text): \(error)")
        }
    }

    /// The `--profile` of the data, with `--no-permit` applied.
    func profileOfDataset(_ dataset: Dataset) throws -> Profile {
        try Self.profile(named: profile, noPermit: noPermit, in: dataset)
    }

    /// The profile `name` of `dataset`, with `--no-permit` applied when `noPermit`.
    /// - Throws: a usage error naming the profiles there are, or the freight profiles for `--no-permit`.
    static func profile(named name: String, noPermit: Bool, in dataset: Dataset) throws -> Profile {
        guard var profile = dataset.profile(ProfileID(name)) else {
            let all = dataset.profiles.map(\.id.rawValue)
            throw CLIError.usage("unknown profile \"\(name)\"; choose \(all.joined(separator: ", "))\(Suggestions.hint(for: name, among: all))")
        }
        if noPermit {
            guard profile.transloadHours != nil else {
                let freight = dataset.profiles.filter { $0.transloadHours != nil }.map(\.id.rawValue)
                throw CLIError.usage("--no-permit is for a freight profile (\(freight.joined(separator: ", "))); \(profile.id) carries no cargo across borders")
            }
            profile.holdsPermit = false
        }
        return profile
    }

    /// Loads the data, applies the scenario and builds the network: the curated one, or with
    /// `--network` the plan laid onto that imported graph (when `command` can answer on one; it
    /// names the command in the refusal otherwise).
    func network(importedAllowedIn command: String? = nil) throws -> Network {
        if networkFile != nil && command == nil {
            throw CLIError.usage("--network (an imported graph) works with route, matrix, reach, corridor, gaps and projects assess; this command draws or exports the curated network: leave --network out")
        }
        let base = try dataOptions.load()
        var dataset = base
        var scenario = try scenarioOptions.scenario(in: dataset)
        if let file = self.scenario {
            guard !file.isEmpty else { throw CLIError.usage("--scenario is empty: give a scenario file (JSON: year, with, without, edits)") }
            InputFiles.record(URL(fileURLWithPath: file))
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw CLIError.usage("--scenario \(file): no such file")
            }
            guard !isDirectory.boolValue else { throw CLIError.usage("--scenario \(file) is a directory, not a scenario file") }
            do {
                let loaded = try ScenarioFile.load(from: URL(fileURLWithPath: file), base: dataset, defaults: scenario,
                                                   yearGiven: scenarioOptions.year != nil || scenarioOptions.date != nil)
                dataset = loaded.dataset
                scenario = loaded.scenario
            } catch let error as ScenarioFile.Error {
                throw CLIError.usage("\(file): \(error)")
            } catch {
                throw CLIError.io("cannot read \(file): \(String(cString: strerror(errno == 0 ? EIO : errno)))")
            }
        }
        let profile = try profileOfDataset(dataset)
        if let warning = scenario.coverageWarning(in: dataset) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if let file = networkFile {
            let known = Set(base.links.map(\.id))
            if let added = dataset.links.first(where: { !known.contains($0.id) }) {
                throw CLIError.usage("--scenario \(self.scenario ?? ""): add_link \(added.id) is not on the imported network; with --network a scenario turns the plan's links on and off and changes them, but cannot draw new ones (import again with the link in the data)")
            }
            return Network(plan: try Self.importedPlan(file: file, dataset: dataset, profile: profile),
                           scenario: scenario, profile: profile)
        }
        return Network(dataset: dataset, scenario: scenario, profile: profile)
    }

    /// The plan laid onto the graph in `file` (made by `mekong import --plan`), costed for `profile`.
    /// - Throws: an I/O error for a file that cannot be opened, a data error for a damaged one or
    ///   one without the plan.
    static func importedPlan(file: String, dataset: Dataset, profile: Profile) throws -> PlanGraph {
        guard !file.isEmpty else { throw CLIError.usage("--network is empty: give a graph file made by mekong import --plan") }
        InputFiles.record(URL(fileURLWithPath: file))
        let graph: RoutingGraph
        do { graph = try RoutingGraphFile.read(from: file) } catch {
            switch error {
            case .cannotOpen: throw CLIError.io(error.description)
            default: throw CLIError.data(error.description)
            }
        }
        do { return try PlanGraph(dataset: dataset, importedGraph: graph, profile: profile) } catch {
            throw CLIError.data("\(file): \(error)")
        }
    }
}

/// `--hierarchy FILE`: the prepared contraction hierarchy a `--network` matrix or route answers
/// with. Without it, the one `mekong prepare` writes beside the graph for the same profile, year
/// and optimisation is used when it exists; with neither, the command searches the graph.
struct HierarchyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --network: the hierarchy made by `mekong prepare` to answer with (default: the one beside the graph for this profile, year and optimisation, when there is one).", valueName: "file"))
    var hierarchy: String?

    /// `network` with the hierarchy of `--hierarchy`, or the one found beside `graphFile`, or as
    /// it is when there is none. A file prepared for another graph or costing, corrupt or of
    /// another version is refused with the `mekong prepare` command that makes a fitting one:
    /// a usage error (64) when it was given, a data error (65) when it was found (a stale file).
    func attach(to network: ImportedNetwork, graphFile: String, graphChecksum: UInt64, dataOption: String?) throws -> ImportedNetwork {
        let given = hierarchy != nil
        let path = hierarchy ?? network.preparedHierarchyPath(besideGraph: graphFile)
        // A fitting hierarchy goes beside the graph, where it is found without --hierarchy (an
        // --out of the file given could overwrite a hierarchy of another year with this one).
        let remedy = ": `\(Self.prepareCommand(for: network, graphFile: graphFile, out: nil, dataOption: dataOption))`"
        if given {
            guard !path.isEmpty else { throw CLIError.usage("--hierarchy is empty: give a file made by mekong prepare") }
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError.usage("--hierarchy \(path): no such file; make it with `\(Self.prepareCommand(for: network, graphFile: graphFile, out: path, dataOption: dataOption))`")
            }
        } else if !FileManager.default.fileExists(atPath: path) {
            return network
        }
        InputFiles.record(URL(fileURLWithPath: path))
        do {
            return try network.usingPreparedHierarchy(at: path, graphChecksum: graphChecksum)
        } catch {
            switch error {
            case .cannotOpen: throw CLIError.io(error.description)
            case .preparedForAnother where given: throw CLIError.usage(error.description + remedy)
            default: throw CLIError.data(error.description + remedy)
            }
        }
    }

    /// The `mekong prepare` command line that makes the hierarchy `network` needs.
    static func prepareCommand(for network: ImportedNetwork, graphFile: String, out: String?, dataOption: String?) -> String {
        let names = network.costingNames
        var words = ["mekong", "prepare", graphFile, "--profile", network.costing.costModel.profile.id.rawValue]
        if let year = network.costing.year { words += ["--year", String(year)] }
        words += ["--optimize", names["optimize"]!]
        if !network.costing.costModel.profile.holdsPermit { words.append("--no-permit") }
        if let dataOption { words += ["--data", dataOption] }
        if let out { words += ["--out", out] }
        return words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// The formats one command can write, so that its `--help` lists exactly those and any other
/// is refused before the command runs. The first is the default.
protocol FormatChoices: SendableMetatype {
    static var formats: [OutputFormat] { get }
}

/// route, reach, matrix, corridors, gaps: every format.
enum AnyFormat: FormatChoices { static let formats: [OutputFormat] = [.table, .json, .geojson, .csv] }
/// Lists without geometry of their own: projects list, projects assess.
enum TableJSONOrCSV: FormatChoices { static let formats: [OutputFormat] = [.table, .json, .csv] }
/// One record with geometry: projects show.
enum TableJSONOrGeoJSON: FormatChoices { static let formats: [OutputFormat] = [.table, .json, .geojson] }
/// Reports: validate, calibrate.
enum TableOrJSON: FormatChoices { static let formats: [OutputFormat] = [.table, .json] }

/// `--format` and `--out`, with the formats `Choices` allows.
struct OutputOptions<Choices: FormatChoices>: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: \(Self.choiceList) (default: \(Choices.formats[0].rawValue)).", valueName: "format"),
            transform: Self.parseFormat)
    var format: OutputFormat = Choices.formats[0]

    static var choiceList: String {
        let names = Choices.formats.map(\.rawValue)
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    static func parseFormat(_ text: String) throws -> OutputFormat {
        let lowered = text.lowercased()
        guard let format = Choices.formats.first(where: { $0.rawValue == lowered }) else {
            let names = Choices.formats.map(\.rawValue)
            throw ValidationError("choose \(Self.choiceList)\(Suggestions.hint(for: lowered, among: names))")
        }
        return format
    }

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Print tables whole, however wide (by default they fit COLUMNS or the terminal).")
    var wide = false

    func validate() throws {
        Terminal.tableWidth = wide || out != nil ? nil : Self.terminalWidth()
    }

    /// The width tables should fit: `COLUMNS` when set, else the terminal's when standard output
    /// is one, else none (a file or a pipe gets whole tables).
    static func terminalWidth() -> Int? {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return max(columns, 40) }
        var size = winsize()
        guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return max(Int(size.ws_col), 40)
    }

    /// Writes the text to --out (atomically, never over one of the command's inputs) or
    /// standard output.
    func emit(_ text: String) throws {
        try Self.emit(text, to: out)
    }

    /// Renders a result in `--format`, fitted to the terminal, and writes it like ``emit(_:)``.
    /// A geometry that fails is a data error (65).
    func emit(_ report: some Report) throws {
        let text: String
        do { text = try report.render(format, tableWidth: Terminal.tableWidth) } catch { throw CLIError.data(error.description) }
        try emit(text)
    }

    /// Writes the text to the file `out` (atomically, never over one of the command's inputs)
    /// or, when nil, to standard output.
    static func emit(_ text: String, to out: String?) throws {
        guard let out else { return try writeStandardOutput(text) }
        try writeFile(out) { (url, inputs) throws(AtomicFile.Failure) in
            try AtomicFile.write(Data(text.utf8), to: url, inputs: inputs)
        }
    }

    /// Runs a write to `out` against the command's recorded inputs, turning a refusal of the
    /// target into a usage error (64) and a failed write into an I/O error (74).
    static func writeFile(_ out: String, _ write: (URL, [URL]) throws -> Void) throws {
        guard !out.isEmpty else { throw CLIError.usage("--out is empty: give a file name") }
        do {
            try write(URL(fileURLWithPath: out), InputFiles.recorded)
        } catch let error as AtomicFile.Failure {
            throw error.isRefusal ? CLIError.usage(error.description) : CLIError.io(error.description)
        }
    }

    /// Writes to standard output with `write(2)`, so a full disk or a closed descriptor is an
    /// I/O error (exit 74) with the system's words, not a crash: FileHandle raised an
    /// Objective-C exception that ended the process with SIGILL.
    static func writeStandardOutput(_ text: String) throws {
        var failure: Int32 = 0
        Array(text.utf8).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno; return
                }
                offset += n
            }
        }
        if failure != 0 { throw CLIError.io("cannot write to standard output: \(String(cString: strerror(failure)))") }
    }
}

/// Failures with their exit codes: no answer 1 (like grep finding nothing), and sysexits.h's
/// usage 64, data 65, a library the command needs is missing 69, I/O 74.
enum CLIError: Error, CustomStringConvertible {
    case noAnswer(String)
    case usage(String)
    case data(String)
    case unavailable(String)
    case io(String)

    /// A route error: "no route" is an answer (exit 1); a point out of service or a
    /// contradiction in the request is a usage error. The CLI sets no deadline, so none passes;
    /// were one to, no answer came in time (69, as a service that did not answer).
    init(_ error: RouteError) {
        switch error {
        case .unreachable: self = .noAnswer("\(error)")
        case .notInService, .conflict: self = .usage("\(error)")
        case .deadlinePassed: self = .unavailable("\(error)")
        }
    }

    var description: String {
        switch self {
        case .noAnswer(let m), .usage(let m), .data(let m), .unavailable(let m), .io(let m): m
        }
    }

    var exitCode: Int32 {
        switch self {
        case .noAnswer: 1
        case .usage: 64
        case .data: 65
        case .unavailable: 69
        case .io: 74
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a CLIError into its message on standard error and its exit code.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
