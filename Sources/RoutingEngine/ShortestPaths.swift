import Foundation
import RoutingGraph

/// The result of a shortest-path search: the cost to every settled node and the edge it was
/// reached by (`-1` for sources and unreached nodes).
public struct ShortestPathTree: Sendable {
    /// Cost from the nearest source, `.infinity` when not reached.
    public var cost: [Double]
    /// The edge each node was reached by, `-1` if none.
    public var parentEdge: [Int32]
    /// Nodes in the order they were settled (final cost known).
    public var settled: [Int32]
    /// Nodes the search reached but did not settle, because it stopped early (at its targets, its
    /// budget or its deadline): the edge of what it explored, where a continuation would go on.
    /// Empty after a search that settled every node it could reach.
    public var frontier: [Int32] = []

    /// A per-edge quantity (km, hours) summed along the tree's paths: its value at each settled
    /// node, 0 at the sources, `.infinity` where the search did not settle.
    ///
    ///     let kmAlongFastest = tree.accumulate(network.edgeKm, in: network.graph)
    ///
    /// - Complexity: O(V), visiting nodes in settling order so each parent comes first.
    public func accumulate<Values: RandomAccessCollection<Double>>(_ edgeValues: Values, in graph: CompressedGraph) -> [Double]
        where Values.Index == Int {
        var out = [Double](repeating: .infinity, count: cost.count)
        for node in settled {
            let e = parentEdge[Int(node)]
            out[Int(node)] = e < 0 ? 0 : out[Int(graph.tail(EdgeID(Int(e))).index)] + edgeValues[Int(e)]
        }
        return out
    }

    /// The edges from a source to `node`, in travel order; nil when `node` was not reached.
    public func path(to node: NodeID, in graph: CompressedGraph) -> [EdgeID]? {
        guard cost[Int(node.index)].isFinite else { return nil }
        var edges: [EdgeID] = []
        var current = node
        while parentEdge[Int(current.index)] >= 0 {
            let e = EdgeID(Int(parentEdge[Int(current.index)]))
            edges.append(e)
            current = graph.tail(e)
        }
        return edges.reversed()
    }
}

/// What a search may use and when it may stop.
public struct SearchLimits {
    /// Edges that may not be used (`true` = blocked), indexed by ``EdgeID``; nil: all allowed.
    public var blockedEdges: [Bool]?
    /// Nodes that may not be entered, indexed by ``NodeID``; nil: all allowed.
    public var blockedNodes: [Bool]?
    /// Stop once a target is settled (point-to-point); nil: settle every reachable node.
    public var targets: Set<Int32>?
    /// Stop once every one of these nodes is settled (or found unreachable): a one-to-many
    /// search that needs no more than its destinations; nil: no such stop.
    public var settlingAll: [NodeID]?
    /// Do not settle nodes costing more than this.
    public var budget: Double
    /// Stop when it passes, leaving the tree incomplete (the caller checks ``Deadline/hasPassed``).
    public var deadline: Deadline

    /// Limits; each one left out imposes nothing (no blocks, no early stop, no budget, no deadline).
    /// - Parameter budget: the largest cost to settle, in the weights' unit (hours, km).
    public init(blockedEdges: [Bool]? = nil, blockedNodes: [Bool]? = nil, targets: Set<Int32>? = nil,
                settlingAll: [NodeID]? = nil, budget: Double = .infinity, deadline: Deadline = .never) {
        self.blockedEdges = blockedEdges
        self.blockedNodes = blockedNodes
        self.targets = targets
        self.settlingAll = settlingAll
        self.budget = budget
        self.deadline = deadline
    }
}

/// Shortest-path searches over a ``CompressedGraph`` with weights kept apart from it, so one
/// graph serves every costing; the result is a ``ShortestPathTree``.
public enum ShortestPaths {
    /// How many nodes a search settles between two looks at its deadline: on the embedded plan
    /// (about 1,000 nodes) a search looks once, at its start; on a 10^6-node graph about a
    /// thousand times, a few milliseconds apart.
    public static let deadlineStride = 1024

