import RoutingGraph

/// A shortest-path tree of one network, brought up to date for another network whose edge
/// weights differ on a few edges only, and back again: what evaluating many scenarios of one
/// plan needs, where each scenario switches a project's few edges and leaves the rest alone.
///
/// The update runs in two steps, each exact:
/// 1. **Rises.** Edges that became dearer (or were lost, weight `.infinity`) change only the
///    costs below them in the tree. Those subtrees are emptied, each of their nodes is offered its
///    best way in from outside, and Dijkstra's algorithm settles the subtrees with the dearer
///    weights (the edges that became cheaper keep their old weight in this step). Below a tree
///    whose search stopped at its destinations, what it never settled is searched as well.
/// 2. **Falls.** Each edge that became cheaper offers its head a lower cost; the nodes that take
///    it pass the fall on, in Dijkstra's order, as long as it lowers a cost.
///
/// Every cost then equals a new search's over the new weights, bit for bit: a cost is always the
/// tail's cost plus the edge's weight, and both steps end with each node at the minimum over its
/// incoming edges. Where several paths cost the same, the update may keep another one than a new
/// search would take. Given the targets a caller reads, both steps stop once those are final.
///
///     var update = TreeUpdate(tree: ShortestPaths.search(graph, weights: base, sources: [(city, 0)]),
///                             graph: graph, weights: base, incoming: IncomingEdges(graph))
///     update.update(to: scenario, changed: edgesThatDiffer)
///     update.cost[Int(port.index)]          // as if searched on `scenario`
///     update.restore()                      // the base tree again, for the next scenario
///
/// - Complexity: O(V) memory beside the graph and its incoming edges; an update costs
///   O((A + B) log A) for the A nodes whose cost or parent changes (and the subtrees below dearer
///   tree edges) and their B edges, and a restore O(A).
public struct TreeUpdate {
    private let graph: CompressedGraph
    private let incoming: IncomingEdges
    private var baseWeights: [Double]
    private var baseCost: [Double] = []
    private var baseParent: [Int32] = []
    /// The base tree's child lists.
    private var children = TreeChildren()
    /// How many nodes each node has at or below it in the base tree (0 where unreached).
    private var subtreeSize: [Int32] = []
    /// The nodes the base search reached but did not settle (it stopped at its destinations):
    /// where a search of what it left goes in. Empty for a complete tree.
    private var frontier: [Int32] = []

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

    /// An updatable copy of `tree`, the result of a search over `graph` with `weights`, with no
    /// limits or stopped once it settled its destinations (``SearchLimits/settlingAll``); the
    /// updates' targets must then be among those destinations.
    /// - Parameters:
    ///   - incoming: the graph's incoming edges, shared by every update over the same graph.
    /// - Complexity: O(V + E).
    public init(tree: ShortestPathTree, graph: CompressedGraph, weights: [Double], incoming: IncomingEdges) {
        let n = graph.nodeCount
        self.graph = graph
        self.incoming = incoming
        self.baseWeights = weights
        self.cost = []
        self.parentEdge = []
        self.inSubtree = [Bool](repeating: false, count: n)
        self.wanted = [Bool](repeating: false, count: n)
        rebase(on: tree, weights: weights)
    }

    /// Makes `tree`, another search's over the same graph with `weights`, the base, in this
    /// update's storage: evaluating city after city reuses one update per thread instead of
    /// allocating (and having the kernel zero) tens of megabytes for each at 10^6 nodes.
    ///
    ///     update.rebase(on: ShortestPaths.search(graph, weights: base, sources: [(nextCity, 0)]), weights: base)
    ///
    /// - Complexity: O(V).
    public mutating func rebase(on tree: ShortestPathTree, weights: [Double]) {
        precondition(touched.isEmpty, "restore() the tree before rebasing it")
        precondition(tree.cost.count == graph.nodeCount, "the tree is of another graph")
        baseWeights = weights
        Self.copy(tree.cost, into: &baseCost)
        Self.copy(tree.cost, into: &cost)
        Self.copy(tree.parentEdge, into: &baseParent)
        Self.copy(tree.parentEdge, into: &parentEdge)
        children.rebuild(parentEdge: tree.parentEdge, graph: graph)
        // Children are settled after their parents: adding in reverse settling order finishes
        // each subtree before its root is added to its parent.
        Self.copy(repeatElement(0, count: graph.nodeCount), into: &subtreeSize)
        for v in tree.settled.reversed() {
            subtreeSize[Int(v)] += 1
            let e = tree.parentEdge[Int(v)]
            if e >= 0 { subtreeSize[Int(graph.tails[Int(e)])] += subtreeSize[Int(v)] }
        }
        frontier = tree.frontier
    }

