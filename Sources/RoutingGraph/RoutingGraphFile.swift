import Foundation

/// Why a graph file could not be read or written.
public enum RoutingGraphFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notAGraphFile(path: String)
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    case corrupt(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    /// The problem and the file, with the fix for the ones a user can fix (import again).
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .notAGraphFile(let path): "\(path) is not a mekong graph file (it does not start with \"MKRGRAPH\")"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path) is a version \(found) graph file; this mekong reads versions \(RoutingGraphFile.oldestReadable) to \(supported): import the network again with this version"
        case .corrupt(let path, let reason): "\(path) is corrupt: \(reason); import the network again"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// The binary file of a ``RoutingGraph`` (`.mkg`): a versioned, checksummed, little-endian
/// layout whose arrays are read straight out of a memory map.
///
/// Layout: a 40-byte header (`MKRGRAPH`, format version, section count, node count, edge count,
/// then a checksum of everything after the header), a table of sections (tag, element size,
/// offset, element count; 24 bytes each), then the sections, each aligned to 8 bytes. Sections
/// are the graph's columns; source ids are stored as NUL-separated UTF-8.
///
///     try RoutingGraphFile.write(graph, to: "mekong.mkg")
///     let again = try RoutingGraphFile.read(from: "mekong.mkg")   // == graph
///
/// A file of another version, a truncated file or one with a flipped bit is refused with a
/// ``RoutingGraphFileError`` naming the problem; a file whose checksum matches but whose arrays
/// do not form a graph (ids out of range) is refused too, so no input can make a query read
/// outside its arrays.
public enum RoutingGraphFile {
    /// The format version this code writes and reads.
    /// Version 2 added speed limits and edge shapes (for imported networks); version 3 the
    /// anchors of a conflated plan (``FeatureAnchors``). Version 2 files are still read, with no
    /// anchors.
    public static let version: UInt32 = 3
    /// The oldest version this code still reads.
    static let oldestReadable: UInt32 = 2
    static let magic = Array("MKRGRAPH".utf8)
    static let headerSize = 40
    static var sectionEntrySize: Int { SectionTable<Tag>.entrySize }

    /// Section tags, in the order they are written.
    enum Tag: UInt32, CaseIterable {
        case firstEdge = 1, heads, longitude, latitude, nodeSource, layer
        case mode, roadClass, surface, condition, terrain, lengthKm, urbanKm, flags, restrictions, edgeSource, opened, closed
        case nodeSourceNames, edgeSourceNames
        case maxSpeedKmh, edgeShape, shapeOffsets, shapeLongitude, shapeLatitude
        case anchorPointNames, anchorPointOffsets, anchorPointNodes, anchorLineNames, anchorLineOffsets, anchorLineEdges

        /// The sections a file of `version` has.
        static func all(in version: UInt32) -> [Tag] {
            version >= 3 ? allCases : allCases.filter { $0.rawValue < Tag.anchorPointNames.rawValue }
        }
    }

    // MARK: Writing

