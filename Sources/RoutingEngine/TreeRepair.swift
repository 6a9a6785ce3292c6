import RoutingGraph

/// The costs of a shortest-path tree after some edges are lost, found by searching again only
/// the part of the tree that hung from them.
///
/// Losing edges can only make costs rise, and only for the nodes whose tree path used one of
/// them: the subtrees below the lost edges. Every other node keeps its cost. The subtrees are
/// emptied, each of their nodes is offered its best way in from a node outside them, and
/// Dijkstra's algorithm runs inside them alone, until the nodes asked about are settled.
/// The costs are those a new search without the edges would find, bit for bit: a settled cost
/// is the minimum over incoming edges of the tail's cost plus the edge's weight, whichever order
/// the nodes were settled in, and the nodes outside the subtrees hold the same minima as before.
///
///     let tree = ShortestPaths.search(graph, weights: hours, sources: [(origin, 0)])
///     var repair = TreeRepair(tree: tree, graph: graph, weights: hours, incoming: IncomingEdges(graph))
///     let after = repair.costs(at: cityNodes, without: bridgeEdges)   // as if searched again
///
/// One repair serves many questions about the same tree, one after another (criticality asks
/// one per candidate link); it keeps its scratch arrays between them.
public struct TreeRepair {
    private let graph: CompressedGraph
    private let weights: [Double]
    private let incoming: IncomingEdges
    private let cost: [Double]
    private let parentEdge: [Int32]
    /// The tree's child lists.
    private let children: TreeChildren

    // Scratch, clean between calls: only the entries of the last subtree and edges are touched.
    private var inSubtree: [Bool]
    private var wanted: [Bool]
    private var settled: [Bool]
    private var repaired: [Double]
    private var blocked: [Bool]
    private var subtree: [Int32] = []
    private var heap = BinaryHeap(capacity: 64)

    /// A repair of `tree`, the result of a search over `graph` with `weights` and no limits.
    /// - Parameters:
    ///   - incoming: the graph's incoming edges, shared by every repair over the same graph.
    /// - Complexity: O(V + E) time and memory for the child lists and scratch arrays.
    public init(tree: ShortestPathTree, graph: CompressedGraph, weights: [Double], incoming: IncomingEdges) {
        let n = graph.nodeCount
        self.graph = graph
        self.weights = weights
        self.incoming = incoming
        self.cost = tree.cost
        self.parentEdge = tree.parentEdge
        self.children = TreeChildren(parentEdge: tree.parentEdge, graph: graph)
        inSubtree = [Bool](repeating: false, count: n)
        wanted = [Bool](repeating: false, count: n)
        settled = [Bool](repeating: false, count: n)
        repaired = [Double](repeating: .infinity, count: n)
        blocked = [Bool](repeating: false, count: graph.edgeCount)
    }

    /// The cost of each of `nodes` once the edges `lost` are gone (`.infinity` for a node no
    /// longer reached), in the order of `nodes`.
    /// - Parameters:
    ///   - nodes: the nodes asked about; the search inside the subtrees stops once all of them are settled.
    ///   - lost: the edges taken away; those not on the tree change nothing.
    ///   - deadline: past it the search stops and the costs of unsettled nodes read `.infinity`;
    ///     the caller checks ``Deadline/hasPassed``.
    /// - Complexity: O((S + B) log S), S the nodes below the lost edges and B their incoming edges.
    public mutating func costs(at nodes: [NodeID], without lost: [EdgeID], deadline: Deadline = .never) -> [Double] {
        for e in lost { blocked[Int(e.index)] = true }
        defer { for e in lost { blocked[Int(e.index)] = false } }
        // The subtrees that hung from the lost edges.
        for e in lost {
            let head = Int(graph.heads[Int(e.index)])
            guard parentEdge[head] == e.index, !inSubtree[head] else { continue }
            children.collect(below: head, marking: &inSubtree, into: &subtree)
        }
        defer {
            for v in subtree {
                let vi = Int(v)
                inSubtree[vi] = false; wanted[vi] = false; settled[vi] = false; repaired[vi] = .infinity
            }
            subtree.removeAll(keepingCapacity: true)
            heap.removeAll()
        }
        if subtree.isEmpty { return nodes.map { cost[Int($0.index)] } }
        var waiting = 0
        for node in nodes where inSubtree[Int(node.index)] && !wanted[Int(node.index)] {
            wanted[Int(node.index)] = true
            waiting += 1
        }
        // Each emptied node's best way in from outside: the costs there are final.
        for v in subtree {
            let vi = Int(v)
            var best = Double.infinity
            for e in incoming.edges(into: NodeID(vi)) where !blocked[Int(e)] {
                let tail = Int(graph.tails[Int(e)])
                if inSubtree[tail] { continue }
                let candidate = cost[tail] + weights[Int(e)]
                if candidate < best { best = candidate }
            }
            if best < .infinity {
                repaired[vi] = best
                heap.push(key: best, node: v)
            }
        }
        var count = 0
        while waiting > 0, let (_, u) = heap.pop() {
            let ui = Int(u)
            if settled[ui] { continue }
            if count % ShortestPaths.deadlineStride == 0 && deadline.hasPassed { break }
            count += 1
            settled[ui] = true
            if wanted[ui] { waiting -= 1 }
            let cu = repaired[ui]
            for e in graph.firstEdge[ui]..<graph.firstEdge[ui + 1] where !blocked[Int(e)] {
                let vi = Int(graph.heads[Int(e)])
                guard inSubtree[vi], !settled[vi] else { continue }
                let candidate = cu + weights[Int(e)]
                if candidate < repaired[vi] {
                    repaired[vi] = candidate
                    heap.push(key: candidate, node: Int32(vi))
                }
            }
        }
        return nodes.map { node in
            let i = Int(node.index)
            return !inSubtree[i] ? cost[i] : settled[i] ? repaired[i] : .infinity
        }
    }
}
