import Dispatch

/// Which ways the edges cut from one line run, relative to the direction the line is drawn.
public enum TravelDirection: Sendable, Hashable {
    /// Both ways: a forward edge and its reverse.
    case both
    /// Only the way the line is drawn.
    case forward
    /// Only against the way the line is drawn (OSM `oneway=-1`).
    case backward
}

extension RoutingGraph {
    /// Builds a graph from lines cut into pieces, the way an import makes one: every piece of a
    /// line shares the line's attributes and source, so they are kept once a line and each piece
    /// holds only its ends, length and drawn line. ``build()`` writes the graph's columns directly,
    /// in one pass, from those pieces.
    ///
    /// What it gives is exactly what ``Builder`` gives for the same calls (each piece added there
    /// as an edge with the line's record, `bothWays` for ``TravelDirection/both``, reversed with
    /// ``EdgeFlags/forward`` removed for ``TravelDirection/backward``), byte for byte in the file;
    /// it only needs less memory. ``Builder`` keeps a whole ``EdgeRecord`` (about 100 bytes) and a
    /// pair of `Int`s for every directed edge and then copies them into columns: at 3.7·10^7 edges
    /// that was 5 GB of the import's 8.5 GB peak. Here a piece costs 24 bytes, a line 24, and the
    /// columns are written once, where they stay.
    ///
    ///     var builder = RoutingGraph.LineGraphBuilder()
    ///     let a = builder.addNode(longitude: 102.6, latitude: 17.97)
    ///     let b = builder.addNode(longitude: 102.7, latitude: 17.88)
    ///     let road = builder.addLine(EdgeRecord(mode: .road, roadClass: .trunk, lengthKm: 0), direction: .both, source: "osm:way/7")
    ///     builder.addPiece(of: road, from: a, to: b, lengthKm: 12.5)
    ///     builder.build().edgeCount   // 2
    ///
    /// - Complexity: adding is amortised O(1) a node, line or piece (O(k) for a drawn line of k
    ///   vertices); ``build()`` is O(V + E).
    public struct LineGraphBuilder: Sendable {
        /// The attributes a line gives each of its edges, as the columns store them.
        struct LineAttributes {
            var urbanKm: Double
            var source: Int32
            var opened: Int16
            var closed: Int16
            var maxSpeedKmh: UInt16
            var mode: UInt8
            var roadClass: UInt8
            var surface: UInt8
            var condition: UInt8
            var terrain: UInt8
            /// Flags of the edge that runs the way the line is drawn; its reverse has them without
            /// ``EdgeFlags/forward``.
            var flags: UInt8
            var restrictions: UInt8
            var direction: TravelDirection
        }

        /// One stretch of a line between two nodes.
        struct Piece {
            var lengthKm: Double
            var line: Int32
            var tail: Int32
            var head: Int32
            /// The index of its drawn line in the shapes, -1 for a straight piece.
            var shape: Int32
        }

        private var longitude: [Double] = []
        private var latitude: [Double] = []
        private var lines: [LineAttributes] = []
        /// Each line's source feature until its first piece gives it an index among the edge
        /// sources (a line that yields no piece names none, as with ``Builder``).
        private var pendingSources: [String?] = []
        private var pieces: [Piece] = []
        private var edgeSources: [String] = []
        private var edgeSourceIndex: [String: Int32] = [:]
        private var shapeOffsets: [Int64] = [0]
        private var shapeLongitude: [Double] = []
        private var shapeLatitude: [Double] = []

        /// An empty builder.
        public init() {}

        /// Reserves room so that the arrays do not grow (and copy themselves) while they fill.
        /// - Complexity: O(1) beyond the allocation.
        public mutating func reserve(nodes: Int, lines lineCount: Int, pieces pieceCount: Int) {
            longitude.reserveCapacity(nodes)
            latitude.reserveCapacity(nodes)
            lines.reserveCapacity(lineCount)
            pendingSources.reserveCapacity(lineCount)
            pieces.reserveCapacity(pieceCount)
        }

        /// The number of nodes added.
        public var nodeCount: Int { longitude.count }

        /// Adds a node, with no source feature, on layer 0, and returns its id.
        @discardableResult
        public mutating func addNode(longitude: Double, latitude: Double) -> NodeID {
            self.longitude.append(longitude)
            self.latitude.append(latitude)
            return NodeID(self.longitude.count - 1)
        }

        /// Adds a line whose pieces share `record` (all but its length, which each piece gives)
        /// and `source`, and returns its number for ``addPiece(of:from:to:lengthKm:shape:)``.
        /// - Parameter record: the attributes of the edge drawn the line's way; ``TravelDirection/backward``
        ///   and the reverse of ``TravelDirection/both`` lose ``EdgeFlags/forward``.
        public mutating func addLine(_ record: EdgeRecord, direction: TravelDirection, source: String?) -> Int32 {
            lines.append(LineAttributes(
                urbanKm: record.urbanKm, source: -1, opened: Int16(clamping: record.opened ?? 0), closed: Int16(clamping: record.closed ?? 0),
                maxSpeedKmh: UInt16(clamping: max(0, record.maxSpeedKmh ?? 0)), mode: record.mode.code,
                roadClass: record.roadClass?.code ?? ByteCodes.absent, surface: record.surface?.code ?? ByteCodes.absent,
                condition: record.condition?.code ?? ByteCodes.absent, terrain: record.terrain?.code ?? ByteCodes.absent,
                flags: record.flags.rawValue, restrictions: record.restrictions.rawValue, direction: direction))
            pendingSources.append(source)
            return Int32(lines.count - 1)
        }

