import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "What can be reached from a place within a time budget, and the outline of that area.",
        discussion: "The outline (GeoJSON) is the travelled roads buffered by --buffer-km and unioned with GEOS."
    )

    @Argument(help: "Start place (id, name, alias or LON,LAT).") var from: String
    @Option(help: ArgumentHelp("Time budget in hours.", valueName: "hours")) var hours: Double
    @Option(name: .customLong("buffer-km"), help: ArgumentHelp("Half-width of the outline around reached roads, km.", valueName: "km"))
    var bufferKm: Double = 10
    @Option(help: ArgumentHelp("A place, link, mode or country:ISO3 not to use (repeatable).", valueName: "x")) var avoid: [String] = []
    @OptionGroup var networkOptions: NetworkOptions
    @OptionGroup var output: OutputOptions<AnyFormat>

    func validate() throws {
        guard hours > 0, hours <= 240 else { throw ValidationError("--hours must be more than 0 and at most 240, not \(hours)") }
        guard bufferKm > 0, bufferKm <= 100 else { throw ValidationError("--buffer-km must be more than 0 and at most 100, not \(bufferKm)") }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let names = Names(network.dataset, snapKm: networkOptions.snapKm)
            let origin = try names.place(from, role: "FROM")
            let reach: Reachability
            do {
                reach = try Reachability(network: network, from: origin, budgetHours: hours, avoid: try avoid.map(names.avoidance))
            } catch let error as RouteError { throw CLIError(error) }
            // Decimal hours for spreadsheets, h:mm for people: the one rule of every command.
            func rows(hours: (Double) -> String) -> [[String]] {
                reach.places.map { r in
                    let place = network.dataset.place(r.place)
                    return [r.place.rawValue, place?.name ?? "", place?.kind.rawValue ?? "", place?.country ?? "",
                            hours(r.hours), String(format: "%.1f", r.km)]
                }
            }
            switch output.format {
            case .geojson:
                let outline: Geometry
                do { outline = try reach.outline(bufferKm: bufferKm) } catch { throw CLIError.data("outline failed: \(error)") }
                var features = [Feature(geometry: outline, properties: [
                    "kind": "outline", "from": .string(origin.rawValue), "hours": .number(hours), "buffer_km": .number(bufferKm),
                    "places": .number(Double(reach.places.count)),
                ])]
                for r in reach.places {
                    guard let place = network.dataset.place(r.place) else { continue }
                    features.append(Feature(geometry: .point(place.coordinate), properties: [
                        "kind": "place", "id": .string(r.place.rawValue), "name": .string(place.name),
                        "hours": .number((r.hours * 1000).rounded() / 1000), "km": .number((r.km * 10).rounded() / 10),
                    ]))
                }
                try output.emit(try GeoJSON.encode(FeatureCollection(features: features), fractionDigits: 6))
            case .json:
                try output.emit(try JSONOutput.text([
                    "from": .string(origin.rawValue), "hours": .number(hours),
                    "places": .array(reach.places.map { ["id": .string($0.place.rawValue), "hours": .number(($0.hours * 1000).rounded() / 1000),
                                                          "km": .number(($0.km * 10).rounded() / 10)] }),
                ]))
            case .csv:
                try output.emit(TextTable.csv(headers: ["id", "name", "kind", "country", "hours", "km"], rows: rows { String(format: "%.3f", $0) }))
            case .table:
                try output.emit("Reachable from \(network.dataset.place(origin)?.name ?? origin.rawValue) within \(TextNumber.hours(hours)) (year \(network.scenario.year), \(network.costModel.profile.id)):\n\n"
                                + TextTable.render(headers: ["id", "name", "kind", "country", "h:mm", "km"], rows: rows(hours: TextNumber.clock))
                                + "\(reach.places.count) place(s)\n")
            }
        }
    }
}