    /// Writes `graph` to `path` through a temporary file in the same directory, fsync and a
    /// rename, so an interrupted write leaves the old file or none. The columns are written
    /// straight from memory and checksummed as they are written: a 10^7-node graph (1.8 GB)
    /// used to be copied four times into byte arrays first, and then its file mapped whole to
    /// checksum it, which counted in resident memory beside the graph. The file goes to the disk
    /// around the page cache (``AtomicFileWriter/init(path:direct:)``).
    /// - Complexity: O(V + E) time; no memory beyond the graph's.
    public static func write(_ graph: RoutingGraph, to path: String) throws(RoutingGraphFileError) {
        let sections = self.sections(of: graph)
        let (table, paddings) = layout(sections)
        do {
            let writer = try AtomicFileWriter(path: path, direct: true)
            try writer.append(header(graph, checksum: 0))
            writer.startChecksum()
            try writer.append(table)
            for (section, padding) in zip(sections, paddings) {
                try writer.append([UInt8](repeating: 0, count: padding))
                try section.write(writer)
            }
            try writer.overwrite(at: headerSize - 8, le(writer.checksumSinceStart))
            try writer.commit()
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }

    /// One column of the file: its tag, element size, count and how to append its bytes.
    struct Section {
        var tag: Tag
        var size: Int
        var count: Int
        var write: (AtomicFileWriter) throws(AccessFailure) -> Void
        var bytes: () -> [UInt8]

        init<T>(_ tag: Tag, _ column: Column<T>) {
            self.tag = tag
            size = MemoryLayout<T>.stride
            count = column.count
            write = { (writer) throws(AccessFailure) in try writer.append(contentsOf: column) }
            bytes = { column.withUnsafeBytes { Array($0) } }
        }
    }

    /// The graph's columns in the order the file holds them.
    static func sections(of graph: RoutingGraph) -> [Section] {
        let (firstEdge, heads) = graph.topology.storage
        let n = graph.nodes, e = graph.edges
        let a = graph.anchors
        return [
            Section(.firstEdge, firstEdge), Section(.heads, heads),
            Section(.longitude, n.longitude), Section(.latitude, n.latitude), Section(.nodeSource, n.source), Section(.layer, n.layer),
            Section(.mode, e.mode), Section(.roadClass, e.roadClass), Section(.surface, e.surface), Section(.condition, e.condition),
            Section(.terrain, e.terrain), Section(.lengthKm, e.lengthKm), Section(.urbanKm, e.urbanKm), Section(.flags, e.flags),
            Section(.restrictions, e.restrictions), Section(.edgeSource, e.source), Section(.opened, e.opened), Section(.closed, e.closed),
            Section(.nodeSourceNames, graph.nodeSources.bytes), Section(.edgeSourceNames, graph.edgeSources.bytes),
            Section(.maxSpeedKmh, e.maxSpeedKmh), Section(.edgeShape, e.shape),
            Section(.shapeOffsets, graph.shapes.offsets), Section(.shapeLongitude, graph.shapes.longitude),
            Section(.shapeLatitude, graph.shapes.latitude),
            Section(.anchorPointNames, a.pointNames.bytes), Section(.anchorPointOffsets, a.pointOffsets),
            Section(.anchorPointNodes, a.pointNodes), Section(.anchorLineNames, a.lineNames.bytes),
            Section(.anchorLineOffsets, a.lineOffsets), Section(.anchorLineEdges, a.lineEdges),
        ]
    }

    /// The table of sections (each starting on 8 bytes after the header and the table) and the
    /// zero bytes of padding before each.
    static func layout(_ sections: [Section]) -> (table: [UInt8], paddings: [Int]) {
        var offset = headerSize + sections.count * sectionEntrySize
        var table: [UInt8] = [], paddings: [Int] = []
        for section in sections {
            let padding = (8 - offset % 8) % 8
            paddings.append(padding)
            offset += padding
            table += le(section.tag.rawValue) + le(UInt32(section.size)) + le(UInt64(offset)) + le(UInt64(section.count))
            offset += section.size * section.count
        }
        return (table, paddings)
    }

    /// The header, with `checksum` of everything after it.
    static func header(_ graph: RoutingGraph, checksum: UInt64) -> [UInt8] {
        magic + le(version) + le(UInt32(Tag.allCases.count)) + le(UInt64(graph.nodeCount)) + le(UInt64(graph.edgeCount)) + le(checksum)
    }

    /// The file's bytes in memory, as ``write(_:to:)`` writes them (for tests).
    static func encode(_ graph: RoutingGraph) -> [UInt8] {
        let sections = self.sections(of: graph)
        let (table, paddings) = layout(sections)
        var body = table
        for (section, padding) in zip(sections, paddings) {
            body += [UInt8](repeating: 0, count: padding)
            body += section.bytes()
        }
        return header(graph, checksum: body.withUnsafeBytes { Checksum.of($0) }) + body
    }

    private static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    // MARK: Reading

    /// Reads a graph file through a read-only memory map. The graph's columns view the map in
    /// place (nothing is copied; the map lives as long as the graph or any of its columns), after
    /// one pass of the checksum over every byte and a check that every id stays inside its
    /// columns. Only the tails are written, derived from the offsets.
    /// - Throws: ``RoutingGraphFileError`` for a missing, foreign, other-version, truncated or
    ///   corrupt file.
    /// - Complexity: O(V + E): one pass for the checksum, one check of the topology and the ids.
    public static func read(from path: String) throws(RoutingGraphFileError) -> RoutingGraph {
        try readWithChecksum(from: path).graph
    }

    /// Reads a graph file as ``read(from:)`` does, and returns beside the graph the checksum its
    /// header records of its contents: what names this very file, so that a contraction
    /// hierarchy prepared for it can tell it from a re-imported or edited one.
    ///
    ///     let (graph, checksum) = try RoutingGraphFile.readWithChecksum(from: "laos.mkg")
    ///
    /// - Throws: as ``read(from:)``.
    /// - Complexity: as ``read(from:)``.
    public static func readWithChecksum(from path: String) throws(RoutingGraphFileError) -> (graph: RoutingGraph, checksum: UInt64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .cannotOpen(path: path, reason: "not a regular file") }
        let size = Int(status.st_size)
        guard size >= headerSize else {
            if size >= magic.count, try prefix(fd: fd, count: magic.count) != magic { throw .notAGraphFile(path: path) }
            throw size < magic.count ? .notAGraphFile(path: path) : .corrupt(path: path, reason: "the file ends inside its header (\(size) bytes)")
        }
        guard let file = MappedFile(descriptor: fd, size: size) else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        return try decode(file, path: path)
    }

