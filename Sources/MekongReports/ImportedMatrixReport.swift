import Foundation
import GeoCore
import MekongAnalysis
import MekongNetwork

/// A travel matrix on an imported graph (`matrix --network FILE`) in every format `matrix`
/// writes: the same grids, CSV and table as on the curated network, labelled by the points as
/// they were asked for, with where each one snapped.
public struct ImportedMatrixReport: Report {
    /// The matrix.
    public let matrix: ImportedMatrix
    /// A label per source (a place's id, or the `LON,LAT` as given).
    public let sourceLabels: [String]
    /// A label per destination.
    public let destinationLabels: [String]
    /// The graph file's name as given.
    public let file: String
    /// The profile's id.
    public let profile: String
    /// Time or distance.
    public let optimization: Optimization
    /// The year whose plan links are in service; nil: every edge.
    public let year: Int?

    /// A report of `matrix`, its rows and columns labelled.
    public init(matrix: ImportedMatrix, sourceLabels: [String], destinationLabels: [String], file: String, profile: String,
                optimization: Optimization, year: Int?) {
        self.matrix = matrix
        self.sourceLabels = sourceLabels
        self.destinationLabels = destinationLabels
        self.file = file
        self.profile = profile
        self.optimization = optimization
        self.year = year
    }

    /// Every format.
    public var formats: [OutputFormat] { OutputFormat.allCases }

    /// Whether rows and columns are the same points in the same order.
    public var isSquare: Bool { sourceLabels == destinationLabels }

    var grid: TravelGrid {
        let square = isSquare
        return TravelGrid(rows: sourceLabels, columns: destinationLabels, hours: matrix.hours, km: matrix.km) { [matrix] i, j in
            square ? i == j : matrix.sources[i].node == matrix.destinations[j].node
        }
    }

    /// The network, profile, optimisation, year and method; `places` (square) or `sources` and
    /// `destinations` with their snaps; `hours` and `km` grids (null where unreachable).
    public func json() -> JSONValue {
        var o: [String: JSONValue] = [
            "network": .string(file), "profile": .string(profile), "optimize": .string(optimization.rawValue),
            "year": year.map { .number(Double($0)) } ?? .null, "method": .string(matrix.method.rawValue),
            "hours": TravelGrid.json(matrix.hours), "km": TravelGrid.json(matrix.km),
        ]
        func labelled(_ labels: [String], _ snaps: [ImportedRoute.Snap]) -> JSONValue {
            .array(zip(labels, snaps).map { ImportedRouteReport.snap($1, label: $0) })
        }
        if isSquare {
            o["places"] = labelled(sourceLabels, matrix.sources)
        } else {
            o["sources"] = labelled(sourceLabels, matrix.sources)
            o["destinations"] = labelled(destinationLabels, matrix.destinations)
        }
        return .object(o)
    }

    /// A straight line between the snapped points of each reachable pair, with its hours and km.
    public func geojson() -> FeatureCollection {
        grid.desireLines(from: { matrix.sources[$0].coordinate }, to: { matrix.destinations[$0].coordinate })
    }

    /// The matrix in `format`.
    public func render(_ format: OutputFormat, tableWidth: Int?) throws(ReportError) -> String {
        switch format {
        case .json:
            do {
                return try JSONWriter(leadingKeys: ["network", "profile", "optimize", "year", "method", "label"]).string(json()) + "\n"
            } catch { throw .encoding("\(error)") }
        case .csv:
            return grid.csv()
        case .geojson:
            return try ReportJSON.geojson(geojson(), fractionDigits: 7)
        case .table:
            let snaps = matrix.sources + (isSquare ? [] : matrix.destinations)
            let labels = sourceLabels + (isSquare ? [] : destinationLabels)
            let farthest = snaps.indices.max { snaps[$0].distanceKm < snaps[$1].distanceKm }
            let yearText = year.map { ", year \($0)" } ?? ""
            return "Travel time, h:mm on \(file) (\(profile)\(yearText), \(optimization == .time ? "fastest" : "shortest") paths); unreachable pairs are blank\n\n"
                + grid.table(width: tableWidth)
                + (farthest.map { String(format: "\n%d points snapped to the graph, the farthest %@ %.0f m from its node\n",
                                         snaps.count, labels[$0], snaps[$0].distanceKm * 1000) } ?? "")
        }
    }
}