    /// `target` with the elements of `source`, written into its own storage when it has the
    /// room (an array shared with another value is copied first, as any write to it would be).
    private static func copy<Source: Collection>(_ source: Source, into target: inout [Source.Element]) {
        if target.count == source.count {
            target.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source) }
        } else {
            // Storage of its own, not the source's: the search's arrays go back to its pool.
            target = []
            target.append(contentsOf: source)
        }
    }

    /// The nodes below `edge` in the base tree (its head and everything reached through it), 0
    /// when the base tree does not use it: what an update must search again if the edge
    /// becomes dearer, and a measure of what passes through it.
    ///
    ///     update.nodesBelow(treeEdge: bridge)   // the nodes the city reaches over the bridge
    ///
    /// - Complexity: O(1).
    public func nodesBelow(treeEdge edge: EdgeID) -> Int {
        let head = Int(graph.heads[Int(edge.index)])
        return baseParent[head] == edge.index ? Int(subtreeSize[head]) : 0
    }

    /// Brings the tree to the network weighted by `weights`, which differs from the base network
    /// on the edges `changed` only (an edge listed that did not change costs nothing).
    /// Call ``restore()`` before the next update.
    /// - Parameters:
    ///   - weights: the new network's non-negative weights, `.infinity` for an edge out of service.
    ///   - targets: the nodes whose costs and paths are wanted: both steps stop once these are
    ///     final, and other nodes may keep costs no search would give. Nil: every node.
    ///   - deadline: past it the update stops and leaves costs that are no search's; the caller
    ///     checks ``Deadline/hasPassed`` and drops them.
    /// - Complexity: O((A + B) log A), A the nodes whose cost or parent changes together with the
    ///   subtrees below the edges that became dearer, B their edges.
    public mutating func update(to weights: [Double], changed: [EdgeID], targets: [NodeID]? = nil, deadline: Deadline = .never) {
        precondition(touched.isEmpty, "restore() the tree before updating it again")
        let falls = changed.contains { weights[Int($0.index)] < baseWeights[Int($0.index)] }
        // 1. Rises: empty the subtrees below tree edges that became dearer.
        for e in changed {
            let ei = Int(e.index), head = Int(graph.heads[ei])
            guard weights[ei] > baseWeights[ei], baseParent[head] == e.index, !inSubtree[head] else { continue }
            children.collect(below: head, marking: &inSubtree, into: &subtree)
        }
        // The weights of this step: the dearer of old and new (the cheaper edges wait for step 2).
        func risen(_ e: Int) -> Double { max(baseWeights[e], weights[e]) }
        // What this step searches: the emptied subtrees and, when there are any, what the base
        // search did not settle (the dearer ways may lead past where it stopped).
        let beyond = !subtree.isEmpty && !frontier.isEmpty
        func searched(_ v: Int) -> Bool { inSubtree[v] || (beyond && baseCost[v] == .infinity) }
        // Each node of the subtrees, and each node at the base search's edge, takes its best way
        // in from the nodes that keep their cost.
        for v in subtree + (beyond ? frontier : []) {
            let vi = Int(v)
            touched.append(v)
            var best = Double.infinity, bestEdge: Int32 = -1
            for e in incoming.edges(into: NodeID(vi)) {
                let tail = Int(graph.tails[Int(e)])
                if searched(tail) { continue }
                let candidate = cost[tail] + risen(Int(e))
                if candidate < best { best = candidate; bestEdge = e }
            }
            cost[vi] = best
            parentEdge[vi] = bestEdge
            if best < .infinity { heap.push(key: best, node: v) }
        }
        // The search stops once the targets in it are settled, and, when falls follow, once its
        // next node costs more than every target: a fall passes on only from a node it settled.
        var waiting = Int.max
        if let targets {
            waiting = 0
            for t in targets where searched(Int(t.index)) && !wanted[Int(t.index)] {
                wanted[Int(t.index)] = true
                waiting += 1
            }
        }
        var count = 0
        var bound: Double?
        while let key = heap.minimumKey {
            if waiting == 0 {
                guard falls, let targets else { break }
                if bound == nil { bound = targets.map { cost[Int($0.index)] }.max() ?? -.infinity }
                if key > bound! { break }
            }
            let u = heap.pop()!.node, ui = Int(u)
            if key > cost[ui] { continue }
            if count % ShortestPaths.deadlineStride == 0 && deadline.hasPassed { break }
            count += 1
            if wanted[ui] { wanted[ui] = false; waiting -= 1 }
            for e in graph.firstEdge[ui]..<graph.firstEdge[ui + 1] {
                let vi = Int(graph.heads[Int(e)])
                guard searched(vi) else { continue }
                let candidate = key + risen(Int(e))
                if candidate < cost[vi] {
                    if cost[vi] == .infinity && !inSubtree[vi] { touched.append(Int32(vi)) }
                    cost[vi] = candidate
                    parentEdge[vi] = e
                    heap.push(key: candidate, node: Int32(vi))
                }
            }
        }
        for v in subtree { inSubtree[Int(v)] = false }
        for t in targets ?? [] { wanted[Int(t.index)] = false }
        subtree.removeAll(keepingCapacity: true)
        heap.removeAll()
        guard falls else { return }

        // 2. Falls: the cheaper edges offer their heads a lower cost, passed on while it lowers one
        //    and, given targets, until the next node costs at least as much as every target.
        for t in targets ?? [] { wanted[Int(t.index)] = true }
        defer { for t in targets ?? [] { wanted[Int(t.index)] = false } }
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
        var targetBound = targets.map { $0.map { cost[Int($0.index)] }.max() ?? -.infinity } ?? .infinity
        while let (key, u) = heap.pop() {
            let ui = Int(u)
            if key > cost[ui] { continue }
            if key >= targetBound { break }
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
                    if wanted[vi] { targetBound = targets!.map { cost[Int($0.index)] }.max()! }
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
