import RoutingGraph

/// The child lists of a shortest-path tree: for each node, the nodes its tree edges reach. What
/// a repair or an update of the tree walks to find everything below an edge.
///
///     let children = TreeChildren(parentEdge: tree.parentEdge, graph: graph)
///     children.of(5)          // the nodes reached from node 5 in the tree
///
/// - Complexity: O(V) time and memory (a counting sort of the nodes by parent).
struct TreeChildren {
    /// Where each node's children start in `children`; one more entry than nodes.
    private var first: [Int32] = []
    private var children: [Int32] = []
    /// Scratch for the counting sort, kept for the next rebuild.
    private var next: [Int32] = []

    /// No tree yet: ``rebuild(parentEdge:graph:)`` gives it one.
    init() {}

    /// The child lists of the tree whose parent edges are `parentEdge` (-1 for roots and
    /// unreached nodes), over `graph`.
    init(parentEdge: [Int32], graph: CompressedGraph) {
        rebuild(parentEdge: parentEdge, graph: graph)
    }

    /// The child lists of another tree over the same graph, in the storage of these: a caller
    /// that updates one tree after another allocates (and the kernel zeroes) nothing new.
    /// - Complexity: O(V).
    mutating func rebuild(parentEdge: [Int32], graph: CompressedGraph) {
        let n = graph.nodeCount
        Self.zero(&first, count: n + 1)
        for v in 0..<n where parentEdge[v] >= 0 { first[Int(graph.tails[Int(parentEdge[v])]) + 1] += 1 }
        for v in 0..<n { first[v + 1] += first[v] }
        Self.zero(&next, count: n)
        for v in 0..<n { next[v] = first[v] }
        Self.zero(&children, count: Int(first[n]))
        for v in 0..<n where parentEdge[v] >= 0 {
            let parent = Int(graph.tails[Int(parentEdge[v])])
            children[Int(next[parent])] = Int32(v)
            next[parent] += 1
        }
    }

    /// `array` as `count` zeros, in its own storage when it has the room.
    private static func zero(_ array: inout [Int32], count: Int) {
        if array.capacity >= count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(0, count: count))
        } else {
            array = [Int32](repeating: 0, count: count)
        }
    }

    /// The children of node `v`, in increasing node order.
    func of(_ v: Int) -> ArraySlice<Int32> { children[Int(first[v])..<Int(first[v + 1])] }

    /// Appends `root` and every node below it to `nodes`, marking each in `marked`; a node
    /// already marked is not entered (its subtree was collected before).
    /// - Complexity: O(size of the subtree).
    func collect(below root: Int, marking marked: inout [Bool], into nodes: inout [Int32]) {
        marked[root] = true
        var stack = [Int32(root)]
        while let v = stack.popLast() {
            nodes.append(v)
            for child in of(Int(v)) where !marked[Int(child)] {
                marked[Int(child)] = true
                stack.append(child)
            }
        }
    }
}
