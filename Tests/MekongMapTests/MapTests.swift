import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongMap
import MekongNetwork
import Testing
import TestSupport

/// Outside oracles: PROJ's own command-line tools, not our bindings.
enum ProjTools {
    static func find(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static let cs2cs = find("cs2cs")
    static let geod = find("geod")
    static let available = cs2cs != nil && geod != nil

    /// Runs a tool with `input` on standard input; returns its lines split into numbers.
    static func run(_ tool: String, _ arguments: [String], input: String) throws -> [[Double]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
        }
    }

    /// Longitude/latitude → projected metres with `cs2cs`.
    static func forward(_ coordinates: [Coordinate], proj: String) throws -> [Position] {
        let input = coordinates.map { "\($0.longitude) \($0.latitude)" }.joined(separator: "\n") + "\n"
        let args = ["+proj=longlat", "+datum=WGS84", "+no_defs", "+to"] + proj.split(separator: " ").map(String.init) + ["-f", "%.4f"]
        return try run(cs2cs!, args, input: input).map { Position(x: $0[0], y: $0[1]) }
    }

    /// Projected metres → longitude/latitude with `cs2cs`.
    static func inverse(_ positions: [Position], proj: String) throws -> [Coordinate] {
        let input = positions.map { "\($0.x) \($0.y)" }.joined(separator: "\n") + "\n"
        let args = proj.split(separator: " ").map(String.init) + ["+to", "+proj=longlat", "+datum=WGS84", "+no_defs", "-f", "%.10f"]
        return try run(cs2cs!, args, input: input).map { Coordinate(longitude: $0[0], latitude: $0[1]) }
    }

    /// Geodesic distance on WGS 84 with `geod -I`, metres.
    static func distanceMetres(_ a: Coordinate, _ b: Coordinate) throws -> Double {
        let rows = try run(geod!, ["+ellps=WGS84", "-I", "-f", "%.6f", "+units=m"], input: "\(a.latitude) \(a.longitude) \(b.latitude) \(b.longitude)\n")
        return rows[0][2]
    }
}

/// The real data, loaded once.
enum RealData {
    static let dataset: Dataset = try! Dataset.load(from: .directory(PackagePaths.geoData)).dataset
    static let basemap: Basemap = try! Basemap.load(from: .directory(PackagePaths.geoData))

    static func network(year: Int = 2026) -> Network {
        Network(dataset: dataset, scenario: Scenario(year: year), profile: dataset.profile("truck")!)
    }

    /// Bangkok → Hanoi, the flagship route, drawn 1200 × 900.
    static func bangkokHanoi(format: MapFormat) throws -> (rendered: RenderedMap, route: Route) {
        let network = network()
        let request = RouteRequest(from: "bangkok", to: "hanoi")
        let route = try RoutePlanner(network: network).route(request)
        let renderer = try MapRenderer(format: format, widthPixels: 1200, heightPixels: 900, basemap: basemap)
        return (try renderer.render(MapBuilder.route([route], request: request, network: network)), route)
    }
}

struct LabelPlacerTests {
    @Test func aLabelThatWouldOverlapMovesOrIsSkipped() {
        var placer = LabelPlacer(bounds: PixelRect(x: 0, y: 0, width: 200, height: 200))
        let same = LabelPlacer.Candidate(anchorX: 100, anchorY: 100, width: 40, height: 10, clearance: 3, priority: 1)
        let placed = placer.place(Array(repeating: same, count: 12))
        // Right of the anchor first, then left; every other position overlaps one of those two.
        #expect(placed.map(\.box) == [PixelRect(x: 103, y: 95, width: 40, height: 10), PixelRect(x: 57, y: 95, width: 40, height: 10)])
    }

    @Test func theMostImportantLabelWins() {
        var placer = LabelPlacer(bounds: PixelRect(x: 0, y: 0, width: 60, height: 20))
        let small = LabelPlacer.Candidate(anchorX: 5, anchorY: 10, width: 40, height: 10, clearance: 3, priority: 1)
        var big = small
        big.priority = 2
        let placed = placer.place([small, big])
        #expect(placed.map(\.index) == [1])
    }

