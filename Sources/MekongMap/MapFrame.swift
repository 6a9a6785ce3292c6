import GeoCore

/// Where the map lies on the page: the projection, the rectangle of pixels the map is drawn in,
/// and the affine transform between projected metres and those pixels (north up, one scale on
/// both axes).
///
///     let p = frame.pixel(of: projected)          // metres → pixels
///     let q = frame.projected(ofPixelX: 10, y: 20) // pixels → metres
public struct MapFrame: Sendable, Hashable {
    /// The map's projection.
    public let projection: MapProjection
    /// The rectangle of the page the map is drawn in, pixels.
    public let area: PixelRect
    /// Projected easting at the area's left edge, metres.
    public let left: Double
    /// Projected northing at the area's top edge, metres.
    public let top: Double
    /// Projected metres per pixel (the same on both axes).
    public let metresPerPixel: Double

    /// Fits projected bounds (metres) into `area`, centred, keeping the aspect ratio: the whole
    /// of the bounds is visible and the longer side fills the area.
    /// - Throws: ``MapError/invalidRequest(_:)`` when the bounds are empty or not finite.
    public init(projection: MapProjection, bounds: Envelope, area: PixelRect) throws(MapError) {
        let dx = bounds.maxX - bounds.minX, dy = bounds.maxY - bounds.minY
        guard dx.isFinite, dy.isFinite, dx >= 0, dy >= 0, dx + dy > 0, area.width > 0, area.height > 0 else {
            throw .invalidRequest("the map's extent has no size")
        }
        let scale = max(dx / area.width, dy / area.height)
        self.projection = projection
        self.area = area
        self.metresPerPixel = scale
        self.left = (bounds.minX + bounds.maxX) / 2 - scale * area.width / 2
        self.top = (bounds.minY + bounds.maxY) / 2 + scale * area.height / 2
    }

    /// The pixel of a projected position (easting, northing in metres).
    public func pixel(of position: Position) -> Position {
        Position(x: area.x + (position.x - left) / metresPerPixel, y: area.y + (top - position.y) / metresPerPixel)
    }

    /// The projected position (metres) of a pixel.
    public func projected(ofPixelX x: Double, y: Double) -> Position {
        Position(x: left + (x - area.x) * metresPerPixel, y: top - (y - area.y) * metresPerPixel)
    }

    /// The projected bounds the area shows, metres.
    public var bounds: Envelope {
        Envelope(minX: left, minY: top - area.height * metresPerPixel, maxX: left + area.width * metresPerPixel, maxY: top)
    }
}
