import Foundation
import RoutingGraph

/// Why a prepared hierarchy file could not be read, used or written.
public enum ContractionHierarchyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What a hierarchy was prepared for and what it is asked for, where they differ.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// What differs: "graph", "weights", or a costing label's key ("profile", "year", "optimize").
        public var what: String
        /// The file's value.
        public var prepared: String
        /// The value asked for.
        public var wanted: String

        /// E.g. `year 2025, not 2026`.
        public var description: String {
            switch what {
            case "graph": "another graph (\(prepared)), not this one (\(wanted)): the graph file has changed since, or it is another file"
            case "weights": "other edge weights (\(prepared), not \(wanted)): the profile's parameters or the data have changed since"
            default: "\(what) \(prepared), not \(wanted)"
            }
        }
    }

    case cannotOpen(path: String, reason: String)
    case notAHierarchyFile(path: String)
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    case corrupt(path: String, reason: String)
    /// The file is sound but was prepared for another graph or costing.
    case preparedForAnother(path: String, differences: [Difference])
    case cannotWrite(path: String, reason: String)

    /// The problem and the file; the caller adds the command that prepares a fitting one.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .notAHierarchyFile(let path): "\(path) is not a mekong hierarchy file (it does not start with \"MKCHIERA\")"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path) is a version \(found) hierarchy file; this mekong reads version \(supported): prepare it again"
        case .corrupt(let path, let reason): "\(path) is corrupt: \(reason); prepare it again"
        case .preparedForAnother(let path, let differences):
            "\(path) was prepared for \(differences.map(\.description).joined(separator: "; ")); prepare it again"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// The file of a prepared ``ContractionHierarchy`` (`.mkch`): what `mekong prepare` writes beside
/// a graph file, so that every later matrix or route pays for a table or a query and not for the
/// contraction (minutes at 10^6 nodes). Versioned, checksummed, little-endian, read through a
/// memory map in place, like the graph file (``RoutingGraphFile``).
///
/// It records what the hierarchy is valid for, a ``Stamp``: the checksum of the graph file it was
/// made from, a checksum of the edge weights it contracted, and the costing's names (profile,
/// year, optimisation). Reading it with another stamp refuses it and names each difference.
///
///     let stamp = ContractionHierarchyFile.Stamp(graphChecksum: checksum, weights: weights,
///                                                costing: ["profile": "truck", "year": "2026", "optimize": "time"])
///     try ContractionHierarchyFile.write(hierarchy, stamp: stamp, to: "laos.truck-2026-time.mkch")
///     let again = try ContractionHierarchyFile.read(from: "laos.truck-2026-time.mkch", expecting: stamp)
///
/// Layout: a 64-byte header (`MKCHIERA`, format version, section count, node count, edge count,
/// graph checksum, weights checksum, shortcut count, then a checksum of everything after the
/// header), a table of sections (tag, element size, offset, element count; 24 bytes each), then
/// the sections, each aligned to 8 bytes: rank, order, the upward and downward arcs in CSR form
/// (arcs of 16 bytes: target, id, weight), each shortcut's two halves, and the costing's names
/// as `key=value` lines.
///
/// A truncated file or a flipped bit fails the checksum; a file whose checksum matches but whose
/// arrays do not form a hierarchy of the graph (an id out of range, an arc that does not climb,
/// a shortcut made of younger arcs) is refused too, so no file can make a query read outside its
/// arrays or loop.
public enum ContractionHierarchyFile {
    /// The format version this code writes and reads.
    public static let version: UInt32 = 1
    static let magic = Array("MKCHIERA".utf8)
    static let headerSize = 64
    static var sectionEntrySize: Int { SectionTable<Tag>.entrySize }
    /// The file name's extension.
    public static let fileExtension = "mkch"

    /// What a hierarchy is valid for.
    public struct Stamp: Sendable, Equatable {
        /// The checksum recorded in the graph file's header (``RoutingGraphFile/readWithChecksum(from:)``).
        public var graphChecksum: UInt64
        /// A checksum of the contracted weights' bits: any change of the profile or the data
        /// that changes one edge's weight changes it.
        public var weightsChecksum: UInt64
        /// The costing's names, for messages and for a reader: e.g. profile, year, optimize.
        public var costing: [String: String]