    /// Dijkstra's algorithm (A* when `heuristic` is given) from several sources at once.
    ///
    ///     let tree = ShortestPaths.search(graph, weights: hours, sources: [(NodeID(0), 0)])
    ///     tree.cost[5]             // hours to node 5
    ///
    /// - Parameters:
    ///   - graph: the graph.
    ///   - weights: non-negative cost of each edge, indexed by ``EdgeID``.
    ///   - sources: start nodes with their initial costs.
    ///   - limits: blocked edges and nodes, early-stop targets, a cost budget and a deadline,
    ///     after which the tree holds only the nodes settled so far.
    ///   - heuristic: a lower bound of the cost from a node to the nearest target (admissible
    ///     and consistent, e.g. geodesic distance over the top speed); nil for plain Dijkstra.
    /// - Complexity: O((V + E) log V) with a binary heap.
    public static func search(
        _ graph: CompressedGraph, weights: [Double], sources: [(NodeID, Double)],
        limits: SearchLimits = SearchLimits(), heuristic: ((Int32) -> Double)? = nil
    ) -> ShortestPathTree {
        let n = graph.nodeCount
        // Labels from the last search of this size, reset where it wrote them: a corridor's
        // search touches thousands of a million nodes, and filling and sweeping three arrays of
        // a million entries took longer than the search itself.
        let space = SearchSpace.take(nodeCount: n)
        defer { SearchSpace.give(space) }
        var (cost, parent, done, labelled, settled) = space.takeLabels()
        var heap = BinaryHeap(capacity: 64)
        for (node, initial) in sources where initial < cost[Int(node.index)] {
            if let blocked = limits.blockedNodes, blocked[Int(node.index)] { continue }
            if cost[Int(node.index)] == .infinity { labelled.append(node.index) }
            cost[Int(node.index)] = initial
            heap.push(key: initial + (heuristic?(node.index) ?? 0), node: node.index)
        }
        // The destinations of a one-to-many stop, and how many are not settled yet; with none,
        // nothing is settled.
        var awaited: Set<Int32> = [], waiting = 0
        if let all = limits.settlingAll {
            awaited = Set(all.map(\.index))
            waiting = awaited.count
            if waiting == 0 { heap.removeAll() }
        }
        while let (_, u) = heap.pop() {
            let ui = Int(u)
            if done[ui] { continue }
            let cu = cost[ui]
            if cu > limits.budget { break }
            if settled.count % deadlineStride == 0 && limits.deadline.hasPassed { break }
            done[ui] = true
            settled.append(u)
            // The first target settled is the nearest one.
            if let targets = limits.targets, targets.contains(u) { break }
            for e in graph.firstEdge[ui]..<graph.firstEdge[ui + 1] {
                let ei = Int(e)
                if let blocked = limits.blockedEdges, blocked[ei] { continue }
                let v = graph.heads[ei]
                let vi = Int(v)
                if done[vi] { continue }
                if let blocked = limits.blockedNodes, blocked[vi] { continue }
                let candidate = cu + weights[ei]
                if candidate < cost[vi] {
                    if cost[vi] == .infinity { labelled.append(v) }
                    cost[vi] = candidate
                    parent[vi] = e
                    heap.push(key: candidate + (heuristic?(v) ?? 0), node: v)
                }
            }
            // After its edges: every settled node has offered its neighbours a cost, so the
            // frontier below is all a continuation needs.
            if waiting > 0 && awaited.contains(u) {
                waiting -= 1
                if waiting == 0 { break }
            }
        }
        // Nodes reached but not settled (beyond the budget or after an early stop) keep their
        // tentative cost only when settled; report the rest as unreached, and list them.
        var frontier: [Int32] = []
        for v in labelled where !done[Int(v)] {
            frontier.append(v)
            cost[Int(v)] = .infinity
            parent[Int(v)] = -1
        }
        frontier.sort()
        space.giveLabels(cost: cost, parent: parent, done: done, labelled: labelled, settled: settled)
        return ShortestPathTree(cost: cost, parentEdge: parent, settled: settled, frontier: frontier)
    }
}