        /// Adds the piece of `line` from `tail` to `head` (in the line's drawn direction).
        /// - Parameter shape: its drawn line when it is not straight (more than its two ends),
        ///   (longitude, latitude) in degrees from `tail` to `head`.
        public mutating func addPiece(of line: Int32, from tail: NodeID, to head: NodeID, lengthKm: Double,
                                      shape: UnsafeBufferPointer<(longitude: Double, latitude: Double)>? = nil) {
            if let source = pendingSources[Int(line)] {
                lines[Int(line)].source = Self.index(of: source, in: &edgeSources, lookup: &edgeSourceIndex)
                pendingSources[Int(line)] = nil
            }
            var shapeIndex: Int32 = -1
            if let shape {
                for point in shape {
                    shapeLongitude.append(point.longitude)
                    shapeLatitude.append(point.latitude)
                }
                shapeOffsets.append(Int64(shapeLongitude.count))
                shapeIndex = Int32(shapeOffsets.count - 2)
            }
            pieces.append(Piece(lengthKm: lengthKm, line: line, tail: tail.index, head: head.index, shape: shapeIndex))
        }

        /// Static, as in ``Builder``: a method on `self` would copy both `inout` arrays each call.
        private static func index(of id: String, in list: inout [String], lookup: inout [String: Int32]) -> Int32 {
            if let i = lookup[id] { return i }
            list.append(id)
            lookup[id] = Int32(list.count - 1)
            return Int32(list.count - 1)
        }