        /// A stamp for `weights` of the graph file whose checksum is `graphChecksum`.
        /// - Complexity: O(E), one pass over the weights.
        public init(graphChecksum: UInt64, weights: [Double], costing: [String: String]) {
            self.init(graphChecksum: graphChecksum, weightsChecksum: weights.withUnsafeBytes { Checksum.of($0) }, costing: costing)
        }

        /// A stamp from its parts.
        public init(graphChecksum: UInt64, weightsChecksum: UInt64, costing: [String: String]) {
            self.graphChecksum = graphChecksum
            self.weightsChecksum = weightsChecksum
            self.costing = costing
        }

        /// Where `self` (the file's) differs from `wanted`: the costing's names first, then the
        /// graph, then the weights (reported only when the names agree: a weight change is what
        /// another profile or year means).
        func differences(from wanted: Stamp) -> [ContractionHierarchyFileError.Difference] {
            var result: [ContractionHierarchyFileError.Difference] = []
            for key in Set(costing.keys).union(wanted.costing.keys).sorted() where costing[key] != wanted.costing[key] {
                result.append(.init(what: key, prepared: costing[key] ?? "none", wanted: wanted.costing[key] ?? "none"))
            }
            if graphChecksum != wanted.graphChecksum {
                result.append(.init(what: "graph", prepared: Self.hex(graphChecksum), wanted: Self.hex(wanted.graphChecksum)))
            }
            if result.isEmpty && weightsChecksum != wanted.weightsChecksum {
                result.append(.init(what: "weights", prepared: Self.hex(weightsChecksum), wanted: Self.hex(wanted.weightsChecksum)))
            }
            return result
        }

        static func hex(_ value: UInt64) -> String { "checksum " + String(value, radix: 16) }

