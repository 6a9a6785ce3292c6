import Foundation
import GeoCore
import MekongData

/// Draws projected geometry, symbols, labels, the title, the legend and the scale bar on a
/// canvas. The renderer's working part; it holds no state beyond the canvas and the frame.
struct Pen {
    let canvas: CairoCanvas
    let frame: MapFrame
    let operation: Projection

    /// Pixels of coordinates; points PROJ cannot place are dropped (never drawn at infinity).
    func pixels(_ coordinates: [Coordinate]) -> [Position] {
        var positions = coordinates.map(Position.init)
        _ = try? operation.transform(&positions)
        return positions.filter { $0.x.isFinite && $0.y.isFinite }.map(frame.pixel(of:))
    }

    /// The parts of a geometry in pixels: rings (closed) or lines, and points.
    func parts(_ geometry: Geometry) -> (rings: [[[Position]]], lines: [[Position]], points: [Position]) {
        switch geometry {
        case .point(let c): return ([], [], pixels([c]))
        case .multiPoint(let cs): return ([], [], pixels(cs))
        case .lineString(let cs): return ([], [pixels(cs)], [])
        case .multiLineString(let lines): return ([], lines.map(pixels), [])
        case .polygon(let p): return ([p.rings.map(pixels)], [], [])
        case .multiPolygon(let ps): return (ps.map { $0.rings.map(pixels) }, [], [])
        case .geometryCollection(let gs):
            var out: (rings: [[[Position]]], lines: [[Position]], points: [Position]) = ([], [], [])
            for g in gs { let p = parts(g); out.rings += p.rings; out.lines += p.lines; out.points += p.points }
            return out
        }
    }

    func trace(_ line: [Position], close: Bool = false) {
        guard let first = line.first else { return }
        canvas.move(first.x, first.y)
        for p in line.dropFirst() { canvas.line(p.x, p.y) }
        if close { canvas.closePath() }
    }

    func stroke(_ lines: [[Position]], colour: Colour, width: Double, dash: [Double] = []) {
        canvas.newPath()
        for line in lines where line.count > 1 { trace(line) }
        canvas.set(colour)
        canvas.lineWidth(width)
        canvas.dash(dash)
        canvas.stroke()
    }

    func fill(_ polygons: [[[Position]]], colour: Colour, outline: Colour? = nil, width: Double = 1) {
        canvas.newPath()
        canvas.evenOdd()
        for rings in polygons { for ring in rings where ring.count > 2 { trace(ring, close: true) } }
        canvas.set(colour)
        if let outline {
            canvas.fillPreserve()
            canvas.set(outline)
            canvas.lineWidth(width)
            canvas.dash([])
            canvas.stroke()
        } else {
            canvas.fill()
        }
    }

    // MARK: base map

    func drawBasemap(_ basemap: Basemap) throws(MapError) {
        let countries = basemap.countries.map { (country: $0, parts: parts($0.geometry).rings) }
        for (country, rings) in countries {
            fill(rings, colour: Basemap.mekongCountries.contains(country.iso) ? MapStyle.land : MapStyle.otherLand)
        }
        for lake in basemap.lakes { fill(parts(lake.geometry).rings, colour: MapStyle.lakeFill, outline: MapStyle.river, width: 0.6) }
        for river in basemap.rivers {
            let major = river.name == "Mekong" || river.name == "Lancang"
            stroke(parts(river.geometry).lines, colour: MapStyle.river, width: major ? 1.8 : 0.9)
        }
        for (_, rings) in countries {
            stroke(rings.flatMap { $0 }, colour: MapStyle.border, width: 0.9, dash: [])
        }
        // Country names, large and light, under everything else.
        canvas.font(size: 15, bold: true)
        for (country, rings) in countries where Basemap.mekongCountries.contains(country.iso) {
            let text = country.name.uppercased()
            let e = canvas.extents(text)
            guard let anchor = Self.interiorPoint(rings, within: frame.area, margin: e.advance / 2 + 8) else { continue }
            canvas.text(text, x: anchor.x - e.advance / 2, y: anchor.y + e.box.height / 2, colour: Colour(hex: 0xA89F90, alpha: 0.8))
        }
        try canvas.check("draw the base map")
    }

