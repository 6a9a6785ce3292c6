import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongNetwork
import MekongReports

extension PlaceKind: ExpressibleByArgument {}

struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "List and find places: cities, ports, airports, border posts, SEZs, junctions.",
        discussion: "QUERY matches ids, names and aliases, ignoring case and accents (\"sai gon\" finds Ho Chi Minh City)."
    )

    @Argument(help: "Part of an id, name or alias.")
    var query: String?

    @Option(help: ArgumentHelp("Only this kind: \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: PlaceKind?

    @Option(help: ArgumentHelp("Only this country (ISO 3166-1 alpha-3: \(Countries.all.sorted().joined(separator: ", "))).", valueName: "iso3"))
    var country: String?

    @Option(help: ArgumentHelp("Centre of a search, as longitude,latitude (e.g. 104.75,16.55).", valueName: "lon,lat"))
    var near: String?

    @Option(name: .customLong("within-km"), help: ArgumentHelp("Radius around --near, in km (default 50).", valueName: "km"))
    var withinKm: Double?

    @Option(help: ArgumentHelp("Only places in service in this year (default: all places).", valueName: "year"))
    var year: Int?

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        if let country, !Countries.all.contains(country.uppercased()) {
            throw ValidationError("unknown country \"\(country)\"; choose one of \(Countries.all.sorted().joined(separator: ", "))\(Suggestions.hint(for: country.uppercased(), among: Array(Countries.all)))")
        }
        if withinKm != nil && near == nil { throw ValidationError("--within-km needs --near LON,LAT") }
        if let withinKm, !(withinKm > 0) { throw ValidationError("--within-km must be a positive number of km, not \(withinKm)") }
        if let near { _ = try Self.coordinate(near) }
    }

    /// Reads `LON,LAT` as every command does (``QueryNames/coordinate(_:)``), refusing a value
    /// out of range or not finite and naming the swapped axes when that is the mistake.
    /// - Parameter role: what the text is, for the message ("--near").
    static func coordinate(_ text: String, role: String = "--near") throws -> Coordinate {
        do { return try QueryNames.coordinate(text) } catch { throw ValidationError(Names.message(error, role: role)) }
    }

    func run() throws {
        try reporting {
            let dataset = try dataOptions.load()
            var places = dataset.places
            if let year {
                let scenario = Scenario(year: year)
                places = places.filter { scenario.isInService($0, in: dataset) }
            }
            if let query {
                let hits = Set(NameResolver(places: dataset.places).search(query))
                places = places.filter { hits.contains($0.id) }
            }
            if let kind { places = places.filter { $0.kind == kind } }
            if let country { places = places.filter { $0.country == country.uppercased() } }
            var distances: [PlaceID: Double] = [:]
            if let near {
                let centre = try Self.coordinate(near)
                let radius = withinKm ?? 50
                for place in places {
                    distances[place.id] = try Geodesic.wgs84.distanceMetres(from: centre, to: place.coordinate) / 1000
                }
                places = places.filter { distances[$0.id]! <= radius }.sorted { distances[$0.id]! < distances[$1.id]! }
            }
            try output.emit(PlacesReport(places: places, distances: distances, withDistance: near != nil))
        }
    }
}