        /// The costing's names as the file stores them: sorted `key=value` lines.
        var label: [UInt8] { Array(costing.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n").utf8) }

        init?(graphChecksum: UInt64, weightsChecksum: UInt64, label: Column<UInt8>) {
            guard let text = String(validating: Array(label), as: UTF8.self) else { return nil }
            var costing: [String: String] = [:]
            for line in text.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { return nil }
                costing[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
            self.init(graphChecksum: graphChecksum, weightsChecksum: weightsChecksum, costing: costing)
        }
    }

    /// Section tags, in the order they are written.
    enum Tag: UInt32, CaseIterable {
        case rank = 1, order, upFirst, upArcs, downFirst, downArcs, shortcutHalves, costingLabel
    }

    // MARK: Writing

    /// Writes `hierarchy` with its `stamp` to `path` through a temporary file in the same
    /// directory, fsync and a rename: an interrupted or failed write leaves the old file or none.
    /// The columns are written straight from memory and checksummed as they are written, so
    /// writing needs no copy of the hierarchy and does not read the file back.
    /// - Throws: ``ContractionHierarchyFileError/cannotWrite(path:reason:)``.
    /// - Complexity: O(V + A) for A arcs.
    public static func write(_ hierarchy: ContractionHierarchy, stamp: Stamp, to path: String) throws(ContractionHierarchyFileError) {
        precondition(MemoryLayout<ContractionHierarchy.Arc>.size == 16 && MemoryLayout<ContractionHierarchy.Arc>.offset(of: \.weight) == 8,
                     "the file stores arcs as target, id, weight in 16 bytes")
        let label = Column(stamp.label)
        // The body's checksum is taken over the bytes as they are written: reading the file back
        // through a map would make all of it resident beside the hierarchy (2 GB at 10^7 nodes).
        var sum = Checksum.Stream()
        func bytes<T>(_ column: Column<T>) -> (size: Int, count: Int, write: (AtomicFileWriter, inout Checksum.Stream) throws(AccessFailure) -> Void) {
            (MemoryLayout<T>.stride, column.count, { (writer, sum) throws(AccessFailure) in
                try writer.append(contentsOf: column)
                column.withUnsafeBufferPointer { sum.add(UnsafeRawBufferPointer($0)) }
            })
        }
        let parts: [(Tag, (size: Int, count: Int, write: (AtomicFileWriter, inout Checksum.Stream) throws(AccessFailure) -> Void))] = [
            (.rank, bytes(hierarchy.rank)), (.order, bytes(hierarchy.order)),
            (.upFirst, bytes(hierarchy.upFirst)), (.upArcs, bytes(hierarchy.upArcs)),
            (.downFirst, bytes(hierarchy.downFirst)), (.downArcs, bytes(hierarchy.downArcs)),
            (.shortcutHalves, bytes(hierarchy.shortcutHalves)), (.costingLabel, bytes(label)),
        ]
        var table: [UInt8] = []
        var offset = headerSize + parts.count * sectionEntrySize
        var paddings: [Int] = []
        for (tag, part) in parts {
            let padding = (8 - offset % 8) % 8
            paddings.append(padding)
            offset += padding
            table += le(tag.rawValue) + le(UInt32(part.size)) + le(UInt64(offset)) + le(UInt64(part.count))
            offset += part.size * part.count
        }
        var header = magic + le(version) + le(UInt32(parts.count))
        header += le(UInt64(hierarchy.nodeCount)) + le(UInt64(hierarchy.edgeCount))
        header += le(stamp.graphChecksum) + le(stamp.weightsChecksum) + le(UInt64(hierarchy.shortcutCount))
        header += le(UInt64(0))   // the body's checksum, written once the body is
        do {
            let writer = try AtomicFileWriter(path: path)
            try writer.append(header)
            try writer.append(table)
            table.withUnsafeBytes { sum.add($0) }
            for ((_, part), padding) in zip(parts, paddings) {
                let zeros = [UInt8](repeating: 0, count: padding)
                try writer.append(zeros)
                zeros.withUnsafeBytes { sum.add($0) }
                try part.write(writer, &sum)
            }
            try writer.overwrite(at: headerSize - 8, le(sum.finish()))
            try writer.commit()
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }

    private static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    // MARK: Reading

    /// Reads a hierarchy file through a read-only memory map (its columns view the map in
    /// place), after the checksum over every byte, the comparison of its stamp with `expected`,
    /// and a check that its arrays form a hierarchy of a graph of that many nodes and edges.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - expected: what the caller needs it to be valid for.
    /// - Throws: ``ContractionHierarchyFileError``: a missing, foreign, other-version, truncated
    ///   or corrupt file, or ``ContractionHierarchyFileError/preparedForAnother(path:differences:)``
    ///   naming every difference from `expected`.
    /// - Complexity: O(V + A): one pass for the checksum, one over the arrays.
    public static func read(from path: String, expecting expected: Stamp) throws(ContractionHierarchyFileError) -> ContractionHierarchy {
        let mapped: MappedFile?
        do { mapped = try MappedFile.open(path) } catch { throw .cannotOpen(path: path, reason: error.reason) }
        guard let file = mapped, file.size >= magic.count else { throw .notAHierarchyFile(path: path) }
        return try decode(file, path: path, expecting: expected)
    }

    static func decode(_ file: MappedFile, path: String, expecting expected: Stamp) throws(ContractionHierarchyFileError) -> ContractionHierarchy {
        let bytes = file.bytes
        guard Array(bytes[0..<8]) == magic else { throw .notAHierarchyFile(path: path) }
        guard bytes.count >= headerSize else { throw .corrupt(path: path, reason: "the file ends inside its header (\(bytes.count) bytes)") }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let found = u32(8)
        guard found == version else { throw .unsupportedVersion(path: path, found: found, supported: version) }
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) == u64(56) else {
            throw .corrupt(path: path, reason: "its checksum does not match (the file was truncated or changed after it was written)")
        }
        let sectionCount = Int(u32(12))
        let nodeCount = u64(16), edgeCount = u64(24), shortcutCount = u64(48)
        guard sectionCount == Tag.allCases.count, nodeCount < UInt64(Int32.max), edgeCount < UInt64(Int32.max),
              shortcutCount < UInt64(Int32.max) - edgeCount, headerSize + sectionCount * sectionEntrySize <= bytes.count else {
            throw .corrupt(path: path, reason: "its header does not describe this format's sections")
        }
        let table: SectionTable<Tag>
        do { table = try SectionTable(file, at: headerSize, count: sectionCount, tag: Tag.init(rawValue:)) } catch {
            throw .corrupt(path: path, reason: error.reason)
        }
        func column<T>(_ tag: Tag, _ type: T.Type, count expected: Int?) throws(ContractionHierarchyFileError) -> Column<T> {
            do { return try table.column(tag, type, count: expected) } catch { throw .corrupt(path: path, reason: error.reason) }
        }
        guard let stamp = Stamp(graphChecksum: u64(32), weightsChecksum: u64(40), label: try column(.costingLabel, UInt8.self, count: nil)) else {
            throw .corrupt(path: path, reason: "its costing label is not key=value lines of UTF-8")
        }
        let differences = stamp.differences(from: expected)
        guard differences.isEmpty else { throw .preparedForAnother(path: path, differences: differences) }

        let n = Int(nodeCount), m = Int(edgeCount), shortcuts = Int(shortcutCount)
        let rank = try column(.rank, Int32.self, count: n), order = try column(.order, Int32.self, count: n)
        let upFirst = try column(.upFirst, Int32.self, count: n + 1), downFirst = try column(.downFirst, Int32.self, count: n + 1)
        let upArcs = try column(.upArcs, ContractionHierarchy.Arc.self, count: nil)
        let downArcs = try column(.downArcs, ContractionHierarchy.Arc.self, count: nil)
        let halves = try column(.shortcutHalves, ContractionHierarchy.Halves.self, count: shortcuts)
        guard isPermutation(order, inverse: rank) else {
            throw .corrupt(path: path, reason: "its rank and order are not one permutation of the nodes and its inverse")
        }
        for (first, arcs, direction) in [(upFirst, upArcs, "upward"), (downFirst, downArcs, "downward")] {
            guard climbs(first: first, arcs: arcs, rank: rank, arcIDs: m + shortcuts) else {
                throw .corrupt(path: path, reason: "its \(direction) arcs do not all climb to a higher-ranked node with a known id and a weight")
            }
        }
        let halvesOlder = halves.withUnsafeBufferPointer { halves in
            (0..<halves.count).allSatisfy { k in
                let limit = Int32(m + k)
                return halves[k].first >= 0 && halves[k].first < limit && halves[k].second >= 0 && halves[k].second < limit
            }
        }
        guard halvesOlder else { throw .corrupt(path: path, reason: "a shortcut is made of arcs that are not older than it") }
        return ContractionHierarchy(nodeCount: n, edgeCount: m, rank: rank, order: order, upFirst: upFirst, upArcs: upArcs,
                                    downFirst: downFirst, downArcs: downArcs, shortcutHalves: halves)
    }

    /// Whether `order` lists every node once and `rank` is its inverse.
    private static func isPermutation(_ order: Column<Int32>, inverse rank: Column<Int32>) -> Bool {
        order.withUnsafeBufferPointer { order in
            rank.withUnsafeBufferPointer { rank in
                (0..<order.count).allSatisfy { i in
                    let node = order[i]
                    return node >= 0 && Int(node) < rank.count && rank[Int(node)] == Int32(i)
                }
            }
        }
    }

    /// Whether `first` runs from 0 to the arcs' count without falling, and every arc leads to a
    /// node of higher rank than its own, with an id below `arcIDs` and a finite non-negative weight.
    private static func climbs(first: Column<Int32>, arcs: Column<ContractionHierarchy.Arc>, rank: Column<Int32>, arcIDs: Int) -> Bool {
        first.withUnsafeBufferPointer { first in
            arcs.withUnsafeBufferPointer { arcs in
                rank.withUnsafeBufferPointer { rank in
                    guard first.first == 0, Int(first.last!) == arcs.count else { return false }
                    for node in 0..<(first.count - 1) {
                        guard first[node] <= first[node + 1] else { return false }
                        for a in Int(first[node])..<Int(first[node + 1]) {
                            let arc = arcs[a]
                            // NaN fails the weight's comparison.
                            guard arc.target >= 0, Int(arc.target) < rank.count, rank[Int(arc.target)] > rank[node],
                                  arc.id >= 0, Int(arc.id) < arcIDs, arc.weight >= 0, arc.weight < .infinity else { return false }
                        }
                    }
                    return true
                }
            }
        }
    }
}

#if !_endian(little)
// The file is little-endian and its columns are viewed in place, not converted.
#error("ContractionHierarchyFile reads its columns in place and needs a little-endian machine")
#endif
