import Foundation
import TestSupport
import Testing
@testable import RoutingGraph

/// The graph file: what goes in comes out, and every kind of damage is refused by name.
struct RoutingGraphFileTests {
    /// A random multi-layer graph with every column filled, from a fixed seed.
    static func randomGraph(seed: UInt64, nodes: Int = 200, edges: Int = 700) -> RoutingGraph {
        var rng = SplitMix64(state: seed)
        var builder = RoutingGraph.Builder()
        for i in 0..<nodes {
            builder.addNode(longitude: Double.random(in: 92...110, using: &rng), latitude: Double.random(in: 5...29, using: &rng),
                            source: i % 3 == 0 ? nil : "place-\(i / 2)", layer: UInt8(i % 3))
        }
        for i in 0..<edges {
            let record = EdgeRecord(
                mode: Mode.allCases.randomElement(using: &rng)!, roadClass: Bool.random(using: &rng) ? RoadClass.allCases.randomElement(using: &rng) : nil,
                surface: Surface.allCases.randomElement(using: &rng), condition: Condition.allCases.randomElement(using: &rng),
                terrain: Bool.random(using: &rng) ? Terrain.allCases.randomElement(using: &rng) : nil,
                lengthKm: 300, urbanKm: Double.random(in: 0...300, using: &rng), flags: [.forward, .bridge],
                restrictions: Bool.random(using: &rng) ? [.noTrucks] : [], opened: i % 4 == 0 ? 2000 + i % 30 : nil,
                closed: i % 7 == 0 ? 2031 : nil, maxSpeedKmh: i % 3 == 0 ? 30 + i % 90 : nil)
            let shape = i % 3 == 1 ? (0..<(2 + i % 5)).map { _ in (Double.random(in: 92...110, using: &rng), Double.random(in: 5...29, using: &rng)) } : nil
            builder.addEdge(from: NodeID(Int.random(in: 0..<nodes, using: &rng)), to: NodeID(Int.random(in: 0..<nodes, using: &rng)),
                            record, source: i % 5 == 0 ? nil : "link-ĐÀ-\(i)", bothWays: i % 2 == 0, shape: shape)
        }
        return builder.build()
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appending(path: "mekong-graph-\(UInt64.random(in: 0...UInt64.max))-\(name)").path
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aWrittenGraphReadsBackEqualInEveryColumn(seed: UInt64) throws {
        let graph = Self.randomGraph(seed: seed)
        let path = Self.temporaryPath("round.mkg")
        defer { unlink(path) }
        try RoutingGraphFile.write(graph, to: path)
        let again = try RoutingGraphFile.read(from: path)
        #expect(again == graph)
        #expect(again.edges[EdgeID(5)] == graph.edges[EdgeID(5)])
        #expect(again.sourceFeature(of: EdgeID(7)) == graph.sourceFeature(of: EdgeID(7)))
        // The streamed file is byte for byte the layout encoded in memory, checksum included.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(RoutingGraphFile.encode(graph)))
        let (_, checksum) = try RoutingGraphFile.readWithChecksum(from: path)
        #expect(checksum == RoutingGraphFile.encode(graph)[32..<40].reversed().reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// Loading copies nothing: the columns view the file's memory map, which lives as long as
    /// any of them. Unlinking the file does not disturb a graph read from it, and a column kept
    /// alone after its graph is gone still reads the file's values.
    @Test func aLoadedGraphViewsTheMappedFileAndKeepsItAsLongAsAColumnLives() throws {
        let graph = Self.randomGraph(seed: 4)
        let path = Self.temporaryPath("view.mkg")
        try RoutingGraphFile.write(graph, to: path)
        let loaded = try RoutingGraphFile.read(from: path)
        unlink(path)
        #expect(loaded.edges.lengthKm.owner is MappedFile && loaded.topology.heads.owner is MappedFile)
        #expect(graph.edges.lengthKm.owner is OwnedMemory<Double>, "a built graph owns its columns")
        #expect(loaded == graph)
        let lengths = try { () throws -> Column<Double> in
            try RoutingGraphFile.write(graph, to: path)
            defer { unlink(path) }
            return try RoutingGraphFile.read(from: path).edges.lengthKm
        }()
        #expect(lengths == graph.edges.lengthKm)
        #expect(lengths.reduce(0, +) == graph.edges.lengthKm.reduce(0, +))
    }

    /// Source ids are kept as the file stores them and decoded one at a time: empty ids, ids
    /// with accents and the last id all come back, and so does the empty list.
    @Test func sourceNamesKeepEveryIdIncludingEmptyAndAccentedOnes() {
        let ids = ["nr9", "", "cầu-mỹ-thuận", "a\u{1F309}b", ""]
        let names = SourceNames(ids)
        #expect(Array(names) == ids)
        #expect(Array(SourceNames(bytes: names.bytes)) == ids)
        #expect(SourceNames([]).isEmpty && SourceNames(bytes: []).isEmpty)
        #expect(SourceNames(["x", "y"]) != SourceNames(["x", "z"]))
    }

    @Test func anEmptyGraphRoundTrips() throws {
        let graph = RoutingGraph.Builder().build()
        let path = Self.temporaryPath("empty.mkg")
        defer { unlink(path) }
        try RoutingGraphFile.write(graph, to: path)
        #expect(try RoutingGraphFile.read(from: path) == graph)
    }

    @Test func builderKeepsEdgesOfANodeInInsertionOrderAndRecordsTheirSources() {
        // 0 → 1 (a), 1 → 0 (a, back), 0 → 2 (b): node 0's edges are a then b.
        var builder = RoutingGraph.Builder()
        for i in 0..<3 { builder.addNode(longitude: Double(i), latitude: 0, source: "p\(i)") }
        builder.addEdge(from: NodeID(0), to: NodeID(1), EdgeRecord(mode: .road, lengthKm: 1), source: "a", bothWays: true)
        builder.addEdge(from: NodeID(0), to: NodeID(2), EdgeRecord(mode: .ferry, lengthKm: 2), source: "b")
        let graph = builder.build()
        let fromZero = graph.topology.edges(from: NodeID(0)).map { EdgeID(Int($0)) }
        #expect(fromZero.map { graph.sourceFeature(of: $0) } == ["a", "b"])
        #expect(fromZero.map { graph.topology.head($0).index } == [1, 2])
        let back = graph.topology.edges(from: NodeID(1)).map { EdgeID(Int($0)) }
        #expect(back.count == 1 && !graph.flags(of: back[0]).contains(.forward))
        #expect(graph.edges[fromZero[1]].mode == .ferry)
        #expect(graph.sourceFeature(of: NodeID(2)) == "p2")
    }

    /// Writes a good file, lets `damage` change its bytes, and returns what reading it throws.
    func readingDamaged(_ damage: (inout [UInt8]) -> Void) -> RoutingGraphFileError? {
        var bytes = RoutingGraphFile.encode(Self.randomGraph(seed: 9))
        damage(&bytes)
        let path = Self.temporaryPath("damaged.mkg")
        defer { unlink(path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do { _ = try RoutingGraphFile.read(from: path); return nil } catch { return error }
    }

    @Test func aFlippedBitIsRefusedByTheChecksum() {
        let error = readingDamaged { $0[$0.count / 2] ^= 0x10 }
        guard case .corrupt(_, let reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("checksum"))
    }

    @Test func aTruncatedFileIsRefused() {
        guard case .corrupt? = readingDamaged({ $0.removeLast(100) }) else { Issue.record("truncated file was read"); return }
        guard case .corrupt? = readingDamaged({ $0.removeLast($0.count - 20) }) else { Issue.record("header-only file was read"); return }
    }

    @Test func anotherVersionIsRefusedNamingBothVersions() {
        let error = readingDamaged { $0[8] = 7 }
        #expect(error == .unsupportedVersion(path: error.flatMap { if case .unsupportedVersion(let p, _, _) = $0 { p } else { nil } } ?? "", found: 7, supported: RoutingGraphFile.version))
        #expect(error?.description.contains("version 7") == true)
    }

    /// A road drawn once serves both directions: the backward edge follows the same line
    /// reversed, and an edge without a drawing runs straight from node to node.
    @Test func bothDirectionsOfADrawnRoadFollowItsLineAndAStraightEdgeJoinsItsNodes() throws {
        var builder = RoutingGraph.Builder()
        let a = builder.addNode(longitude: 100, latitude: 10), b = builder.addNode(longitude: 101, latitude: 10)
        let c = builder.addNode(longitude: 101, latitude: 11)
        builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, lengthKm: 120, maxSpeedKmh: 80), bothWays: true,
                        shape: [(100, 10), (100.5, 10.2), (101, 10)])
        builder.addEdge(from: b, to: c, EdgeRecord(mode: .road, lengthKm: 111))
        let path = Self.temporaryPath("shapes")
        defer { unlink(path) }
        try RoutingGraphFile.write(builder.build(), to: path)
        let graph = try RoutingGraphFile.read(from: path)
        func edge(_ from: NodeID, _ to: NodeID) -> EdgeID? {
            graph.topology.edges(from: from).map { EdgeID(Int($0)) }.first { graph.topology.head($0) == to }
        }
        let forward = try #require(edge(a, b)), backward = try #require(edge(b, a)), straight = try #require(edge(b, c))
        #expect(graph.line(of: forward).map(\.latitude) == [10, 10.2, 10])
        #expect(graph.line(of: backward).map(\.longitude) == [101, 100.5, 100])
        #expect(graph.line(of: straight).map(\.latitude) == [10, 11])
        #expect(graph.edges[backward].maxSpeedKmh == 80)
        #expect(graph.edges[straight].maxSpeedKmh == nil)
        #expect(graph.shapes.count == 1, "the two directions share one stored line")
    }

    @Test func aFileOfAnotherKindIsNotAGraphFile() {
        guard case .notAGraphFile? = readingDamaged({ $0 = Array("{\"type\":\"FeatureCollection\"}".utf8) }) else {
            Issue.record("a GeoJSON file was read as a graph"); return
        }
    }

    /// A head past the last node, with the checksum recomputed so only the structure check can
    /// catch it: a query would otherwise read outside its arrays.
    @Test func aChecksummedFileWhoseHeadsPointOutsideTheGraphIsRefused() {
        let error = readingDamaged { bytes in
            let graph = Self.randomGraph(seed: 9)
            let headsOffset = RoutingGraphFile.headerSize + RoutingGraphFile.Tag.allCases.count * RoutingGraphFile.sectionEntrySize
                + ((graph.nodeCount + 1) * 4 + 7) / 8 * 8
            withUnsafeBytes(of: Int32(graph.nodeCount + 5).littleEndian) { for (i, b) in $0.enumerated() { bytes[headsOffset + i] = b } }
            let sum = bytes[RoutingGraphFile.headerSize...].withUnsafeBytes { Checksum.of($0) }
            withUnsafeBytes(of: sum.littleEndian) { for (i, b) in $0.enumerated() { bytes[32 + i] = b } }
        }
        guard case .corrupt(_, let reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("do not form a graph"))
    }

    /// Seeded mutation of a good file, with the checksum recomputed after each mutation so that
    /// the structural checks behind it are what is tested: every damaged file is either read as a
    /// graph whose ids stay inside its arrays or refused with an error, and nothing traps.
    @Test(arguments: [31, 32] as [UInt64])
    func mutatedFilesWithAValidChecksumNeverCrashTheReader(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let good = RoutingGraphFile.encode(Self.randomGraph(seed: seed, nodes: 30, edges: 80))
        let path = Self.temporaryPath("mutated.mkg")
        defer { unlink(path) }
        var refused = 0
        for _ in 0..<500 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                // Anywhere after the magic but the checksum itself: counts, version, tables, arrays.
                var at = Int.random(in: 8..<bytes.count, using: &rng)
                if (32..<40).contains(at) { at += 8 }
                if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            }
            if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0...min(64, bytes.count - RoutingGraphFile.headerSize), using: &rng)) }
            let sum = bytes[RoutingGraphFile.headerSize...].withUnsafeBytes { Checksum.of($0) }
            withUnsafeBytes(of: sum.littleEndian) { for (i, b) in $0.enumerated() { bytes[32 + i] = b } }
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do {
                let graph = try RoutingGraphFile.read(from: path)
                for e in 0..<graph.edgeCount { #expect(Int(graph.topology.head(EdgeID(e)).index) < graph.nodeCount) }
            } catch {
                refused += 1
            }
        }
        // Most damage to the counts, tables and arrays is caught; some (a length, a year) is not damage.
        #expect(refused > 0)
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: RoutingGraphFileError.self) { try RoutingGraphFile.read(from: "/nonexistent/graph.mkg") }
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let directory = Self.temporaryPath("dir")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/net.mkg"
        try RoutingGraphFile.write(Self.randomGraph(seed: 1), to: path)
        chmod(directory, 0o500)
        defer { chmod(directory, 0o700) }
        // As root the directory stays writable; the check then is only that the write succeeds whole.
        let isRoot = getuid() == 0
        do {
            try RoutingGraphFile.write(Self.randomGraph(seed: 2), to: path)
            #expect(isRoot)
        } catch {
            #expect(!isRoot)
            #expect(try RoutingGraphFile.read(from: path) == Self.randomGraph(seed: 1))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["net.mkg"])
    }
}

