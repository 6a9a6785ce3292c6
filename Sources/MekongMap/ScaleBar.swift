import Foundation
import GeoCore

/// A scale bar true at the map's centre: its length in pixels covers `kilometres` of ground
/// along the parallel through the centre, measured on the ellipsoid.
public struct ScaleBar: Sendable, Hashable {
    /// The ground distance the bar stands for, km (1, 2 or 5 × a power of ten).
    public let kilometres: Double
    /// The bar's length, pixels.
    public let pixels: Double
    /// The latitude the bar is true at, degrees.
    public let latitude: Double
    /// Ground metres per pixel at the centre, east–west.
    public let groundMetresPerPixel: Double

    /// The scale bar of a frame, at most `maximumPixels` long.
    ///
    /// The ground scale at the centre is the geodesic distance between the points 50 pixels
    /// left and right of the centre, inverse-projected, over 100 pixels; over 100 pixels the
    /// difference from the point scale is far below a pixel of the bar.
    /// - Throws: ``MapError/projection(_:)`` when the centre cannot be placed.
    public init(frame: MapFrame, maximumPixels: Double) throws(MapError) {
        let cx = frame.area.x + frame.area.width / 2, cy = frame.area.y + frame.area.height / 2
        var points = [frame.projected(ofPixelX: cx - 50, y: cy), frame.projected(ofPixelX: cx + 50, y: cy), frame.projected(ofPixelX: cx, y: cy)]
        do {
            try frame.projection.operation().transform(&points, inverse: true)
            let metres = try Geodesic.wgs84.distanceMetres(from: Coordinate(points[0]), to: Coordinate(points[1]))
            groundMetresPerPixel = metres / 100
        } catch let error as MapError {
            throw error
        } catch {
            throw .projection("the scale at the map's centre: \(error)")
        }
        latitude = points[2].y
        guard groundMetresPerPixel.isFinite, groundMetresPerPixel > 0, maximumPixels > 0 else { throw .projection("the scale at the map's centre is not finite") }
        let most = maximumPixels * groundMetresPerPixel / 1000
        let power = pow(10, floor(log10(most)))
        kilometres = [5.0, 2, 1].map { $0 * power }.first { $0 <= most } ?? power
        pixels = kilometres * 1000 / groundMetresPerPixel
    }
}

