import Foundation
import TestSupport
import Testing
@testable import RoutingEngine
@testable import RoutingGraph

/// The prepared hierarchy's file: read back, it answers as the hierarchy built in memory and as
/// brute force; prepared for something else, damaged, cut short or of another version, it is
/// refused with an error naming why, never a crash or a wrong answer.
struct ContractionHierarchyFileTests {
    static let stamp = ContractionHierarchyFile.Stamp(graphChecksum: 0xfeed, weightsChecksum: 0xbeef,
                                                      costing: ["profile": "truck", "year": "2026", "optimize": "time"])

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appending(path: "mekong-chfile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)").path
    }

    /// A hierarchy of a random graph written to a file, with the graph and the weights.
    static func written(seed: UInt64) throws -> (path: String, hierarchy: ContractionHierarchy, graph: CompressedGraph, edges: [(Int, Int, Double)]) {
        let (graph, weights, edges) = ContractionHierarchyTests.randomGraph(seed: seed)
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
        let path = temporaryPath("h.mkch")
        try ContractionHierarchyFile.write(hierarchy, stamp: stamp, to: path)
        return (path, hierarchy, graph, edges)
    }

    @Test(arguments: Array(30...39) as [UInt64])
    func aHierarchyReadBackGivesTheTableAndPathsOfTheOneBuiltAndOfBruteForce(seed: UInt64) throws {
        let (path, built, graph, edges) = try Self.written(seed: seed)
        defer { unlink(path) }
        let read = try ContractionHierarchyFile.read(from: path, expecting: Self.stamp)
        #expect(read.order == built.order && read.rank == built.rank && read.shortcutCount == built.shortcutCount)
        let all = (0..<graph.nodeCount).map(NodeID.init)
        let table = read.table(sources: all, targets: all)
        #expect(table == built.table(sources: all, targets: all))
        #expect(table == ContractionHierarchyTests.reference(graph.nodeCount, edges))
        // Paths unpack through the file's shortcut halves into the same original edges.
        var fromFile = ContractionHierarchy.Query(read), inMemory = ContractionHierarchy.Query(built)
        for s in all { for t in all {
            let a = fromFile.path(from: s, to: t), b = inMemory.path(from: s, to: t)
            #expect(a?.cost == b?.cost && a?.edges == b?.edges, "seed \(seed): \(s) → \(t)")
        } }
    }

    @Test func aHierarchyPreparedForAnotherGraphOrCostingIsRefusedNamingEachDifference() throws {
        let (path, _, _, _) = try Self.written(seed: 40)
        defer { unlink(path) }
        func refusal(_ expected: ContractionHierarchyFile.Stamp) -> [ContractionHierarchyFileError.Difference]? {
            do {
                _ = try ContractionHierarchyFile.read(from: path, expecting: expected)
                return nil
            } catch {
                guard case .preparedForAnother(let p, let differences) = error, p == path else { return nil }
                return differences
            }
        }
        var otherGraph = Self.stamp
        otherGraph.graphChecksum = 0xfee0
        #expect(refusal(otherGraph)?.map(\.what) == ["graph"])
        var otherYearAndProfile = Self.stamp
        otherYearAndProfile.costing["year"] = "2012"
        otherYearAndProfile.costing["profile"] = "car"
        let differences = try #require(refusal(otherYearAndProfile))
        #expect(differences.map(\.description) == ["profile truck, not car", "year 2026, not 2012"])
        var otherWeights = Self.stamp
        otherWeights.weightsChecksum = 1
        #expect(refusal(otherWeights)?.map(\.what) == ["weights"])
        let message = ContractionHierarchyFileError.preparedForAnother(path: path, differences: differences).description
        #expect(message.contains("was prepared for profile truck, not car; year 2026, not 2012; prepare it again"))
    }

    /// Every damage the checksum or the header catches: a flipped byte anywhere after the
    /// header, a file cut short at any of several lengths, another version, another kind of file.
    @Test func corruptTruncatedOtherVersionAndForeignFilesAreRefusedWithTheirReason() throws {
        let (path, _, _, _) = try Self.written(seed: 41)
        defer { unlink(path) }
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let damaged = Self.temporaryPath("damaged.mkch")
        defer { unlink(damaged) }
        func read(_ bytes: Data) -> ContractionHierarchyFileError? {
            _ = FileManager.default.createFile(atPath: damaged, contents: bytes)
            do { _ = try ContractionHierarchyFile.read(from: damaged, expecting: Self.stamp); return nil } catch { return error }
        }
        for offset in stride(from: ContractionHierarchyFile.headerSize, to: good.count, by: max(1, good.count / 40)) {
            var flipped = good
            flipped[offset] ^= 0x10
            guard case .corrupt(_, let reason) = read(flipped) else { Issue.record("byte \(offset) flipped was read"); continue }
            #expect(reason.contains("checksum"))
        }
        for length in [0, 5, 8, 40, ContractionHierarchyFile.headerSize, good.count / 2, good.count - 1] {
            switch read(good.prefix(length)) {
            case .corrupt, .notAHierarchyFile: break
            case let other: Issue.record("a file cut to \(length) bytes: \(String(describing: other))")
            }
        }
        var otherVersion = good
        otherVersion[8] = 7
        #expect(read(otherVersion) == .unsupportedVersion(path: damaged, found: 7, supported: ContractionHierarchyFile.version))
        var foreign = good
        foreign.replaceSubrange(0..<8, with: Array("MKRGRAPH".utf8))
        #expect(read(foreign) == .notAHierarchyFile(path: damaged))
        #expect(read(Data()) == .notAHierarchyFile(path: damaged))
        guard case .cannotOpen = Self.readError(Self.temporaryPath("missing.mkch")) else { Issue.record("a missing file was read"); return }
    }

    static func readError(_ path: String) -> ContractionHierarchyFileError? {
        do { _ = try ContractionHierarchyFile.read(from: path, expecting: stamp); return nil } catch { return error }
    }

    /// A file whose checksum was made to match after its arrays were broken (a forged or buggy
    /// writer): an arc to a node out of range, an arc that descends, a shortcut built of a younger
    /// arc, a NaN weight. Each is refused as corrupt, so no query reads outside its arrays or loops.
    @Test func arraysThatDoNotFormAHierarchyAreRefusedEvenWithAMatchingChecksum() throws {
        let (path, hierarchy, _, _) = try Self.written(seed: 42)
        defer { unlink(path) }
        #expect(hierarchy.shortcutCount > 0 && hierarchy.upArcs.count > 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        func section(_ tag: ContractionHierarchyFile.Tag) -> Int {
            for i in 0..<ContractionHierarchyFile.Tag.allCases.count {
                let at = ContractionHierarchyFile.headerSize + i * ContractionHierarchyFile.sectionEntrySize
                if good.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) }) == tag.rawValue {
                    return Int(good.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self) })
                }
            }
            fatalError("no section \(tag)")
        }
        func resealed(_ edit: (inout Data) -> Void) -> Data {
            var bytes = good
            edit(&bytes)
            let sum = bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[ContractionHierarchyFile.headerSize...])) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange(56..<64, with: $0) }
            return bytes
        }
        func put<T>(_ value: T, at offset: Int, in bytes: inout Data) {
            withUnsafeBytes(of: value) { bytes.replaceSubrange(offset..<(offset + MemoryLayout<T>.size), with: $0) }
        }
        let firstUpArc = section(.upArcs), firstHalves = section(.shortcutHalves)
        let edits: [(String, (inout Data) -> Void)] = [
            ("target out of range", { put(Int32(1_000_000), at: firstUpArc, in: &$0) }),
            ("target of lower rank", { put(hierarchy.order[0], at: firstUpArc, in: &$0) }),
            ("NaN weight", { put(Double.nan, at: firstUpArc + 8, in: &$0) }),
            ("shortcut of a younger arc", { put(Int32(hierarchy.edgeCount + hierarchy.shortcutCount - 1), at: firstHalves, in: &$0) }),
            ("order not a permutation", { put(Int32(-1), at: section(.order), in: &$0) }),
        ]
        let damaged = Self.temporaryPath("forged.mkch")
        defer { unlink(damaged) }
        for (what, edit) in edits {
            _ = FileManager.default.createFile(atPath: damaged, contents: resealed(edit))
            guard case .corrupt(_, let reason) = Self.readError(damaged) else { Issue.record("\(what): read"); continue }
            #expect(!reason.contains("checksum"), "\(what): \(reason)")
        }
        // The resealing itself is sound: an untouched file resealed is read.
        _ = FileManager.default.createFile(atPath: damaged, contents: resealed { _ in })
        #expect(Self.readError(damaged) == nil)
    }

    /// A write that cannot finish (no such directory) throws and leaves no file, temporary or not.
    @Test func aFailedWriteLeavesNothing() throws {
        let (path, hierarchy, _, _) = try Self.written(seed: 43)
        defer { unlink(path) }
        let directory = Self.temporaryPath("dir")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The target is a directory: the rename over it fails after everything was written.
        let target = directory + "/taken"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        #expect(throws: ContractionHierarchyFileError.self) { try ContractionHierarchyFile.write(hierarchy, stamp: Self.stamp, to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["taken"])
        #expect(throws: ContractionHierarchyFileError.self) {
            try ContractionHierarchyFile.write(hierarchy, stamp: Self.stamp, to: directory + "/missing/h.mkch")
        }
    }
}
