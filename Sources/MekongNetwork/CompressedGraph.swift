/// A node of a ``CompressedGraph``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "n\(index)" }
}

/// A directed edge of a ``CompressedGraph``: its position in the compressed edge arrays.
public struct EdgeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: EdgeID, b: EdgeID) -> Bool { a.index < b.index }
    public var description: String { "e\(index)" }
}

/// A directed graph in compressed sparse row form: the edges leaving node `n` are
/// `firstEdge[n] ..< firstEdge[n + 1]`, their heads in `heads`. No per-edge objects: a million
/// edges are a few flat arrays, and weights live beside the graph so one graph serves time,
/// distance and penalised searches.
///
///     // 0 → 1, 0 → 2, 1 → 2
///     let (graph, order) = CompressedGraph.build(nodeCount: 3, edges: [(0, 1), (1, 2), (0, 2)])
///     graph.edges(from: NodeID(0))   // e0, e1
///     order                          // [0, 2, 1]: input edge i is stored at order[i]
public struct CompressedGraph: Sendable {
    public let nodeCount: Int
    @usableFromInline let firstEdge: [Int32]
    @usableFromInline let heads: [Int32]
    @usableFromInline let tails: [Int32]

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
        return (CompressedGraph(nodeCount: nodeCount, firstEdge: first, heads: heads, tails: tails), order)
    }

    private init(nodeCount: Int, firstEdge: [Int32], heads: [Int32], tails: [Int32]) {
        self.nodeCount = nodeCount
        self.firstEdge = firstEdge
        self.heads = heads
        self.tails = tails
    }

    /// The edges leaving `node`.
    @inlinable public func edges(from node: NodeID) -> Range<Int32> {
        firstEdge[Int(node.index)]..<firstEdge[Int(node.index) + 1]
    }

    @inlinable public func head(_ edge: EdgeID) -> NodeID { NodeID(Int(heads[Int(edge.index)])) }
    @inlinable public func tail(_ edge: EdgeID) -> NodeID { NodeID(Int(tails[Int(edge.index)])) }
}
