import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// Travel times and distances from sources to destinations. A square matrix (the same places both
/// ways, `mekong matrix`) writes `places`; a rectangular one (the server's table) writes
/// `sources` and `destinations`, as OSRM's table service does.
public struct MatrixReport: Report {
    /// The scenario's network.
    public let network: Network
    /// The rows.
    public let sources: [PlaceID]
    /// The columns.
    public let destinations: [PlaceID]
    /// Hours from `sources[i]` to `destinations[j]`; infinity when unreachable.
    public let hours: [[Double]]
    /// Kilometres of the same paths; infinity when unreachable.
    public let km: [[Double]]

    /// Whether rows and columns are the same places in the same order.
    public var isSquare: Bool { sources == destinations }

    /// The square matrix of `mekong matrix`.
    public init(network: Network, matrix: TravelMatrix) {
        self.network = network
        sources = matrix.places
        destinations = matrix.places
        hours = matrix.hours
        km = matrix.km
    }

    /// Sources × destinations, taken from one matrix over all of them.
    /// - Parameter deadline: when the searches stop; past it the matrix is incomplete
    ///   (``TravelMatrix``), so a caller past it drops the report.
    /// - Complexity: one search per place of `sources ∪ destinations`.
    public init(network: Network, sources: [PlaceID], destinations: [PlaceID], optimization: Optimization = .time, avoid: [Avoidance] = [],
                deadline: Deadline = .never) {
        var all: [PlaceID] = []
        var index: [PlaceID: Int] = [:]
        for id in sources + destinations where index[id] == nil { index[id] = all.count; all.append(id) }
        let matrix = TravelMatrix(network: network, places: all, optimization: optimization, avoid: avoid, deadline: deadline)
        self.network = network
        self.sources = sources
        self.destinations = destinations
        hours = sources.map { a in destinations.map { b in matrix.hours[index[a]!][index[b]!] } }
        km = sources.map { a in destinations.map { b in matrix.km[index[a]!][index[b]!] } }
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// Whether cell (i, j) is a place to itself, left out of lists and shown "-" in tables.
    func isSelf(_ i: Int, _ j: Int) -> Bool { isSquare ? i == j : sources[i] == destinations[j] }

    /// The matrix as JSON: `places` (square) or `sources` and `destinations`, `hours` and `km`
    /// grids (null where unreachable), the year and the profile.
    public func json() -> JSONValue {
        func grid(_ m: [[Double]]) -> JSONValue { .array(m.map { .array($0.map { $0.isFinite ? .number(Rounded.to(3, $0)) : .null }) }) }
        var o: [String: JSONValue] = ["hours": grid(hours), "km": grid(km), "year": .number(Double(network.scenario.year)),
                                      "profile": .string(network.costModel.profile.id.rawValue)]
        if isSquare {
            o["places"] = .array(sources.map { .string($0.rawValue) })
        } else {
            o["sources"] = .array(sources.map { .string($0.rawValue) })
            o["destinations"] = .array(destinations.map { .string($0.rawValue) })
        }
        return .object(o)
    }

    /// A straight line per reachable ordered pair, with its hours and km, for a desire-line map.
    public func geojson() -> FeatureCollection {
        var features: [Feature] = []
        for (i, a) in sources.enumerated() { for (j, b) in destinations.enumerated() where !isSelf(i, j) && hours[i][j].isFinite {
            guard let pa = network.dataset.place(a), let pb = network.dataset.place(b) else { continue }
            features.append(Feature(geometry: .lineString([pa.coordinate, pb.coordinate]), properties: [
                "from": .string(a.rawValue), "to": .string(b.rawValue),
                "hours": .number(Rounded.to(3, hours[i][j])), "km": .number(Rounded.to(1, km[i][j])),
            ]))
        } }
        return FeatureCollection(features: features)
    }

    /// The matrix in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        func cell(_ x: Double, _ digits: Int) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "" }
        switch format {
        case .json:
            return try ReportJSON.text(json())
        case .csv:
            var rows: [[String]] = []
            for (i, a) in sources.enumerated() { for (j, b) in destinations.enumerated() where !isSelf(i, j) {
                rows.append([a.rawValue, b.rawValue, cell(hours[i][j], 3), cell(km[i][j], 1)])
            } }
            return TextTable.csv(headers: ["from", "to", "hours", "km"], rows: rows)
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .table:
            let rows = sources.enumerated().map { i, a in
                [a.rawValue] + destinations.indices.map { j in isSelf(i, j) ? "-" : hours[i][j].isFinite ? TextNumber.clock(hours[i][j]) : "" }
            }
            return "Travel time, h:mm (year \(network.scenario.year), \(network.costModel.profile.id)); unreachable pairs are blank\n\n"
                + TextTable.render(headers: ["from \\ to"] + destinations.map(\.rawValue), rows: rows, width: tableWidth)
        }
    }
}
