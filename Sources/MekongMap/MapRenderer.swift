import Foundation
import GeoCore

/// A drawn map: the file's bytes and where things landed on the page, so callers and tests can
/// check the picture against the geography.
public struct RenderedMap: Sendable {
    /// The file: SVG, PNG or PDF.
    public let bytes: Data
    /// The format of `bytes`.
    public let format: MapFormat
    /// The projection and the transform between projected metres and pixels.
    public let frame: MapFrame
    /// The scale bar's distance and length.
    public let scaleBar: ScaleBar
    /// The bar's left end (its zero), pixels.
    public let scaleBarStart: Position
    /// The bar's right end, pixels.
    public let scaleBarEnd: Position
    /// The legend panel, pixels: thematic colours appear there outside the map.
    public let legendBox: PixelRect
    /// The title band, pixels.
    public let titleBox: PixelRect
    /// The scale bar's box inside the map, pixels.
    public let scaleBox: PixelRect
    /// The labels placed, with their boxes.
    public let labels: [(text: String, box: PixelRect)]
}

/// Draws a ``Map`` over the base map in a cartographic projection, with a title, legend, scale
/// bar and non-overlapping labels, as SVG, PNG or PDF, all through Cairo.
///
///     let renderer = try MapRenderer(format: .png, widthPixels: 1200, heightPixels: 900, basemap: basemap)
///     let map = try renderer.render(MapBuilder.route(routes, request: request, network: network))
///     try map.bytes.write(to: url)
public struct MapRenderer: Sendable {
    /// Sizes accepted on either side, pixels: below 400 the legend panel leaves the map too
    /// narrow for a scale bar; above 8000 is a poster (an 8000 × 8000 image surface takes 256 MB).
    public static let sizePixels: ClosedRange<Int> = 400...8000

    /// The file format written.
    public let format: MapFormat
    /// The page's width, pixels.
    public let widthPixels: Int
    /// The page's height, pixels.
    public let heightPixels: Int
    /// What the map shows.
    public let extent: MapExtent
    /// The cartographic projection.
    public let projection: MapProjection
    /// Land, water and borders under the content.
    public let basemap: Basemap

    /// A renderer for one size, format and extent.
    /// - Throws: ``MapError/invalidRequest(_:)`` for a size outside ``sizePixels`` or an extent with a ``MapExtent/problem``.
    public init(format: MapFormat, widthPixels: Int, heightPixels: Int, extent: MapExtent = .content,
                projection: MapProjection = .mekongLambert, basemap: Basemap) throws(MapError) {
        for (name, value) in [("width", widthPixels), ("height", heightPixels)] where !Self.sizePixels.contains(value) {
            throw .invalidRequest("the map's \(name) must be \(Self.sizePixels.lowerBound) to \(Self.sizePixels.upperBound) pixels, not \(value)")
        }
        if let problem = extent.problem { throw .invalidRequest(problem) }
        self.format = format; self.widthPixels = widthPixels; self.heightPixels = heightPixels
        self.extent = extent; self.projection = projection; self.basemap = basemap
    }

    /// The page's layout: the title band on top, the legend panel on the right, the map in the rest.
    var layout: (title: PixelRect, legend: PixelRect, map: PixelRect) {
        let w = Double(widthPixels), h = Double(heightPixels)
        let titleHeight = 62.0
        let legendWidth = min(300, max(170, w * 0.24))
        return (PixelRect(x: 0, y: 0, width: w, height: titleHeight),
                PixelRect(x: w - legendWidth, y: titleHeight, width: legendWidth, height: h - titleHeight),
                PixelRect(x: 0, y: titleHeight, width: w - legendWidth, height: h - titleHeight))
    }

