import RoutingGraph

/// Each node's incoming edges, the reverse of ``CompressedGraph``'s outgoing lists: what a search
/// needs to ask "how else can this node be reached?".
///
///     let incoming = IncomingEdges(graph)
///     for e in incoming.edges(into: NodeID(5)) { … graph.tail(e) … }
///
/// - Complexity: O(V + E) to build (a counting sort of the edges by head), O(V + E) memory.
public struct IncomingEdges: Sendable {
    /// Where each node's incoming edges start in ``edgeIndices``; one more entry than nodes.
    public let first: [Int32]
    /// Edge ids grouped by head node, in increasing edge order within a node.
    public let edgeIndices: [Int32]

    /// The incoming lists of every node of `graph`.
    public init(_ graph: CompressedGraph) {
        var first = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for e in 0..<graph.edgeCount { first[Int(graph.heads[e]) + 1] += 1 }
        for v in 0..<graph.nodeCount { first[v + 1] += first[v] }
        var next = Array(first.dropLast())
        var edgeIndices = [Int32](repeating: 0, count: graph.edgeCount)
        for e in 0..<graph.edgeCount {
            let head = Int(graph.heads[e])
            edgeIndices[Int(next[head])] = Int32(e)
            next[head] += 1
        }
        self.first = first
        self.edgeIndices = edgeIndices
    }

    /// The edges ending at `node`.
    @inlinable public func edges(into node: NodeID) -> ArraySlice<Int32> {
        edgeIndices[Int(first[Int(node.index)])..<Int(first[Int(node.index) + 1])]
    }
}
