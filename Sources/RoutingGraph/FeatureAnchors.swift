/// Features of another data set laid onto a graph: named points at nodes and named lines over
/// edges. It is what conflating the curated plan onto an imported network leaves behind, so
/// that the plan's places and links can be found on the graph again after a save and a load:
/// each place is the node (or nodes) it snapped to, each link the edges it was matched to or
/// inserted as.
///
/// Several points may share a node (two places snapped to one junction) and several lines an
/// edge (an old road and its rehabilitation are both matched to the same imported road).
///
///     let anchors = FeatureAnchors(points: [("phnom-penh", [NodeID(7)])],
///                                  lines: [("neak-loeung-bridge", [EdgeID(3), EdgeID(4)])])
///     anchors.nodes(ofPoint: 0)     // [n7]
///     anchors.lineNames[0]          // "neak-loeung-bridge"
///
/// Stored as two lists of names and two compressed lists (offsets into one run of ids), so a
/// graph file views them in place like its other columns.
public struct FeatureAnchors: Sendable, Equatable {
    /// The points' names (place ids), in the order given.
    public let pointNames: SourceNames
    /// Where each point's nodes start in ``pointNodes``: `pointNames.count + 1` entries (none
    /// when there are no points).
    public let pointOffsets: Column<Int32>
    /// The nodes of every point, one run after another.
    public let pointNodes: Column<Int32>
    /// The lines' names (link ids), in the order given.
    public let lineNames: SourceNames
    /// Where each line's edges start in ``lineEdges``: `lineNames.count + 1` entries (none when
    /// there are no lines).
    public let lineOffsets: Column<Int32>
    /// The edges of every line, one run after another.
    public let lineEdges: Column<Int32>

    /// No anchors: a graph nothing was laid onto.
    public static let none = FeatureAnchors(points: [], lines: [])

    /// Anchors for `points` (a name and its nodes) and `lines` (a name and its edges).
    /// - Complexity: O(total names, nodes and edges).
    public init(points: [(name: String, nodes: [NodeID])], lines: [(name: String, edges: [EdgeID])]) {
        func offsets(_ counts: [Int]) -> [Int32] {
            guard !counts.isEmpty else { return [] }
            var result: [Int32] = [0]
            for count in counts { result.append(result.last! + Int32(count)) }
            return result
        }
        pointNames = SourceNames(points.map(\.name))
        pointOffsets = Column(offsets(points.map(\.nodes.count)))
        pointNodes = Column(points.flatMap { $0.nodes.map(\.index) })
        lineNames = SourceNames(lines.map(\.name))
        lineOffsets = Column(offsets(lines.map(\.edges.count)))
        lineEdges = Column(lines.flatMap { $0.edges.map(\.index) })
    }

    /// Anchors read from a graph file's columns, checked by ``isValid(nodeCount:edgeCount:)``.
    init(pointNames: SourceNames, pointOffsets: Column<Int32>, pointNodes: Column<Int32>,
         lineNames: SourceNames, lineOffsets: Column<Int32>, lineEdges: Column<Int32>) {
        self.pointNames = pointNames; self.pointOffsets = pointOffsets; self.pointNodes = pointNodes
        self.lineNames = lineNames; self.lineOffsets = lineOffsets; self.lineEdges = lineEdges
    }

    /// Whether nothing was laid onto the graph.
    public var isEmpty: Bool { pointNames.isEmpty && lineNames.isEmpty }

    /// The nodes of the `index`th point.
    public func nodes(ofPoint index: Int) -> [NodeID] {
        (Int(pointOffsets[index])..<Int(pointOffsets[index + 1])).map { NodeID(Int(pointNodes[$0])) }
    }

    /// The edges of the `index`th line.
    public func edges(ofLine index: Int) -> [EdgeID] {
        (Int(lineOffsets[index])..<Int(lineOffsets[index + 1])).map { EdgeID(Int(lineEdges[$0])) }
    }

    /// Whether the offsets run from 0 up to the ids' count and every id lies in the graph: what a
    /// file must satisfy before a query may follow its ids.
    func isValid(nodeCount: Int, edgeCount: Int) -> Bool {
        func runs(_ offsets: Column<Int32>, names: Int, ids: Column<Int32>, limit: Int) -> Bool {
            if names == 0 { return offsets.isEmpty && ids.isEmpty }
            guard offsets.count == names + 1, offsets.first == 0, Int(offsets.last!) == ids.count,
                  zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return false }
            return ids.allSatisfy { $0 >= 0 && Int($0) < limit }
        }
        return runs(pointOffsets, names: pointNames.count, ids: pointNodes, limit: nodeCount)
            && runs(lineOffsets, names: lineNames.count, ids: lineEdges, limit: edgeCount)
    }
}