    /// Draws the map.
    /// - Throws: ``MapError`` when the content cannot be projected, the extent is empty, or Cairo fails.
    /// - Complexity: O(v + n log n) for v vertices drawn and n labels (see ``LabelPlacer``).
    public func render(_ map: Map) throws(MapError) -> RenderedMap {
        let operation = try projection.operation()
        let layout = self.layout
        let frame = try MapFrame(projection: projection, bounds: try bounds(of: map, operation: operation), area: layout.map)
        let canvas = try CairoCanvas(format: format, width: widthPixels, height: heightPixels)
        let pen = Pen(canvas: canvas, frame: frame, operation: operation)

        canvas.set(.white)
        canvas.paint()

        // The map area: water, land, lakes, rivers, graticule, features, labels, scale bar.
        canvas.save()
        canvas.rectangle(layout.map)
        canvas.clip()
        canvas.set(MapStyle.water)
        canvas.paint()
        try pen.drawBasemap(basemap)
        try pen.drawGraticule()
        let ordered = map.features.enumerated().sorted { ($0.element.symbol.layer, $0.offset) < ($1.element.symbol.layer, $1.offset) }
        for (_, feature) in ordered { try pen.draw(feature) }
        let scale = try ScaleBar(frame: frame, maximumPixels: min(220, max(90, layout.map.width * 0.3)))
        let scaleBox = PixelRect(x: layout.map.x + 10, y: layout.map.maxY - 48, width: max(scale.pixels + 40, 170), height: 40)
        let labels = try pen.drawLabels(map.features, limit: map.limitedLabels, obstacles: [scaleBox])
        let bar = pen.drawScaleBar(scale, in: scaleBox)
        canvas.restore()
        canvas.set(Colour(hex: 0x888888))
        canvas.lineWidth(1)
        canvas.dash([])
        canvas.rectangle(PixelRect(x: layout.map.x + 0.5, y: layout.map.y + 0.5, width: layout.map.width - 1, height: layout.map.height - 1))
        canvas.stroke()

        pen.drawTitle(map, in: layout.title)
        pen.drawLegend(map.legend, in: layout.legend)
        try canvas.check("draw the map")
        let bytes = try canvas.finish()
        return RenderedMap(bytes: Data(bytes), format: format, frame: frame, scaleBar: scale, scaleBarStart: bar.start, scaleBarEnd: bar.end,
                           legendBox: layout.legend, titleBox: layout.title, scaleBox: scaleBox, labels: labels)
    }

    /// The projected bounds (metres) the map must show.
    func bounds(of map: Map, operation: Projection) throws(MapError) -> Envelope {
        var points: [Position]
        var margin = 0.0
        switch extent {
        case .content:
            let focus = map.focus.isEmpty ? map.features.flatMap(\.geometry.coordinates) : map.focus
            points = focus.filter(\.isValid).map(Position.init)
            guard !points.isEmpty else { throw .invalidRequest("the map has nothing to show: give --bbox or --around") }
            margin = 0.07
        case .boundingBox(let w, let s, let e, let n):
            points = []
            for i in 0...16 {
                let t = Double(i) / 16
                points += [Position(x: w + (e - w) * t, y: s), Position(x: w + (e - w) * t, y: n),
                           Position(x: w, y: s + (n - s) * t), Position(x: e, y: s + (n - s) * t)]
            }
        case .around(let centre, let km):
            points = []
            // The ground distance north, east, south and west: the square that holds them.
            for azimuth in [0.0, 90, 180, 270] {
                do {
                    points.append(Position(try Geodesic.wgs84.destination(from: centre, azimuthDegrees: azimuth, distanceMetres: km * 1000)))
                } catch { throw .projection("the point \(km) km from \(centre): \(error)") }
            }
        }
        do { try operation.transform(&points) } catch { throw .projection("the map's extent: \(error)") }
        guard var box = Envelope(points.map(Coordinate.init)) else { throw .invalidRequest("the map's extent has no size") }
        // At least 50 km across, so a single point still makes a map.
        let minimum = 50_000.0
        if box.maxX - box.minX < minimum { let c = (box.minX + box.maxX) / 2; box.minX = c - minimum / 2; box.maxX = c + minimum / 2 }
        if box.maxY - box.minY < minimum { let c = (box.minY + box.maxY) / 2; box.minY = c - minimum / 2; box.maxY = c + minimum / 2 }
        let dx = (box.maxX - box.minX) * margin, dy = (box.maxY - box.minY) * margin
        return Envelope(minX: box.minX - dx, minY: box.minY - dy, maxX: box.maxX + dx, maxY: box.maxY + dy)
    }
}