/// Each vocabulary's byte is its position in `allCases`, so a stored column reads back as written.
struct ByteCodeTests {
    func roundTrips<T: ByteCoded>(_: T.Type) -> Bool {
        T.allCases.enumerated().allSatisfy { i, value in Int(value.code) == i && T(code: value.code) == value }
    }

    @Test func everyVocabularyCodesByPositionAndDecodesBack() {
        #expect(roundTrips(Mode.self) && roundTrips(RoadClass.self) && roundTrips(Surface.self))
        #expect(roundTrips(Condition.self) && roundTrips(Terrain.self))
        #expect(Terrain(code: ByteCodes.absent) == nil)
    }
}

/// The import's builder against the general one: the same lines and pieces give the same graph
/// and the same file, byte for byte.
struct LineGraphBuilderTests {
    @Test(arguments: [21, 22, 23] as [UInt64])
    func linesAndPiecesGiveTheGraphTheGeneralBuilderGives(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        var general = RoutingGraph.Builder(), lean = RoutingGraph.LineGraphBuilder()
        let nodeCount = 150
        for _ in 0..<nodeCount {
            let (x, y) = (Double.random(in: 92...110, using: &rng), Double.random(in: 5...29, using: &rng))
            general.addNode(longitude: x, latitude: y)
            lean.addNode(longitude: x, latitude: y)
        }
        for line in 0..<120 {
            var record = EdgeRecord(
                mode: Mode.allCases.randomElement(using: &rng)!, roadClass: Bool.random(using: &rng) ? RoadClass.allCases.randomElement(using: &rng) : nil,
                surface: Bool.random(using: &rng) ? Surface.allCases.randomElement(using: &rng) : nil, lengthKm: 0,
                urbanKm: 0, flags: Bool.random(using: &rng) ? [.forward, .bridge] : [.forward, .oneway],
                restrictions: Bool.random(using: &rng) ? [.noTrucks] : [], opened: line % 4 == 0 ? 1990 + line : nil,
                maxSpeedKmh: line % 3 == 0 ? 30 + line : nil)
            let direction = [TravelDirection.both, .forward, .backward].randomElement(using: &rng)!
            // Sources repeat (the parts of one feature) and some lines yield no piece.
            let source = line % 6 == 5 ? nil : "osm:way/\(line / 2)"
            let number = lean.addLine(record, direction: direction, source: source)
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let tail = NodeID(Int.random(in: 0..<nodeCount, using: &rng)), head = NodeID(Int.random(in: 0..<nodeCount, using: &rng))
                record.lengthKm = Double.random(in: 0...30, using: &rng)
                let shape: [(longitude: Double, latitude: Double)]? = Bool.random(using: &rng)
                    ? (0..<Int.random(in: 3...6, using: &rng)).map { _ in (Double.random(in: 92...110, using: &rng), Double.random(in: 5...29, using: &rng)) } : nil
                if let shape { shape.withUnsafeBufferPointer { lean.addPiece(of: number, from: tail, to: head, lengthKm: record.lengthKm, shape: $0) } }
                else { lean.addPiece(of: number, from: tail, to: head, lengthKm: record.lengthKm) }
                switch direction {
                case .both: general.addEdge(from: tail, to: head, record, source: source, bothWays: true, shape: shape)
                case .forward: general.addEdge(from: tail, to: head, record, source: source, shape: shape)
                case .backward:
                    var back = record
                    back.flags.remove(.forward)
                    general.addEdge(from: head, to: tail, back, source: source, shape: shape)
                }
            }
        }
        let expected = general.build(), built = lean.build()
        #expect(built == expected)
        #expect(RoutingGraphFile.encode(built) == RoutingGraphFile.encode(expected))
    }

    @Test func anEmptyBuilderGivesAnEmptyGraph() {
        let graph = RoutingGraph.LineGraphBuilder().build()
        #expect(graph.nodeCount == 0 && graph.edgeCount == 0)
        #expect(graph == RoutingGraph.Builder().build())
    }
}

/// The checksum taken piece by piece, as a file is written, against the checksum of the whole.
struct ChecksumStreamTests {
    @Test(arguments: [31, 32, 33] as [UInt64])
    func piecesOfAnySizeGiveTheChecksumOfTheWhole(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let bytes = (0..<(1_000 + Int(seed))).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var stream = Checksum.Stream(), at = 0
        while at < bytes.count {
            let size = min(bytes.count - at, [0, 1, 7, 31, 32, 33, 100].randomElement(using: &rng)!)
            bytes[at..<(at + size)].withUnsafeBytes { stream.add($0) }
            at += size
        }
        #expect(stream.finish() == bytes.withUnsafeBytes { Checksum.of($0) })
        #expect(Checksum.Stream().finish() == Checksum.of(UnsafeRawBufferPointer(start: nil, count: 0)))
    }
}