    /// Property: on seeded random candidates, no two kept boxes overlap, all lie in the bounds and
    /// avoid the obstacles.
    @Test(arguments: 1...5) func keptLabelsNeverOverlap(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let bounds = PixelRect(x: 0, y: 0, width: 800, height: 600)
        let obstacle = PixelRect(x: 0, y: 540, width: 200, height: 60)
        var placer = LabelPlacer(bounds: bounds, obstacles: [obstacle])
        let candidates = (0..<400).map { _ in
            LabelPlacer.Candidate(anchorX: Double.random(in: 0...800, using: &rng), anchorY: Double.random(in: 0...600, using: &rng),
                                  width: Double.random(in: 20...90, using: &rng), height: 12, clearance: 4,
                                  priority: Double.random(in: 0...1, using: &rng))
        }
        let placed = placer.place(candidates)
        #expect(placed.count > 50)
        for (i, a) in placed.enumerated() {
            #expect(bounds.contains(a.box) && !a.box.intersects(obstacle))
            for b in placed[(i + 1)...] { #expect(!a.box.intersects(b.box)) }
        }
    }

    @Test func nonFiniteCandidatesAreSkippedNotCrashed() {
        var placer = LabelPlacer(bounds: PixelRect(x: 0, y: 0, width: 100, height: 100))
        placer.reserve(PixelRect(x: -.infinity, y: 0, width: .infinity, height: 1e300))
        let bad = LabelPlacer.Candidate(anchorX: .nan, anchorY: 1, width: 10, height: 10, clearance: 1, priority: 1)
        #expect(placer.place([bad]).isEmpty)
    }
}

struct MapRenderTests {
    @Test func extentsWithProblemsAreRefused() {
        #expect(MapExtent.boundingBox(west: 107, south: 12, east: 99, north: 19).problem?.contains("west") == true)
        #expect(MapExtent.boundingBox(west: 12, south: 99, east: 19, north: 107).problem?.contains("minLon,minLat,maxLon,maxLat") == true)
        #expect(MapExtent.boundingBox(west: .nan, south: 12, east: 99, north: 19).problem != nil)
        #expect(MapExtent.around(Coordinate(longitude: 102, latitude: 18), radiusKm: 0).problem != nil)
        #expect(MapExtent.boundingBox(west: 99, south: 12, east: 107, north: 19).problem == nil)
        #expect(throws: MapError.self) { try MapRenderer(format: .png, widthPixels: 10, heightPixels: 900, basemap: RealData.basemap) }
    }

    @Test func theBasemapIsEmbeddedAndHasTheFiveCountries() throws {
        let embedded = try Basemap.load(from: .embedded)
        #expect(Basemap.mekongCountries.isSubset(of: Set(embedded.countries.map(\.iso))))
        #expect(embedded.rivers.contains { $0.name == "Mekong" })
        #expect(embedded.lakes.contains { $0.name == "Tonle Sap" })
    }

    @Test func labelsOfARealMapDoNotOverlap() throws {
        let (rendered, _) = try RealData.bangkokHanoi(format: .png)
        #expect(rendered.labels.count >= 10)
        #expect(rendered.labels.contains { $0.text == "Bangkok" } && rendered.labels.contains { $0.text == "Hanoi" })
        for (i, a) in rendered.labels.enumerated() {
            #expect(rendered.frame.area.contains(a.box))
            for b in rendered.labels[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a.text) overlaps \(b.text)") }
        }
    }

    @Test func svgAndPdfComeFromTheSameDrawing() throws {
        let svg = try RealData.bangkokHanoi(format: .svg).rendered
        let text = String(decoding: svg.bytes, as: UTF8.self)
        #expect(text.contains("<svg") && text.contains("width=\"1200px\"") && text.hasSuffix("</svg>\n"))
        let pdf = try RealData.bangkokHanoi(format: .pdf).rendered
        #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
        #expect(svg.frame == pdf.frame && svg.scaleBar == pdf.scaleBar)
    }

