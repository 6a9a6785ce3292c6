import RoutingGraph

/// A shortest-path tree of one network, brought up to date for another network whose edge
/// weights differ on a few edges only, and back again: what evaluating many scenarios of one
/// plan needs, where each scenario switches a project's few edges and leaves the rest alone.
///
/// The update runs in two steps, each exact:
/// 1. **Rises.** Edges that became dearer (or were lost, weight `.infinity`) change only the
///    costs below them in the tree. Those subtrees are emptied, each of their nodes is offered its
///    best way in from outside, and Dijkstra's algorithm settles the subtrees, all of them, with
///    the dearer weights (the edges that became cheaper keep their old weight in this step).
/// 2. **Falls.** Each edge that became cheaper offers its head a lower cost; the nodes that take
///    it pass the fall on, in Dijkstra's order, as long as it lowers a cost.
///
/// Every cost then equals a new search's over the new weights, bit for bit: a cost is always the
/// tail's cost plus the edge's weight, and both steps end with each node at the minimum over its
/// incoming edges. Where several paths cost the same, the update may keep another one than a new
/// search would take.
///
///     var update = TreeUpdate(tree: ShortestPaths.search(graph, weights: base, sources: [(city, 0)]),
///                             graph: graph, weights: base, incoming: IncomingEdges(graph))
///     update.update(to: scenario, changed: edgesThatDiffer)
///     update.cost[Int(port.index)]          // as if searched on `scenario`
///     update.restore()                      // the base tree again, for the next scenario
///
/// - Complexity: O(V + E) memory; an update costs O((A + B) log A) for the A nodes whose cost or
///   parent changes (and the subtrees below dearer tree edges) and their B edges, and a restore O(A).
public struct TreeUpdate {
    private let graph: CompressedGraph
    private let incoming: IncomingEdges
    private let baseWeights: [Double]
    private let baseCost: [Double]
    private let baseParent: [Int32]
    /// The base tree's child lists.
    private let children: TreeChildren

    /// The cost of each node in the network of the last update (the base network before any or
    /// after ``restore()``), `.infinity` where unreached.
    public private(set) var cost: [Double]
    /// The edge each node is reached by in that network, -1 for sources and unreached nodes.
    public private(set) var parentEdge: [Int32]

    // Scratch, clean between updates.
    private var touched: [Int32] = []
    private var inSubtree: [Bool]
    private var wanted: [Bool]
    private var subtree: [Int32] = []
    private var heap = BinaryHeap(capacity: 64)

    /// An updatable copy of `tree`, the result of a search over `graph` with `weights` and no limits.
    /// - Parameters:
    ///   - incoming: the graph's incoming edges, shared by every update over the same graph.
    /// - Complexity: O(V + E).
    public init(tree: ShortestPathTree, graph: CompressedGraph, weights: [Double], incoming: IncomingEdges) {
        let n = graph.nodeCount
        self.graph = graph
        self.incoming = incoming
        self.baseWeights = weights
        self.baseCost = tree.cost
        self.baseParent = tree.parentEdge
        self.children = TreeChildren(parentEdge: tree.parentEdge, graph: graph)
        self.cost = tree.cost
        self.parentEdge = tree.parentEdge
        self.inSubtree = [Bool](repeating: false, count: n)
        self.wanted = [Bool](repeating: false, count: n)
    }

