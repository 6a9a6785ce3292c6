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

    /// The labels, grids and self cells every format renders.
    var grid: TravelGrid {
        TravelGrid(rows: sources.map(\.rawValue), columns: destinations.map(\.rawValue), hours: hours, km: km) { [self] i, j in isSelf(i, j) }
    }

    /// Whether cell (i, j) is a place to itself, left out of lists and shown "-" in tables.
    func isSelf(_ i: Int, _ j: Int) -> Bool { isSquare ? i == j : sources[i] == destinations[j] }

    /// The matrix as JSON: `places` (square) or `sources` and `destinations`, `hours` and `km`
    /// grids (null where unreachable), the year and the profile.
    public func json() -> JSONValue {
        var o: [String: JSONValue] = ["hours": TravelGrid.json(hours), "km": TravelGrid.json(km), "year": .number(Double(network.scenario.year)),
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
        grid.desireLines(from: { network.dataset.place(sources[$0])?.coordinate }, to: { network.dataset.place(destinations[$0])?.coordinate })
    }

    /// The matrix in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json:
            return try ReportJSON.text(json())
        case .csv:
            return grid.csv()
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 6)
        case .table:
            return "Travel time, h:mm (year \(network.scenario.year), \(network.costModel.profile.id)); unreachable pairs are blank\n\n"
                + grid.table(width: tableWidth)
        }
    }
}

/// What a travel matrix is rendered from, whatever network it was computed on (the curated one
/// or an imported graph): row and column labels, the hours and km grids and which cells are a
/// point to itself. One home for the matrix's JSON grids, CSV, table and desire lines.
struct TravelGrid {
    /// Row labels (sources).
    let rows: [String]
    /// Column labels (destinations).
    let columns: [String]
    /// Hours per cell, infinity when unreachable.
    let hours: [[Double]]
    /// Km per cell, infinity when unreachable.
    let km: [[Double]]
    /// Whether a cell is a point to itself: left out of lists, "-" in tables.
    let isSelf: (Int, Int) -> Bool

    /// A grid as JSON: rounded to 3 decimals, null where unreachable.
    static func json(_ m: [[Double]]) -> JSONValue {
        .array(m.map { .array($0.map { $0.isFinite ? .number(Rounded.to(3, $0)) : .null }) })
    }

    /// A cell with `digits` decimals, empty where unreachable.
    static func cell(_ x: Double, _ digits: Int) -> String { x.isFinite ? TextNumber.fixed(x, digits: digits) : "" }

    /// One CSV row per ordered pair that is not a point to itself: from, to, hours, km.
    /// - Complexity: O(rows × columns), written into one string (a million pairs on an
    ///   imported graph).
    func csv() -> String {
        let rowFields = rows.map(TextTable.csvField), columnFields = columns.map(TextTable.csvField)
        var text = "from,to,hours,km\n"
        for i in rows.indices { for j in columns.indices where !isSelf(i, j) {
            text += rowFields[i]; text += ","; text += columnFields[j]; text += ","
            text += Self.cell(hours[i][j], 3); text += ","; text += Self.cell(km[i][j], 1); text += "\n"
        } }
        return text
    }

    /// The hours as h:mm, rows by columns, "-" on a point to itself and blank where unreachable.
    func table(width: Int?) -> String {
        let lines = rows.enumerated().map { i, a in
            [a] + columns.indices.map { j in isSelf(i, j) ? "-" : hours[i][j].isFinite ? TextNumber.clock(hours[i][j]) : "" }
        }
        return TextTable.render(headers: ["from \\ to"] + columns, rows: lines, width: width)
    }

    /// A straight line per reachable ordered pair (not a point to itself) between the points
    /// `from` and `to` give, with its hours and km; a pair without both points is left out.
    func desireLines(from: (Int) -> Coordinate?, to: (Int) -> Coordinate?) -> FeatureCollection {
        var features: [Feature] = []
        for (i, a) in rows.enumerated() { for (j, b) in columns.enumerated() where !isSelf(i, j) && hours[i][j].isFinite {
            guard let pa = from(i), let pb = to(j) else { continue }
            features.append(Feature(geometry: .lineString([pa, pb]), properties: [
                "from": .string(a), "to": .string(b),
                "hours": .number(Rounded.to(3, hours[i][j])), "km": .number(Rounded.to(1, km[i][j])),
            ]))
        } }
        return FeatureCollection(features: features)
    }
}