    /// The scale bar against PROJ's `geod`: the bar's length in pixels, laid through the map's
    /// centre and inverse-projected with `cs2cs`, is the distance it says, within 0.5 %.
    @Test(.enabled(if: ProjTools.available, "cs2cs and geod (Debian proj-bin) are not installed"))
    func theScaleBarAgreesWithGeod() throws {
        let rendered = try RealData.bangkokHanoi(format: .png).rendered
        let frame = rendered.frame, bar = rendered.scaleBar
        #expect(abs((rendered.scaleBarEnd.x - rendered.scaleBarStart.x) - bar.pixels) < 1e-9)
        let cx = frame.area.x + frame.area.width / 2, cy = frame.area.y + frame.area.height / 2
        let ends = try ProjTools.inverse([frame.projected(ofPixelX: cx - bar.pixels / 2, y: cy), frame.projected(ofPixelX: cx + bar.pixels / 2, y: cy)],
                                         proj: frame.projection.proj)
        let metres = try ProjTools.distanceMetres(ends[0], ends[1])
        #expect(abs(metres / (bar.kilometres * 1000) - 1) < 0.005, "bar \(bar.kilometres) km, geod \(metres) m")
        let centre = try ProjTools.inverse([frame.projected(ofPixelX: cx, y: cy)], proj: frame.projection.proj)[0]
        #expect(abs(centre.latitude - bar.latitude) < 0.01)
        #expect([1.0, 2, 5].contains(bar.kilometres / pow(10, floor(log10(bar.kilometres)))))
    }

    /// The PNG is a picture, and the route's magenta lies along the route: every sampled vertex,
    /// projected with `cs2cs` and placed with the frame's affine transform, has route pixels
    /// within 5 px, and no route pixel lies more than 6 px from the projected route.
    @Test(.enabled(if: ProjTools.available, "cs2cs (Debian proj-bin) is not installed"))
    func theRoutesPixelsLieAlongItsPath() throws {
        let (rendered, route) = try RealData.bangkokHanoi(format: .png)
        let image = try RasterImage(png: rendered.bytes)
        #expect(image.width == 1200 && image.height == 900)
        #expect(image.distinctColourCount > 500)

        let colour = try #require(MapSymbol.route(rank: 0).strokeColour)
        func isRoute(_ p: RasterImage.Pixel) -> Bool {
            abs(Int(p.red) - Int(colour.red)) <= 12 && abs(Int(p.green) - Int(colour.green)) <= 12 && abs(Int(p.blue) - Int(colour.blue)) <= 12
        }
        let frame = rendered.frame
        var routePixels: [(Int, Int)] = []
        for y in Int(frame.area.y)..<Int(frame.area.maxY) {
            for x in Int(frame.area.x)..<Int(frame.area.maxX) where !rendered.scaleBox.contains(x: Double(x), y: Double(y)) {
                if isRoute(image.pixel(x: x, y: y)) { routePixels.append((x, y)) }
            }
        }
        #expect(routePixels.count > 2000, "only \(routePixels.count) route pixels")

        let projected = try ProjTools.forward(route.geometry, proj: frame.projection.proj).map(frame.pixel(of:))
        #expect(projected.count == route.geometry.count)
        func distanceToRoute(_ x: Double, _ y: Double) -> Double {
            var best = Double.infinity
            for (a, b) in zip(projected, projected.dropFirst()) {
                let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
                let t = l2 > 0 ? max(0, min(1, ((x - a.x) * dx + (y - a.y) * dy) / l2)) : 0
                best = min(best, hypot(x - a.x - t * dx, y - a.y - t * dy))
            }
            return best
        }
        let far = routePixels.filter { distanceToRoute(Double($0.0), Double($0.1)) > 6 }
        #expect(far.isEmpty, "\(far.count) route-coloured pixels far from the route, e.g. \(far.prefix(3))")

        // Vertices along the way (not the ends, which carry markers and labels).
        let samples = stride(from: projected.count / 20, to: projected.count - projected.count / 20, by: max(1, projected.count / 25)).map { projected[$0] }
        let found = samples.filter { v in
            routePixels.contains { abs(Double($0.0) - v.x) <= 5 && abs(Double($0.1) - v.y) <= 5 }
        }
        #expect(samples.count >= 15)
        #expect(Double(found.count) >= 0.9 * Double(samples.count), "route pixels near \(found.count) of \(samples.count) vertices")
    }

    @Test func aBlankMapIsTold() throws {
        let renderer = try MapRenderer(format: .png, widthPixels: 400, heightPixels: 400, basemap: RealData.basemap)
        #expect(throws: MapError.self) { try renderer.render(Map(title: "nothing", subtitle: "")) }
        // With an extent, an empty map is still a map: the base map.
        let boxed = try MapRenderer(format: .png, widthPixels: 400, heightPixels: 400,
                                    extent: .boundingBox(west: 100, south: 10, east: 108, north: 20), basemap: RealData.basemap)
        let image = try RasterImage(png: boxed.render(Map(title: "base", subtitle: "")).bytes)
        #expect(image.distinctColourCount > 20)
    }
}