    private static func prefix(fd: Int32, count: Int) throws(RoutingGraphFileError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return Array(buffer.prefix(max(0, n)))
    }

    static func decode(_ file: MappedFile, path: String) throws(RoutingGraphFileError) -> (graph: RoutingGraph, checksum: UInt64) {
        let bytes = file.bytes
        guard bytes.count >= headerSize else { throw .corrupt(path: path, reason: "the file ends inside its header") }
        guard Array(bytes[0..<8]) == magic else { throw .notAGraphFile(path: path) }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let found = u32(8)
        guard (oldestReadable...version).contains(found) else { throw .unsupportedVersion(path: path, found: found, supported: version) }
        let sectionCount = Int(u32(12))
        let nodeCount = u64(16), edgeCount = u64(24)
        let body = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        guard Checksum.of(body) == u64(32) else {
            throw .corrupt(path: path, reason: "its checksum does not match (the file was truncated or changed after it was written)")
        }
        guard sectionCount == Tag.all(in: found).count, nodeCount < UInt64(Int32.max), edgeCount < UInt64(Int32.max),
              headerSize + sectionCount * sectionEntrySize <= bytes.count else {
            throw .corrupt(path: path, reason: "its header does not describe this format's sections")
        }
        let table: SectionTable<Tag>
        do { table = try SectionTable(file, at: headerSize, count: sectionCount, tag: Tag.init(rawValue:)) } catch {
            throw .corrupt(path: path, reason: error.reason)
        }
        func column<T>(_ tag: Tag, _ type: T.Type, count expected: Int?) throws(RoutingGraphFileError) -> Column<T> {
            do { return try table.column(tag, type, count: expected) } catch { throw .corrupt(path: path, reason: error.reason) }
        }
        let n = Int(nodeCount), m = Int(edgeCount)
        let firstEdge = try column(.firstEdge, Int32.self, count: n + 1)
        let heads = try column(.heads, Int32.self, count: m)
        guard let topology = CompressedGraph(firstEdge: firstEdge, heads: heads) else {
            throw .corrupt(path: path, reason: "its adjacency arrays do not form a graph")
        }
        var nodes = NodeAttributes()
        nodes.longitude = try column(.longitude, Double.self, count: n)
        nodes.latitude = try column(.latitude, Double.self, count: n)
        nodes.source = try column(.nodeSource, Int32.self, count: n)
        nodes.layer = try column(.layer, UInt8.self, count: n)
        var edges = EdgeAttributes()
        edges.mode = try column(.mode, UInt8.self, count: m)
        edges.roadClass = try column(.roadClass, UInt8.self, count: m)
        edges.surface = try column(.surface, UInt8.self, count: m)
        edges.condition = try column(.condition, UInt8.self, count: m)
        edges.terrain = try column(.terrain, UInt8.self, count: m)
        edges.lengthKm = try column(.lengthKm, Double.self, count: m)
        edges.urbanKm = try column(.urbanKm, Double.self, count: m)
        edges.flags = try column(.flags, UInt8.self, count: m)
        edges.restrictions = try column(.restrictions, UInt8.self, count: m)
        edges.source = try column(.edgeSource, Int32.self, count: m)
        edges.opened = try column(.opened, Int16.self, count: m)
        edges.closed = try column(.closed, Int16.self, count: m)
        edges.maxSpeedKmh = try column(.maxSpeedKmh, UInt16.self, count: m)
        edges.shape = try column(.edgeShape, Int32.self, count: m)
        var shapes = EdgeShapes()
        shapes.offsets = try column(.shapeOffsets, Int64.self, count: nil)
        shapes.longitude = try column(.shapeLongitude, Double.self, count: nil)
        shapes.latitude = try column(.shapeLatitude, Double.self, count: shapes.longitude.count)
        guard shapes.offsets.first == 0, shapes.offsets.last == Int64(shapes.longitude.count),
              zip(shapes.offsets, shapes.offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .corrupt(path: path, reason: "its edge shapes' offsets do not run from 0 to the number of vertices")
        }
        let nodeSources = SourceNames(bytes: try column(.nodeSourceNames, UInt8.self, count: nil))
        let edgeSources = SourceNames(bytes: try column(.edgeSourceNames, UInt8.self, count: nil))
        guard allWithin(edges.shape, -1, shapes.count) else {
            throw .corrupt(path: path, reason: "an edge's shape index points past the shapes")
        }
        guard allWithin(nodes.source, -1, nodeSources.count), allWithin(edges.source, -1, edgeSources.count) else {
            throw .corrupt(path: path, reason: "a source index points past its list of source features")
        }
        let lengthsValid = edges.lengthKm.withUnsafeBufferPointer { length in
            edges.urbanKm.withUnsafeBufferPointer { urban in
                // NaN fails every comparison, so a NaN length or urban part fails; a negative length leaves
                // no urban part between 0 and it.
                (0..<length.count).allSatisfy { length[$0] < .infinity && urban[$0] >= 0 && urban[$0] <= length[$0] }
            }
        }
        guard lengthsValid else {
            throw .corrupt(path: path, reason: "an edge length is negative or not finite, or its urban part exceeds it")
        }
        var anchors = FeatureAnchors.none
        if found >= 3 {
            anchors = FeatureAnchors(pointNames: SourceNames(bytes: try column(.anchorPointNames, UInt8.self, count: nil)),
                                     pointOffsets: try column(.anchorPointOffsets, Int32.self, count: nil),
                                     pointNodes: try column(.anchorPointNodes, Int32.self, count: nil),
                                     lineNames: SourceNames(bytes: try column(.anchorLineNames, UInt8.self, count: nil)),
                                     lineOffsets: try column(.anchorLineOffsets, Int32.self, count: nil),
                                     lineEdges: try column(.anchorLineEdges, Int32.self, count: nil))
            guard anchors.isValid(nodeCount: n, edgeCount: m) else {
                throw .corrupt(path: path, reason: "its plan anchors point past the graph's nodes or edges")
            }
        }
        return (RoutingGraph(topology: topology, nodes: nodes, edges: edges, nodeSources: nodeSources, edgeSources: edgeSources, shapes: shapes,
                             anchors: anchors),
                u64(32))
    }

    /// Whether every index in `column` lies in `lowest ..< end`.
    private static func allWithin(_ column: Column<Int32>, _ lowest: Int32, _ end: Int) -> Bool {
        column.withUnsafeBufferPointer { $0.allSatisfy { $0 >= lowest && Int($0) < end } }
    }
}

#if !_endian(little)
// The file is little-endian and its columns are viewed in place, not converted.
#error("RoutingGraphFile reads its columns in place and needs a little-endian machine")
#endif
