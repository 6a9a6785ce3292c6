/// A directed graph in compressed sparse row form: the edges leaving node `n` are
/// `firstEdge[n] ..< firstEdge[n + 1]`, their heads in `heads`. No per-edge objects: a million
/// edges are a few flat columns, and weights live beside the graph so one graph serves time,
/// distance and penalised searches. The columns of a graph read from a file view the file's
/// memory map (``Column``).
///
///     // 0 → 1, 0 → 2, 1 → 2
///     let (graph, order) = CompressedGraph.build(nodeCount: 3, edges: [(0, 1), (1, 2), (0, 2)])
///     graph.edges(from: NodeID(0))   // e0, e1
///     order                          // [0, 2, 1]: input edge i is stored at order[i]
public struct CompressedGraph: Sendable {
    /// The number of nodes; node ids run `0 ..< nodeCount`.
    public let nodeCount: Int
    /// Offsets into `heads`: node `n`'s edges are `firstEdge[n] ..< firstEdge[n + 1]`
    /// (`nodeCount + 1` entries, the last one `edgeCount`).
    public let firstEdge: Column<Int32>
    /// The head (target node) of each edge, grouped by tail node.
    public let heads: Column<Int32>
    /// The tail (source node) of each edge, kept beside `heads` so a path can be walked back from
    /// its edges alone; derived, never stored in a file.
    public let tails: Column<Int32>

    /// The number of directed edges (a road travelled both ways counts twice).
    public var edgeCount: Int { heads.count }

    /// Builds the graph by counting sort on the tail node.
    /// - Parameters:
    ///   - nodeCount: number of nodes; every edge end must be below it.
    ///   - edges: directed edges as (tail, head) node indices.
    /// - Returns: the graph and, for each input edge, the ``EdgeID`` it was stored at (so callers
    ///   can place their per-edge attributes).
    /// - Complexity: O(V + E).
    public static func build(nodeCount: Int, edges: [(Int, Int)]) -> (graph: CompressedGraph, order: [EdgeID]) {
        var first = [Int32](repeating: 0, count: nodeCount + 1)
        for (tail, _) in edges { first[tail + 1] += 1 }
        for n in 0..<nodeCount { first[n + 1] += first[n] }
        var next = first
        var heads = [Int32](repeating: 0, count: edges.count)
        var tails = [Int32](repeating: 0, count: edges.count)
        var order = [EdgeID](repeating: EdgeID(0), count: edges.count)
        for (i, (tail, head)) in edges.enumerated() {
            let slot = Int(next[tail])
            next[tail] += 1
            heads[slot] = Int32(head)
            tails[slot] = Int32(tail)
            order[i] = EdgeID(slot)
        }
        return (CompressedGraph(nodeCount: nodeCount, firstEdge: Column(first), heads: Column(heads), tails: Column(tails)), order)
    }

    /// The graph from columns a builder has already laid out (not checked).
    init(nodeCount: Int, firstEdge: Column<Int32>, heads: Column<Int32>, tails: Column<Int32>) {
        self.nodeCount = nodeCount
        self.firstEdge = firstEdge
        self.heads = heads
        self.tails = tails
    }

    /// The graph from its stored columns (a graph file, viewed in place), checked so that no id
    /// can point outside them: `firstEdge` has `nodeCount + 1` entries, starts at 0, never
    /// decreases and ends at `heads.count`, and every head is a node. Tails are derived (the one
    /// column a load writes).
    /// - Returns: nil when the columns do not form a graph.
    /// - Complexity: O(V + E).
    public init?(firstEdge: Column<Int32>, heads: Column<Int32>) {
        guard let last = firstEdge.last, firstEdge.first == 0, Int(last) == heads.count else { return nil }
        let nodeCount = firstEdge.count - 1
        var valid = true
        let tails = Column<Int32>(count: heads.count) { tails in
            firstEdge.withUnsafeBufferPointer { first in
                heads.withUnsafeBufferPointer { heads in
                    for node in 0..<nodeCount {
                        let start = first[node], end = first[node + 1]
                        // Each run must lie within the heads: a later check of the last offset does not cover a
                        // middle one that points past the end (found by the file reader's mutation test).
                        guard 0 <= start, start <= end, Int(end) <= heads.count else { valid = false; return }
                        for e in Int(start)..<Int(end) { tails[e] = Int32(node) }
                    }
                    // One comparison a head: a negative one is a huge unsigned one.
                    valid = heads.allSatisfy { UInt32(bitPattern: $0) < UInt32(nodeCount) }
                }
            }
        }
        guard valid else { return nil }
        self.init(nodeCount: nodeCount, firstEdge: firstEdge, heads: heads, tails: tails)
    }

    /// The stored form: offsets of each node's first edge (with one past the end) and heads.
    public var storage: (firstEdge: Column<Int32>, heads: Column<Int32>) { (firstEdge, heads) }

    /// The edges leaving `node`.
    @inlinable public func edges(from node: NodeID) -> Range<Int32> {
        firstEdge[Int(node.index)]..<firstEdge[Int(node.index) + 1]
    }

    /// The node `edge` leads to.
    @inlinable public func head(_ edge: EdgeID) -> NodeID { NodeID(Int(heads[Int(edge.index)])) }
    /// The node `edge` leaves from.
    @inlinable public func tail(_ edge: EdgeID) -> NodeID { NodeID(Int(tails[Int(edge.index)])) }
}
