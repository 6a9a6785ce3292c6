/// A line's geodesic length computed once by PROJ, with the fingerprint of the exact coordinates
/// it was computed for, so that a reader can tell whether it still applies to a line.
///
/// Why: the embedded links' lengths are computed when the binary is built (`embed-geodata`), so
/// that commands which only route need not load PROJ at start-up (12 ms, see `mekong_proj.h`).
/// The value is PROJ's own, bit for bit; a line that differs in any bit of any coordinate gets
/// its length from PROJ again.
public struct StoredGeodesicLength: Sendable, Hashable {
    /// ``fingerprint(of:)`` of the line the length belongs to.
    public let fingerprint: UInt64
    /// ``Geodesic/lengthMetres(of:)-(_:[Coordinate])`` on WGS84, as PROJ returned it.
    public let metres: Double

    /// A length and the fingerprint of its line, as `embed-geodata` writes them.
    public init(fingerprint: UInt64, metres: Double) {
        self.fingerprint = fingerprint
        self.metres = metres
    }

    /// A length measured now by PROJ for `line`.
    /// - Throws: ``GeoCoreError`` when PROJ is missing or a coordinate is out of range.
    public init(measuring line: [Coordinate]) throws(GeoCoreError) {
        self.init(fingerprint: Self.fingerprint(of: line), metres: try Geodesic.wgs84.lengthMetres(of: line))
    }

    /// FNV-1a (64 bits) over the bit patterns of every longitude and latitude, in order.
    /// - Complexity: O(n).
    public static func fingerprint(of line: [Coordinate]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ value: Double) {
            var bits = value.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        for coordinate in line {
            add(coordinate.longitude)
            add(coordinate.latitude)
        }
        return hash
    }

    /// The stored metres when `line` is, bit for bit, the line they were measured on; else nil.
    /// - Complexity: O(n).
    public func metres(for line: [Coordinate]) -> Double? {
        Self.fingerprint(of: line) == fingerprint ? metres : nil
    }
}
