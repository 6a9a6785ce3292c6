import Foundation
import MekongMap
import Testing
import TestSupport

/// `mekong map` end to end: the real binary, run from a directory without GeoData, writes
/// files that a validating XML parser accepts and PNGs that hold a picture.
struct MapCLITests {
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The four maps of issue 11, as the README gives them.
    static let maps: [(name: String, arguments: [String])] = [
        ("bangkok-hanoi", ["route", "Bangkok", "Hanoi", "--alternatives", "2"]),
        ("vientiane-6h", ["reach", "Vientiane", "--hours", "6"]),
        ("gaps-2026", ["gaps", "--year", "2026"]),
        ("gaps-2012-2026", ["compare", "--year", "2012", "--against-year", "2026"]),
    ]

    static func draw(_ arguments: [String], to file: URL) throws -> CLI.Result {
        try CLI.run(["map"] + arguments + ["--out", file.path])
    }

    @Test(.enabled(if: xmllint != nil, "xmllint (Debian libxml2-utils) is not installed; `make test` installs it"),
          arguments: maps.map(\.name))
    func xmllintAcceptsTheSVG(name: String) throws {
        let arguments = Self.maps.first { $0.name == name }!.arguments
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "\(name).svg")
        let r = try Self.draw(arguments, to: file)
        #expect(r.status == 0, "\(r.stderr)")
        let lint = try CLI.runTool(URL(fileURLWithPath: Self.xmllint!), ["--noout", file.path])
        #expect(lint.status == 0, "\(lint.stderr)")
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("width=\"1200px\""))
    }

    @Test(arguments: maps.map(\.name))
    func thePNGIsAPicture(name: String) throws {
        let arguments = Self.maps.first { $0.name == name }!.arguments
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "\(name).png")
        let r = try Self.draw(arguments + ["--width", "900"], to: file)
        #expect(r.status == 0, "\(r.stderr)")
        let image = try RasterImage(png: try Data(contentsOf: file))
        #expect(image.width == 900 && image.height == 675)
        // Land, water, lines, text and symbols: hundreds of colours, and no colour fills most of the image.
        #expect(image.distinctColourCount > 300)
        var counts: [RasterImage.Pixel: Int] = [:]
        for y in stride(from: 0, to: image.height, by: 3) { for x in stride(from: 0, to: image.width, by: 3) { counts[image.pixel(x: x, y: y), default: 0] += 1 } }
        let samples = (image.width / 3 + 1) * (image.height / 3 + 1)
        #expect(counts.values.max()! < samples * 3 / 4)
    }

    /// The route's magenta is on the route map, inside the map (not only in the legend).
    @Test func theRouteMapShowsTheRoute() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "route.png")
        #expect(try Self.draw(["route", "Bangkok", "Hanoi"], to: file).status == 0)
        let image = try RasterImage(png: try Data(contentsOf: file))
        let colour = try #require(MapSymbol.route(rank: 0).strokeColour)
        var inMap = 0
        // The legend panel is the right quarter; the map is left of it.
        for y in 70..<image.height { for x in 0..<(image.width * 3 / 4 - 10) where image.pixel(x: x, y: y) == colour { inMap += 1 } }
        #expect(inMap > 1500)
    }

    @Test func pdfByExtensionAndFormatByOption() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appending(path: "network.pdf")
        #expect(try Self.draw(["network", "--labels", "20"], to: pdf).status == 0)
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF-".utf8)))
        let noExtension = dir.appending(path: "map")
        #expect(try CLI.run(["map", "corridors", "--format", "svg", "--out", noExtension.path]).status == 0)
        #expect(try String(contentsOf: noExtension, encoding: .utf8).contains("<svg"))
        #expect(try CLI.run(["map", "projects", "--around", "Phnom Penh", "--km", "150", "--out", dir.appending(path: "p.png").path]).status == 0)
        #expect(try CLI.run(["map", "gaps", "--bbox", "99,12,107,19", "--out", dir.appending(path: "g.png").path]).status == 0)
    }

    /// Bad values are usage errors (64) that name the problem, and nothing is written.
    @Test(arguments: [
        (["network", "--out", "map.txt"], "does not end in .svg, .png or .pdf"),
        (["network", "--out", "map.png", "--width", "10"], "--width must be 400 to 8000 pixels"),
        (["network", "--out", "map.png", "--bbox", "107,12,99,19"], "west"),
        (["network", "--out", "map.png", "--bbox", "12,99,19,107"], "minLon,minLat,maxLon,maxLat"),
        (["network", "--out", "map.png", "--bbox", "1,2,3"], "not four numbers"),
        (["network", "--out", "map.png", "--km", "50"], "--km goes with --around"),
        (["network", "--out", "map.png", "--around", "Atlantis"], "unknown place \"Atlantis\""),
        (["network", "--out", "map.png", "--around", "Hanoi", "--km", "0"], "--km must be between"),
        (["network", "--out", "map.png", "--bbox", "99,12,107,19", "--around", "Hanoi"], "not both"),
        (["compare", "--out", "map.png"], "--against-year"),
        (["route", "Bangkok", "Hanoi", "--out", "map.png", "--alternatives", "9"], "--alternatives must be 0 to 5"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        let r = try CLI.run(["map"] + arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.temporaryDirectory.appending(path: "map.png").path))
    }

    /// `map compare` and `gaps` read the compared scenario through one option group: a project
    /// id in capitals is the project (as `--with` takes it), and a misspelt one is refused by both
    /// with the same closest ids.
    @Test func mapCompareAndGapsReadTheComparedScenarioAlike() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gaps = try CLI.run("gaps", "--year", "2012", "--against-with", "KH-NEAK-LOEUNG-BRIDGE", "--format", "json")
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let closed = try #require((try CLI.json(gaps.stdout) as? [String: Any])?["closed"] as? [[String: Any]])
        #expect(closed.contains { $0["projects"] as? [String] == ["kh-neak-loeung-bridge"] }, "the bridge closes a gap: \(closed)")
        let map = try Self.draw(["compare", "--year", "2012", "--against-with", "KH-NEAK-LOEUNG-BRIDGE"], to: dir.appending(path: "bridge.svg"))
        #expect(map.status == 0, "\(map.stderr)")
        let misspelt = ["--against-without", "kh-neak-loeng-bridge"]
        let refusals = [try CLI.run(["gaps"] + misspelt), try Self.draw(["compare"] + misspelt, to: dir.appending(path: "x.svg"))]
        for r in refusals {
            #expect(r.status == 64)
            #expect(r.stderr == "error: unknown project \"kh-neak-loeng-bridge\"; closest: kh-neak-loeung-bridge, vn-dai-ngai-bridge, kh-nr1-improvement\n")
        }
    }
}