/// The label arrays of a search over a graph of some size, kept for the next search of that size:
/// the entries the last search wrote are reset, not all of them. A tree the last search returned
/// shares its arrays until either is written; the next search then copies them, as a new
/// allocation would have.
final class SearchSpace: @unchecked Sendable {
    // @unchecked: a space is used by one search at a time, on the thread that took it.
    let nodeCount: Int
    private var cost: [Double]
    private var parent: [Int32]
    private var done: [Bool]
    /// The nodes the last search gave a cost, whose entries are not clean.
    private var labelled: [Int32] = []
    /// The last search's settling order, whose storage the next search writes again.
    private var settled: [Int32] = []

    private init(nodeCount: Int) {
        self.nodeCount = nodeCount
        cost = [Double](repeating: .infinity, count: nodeCount)
        parent = [Int32](repeating: -1, count: nodeCount)
        done = [Bool](repeating: false, count: nodeCount)
    }

    /// Clean labels (every cost `.infinity`, no parents, nothing done) and empty lists to note
    /// the nodes labelled and settled, for one search; hand them back with
    /// ``giveLabels(cost:parent:done:labelled:settled:)``. After a search that labelled much of
    /// the graph, the arrays are filled in order rather than reset entry by entry, in their own
    /// storage: new arrays of a million entries each cost the kernel a page fault per 4 KB.
    /// A tree that kept them is not touched: the first write copies them, as any write would.
    /// - Complexity: O(nodes the last search labelled), at most O(V).
    func takeLabels() -> (cost: [Double], parent: [Int32], done: [Bool], labelled: [Int32], settled: [Int32]) {
        if labelled.count > nodeCount / 16 {
            cost.withUnsafeMutableBufferPointer { $0.update(repeating: .infinity) }
            parent.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
            done.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        } else {
            for v in labelled {
                cost[Int(v)] = .infinity
                parent[Int(v)] = -1
                done[Int(v)] = false
            }
        }
        labelled.removeAll(keepingCapacity: true)
        settled.removeAll(keepingCapacity: true)
        defer { (cost, parent, done, labelled, settled) = ([], [], [], [], []) }
        return (cost, parent, done, labelled, settled)
    }

    func giveLabels(cost: [Double], parent: [Int32], done: [Bool], labelled: [Int32], settled: [Int32]) {
        (self.cost, self.parent, self.done, self.labelled, self.settled) = (cost, parent, done, labelled, settled)
    }

    /// Each thread's space, kept between its searches: a pool shared under a lock made the two
    /// threads of `projects assess` wait on each other at every one of their thousands of small
    /// corridor searches (1,500 context switches and 11 % longer on the embedded data).
    private static let threadSpace: pthread_key_t = {
        var key = pthread_key_t()
        // A thread that ends releases its space.
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<SearchSpace>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// A space for a graph of `nodeCount` nodes: the one this thread's last search of that
    /// size gave back, or a new one.
    static func take(nodeCount: Int) -> SearchSpace {
        if let kept = pthread_getspecific(threadSpace) {
            pthread_setspecific(threadSpace, nil)
            let space = Unmanaged<SearchSpace>.fromOpaque(kept).takeRetainedValue()
            if space.nodeCount == nodeCount { return space }
        }
        return SearchSpace(nodeCount: nodeCount)
    }

    /// Keeps `space` for this thread's next search, unless it already keeps one (a search
    /// nested in another's).
    static func give(_ space: SearchSpace) {
        guard pthread_getspecific(threadSpace) == nil else { return }
        pthread_setspecific(threadSpace, Unmanaged.passRetained(space).toOpaque())
    }
}