    /// A point well inside the largest visible part of a polygon: of a 24-pixel grid over the
    /// part's box, the point inside it farthest from its outline (a coarse pole of inaccessibility,
    /// which, unlike the centroid, stays inside Viet Nam's S).
    /// - Complexity: O(g · v) for g grid points and v vertices of the part.
    static func interiorPoint(_ polygons: [[[Position]]], within area: PixelRect, margin: Double) -> Position? {
        var best: (Position, Double)?
        for rings in polygons {
            guard let exterior = rings.first, exterior.count > 3 else { continue }
            let xs = exterior.map(\.x), ys = exterior.map(\.y)
            let x0 = max(xs.min()!, area.x + margin), x1 = min(xs.max()!, area.maxX - margin)
            let y0 = max(ys.min()!, area.y + 24), y1 = min(ys.max()!, area.maxY - 24)
            guard x0 < x1, y0 < y1 else { continue }
            let step = max(24, max(x1 - x0, y1 - y0) / 40)
            var y = y0
            while y <= y1 {
                var x = x0
                while x <= x1 {
                    let p = Position(x: x, y: y)
                    if rings.enumerated().allSatisfy({ $0.offset == 0 ? contains($0.element, p) : !contains($0.element, p) }) {
                        let d = rings.map { distance(p, $0) }.min() ?? 0
                        if d > (best?.1 ?? 0) { best = (p, d) }
                    }
                    x += step
                }
                y += step
            }
        }
        // Too thin to hold a name.
        guard let best, best.1 >= 14 else { return nil }
        return best.0
    }

    static func contains(_ ring: [Position], _ p: Position) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    static func distance(_ p: Position, _ line: [Position]) -> Double {
        var best = Double.infinity
        for (a, b) in zip(line, line.dropFirst()) { best = min(best, segmentDistance(p, a, b)) }
        return best
    }