/// The README's map commands are the ones that run.
struct MapReadmeTests {
    @Test func everyMapCommandOfTheReadmeRuns() throws {
        let block = try #require(ReadmeTests.block(after: "## Maps", language: "sh"))
        let lines = block.split(separator: "\n").filter { $0.hasPrefix("mekong map ") }
        #expect(lines.count >= 8)
        for line in lines {
            let command = String(line.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces)
            let dir = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let r = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd \"$1\" && " + command.replacingOccurrences(of: "mekong ", with: "\"$0\" ", options: .anchored), try CLI.binary.path, dir.path])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 1, "\(command) wrote no file")
        }
    }

    /// The picture in the README is the tool's own and stays small.
    @Test func theReadmeImageIsAMapOfTheRoute() throws {
        let file = PackagePaths.root.appending(path: "Tests/Maps/bangkok-hanoi.png")
        let data = try Data(contentsOf: file)
        #expect(data.count < 400_000)
        let image = try RasterImage(png: data)
        #expect(image.width == 1200)
        let colour = try #require(MapSymbol.route(rank: 0).strokeColour)
        var count = 0
        for y in stride(from: 0, to: image.height, by: 2) { for x in stride(from: 0, to: image.width, by: 2) where image.pixel(x: x, y: y) == colour { count += 1 } }
        #expect(count > 300)
    }
}
