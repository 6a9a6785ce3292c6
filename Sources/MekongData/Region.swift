import GeoCore

/// The area the data set covers: mainland Southeast Asia and Yunnan, the same box as the
/// Natural Earth reference layers (lon 92…110, lat 5…29).
public enum Region {
    /// The region's box, WGS84 degrees: lon 92…110, lat 5…29.
    public static let bounds = Envelope(minX: 92, minY: 5, maxX: 110, maxY: 29)

    /// Whether `c` lies in ``bounds``, edges included; the reader flags coordinates outside it.
    public static func contains(_ c: Coordinate) -> Bool {
        (bounds.minX...bounds.maxX).contains(c.longitude) && (bounds.minY...bounds.maxY).contains(c.latitude)
    }
}
