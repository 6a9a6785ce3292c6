import ArgumentParser
import Foundation
import MekongData
import MekongNetwork
import MekongServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API (routes, tables, reach, corridors, gaps, projects, places) and a web map over HTTP.",
        discussion: """
            Loads the data once and answers concurrently until SIGINT or SIGTERM. The API is \
            described at /openapi.json; the map is at /. Example: mekong serve --port 8080, then \
            curl 'http://127.0.0.1:8080/route?from=Bangkok&to=Hanoi'
            """
    )

    @Option(help: ArgumentHelp("Port to listen on (0: any free port, printed at start).", valueName: "n")) var port: Int = 8080
    @Option(help: ArgumentHelp("Address to listen on.", valueName: "address")) var host: String = "127.0.0.1"
    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Seconds a request may take before it is answered 503.", valueName: "s"))
    var timeLimit: Double = 10
    @OptionGroup var dataOptions: DataOptions
    @Option(name: .customLong("network"), help: ArgumentHelp("A graph file made by `mekong import`: /route answers on it (graph=curated for the curated network).", valueName: "file"))
    var networkFile: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 3600 else { throw ValidationError("--time-limit must be more than 0 and at most 3600 s") }
    }

    func run() async throws {
        try await reportingAsync {
            let dataset = try dataOptions.load()
            var imported: (graph: RoutingGraph, file: String)?
            if let file = networkFile {
                guard !file.isEmpty else { throw CLIError.usage("--network is empty: give a graph file made by mekong import") }
                do { imported = (try RoutingGraphFile.read(from: file), file) } catch let error as RoutingGraphFileError {
                    switch error {
                    case .cannotOpen: throw CLIError.io(error.description)
                    default: throw CLIError.data(error.description)
                    }
                }
                InputFiles.record(URL(fileURLWithPath: file))
            }
            var limits = MekongAPI.Limits()
            limits.seconds = timeLimit
            let api = MekongAPI(data: ServerData(dataset: dataset, imported: imported), limits: limits)
            let host = self.host
            do {
                try await MekongServer.run(api: api, host: host, port: port) { bound in
                    FileHandle.standardError.write(Data("mekong serve: listening on http://\(host):\(bound)/ (API: /openapi.json; Ctrl-C stops)\n".utf8))
                }
            } catch {
                throw CLIError.io("cannot serve on \(host):\(port): \(error)")
            }
            FileHandle.standardError.write(Data("mekong serve: stopped\n".utf8))
        }
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a CLIError into its message on standard error and its exit code.
    func reportingAsync(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