        /// The graph: edges sorted by tail node by a counting sort, those of one node in the order
        /// their pieces were added (a two-way piece's forward edge first), every column written
        /// in place once.
        /// Consuming: the pieces are let go as soon as the columns hold them.
        /// - Complexity: O(V + E) time; memory: the graph's columns and one offset array beside
        ///   the pieces.
        public consuming func build() -> RoutingGraph {
            let nodeCount = longitude.count
            // Edges leaving each node, then where each node's run starts.
            var first = [Int32](repeating: 0, count: nodeCount + 1)
            var edgeCount = 0
            for piece in pieces {
                switch lines[Int(piece.line)].direction {
                case .both: first[Int(piece.tail) + 1] += 1; first[Int(piece.head) + 1] += 1; edgeCount += 2
                case .forward: first[Int(piece.tail) + 1] += 1; edgeCount += 1
                case .backward: first[Int(piece.head) + 1] += 1; edgeCount += 1
                }
            }
            for n in 0..<nodeCount { first[n + 1] += first[n] }
            let heads = OwnedMemory<Int32>(capacity: edgeCount), tails = OwnedMemory<Int32>(capacity: edgeCount)
            let mode = OwnedMemory<UInt8>(capacity: edgeCount), roadClass = OwnedMemory<UInt8>(capacity: edgeCount)
            let surface = OwnedMemory<UInt8>(capacity: edgeCount), condition = OwnedMemory<UInt8>(capacity: edgeCount)
            let terrain = OwnedMemory<UInt8>(capacity: edgeCount), flags = OwnedMemory<UInt8>(capacity: edgeCount)
            let lengthKm = OwnedMemory<Double>(capacity: edgeCount)
            let source = OwnedMemory<Int32>(capacity: edgeCount), shape = OwnedMemory<Int32>(capacity: edgeCount)
            // Columns no line sets (every byte 0) are not written at all: see Column(zeros:).
            func unlessAllZero<T>(_ value: (LineAttributes) -> T, isZero: (T) -> Bool) -> OwnedMemory<T>? {
                lines.allSatisfy { isZero(value($0)) } ? nil : OwnedMemory<T>(capacity: edgeCount)
            }
            let urbanKm = unlessAllZero(\.urbanKm) { $0.bitPattern == 0 }
            let opened = unlessAllZero(\.opened) { $0 == 0 }, closed = unlessAllZero(\.closed) { $0 == 0 }
            let maxSpeedKmh = unlessAllZero(\.maxSpeedKmh) { $0 == 0 }, restrictions = unlessAllZero(\.restrictions) { $0 == 0 }
            let out = ColumnPointers(
                heads: heads.base, tails: tails.base, mode: mode.base, roadClass: roadClass.base, surface: surface.base,
                condition: condition.base, terrain: terrain.base, flags: flags.base, lengthKm: lengthKm.base, source: source.base,
                shape: shape.base, urbanKm: urbanKm?.base, opened: opened?.base, closed: closed?.base, maxSpeedKmh: maxSpeedKmh?.base,
                restrictions: restrictions?.base)
            // Two threads each walk all the pieces and work out every slot the same way, and each
            // writes half of the columns (by bytes): the writes land all over 1.6 GB of columns at
            // 3.7·10^7 edges, and were the longest single-threaded step after reading.
            do {
                let pieces = self.pieces, lines = self.lines, starts = first
                let forwardBit = EdgeFlags.forward.rawValue
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    var next = starts
                    /// Writes one directed edge into the next slot of its tail's run.
                    func place(_ piece: Piece, _ line: LineAttributes, from tail: Int32, to head: Int32, flags edgeFlags: UInt8) {
                        let slot = Int(next[Int(tail)])
                        next[Int(tail)] += 1
                        if half == 0 {
                            out.heads[slot] = head; out.tails[slot] = tail
                            out.mode[slot] = line.mode; out.roadClass[slot] = line.roadClass; out.surface[slot] = line.surface
                            out.condition[slot] = line.condition; out.terrain[slot] = line.terrain; out.flags[slot] = edgeFlags
                            out.restrictions?[slot] = line.restrictions
                        } else {
                            out.lengthKm[slot] = piece.lengthKm; out.source[slot] = line.source; out.shape[slot] = piece.shape
                            out.urbanKm?[slot] = line.urbanKm; out.opened?[slot] = line.opened
                            out.closed?[slot] = line.closed; out.maxSpeedKmh?[slot] = line.maxSpeedKmh
                        }
                    }
                    for piece in pieces {
                        let line = lines[Int(piece.line)]
                        switch line.direction {
                        case .both:
                            place(piece, line, from: piece.tail, to: piece.head, flags: line.flags)
                            place(piece, line, from: piece.head, to: piece.tail, flags: line.flags & ~forwardBit)
                        case .forward: place(piece, line, from: piece.tail, to: piece.head, flags: line.flags)
                        case .backward: place(piece, line, from: piece.head, to: piece.tail, flags: line.flags & ~forwardBit)
                        }
                    }
                }
            }
            pieces = []
            lines = []
            edgeSourceIndex = [:]
            let topology = CompressedGraph(nodeCount: nodeCount, firstEdge: Column(first), heads: Column(owning: heads, count: edgeCount),
                                           tails: Column(owning: tails, count: edgeCount))
            var edges = EdgeAttributes()
            edges.mode = Column(owning: mode, count: edgeCount); edges.roadClass = Column(owning: roadClass, count: edgeCount)
            edges.surface = Column(owning: surface, count: edgeCount); edges.condition = Column(owning: condition, count: edgeCount)
            edges.terrain = Column(owning: terrain, count: edgeCount); edges.lengthKm = Column(owning: lengthKm, count: edgeCount)
            edges.flags = Column(owning: flags, count: edgeCount); edges.source = Column(owning: source, count: edgeCount)
            edges.shape = Column(owning: shape, count: edgeCount)
            func column<T>(_ memory: OwnedMemory<T>?) -> Column<T> { memory.map { Column(owning: $0, count: edgeCount) } ?? Column(zeros: edgeCount) }
            edges.urbanKm = column(urbanKm); edges.restrictions = column(restrictions); edges.opened = column(opened)
            edges.closed = column(closed); edges.maxSpeedKmh = column(maxSpeedKmh)
            var nodes = NodeAttributes()
            nodes.longitude = Column(longitude); nodes.latitude = Column(latitude)
            nodes.source = Column(count: nodeCount) { $0.initialize(repeating: -1) }
            nodes.layer = Column(count: nodeCount) { $0.initialize(repeating: 0) }
            var shapes = EdgeShapes()
            shapes.offsets = Column(shapeOffsets); shapes.longitude = Column(shapeLongitude); shapes.latitude = Column(shapeLatitude)
            return RoutingGraph(topology: topology, nodes: nodes, edges: edges, nodeSources: SourceNames([]), edgeSources: SourceNames(edgeSources),
                                shapes: shapes)
        }
    }
}

/// Where ``RoutingGraph/LineGraphBuilder/build()`` writes each edge column; nil for a column of
/// zeros that is not written. `@unchecked Sendable` because its two threads write it at once:
/// each writes its own columns only, and the memory outlives them (its owners are held by
/// `build()` until `concurrentPerform` has returned).
private struct ColumnPointers: @unchecked Sendable {
    let heads: UnsafeMutablePointer<Int32>, tails: UnsafeMutablePointer<Int32>
    let mode: UnsafeMutablePointer<UInt8>, roadClass: UnsafeMutablePointer<UInt8>, surface: UnsafeMutablePointer<UInt8>
    let condition: UnsafeMutablePointer<UInt8>, terrain: UnsafeMutablePointer<UInt8>, flags: UnsafeMutablePointer<UInt8>
    let lengthKm: UnsafeMutablePointer<Double>, source: UnsafeMutablePointer<Int32>, shape: UnsafeMutablePointer<Int32>
    let urbanKm: UnsafeMutablePointer<Double>?, opened: UnsafeMutablePointer<Int16>?, closed: UnsafeMutablePointer<Int16>?
    let maxSpeedKmh: UnsafeMutablePointer<UInt16>?, restrictions: UnsafeMutablePointer<UInt8>?
}