    static func segmentDistance(_ p: Position, _ a: Position, _ b: Position) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        let t = length2 > 0 ? max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }

    /// Parallels and meridians every 5°, labelled where they meet the map's left and bottom edges.
    func drawGraticule() throws(MapError) {
        let area = frame.area
        canvas.font(size: 9)
        for latitude in stride(from: -10.0, through: 45, by: 5) {
            let line = pixels(stride(from: 60.0, through: 150, by: 1).map { Coordinate(longitude: $0, latitude: latitude) })
            stroke([line], colour: MapStyle.graticule, width: 0.5, dash: [2, 3])
            if let y = Self.crossing(line, atX: area.x + 2), y > area.y + 12, y < area.maxY - 60 {
                canvas.text("\(Int(abs(latitude)))°\(latitude >= 0 ? "N" : "S")", x: area.x + 3, y: y - 2, colour: MapStyle.mutedText, halo: 1.5)
            }
        }
        for longitude in stride(from: 60.0, through: 150, by: 5) {
            let line = pixels(stride(from: -15.0, through: 50, by: 1).map { Coordinate(longitude: longitude, latitude: $0) })
            stroke([line], colour: MapStyle.graticule, width: 0.5, dash: [2, 3])
            if let x = Self.crossing(line.map { Position(x: $0.y, y: $0.x) }, atX: area.y + 12), x > area.x + 30, x < area.maxX - 30 {
                canvas.text("\(Int(longitude))°E", x: x + 2, y: area.y + 11, colour: MapStyle.mutedText, halo: 1.5)
            }
        }
        try canvas.check("draw the graticule")
    }

    /// Where a polyline crosses the vertical x = `x`: the y of the first crossing.
    static func crossing(_ line: [Position], atX x: Double) -> Double? {
        for (a, b) in zip(line, line.dropFirst()) where (a.x - x) * (b.x - x) <= 0 && a.x != b.x {
            return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return nil
    }

    // MARK: features

    func marker(_ shape: MarkerShape, at p: Position, radius r: Double, fill: Colour, outline: Colour, width: Double) {
        canvas.newPath()
        switch shape {
        case .circle: canvas.circle(p.x, p.y, radius: r)
        case .square: canvas.rectangle(PixelRect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r))
        case .triangle, .invertedTriangle:
            let s: Double = shape == .triangle ? 1 : -1
            trace([Position(x: p.x, y: p.y - s * r * 1.2), Position(x: p.x + r * 1.1, y: p.y + s * r * 0.8),
                   Position(x: p.x - r * 1.1, y: p.y + s * r * 0.8)], close: true)
        case .diamond:
            trace([Position(x: p.x, y: p.y - r * 1.25), Position(x: p.x + r, y: p.y), Position(x: p.x, y: p.y + r * 1.25),
                   Position(x: p.x - r, y: p.y)], close: true)
        case .cross:
            let a = r * 0.35
            trace([(-a, -r), (a, -r), (a, -a), (r, -a), (r, a), (a, a), (a, r), (-a, r), (-a, a), (-r, a), (-r, -a), (-a, -a)]
                .map { Position(x: p.x + $0.0, y: p.y + $0.1) }, close: true)
        case .star:
            let points = (0..<10).map { i -> Position in
                let angle = Double(i) * .pi / 5 - .pi / 2
                let radius = i % 2 == 0 ? r * 1.3 : r * 0.55
                return Position(x: p.x + radius * cos(angle), y: p.y + radius * sin(angle))
            }
            trace(points, close: true)
        }
        canvas.set(fill)
        canvas.fillPreserve()
        canvas.set(outline)
        canvas.lineWidth(width)
        canvas.dash([])
        canvas.stroke()
    }

    /// The radius of a city's dot: 2.5 px at 100,000 people, one more per tenfold.
    static func cityRadius(_ population: Int?) -> Double {
        guard let population, population > 0 else { return 2.5 }
        return max(2, min(5.5, 2.5 + log10(Double(population) / 100_000)))
    }

    /// The point a label or a line's marker hangs from: a point, or half-way along a line by length.
    static func anchor(_ parts: (rings: [[[Position]]], lines: [[Position]], points: [Position])) -> Position? {
        if let p = parts.points.first { return p }
        if let line = parts.lines.max(by: { length($0) < length($1) }), line.count > 1 {
            var remaining = length(line) / 2
            for (a, b) in zip(line, line.dropFirst()) {
                let d = hypot(b.x - a.x, b.y - a.y)
                if d >= remaining, d > 0 { return Position(x: a.x + (b.x - a.x) * remaining / d, y: a.y + (b.y - a.y) * remaining / d) }
                remaining -= d
            }
            return line.last
        }
        if let ring = parts.rings.first?.first, !ring.isEmpty {
            return Position(x: ring.map(\.x).reduce(0, +) / Double(ring.count), y: ring.map(\.y).reduce(0, +) / Double(ring.count))
        }
        return nil
    }

    static func length(_ line: [Position]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
    }

    func draw(_ feature: MapFeature) throws(MapError) {
        let style = MapStyle.of(feature.symbol)
        let parts = self.parts(feature.geometry)
        if !parts.rings.isEmpty, let fillColour = style.fill, feature.symbol == .reachArea {
            fill(parts.rings, colour: fillColour, outline: style.stroke, width: style.width)
        }
        if !parts.lines.isEmpty, let colour = style.stroke {
            if style.casing > 0 { stroke(parts.lines, colour: Colour.white.with(alpha: 0.9), width: style.width + 2 * style.casing) }
            stroke(parts.lines, colour: colour, width: style.width, dash: style.dash)
        }
        if let shape = style.marker, let fillColour = style.fill {
            let radius = feature.symbol == .place(.city) ? Self.cityRadius(feature.population) : style.markerRadius
            let outline = style.stroke == nil || feature.symbol.isThematicLine ? Colour.white : style.stroke!
            let anchors = parts.points.isEmpty ? (parts.lines.isEmpty ? [] : Self.anchor(parts).map { [$0] } ?? []) : parts.points
            for p in anchors where frame.area.contains(x: p.x, y: p.y) {
                marker(shape, at: p, radius: radius, fill: fillColour, outline: outline, width: feature.symbol.isThematicLine ? 1.4 : style.width)
            }
        }
        try canvas.check("draw a feature")
    }

    // MARK: labels

    /// Places and draws the labels of the features, most important first, none over another,
    /// none over a marker or an obstacle.
    func drawLabels(_ features: [MapFeature], limit: Int, obstacles: [PixelRect]) throws(MapError) -> [(text: String, box: PixelRect)] {
        var placer = LabelPlacer(bounds: PixelRect(x: frame.area.x + 2, y: frame.area.y + 2, width: frame.area.width - 4, height: frame.area.height - 4),
                                 obstacles: obstacles)
        var candidates: [LabelPlacer.Candidate] = []
        var texts: [(String, Bool)] = []
        // Of the limited labels (cities) inside the map, only the `limit` most important are tried.
        let limitedInside = features.compactMap { f -> Double? in
            guard let label = f.label, label.limited, let a = Self.anchor(parts(f.geometry)), frame.area.contains(x: a.x, y: a.y) else { return nil }
            return label.priority
        }.sorted(by: >)
        let cutoff = limit <= 0 ? Double.infinity : limitedInside.count > limit ? limitedInside[limit - 1] : -Double.infinity
        for feature in features {
            let parts = self.parts(feature.geometry)
            let style = MapStyle.of(feature.symbol)
            let isPoint = !parts.points.isEmpty
            if isPoint, style.marker != nil {
                let r = feature.symbol == .place(.city) ? Self.cityRadius(feature.population) : style.markerRadius
                for p in parts.points { placer.reserve(PixelRect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)) }
            }
            guard let label = feature.label, !label.text.isEmpty, !label.limited || label.priority >= cutoff, let anchor = Self.anchor(parts),
                  frame.area.contains(x: anchor.x, y: anchor.y) else { continue }
            canvas.font(size: label.emphasised ? 12.5 : 11, bold: label.emphasised)
            let e = canvas.extents(label.text)
            let h = canvas.fontHeight()
            let radius = feature.symbol == .place(.city) ? Self.cityRadius(feature.population) : style.markerRadius
            candidates.append(LabelPlacer.Candidate(anchorX: anchor.x, anchorY: anchor.y, width: e.advance + 2, height: h.ascent + h.descent,
                                                    clearance: (style.marker != nil ? radius : style.width / 2) + 3, priority: label.priority))
            texts.append((label.text, label.emphasised))
        }
        var placed: [(text: String, box: PixelRect)] = []
        for placement in placer.place(candidates) {
            let (text, emphasised) = texts[placement.index]
            canvas.font(size: emphasised ? 12.5 : 11, bold: emphasised)
            let ascent = canvas.fontHeight().ascent
            canvas.text(text, x: placement.box.x + 1, y: placement.box.y + ascent, colour: MapStyle.text, halo: 2.2)
            placed.append((text, placement.box))
        }
        try canvas.check("draw the labels")
        return placed
    }

    // MARK: furniture

    /// Draws the scale bar in `box` and returns its ends, pixels.
    func drawScaleBar(_ scale: ScaleBar, in box: PixelRect) -> (start: Position, end: Position) {
        canvas.newPath()
        canvas.rectangle(box)
        canvas.set(Colour.white.with(alpha: 0.85))
        canvas.fill()
        let x0 = box.x + 12, y = box.y + 12, h = 5.0
        let half = scale.pixels / 2
        for (i, colour) in [Colour.black, Colour.white].enumerated() {
            canvas.newPath()
            canvas.rectangle(PixelRect(x: x0 + Double(i) * half, y: y, width: half, height: h))
            canvas.set(colour)
            canvas.fillPreserve()
            canvas.set(.black)
            canvas.lineWidth(0.8)
            canvas.dash([])
            canvas.stroke()
        }
        canvas.font(size: 9.5)
        let km = scale.kilometres
        let number = { (v: Double) in v == v.rounded() ? String(Int(v)) : String(format: "%g", v) }
        // The middle tick's number only where there is room for three numbers.
        let ticks = scale.pixels >= 100 ? [(0.0, x0), (km / 2, x0 + half), (km, x0 + scale.pixels)] : [(0.0, x0), (km, x0 + scale.pixels)]
        for (value, x) in ticks {
            let text = value == km ? "\(number(value)) km" : number(value)
            let e = canvas.extents(text)
            canvas.text(text, x: x - (value == km ? e.box.x + 8 : e.advance / 2), y: y + h + 12, colour: MapStyle.text)
        }
        let note = String(format: "true at %.1f°%@", abs(scale.latitude), scale.latitude >= 0 ? "N" : "S")
        canvas.text(note, x: x0, y: y + h + 23, colour: MapStyle.mutedText)
        return (Position(x: x0, y: y + h / 2), Position(x: x0 + scale.pixels, y: y + h / 2))
    }

    func drawTitle(_ map: Map, in box: PixelRect) {
        canvas.newPath()
        canvas.rectangle(box)
        canvas.set(Colour(hex: 0xF4F2ED))
        canvas.fill()
        canvas.font(size: 20, bold: true)
        canvas.text(Self.elided(map.title, width: box.width - 28, canvas: canvas), x: box.x + 14, y: box.y + 27, colour: MapStyle.text)
        canvas.font(size: 12.5)
        canvas.text(Self.elided(map.subtitle, width: box.width - 28, canvas: canvas), x: box.x + 14, y: box.y + 49, colour: MapStyle.mutedText)
    }

    /// `text` shortened with "…" to fit `width` pixels in the current font.
    static func elided(_ text: String, width: Double, canvas: CairoCanvas) -> String {
        guard canvas.extents(text).advance > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, canvas.extents(String(characters) + "…").advance > width { characters.removeLast() }
        return String(characters) + "…"
    }

    /// Word-wraps `text` to lines of at most `width` pixels in the current font.
    static func wrapped(_ text: String, width: Double, canvas: CairoCanvas) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let next = line.isEmpty ? String(word) : line + " " + word
            if canvas.extents(next).advance <= width || line.isEmpty { line = next } else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { elided($0, width: width, canvas: canvas) }
    }

    /// A sample of a symbol in a 30 × 14 box whose left edge is at x and centre at y.
    func sample(_ symbol: MapSymbol, x: Double, y: Double) {
        let style = MapStyle.of(symbol)
        let line = [Position(x: x + 1, y: y), Position(x: x + 29, y: y)]
        switch symbol {
        case .reachArea:
            fill([[[Position(x: x + 2, y: y - 6), Position(x: x + 28, y: y - 6), Position(x: x + 28, y: y + 6), Position(x: x + 2, y: y + 6)]]],
                 colour: style.fill!, outline: style.stroke, width: style.width)
        case .place, .endpoint, .gapKind:
            marker(style.marker ?? .circle, at: Position(x: x + 15, y: y), radius: symbol == .place(.city) ? 3.5 : style.markerRadius,
                   fill: style.fill ?? .black, outline: style.stroke ?? .white, width: style.width)
        default:
            if let colour = style.stroke {
                if style.casing > 0 { stroke([line], colour: .white, width: style.width + 2 * style.casing) }
                stroke([line], colour: colour, width: style.width, dash: style.dash)
            }
            if let shape = style.marker, let fillColour = style.fill, symbol.isThematicLine {
                marker(shape, at: Position(x: x + 15, y: y), radius: style.markerRadius, fill: fillColour, outline: .white, width: 1.4)
            }
        }
    }

    func drawLegend(_ entries: [LegendEntry], in box: PixelRect) {
        canvas.newPath()
        canvas.rectangle(box)
        canvas.set(Colour(hex: 0xFAFAF8))
        canvas.fill()
        let x = box.x + 12, textX = box.x + 50, textWidth = box.maxX - textX - 10
        var y = box.y + 22
        canvas.font(size: 13, bold: true)
        canvas.text("Legend", x: x, y: y, colour: MapStyle.text)
        y += 10
        let base: [(String, (Double, Double) -> Void)] = [
            ("Country border and coast (Natural Earth)", { x, y in stroke([[Position(x: x + 1, y: y), Position(x: x + 29, y: y)]], colour: MapStyle.border, width: 0.9) }),
            ("River, lake", { x, y in
                stroke([[Position(x: x + 1, y: y + 2), Position(x: x + 14, y: y - 2), Position(x: x + 29, y: y + 1)]], colour: MapStyle.river, width: 1.6)
            }),
        ]
        let rows: [(String, (Double, Double) -> Void)] = entries.map { e in (e.text, { x, y in sample(e.symbol, x: x, y: y) }) } + base
        // Sources and projection at the bottom of the panel; the entries stop above them.
        canvas.font(size: 9)
        let notes = ["Projection: " + frame.projection.name, "Base map: Natural Earth 4.0.0 (public domain). Network: mekong GeoData."]
        var noteLines: [String] = []
        for note in notes { noteLines += Self.wrapped(note, width: box.width - 24, canvas: canvas) }
        let notesTop = box.maxY - 8 - Double(noteLines.count) * 11.5
        for (text, draw) in rows {
            canvas.font(size: 11)
            let lines = Self.wrapped(text, width: textWidth, canvas: canvas)
            let lineHeight = 14.0
            guard y + Double(lines.count) * lineHeight + 8 < notesTop - 4 else { break }
            y += 8
            draw(x, y + 4)
            for (i, l) in lines.enumerated() { canvas.text(l, x: textX, y: y + 8 + Double(i) * lineHeight, colour: MapStyle.text) }
            y += Double(lines.count) * lineHeight
        }
        canvas.font(size: 9)
        var noteY = notesTop + 11.5
        for line in noteLines { canvas.text(line, x: x, y: noteY, colour: MapStyle.mutedText); noteY += 11.5 }
    }
}

extension MapSymbol {
    /// Lines that carry a marker at their middle (gaps, projects), so the shape tells the kind.
    var isThematicLine: Bool {
        switch self {
        case .gap, .project: true
        default: false
        }
    }
}