    /// Brings the tree to the network weighted by `weights`, which differs from the base network
    /// on the edges `changed` only (an edge listed that did not change costs nothing).
    /// Call ``restore()`` before the next update.
    /// - Parameters:
    ///   - weights: the new network's non-negative weights, `.infinity` for an edge out of service.
    ///   - targets: the nodes whose costs and paths are wanted; when no edge became cheaper, the
    ///     subtrees are searched only until these are settled, and the other nodes below the
    ///     dearer edges keep costs no search would give. Nil: every node.
    ///   - deadline: past it the update stops and leaves costs that are no search's; the caller
    ///     checks ``Deadline/hasPassed`` and drops them.
    /// - Complexity: O((A + B) log A), A the nodes whose cost or parent changes together with the
    ///   subtrees below the edges that became dearer, B their edges.
    public mutating func update(to weights: [Double], changed: [EdgeID], targets: [NodeID]? = nil, deadline: Deadline = .never) {
        precondition(touched.isEmpty, "restore() the tree before updating it again")
        // 1. Rises: empty the subtrees below tree edges that became dearer.
        for e in changed {
            let ei = Int(e.index), head = Int(graph.heads[ei])
            guard weights[ei] > baseWeights[ei], baseParent[head] == e.index, !inSubtree[head] else { continue }
            children.collect(below: head, marking: &inSubtree, into: &subtree)
        }
        // The weights of this step: the dearer of old and new (the cheaper edges wait for step 2).
        func risen(_ e: Int) -> Double { max(baseWeights[e], weights[e]) }
        for v in subtree {
            let vi = Int(v)
            touched.append(v)
            var best = Double.infinity, bestEdge: Int32 = -1
            for e in incoming.edges(into: NodeID(vi)) {
                let tail = Int(graph.tails[Int(e)])
                if inSubtree[tail] { continue }
                let candidate = cost[tail] + risen(Int(e))
                if candidate < best { best = candidate; bestEdge = e }
            }
            cost[vi] = best
            parentEdge[vi] = bestEdge
            if best < .infinity { heap.push(key: best, node: v) }
        }
        // With no falls to pass on, the subtrees matter only as far as the targets in them: a
        // settled node's path runs through settled nodes only.
        var waiting = Int.max
        if let targets, !changed.contains(where: { weights[Int($0.index)] < baseWeights[Int($0.index)] }) {
            waiting = 0
            for t in targets where inSubtree[Int(t.index)] && !wanted[Int(t.index)] {
                wanted[Int(t.index)] = true
                waiting += 1
            }
        }
        var count = 0
        while waiting > 0, let (key, u) = heap.pop() {
            let ui = Int(u)
            if key > cost[ui] { continue }
            if count % ShortestPaths.deadlineStride == 0 && deadline.hasPassed { break }
            count += 1
            if wanted[ui] { wanted[ui] = false; waiting -= 1 }
            for e in graph.firstEdge[ui]..<graph.firstEdge[ui + 1] {
                let vi = Int(graph.heads[Int(e)])
                guard inSubtree[vi] else { continue }
                let candidate = key + risen(Int(e))
                if candidate < cost[vi] {
                    cost[vi] = candidate
                    parentEdge[vi] = e
                    heap.push(key: candidate, node: Int32(vi))
                }
            }
        }
        for v in subtree { inSubtree[Int(v)] = false; wanted[Int(v)] = false }
        subtree.removeAll(keepingCapacity: true)
        heap.removeAll()

        // 2. Falls: the cheaper edges offer their heads a lower cost, passed on while it lowers one.
        for e in changed {
            let ei = Int(e.index)
            guard weights[ei] < baseWeights[ei] else { continue }
            let tail = Int(graph.tails[ei]), head = Int(graph.heads[ei])
            let candidate = cost[tail] + weights[ei]
            if candidate < cost[head] {
                touched.append(Int32(head))
                cost[head] = candidate
                parentEdge[head] = Int32(ei)
                heap.push(key: candidate, node: Int32(head))
            }
        }
        while let (key, u) = heap.pop() {
            let ui = Int(u)
            if key > cost[ui] { continue }
            if count % ShortestPaths.deadlineStride == 0 && deadline.hasPassed { break }
            count += 1
            for e in graph.firstEdge[ui]..<graph.firstEdge[ui + 1] {
                let vi = Int(graph.heads[Int(e)])
                let candidate = key + weights[Int(e)]
                if candidate < cost[vi] {
                    touched.append(Int32(vi))
                    cost[vi] = candidate
                    parentEdge[vi] = e
                    heap.push(key: candidate, node: Int32(vi))
                }
            }
        }
        heap.removeAll()
    }

    /// Returns to the base network's tree.
    /// - Complexity: O(A), the nodes the last update changed.
    public mutating func restore() {
        for v in touched {
            cost[Int(v)] = baseCost[Int(v)]
            parentEdge[Int(v)] = baseParent[Int(v)]
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// The edges from a source to `node` in the current network, in travel order; nil when
    /// `node` is not reached.
    /// - Complexity: O(length of the path).
    public func path(to node: NodeID) -> [EdgeID]? {
        guard cost[Int(node.index)].isFinite else { return nil }
        var edges: [EdgeID] = []
        var current = Int(node.index)
        while parentEdge[current] >= 0 {
            edges.append(EdgeID(Int(parentEdge[current])))
            current = Int(graph.tails[Int(parentEdge[current])])
        }
        return edges.reversed()
    }
}
