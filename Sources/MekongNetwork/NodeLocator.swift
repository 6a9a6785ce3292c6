import Foundation
import GeoCore
import RoutingGraph

/// The nodes a profile can use, bucketed in a grid of square cells (degrees), for the nearest
/// node to a coordinate by great-circle distance: the same node a scan of every node finds
/// (ties to the lower id), without the scan. A matrix of a thousand points on a 10^6-node graph
/// snaps them in milliseconds where a scan each took a second.
///
/// The search visits rings of cells around the point's cell and stops once no unvisited cell
/// can hold a nearer node: a node outside the rings differs from the point by at least the
/// ring's width in latitude or in longitude, and the haversine formula bounds the distance that
/// such a difference allows from below (by the cosine of the highest latitude for longitude).
///
/// - Complexity: building O(V); a query visits the cells up to the nearest node's distance (all
///   of them only when no usable node is near, the error path).
struct NodeLocator: Sendable {
    /// Cell size, degrees.
    private let cellDegrees: Double
    /// The grid's south-west corner and size in cells.
    private let west: Double, south: Double, columns: Int, rows: Int
    /// Node ids sorted by cell (row-major); cell `c` holds `nodes[cellStart[c] ..< cellStart[c + 1]]`.
    private let cellStart: [Int32], nodes: [Int32]
    /// The cosine of the highest absolute latitude of any node, for the longitude bound.
    private let cosineOfHighestLatitude: Double
    private let longitude: Column<Double>, latitude: Column<Double>

    /// Indexes the nodes of `graph` for which `usable` is true.
    init(graph: RoutingGraph, usable: [Bool]) {
        let longitude = graph.nodes.longitude, latitude = graph.nodes.latitude
        self.longitude = longitude
        self.latitude = latitude
        let chosen = (0..<graph.nodeCount).filter { usable[$0] }
        var west = 180.0, east = -180.0, south = 90.0, north = -90.0
        for node in chosen {
            west = min(west, longitude[node]); east = max(east, longitude[node])
            south = min(south, latitude[node]); north = max(north, latitude[node])
        }
        // About two nodes a cell, and at most 4 million cells.
        let cells = Double(max(1, min(chosen.count / 2, 4_000_000)))
        let width = max(east - west, 1e-6), height = max(north - south, 1e-6)
        let cell = max((width * height / cells).squareRoot(), 1e-6)
        let columns = chosen.isEmpty ? 1 : Int((width / cell).rounded(.down)) + 1
        let rows = chosen.isEmpty ? 1 : Int((height / cell).rounded(.down)) + 1
        self.cellDegrees = cell
        self.west = west; self.south = south; self.columns = columns; self.rows = rows
        cosineOfHighestLatitude = cos(max(abs(south), abs(north)) * .pi / 180)
        // Counting sort of the nodes by cell.
        func cellIndex(_ node: Int) -> Int {
            min(rows - 1, Int((latitude[node] - south) / cell)) * columns + min(columns - 1, Int((longitude[node] - west) / cell))
        }
        var start = [Int32](repeating: 0, count: columns * rows + 1)
        for node in chosen { start[cellIndex(node) + 1] += 1 }
        for c in 0..<(columns * rows) { start[c + 1] += start[c] }
        var next = start
        var sorted = [Int32](repeating: 0, count: chosen.count)
        for node in chosen {
            let c = cellIndex(node)
            sorted[Int(next[c])] = Int32(node)
            next[c] += 1
        }
        cellStart = start
        nodes = sorted
    }

    /// Whether no node is indexed.
    var isEmpty: Bool { nodes.isEmpty }

    /// The indexed node nearest `point` by great-circle distance (sphere of `radiusKm`), with that
    /// distance; nil when none is indexed, or none lies within `withinKm`.
    func nearest(to point: Coordinate, radiusKm: Double, withinKm: Double = .infinity) -> (node: Int, km: Double)? {
        guard !nodes.isEmpty else { return nil }
        // The point's cell, clamped into the grid: a point outside it is only farther from the
        // cells beyond each ring, so the bound below still holds.
        let cx = max(0, min(columns - 1, Int(((point.longitude - west) / cellDegrees).rounded(.down))))
        let cy = max(0, min(rows - 1, Int(((point.latitude - south) / cellDegrees).rounded(.down))))
        let cosine = min(cosineOfHighestLatitude, cos(point.latitude * .pi / 180))
        var best: (node: Int, km: Double)?
        func visit(_ x: Int, _ y: Int) {
            guard x >= 0, x < columns, y >= 0, y < rows else { return }
            let c = y * columns + x
            for i in Int(cellStart[c])..<Int(cellStart[c + 1]) {
                let node = Int(nodes[i])
                let km = ImportedNetwork.haversineKm(point, Coordinate(longitude: longitude[node], latitude: latitude[node]), radiusKm: radiusKm)
                if km < (best?.km ?? .infinity) || (km == best?.km && node < best!.node) { best = (node, km) }
            }
        }
        let rings = max(columns, rows)
        for ring in 0...rings {
            if ring == 0 {
                visit(cx, cy)
            } else {
                for x in (cx - ring)...(cx + ring) { visit(x, cy - ring); visit(x, cy + ring) }
                for y in (cy - ring + 1)...(cy + ring - 1) { visit(cx - ring, y); visit(cx + ring, y) }
            }
            // Every unvisited node differs from the point by at least `ring` cells in latitude or
            // in longitude: hav(d) ≥ hav(Δφ) and hav(d) ≥ cos²φmax · hav(Δλ).
            let gap = Double(ring) * cellDegrees * .pi / 180
            guard gap < .pi else { continue }
            // A hair below the exact bound, so rounding never stops the search one ring early.
            let bound = 2 * radiusKm * asin(min(1, cosine * sin(gap / 2))) * (1 - 1e-12)
            if let best, best.km < bound { break }
            if bound > withinKm { break }
        }
        return best.flatMap { $0.km <= withinKm ? $0 : nil }
    }
}
