import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

struct CorridorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "The GMS economic corridors and the Action Plan's routes, routed in a scenario.",
        subcommands: [List.self, Show.self]
    )

    static func routed(_ corridors: [Corridor], network: Network) -> [(Corridor, Result<CorridorRoute, RouteError>)] {
        corridors.map { c in (c, Result { () throws(RouteError) -> CorridorRoute in try CorridorRoute(corridor: c, network: network) }) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every corridor with its length, time and weak points.")
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var output: OutputOptions<AnyFormat>


        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                let routed = CorridorCommand.routed(network.dataset.corridors.filter { !$0.waypoints.isEmpty }, network: network)
                // Decimal hours for spreadsheets, h:mm for people.
                func rows(hours: (Double) -> String) -> [[String]] {
                    routed.map { c, result -> [String] in
                        switch result {
                        case .success(let r):
                            return [c.id.rawValue, c.name, String(format: "%.0f", r.route.km), hours(r.route.hours),
                                    String(r.borderCrossings.count), String(r.ferries.count), String(r.substandard.count), "connected"]
                        case .failure(let e):
                            return [c.id.rawValue, c.name, "", "", "", "", "", "broken: \(e)"]
                        }
                    }
                }
                switch output.format {
                case .json:
                    try output.emit(try JSONOutput.text(.array(routed.map { c, result in
                        var o: [String: JSONValue] = ["id": .string(c.id.rawValue), "name": .string(c.name)]
                        switch result {
                        case .success(let r):
                            o["km"] = .number((r.route.km * 10).rounded() / 10); o["hours"] = .number((r.route.hours * 100).rounded() / 100)
                            o["borders"] = .number(Double(r.borderCrossings.count)); o["ferries"] = .number(Double(r.ferries.count))
                            o["substandard_legs"] = .number(Double(r.substandard.count))
                        case .failure(let e): o["error"] = .string("\(e)")
                        }
                        return .object(o)
                    })))
                case .csv:
                    try output.emit(TextTable.csv(headers: ["id", "name", "km", "hours", "borders", "ferries", "substandard_legs", "status"],
                                                  rows: rows { String(format: "%.3f", $0) }))
                case .geojson:
                    // Each connected corridor as the line of its route.
                    let features = routed.compactMap { c, result -> Feature? in
                        guard case .success(let r) = result else { return nil }
                        return Feature(geometry: .lineString(r.route.geometry), properties: [
                            "id": .string(c.id.rawValue), "name": .string(c.name), "km": .number((r.route.km * 10).rounded() / 10),
                            "hours": .number((r.route.hours * 1000).rounded() / 1000), "borders": .number(Double(r.borderCrossings.count)),
                            "ferries": .number(Double(r.ferries.count)), "substandard_legs": .number(Double(r.substandard.count)),
                        ])
                    }
                    try output.emit(try GeoJSON.encode(FeatureCollection(features: features), fractionDigits: 6))
                default:
                    try output.emit("Corridors in \(network.scenario.year) (\(network.costModel.profile.id)):\n\n"
                        + TextTable.render(headers: ["id", "name", "km", "h:mm", "borders", "ferries", "substandard legs", "status"], rows: rows(hours: TextNumber.clock)))
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One corridor: its sections, borders, ferries and projects.")
        @Argument(help: "Corridor id (see `mekong corridor list`).") var id: String
        @OptionGroup var networkOptions: NetworkOptions
        @OptionGroup var output: OutputOptions<AnyFormat>


        func run() throws {
            try reporting {
                let network = try networkOptions.network()
                guard let corridor = network.dataset.corridor(CorridorID(id)) ?? network.dataset.corridor(CorridorID(id.lowercased())) else {
                    let closest = Suggestions.closest(to: id, among: network.dataset.corridors.map(\.id.rawValue))
                    throw CLIError.usage("unknown corridor \"\(id)\"; closest: \(closest.joined(separator: ", "))")
                }
                let children = network.dataset.corridors.filter { $0.parent == corridor.id }
                if corridor.waypoints.isEmpty {
                    throw CLIError.usage("\(corridor.id) is made of routes: \(children.map(\.id.rawValue).joined(separator: ", ")); show one of them")
                }
                let routed: CorridorRoute
                do { routed = try CorridorRoute(corridor: corridor, network: network) } catch let error as RouteError { throw CLIError(error) }
                let report = RouteReport(network: network, request: RouteRequest(from: corridor.waypoints.first!, to: corridor.waypoints.last!,
                                                                                 via: corridor.waypoints.dropFirst().dropLast().map { .place($0) }),
                                         routes: [routed.route])
                switch output.format {
                case .csv:
                    try output.emit(report.csv())
                case .geojson:
                    var collection = report.geojson()
                    collection.features[0].properties["corridor"] = .string(corridor.id.rawValue)
                    collection.features[0].properties["name"] = .string(corridor.name)
                    try output.emit(try GeoJSON.encode(collection, fractionDigits: 6))
                case .json:
                    guard case .object(var o) = report.json() else { return }
                    o["corridor"] = .string(corridor.id.rawValue); o["name"] = .string(corridor.name)
                    o["projects"] = .array(routed.projects.map { .string($0.rawValue) })
                    o["substandard"] = .array(routed.substandard.map(report.legValue))
                    try output.emit(try JSONOutput.text(.object(o)))
                default:
                    var text = "\(corridor.name) (\(corridor.id))\n\(corridor.description)\nSource: \(corridor.source)\n\n"
                    text += report.table()
                    if !routed.substandard.isEmpty {
                        text += "Below standard (ferry, unpaved, poor or track):\n"
                        for leg in routed.substandard {
                            text += String(format: "  %@ → %@: %@, %.1f km\n", report.name(leg.from), report.name(leg.to), leg.names.joined(separator: "; "), leg.km)
                        }
                    }
                    if !routed.projects.isEmpty {
                        text += "Action Plan projects on it: " + routed.projects.map(\.rawValue).joined(separator: ", ") + "\n"
                    }
                    try output.emit(text)
                }
            }
        }
    }
}
