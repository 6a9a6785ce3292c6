import Foundation
import GeoCore

/// The geodesic length of every segment of the lines read, worked out on a second thread while
/// GDAL reads on: the lines read so far are handed over in batches of at least 2^16 vertices, so
/// at the end of the reading little is left to do. One geodesic a vertex (Karney's, through PROJ)
/// was 16 s of CPU at 2·10^7 vertices, about what GDAL's reading takes on the main thread.
///
///     let lengths = SegmentLengths()
///     … store.add(line) …; lengths.handOver(store)        // now and then while reading
///     let metres = try lengths.all(of: store)              // entry v: from vertex v - 1 to v
///
/// - Complexity: O(V) geodesics in all, O(V) copying of coordinates.
final class SegmentLengths: @unchecked Sendable {
    // `@unchecked Sendable`: `batches` is touched only on `queue`, and `handedVertices` and
    // `handedLines` only by the thread that reads (the one that calls handOver and all).
    private let queue = DispatchQueue(label: "mekong.import.segment-lengths")
    private var batches: [[Double]] = []
    private var handedVertices = 0
    private var handedLines = 0

    /// The smallest batch worth a hand-over.
    static let batchVertices = 1 << 16

    /// Hands the lines added since the last hand-over to the other thread, if they are a batch
    /// or `final`.
    func handOver(_ store: LineStore, final: Bool = false) {
        let vertexEnd = store.longitude.count, lineEnd = store.lineCount
        guard vertexEnd - handedVertices >= (final ? 1 : Self.batchVertices) else { return }
        // Copies: the store's arrays grow (and move) while the batch is worked on.
        let longitude = Array(store.longitude[handedVertices..<vertexEnd]), latitude = Array(store.latitude[handedVertices..<vertexEnd])
        let base = handedVertices
        let starts = store.starts[handedLines...lineEnd].map { $0 - base }
        queue.async {
            self.batches.append(Self.lengths(longitude: longitude, latitude: latitude, starts: starts))
        }
        handedVertices = vertexEnd
        handedLines = lineEnd
    }

    /// Every segment's length, metres, in vertex order: entry `v` from vertex `v - 1` to `v`
    /// (0 at a line's first vertex), once the other thread has done the last batch.
    /// - Throws: the error of the first segment, in vertex order, that has no geodesic (a
    ///   latitude beyond ±90°), as a single pass would have met it.
    func all(of store: LineStore) throws(GeoCoreError) -> [Double] {
        handOver(store, final: true)
        var metres: [Double] = []
        metres.reserveCapacity(store.longitude.count)
        queue.sync {
            for batch in batches { metres += batch }
            batches = []
        }
        if let failed = metres.firstIndex(where: \.isNaN) {
            _ = try Geodesic.wgs84.distanceMetres(
                from: Coordinate(longitude: store.longitude[failed - 1], latitude: store.latitude[failed - 1]),
                to: Coordinate(longitude: store.longitude[failed], latitude: store.latitude[failed]))
        }
        return metres
    }

    /// One batch: lines `starts[i] ..< starts[i + 1]` of the coordinates. A segment without a
    /// geodesic is marked NaN and ends the batch: the first mark is the first failure.
    private static func lengths(longitude: [Double], latitude: [Double], starts: [Int]) -> [Double] {
        var metres = [Double](repeating: 0, count: longitude.count)
        let geodesic = Geodesic.wgs84
        for line in 0..<(starts.count - 1) where starts[line + 1] - starts[line] >= 2 {
            for index in (starts[line] + 1)..<starts[line + 1] {
                do {
                    metres[index] = try geodesic.distanceMetres(
                        from: Coordinate(longitude: longitude[index - 1], latitude: latitude[index - 1]),
                        to: Coordinate(longitude: longitude[index], latitude: latitude[index]))
                } catch {
                    metres[index] = .nan
                    return metres
                }
            }
        }
        return metres
    }
}
