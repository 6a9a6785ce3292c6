import ArgumentParser
import GeoCore

/// The root command: it only names the subcommands; each lives in its own file.
@main
struct Mekong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mekong",
        abstract: "Transport connectivity of the Mekong region and the Mekong–Japan Action Plan (2012).",
        discussion: """
            Routes, reachability, corridor and gap analysis on a curated, sourced data set of the \
            region's corridors, roads, bridges, ferries, border crossings, ports and airports.
            """,
        version: MekongVersion.description,
        subcommands: [RouteCommand.self, ReachCommand.self, MatrixCommand.self, CorridorCommand.self, GapsCommand.self, PlacesCommand.self, ProjectsCommand.self, CalibrateCommand.self, ExportCommand.self, ImportCommand.self, PrepareCommand.self, MapCommand.self, ReportCommand.self, ValidateCommand.self, ServeCommand.self]
    )
}

enum MekongVersion {
    static let number = "0.1.0"

    /// What `--version` prints: the number and the GEOS and PROJ in use.
    ///
    /// ArgumentParser reads the configuration's version on every run, but asking PROJ its version
    /// loads PROJ (12 ms, see Sources/CPROJ/include), so the libraries are named only when the
    /// command line asks for the version, as ArgumentParser decides it: `--version` anywhere.
    static var description: String {
        guard CommandLine.arguments.dropFirst().contains("--version") else { return "mekong \(number)" }
        return "mekong \(number) (GEOS \(GEOSContext.version), PROJ \(Projection.version))"
    }
}
