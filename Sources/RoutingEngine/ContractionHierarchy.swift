import RoutingGraph

/// A contraction hierarchy (Geisberger et al. 2008) of a graph under one set of weights: the
/// nodes ranked by importance, and shortcuts that let a search climb the ranks from both ends
/// and meet, settling a few hundred nodes where Dijkstra settles a country.
///
///     let hierarchy = ContractionHierarchy(graph: graph.topology, weights: hours)
///     hierarchy.distance(from: a, to: b)                   // the same as Dijkstra's
///     hierarchy.path(from: a, to: b)                       // the original edges, unpacked
///     hierarchy.table(sources: cities, targets: ports)     // many-to-many, from buckets
///     hierarchy.table(sources: cities, targets: ports, alongside: km)   // and the km of each best path
///     hierarchy.recontracted(weights: withoutBridge)       // a scenario: new weights, same order
///
/// Edges weighing `.infinity` are left out (a scenario's closed links). A scenario changes
/// weights, not topology, so ``recontracted(weights:)`` keeps the node order found the first time
/// and only redoes the contraction: a customisation in the sense of customizable route
/// planning, without the metric-independent order a CCH would need.
///
/// - Complexity: building is O(n · w) for n nodes and witness searches of w settled nodes
///   (bounded); a query settles O(√n)-ish nodes on road networks.
public struct ContractionHierarchy: Sendable {
    /// An arc of the hierarchy: an original edge (`id` below the graph's edge count) or a
    /// shortcut. 16 bytes with no padding (the id before the weight), the layout a prepared
    /// hierarchy's file stores and a memory map is read as (``ContractionHierarchyFile``).
    struct Arc: Sendable, BitwiseCopyable {
        var target: Int32
        var id: Int32
        var weight: Double

        init(target: Int32, weight: Double, id: Int32) {
            self.target = target
            self.id = id
            self.weight = weight
        }
    }

    /// The two arcs a shortcut replaces, in travel order.
    struct Halves: Sendable, BitwiseCopyable {
        var first: Int32
        var second: Int32
    }

    /// The number of nodes.
    public let nodeCount: Int
    /// Each node's rank: 0 was contracted first.
    public let rank: Column<Int32>
    /// The nodes in contraction order.
    public let order: Column<Int32>
    /// Arcs from each node to higher-ranked nodes (for the forward search), CSR.
    let upFirst: Column<Int32>, upArcs: Column<Arc>
    /// Arcs into each node from higher-ranked nodes, stored reversed (for the backward search).
    let downFirst: Column<Int32>, downArcs: Column<Arc>
    /// The original edge count: arc ids below it are edges; above, shortcuts.
    let edgeCount: Int
    /// For shortcut `id - edgeCount`: the two arcs it replaces.
    let shortcutHalves: Column<Halves>

    /// The number of shortcuts added.
    public var shortcutCount: Int { shortcutHalves.count }

    /// Contracts `graph` under `weights`, choosing the order by edge difference and contracted
    /// neighbours (lazy updates).
    ///
    /// - Parameters:
    ///   - graph: the topology.
    ///   - weights: non-negative cost of each edge, `.infinity` for one that may not be used.
    ///   - witnessLimit: the most nodes a witness search settles before it gives up and adds
    ///     the shortcut anyway (more shortcuts, never a wrong distance).
    ///   - threads: the threads the contraction's rounds use (default: the cores available).
    ///     The hierarchy is the same for any number.
    /// - Complexity: O(n · w) witness search work for witness searches of w settled nodes,
    ///   spread over `threads`.
    public init(graph: CompressedGraph, weights: [Double], witnessLimit: Int = 500, threads: Int = 0) {
        self.init(graph: graph, weights: weights, order: nil, witnessLimit: witnessLimit,
                  threads: threads > 0 ? threads : ParallelWork.defaultWorkers)
    }

    /// The same hierarchy order under new weights: a scenario's customisation.
    /// - Complexity: the contraction again, without the ordering's priority updates.
    public func recontracted(graph: CompressedGraph, weights: [Double]) -> ContractionHierarchy {
        ContractionHierarchy(graph: graph, weights: weights, order: Array(order), witnessLimit: 500, threads: 1)
    }

    /// A hierarchy from its parts, as a file stores them; ``ContractionHierarchyFile`` checks
    /// them before it calls this.
    init(nodeCount: Int, edgeCount: Int, rank: Column<Int32>, order: Column<Int32>, upFirst: Column<Int32>, upArcs: Column<Arc>,
         downFirst: Column<Int32>, downArcs: Column<Arc>, shortcutHalves: Column<Halves>) {
        self.nodeCount = nodeCount
        self.edgeCount = edgeCount
        self.rank = rank
        self.order = order
        self.upFirst = upFirst
        self.upArcs = upArcs
        self.downFirst = downFirst
        self.downArcs = downArcs
        self.shortcutHalves = shortcutHalves
    }

    private init(graph: CompressedGraph, weights: [Double], order fixedOrder: [Int32]?, witnessLimit: Int, threads: Int) {
        self.init(contraction: Contraction(graph: graph, weights: weights, witnessLimit: witnessLimit, workers: threads),
                  nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, order: fixedOrder)
    }

    /// Contracts the graph `load` returns under its weights, as ``init(graph:weights:witnessLimit:threads:)``,
    /// but without holding the graph or the weights past the contraction's first step: they
    /// are released (if the caller keeps no reference) once their arcs are copied. For a graph
    /// read through a memory map, the map's pages then leave the process before the contraction
    /// grows: at 10^7 nodes a 1.8 GB file (BENCHMARKS.md).
    ///
    ///     let hierarchy = try ContractionHierarchy {
    ///         let network = try loadNetwork()              // the graph and its weights, nothing kept
    ///         return (network.graph.topology, network.weights.values)
    ///     }
    ///
    /// - Complexity: as ``init(graph:weights:witnessLimit:threads:)``, plus O(E) for the copy.
    public init(witnessLimit: Int = 500, threads: Int = 0,
                loading load: () throws -> (graph: CompressedGraph, weights: [Double])) rethrows {
        let nodeCount: Int, edgeCount: Int, tails: [Int32], heads: [Int32], weights: [Double]
        do {
            let loaded = try load()
            nodeCount = loaded.graph.nodeCount
            edgeCount = loaded.graph.edgeCount
            // Plain copies of the ends, so that nothing of the graph is held past this block:
            // the adjacency is built after the graph is gone.
            tails = Array(loaded.graph.tails)
            heads = Array(loaded.graph.heads)
            weights = loaded.weights
        }
        let contraction = Contraction(nodeCount: nodeCount, tails: tails, heads: heads, weights: weights, witnessLimit: witnessLimit,
                                      workers: threads > 0 ? threads : ParallelWork.defaultWorkers)
        self.init(contraction: contraction, nodeCount: nodeCount, edgeCount: edgeCount, order: nil)
    }

    private init(contraction: consuming Contraction, nodeCount n: Int, edgeCount: Int, order fixedOrder: [Int32]?) {
        var contraction = contraction
        nodeCount = n
        self.edgeCount = edgeCount
        let order = contraction.run(fixedOrder: fixedOrder)
        self.order = Column(order)
        rank = Column(count: n) { buffer in
            for (position, node) in order.enumerated() { buffer[Int(node)] = Int32(position) }
        }
        shortcutHalves = contraction.takeHalves()
        ((upFirst, upArcs), (downFirst, downArcs)) = contraction.takeHierarchyArcs(order: order)
    }

    // MARK: Queries

    /// The cost of the best path, `.infinity` when there is none. For many queries keep a
    /// ``Query``: this allocates its O(n) arrays anew.
    /// - Complexity: two upward searches; on road networks a few hundred nodes each.
    public func distance(from source: NodeID, to target: NodeID) -> Double {
        var query = Query(self)
        return query.distance(from: source, to: target)
    }

    /// The best path as the graph's original edges, in travel order; nil when there is none.
    /// For many queries keep a ``Query``.
    public func path(from source: NodeID, to target: NodeID) -> (cost: Double, edges: [EdgeID])? {
        var query = Query(self)
        return query.path(from: source, to: target)
    }

    /// A reusable point-to-point searcher: its arrays are allocated once and only the entries a
    /// search touched are reset, so a query costs what it settles, not O(n). One per thread.
    ///
    ///     var query = ContractionHierarchy.Query(hierarchy)
    ///     for (s, t) in pairs { print(query.distance(from: s, to: t)) }
    public struct Query: Sendable {
        /// The hierarchy it searches.
        public let hierarchy: ContractionHierarchy
        var search: QuerySearch

        /// A searcher for `hierarchy`.
        /// - Complexity: O(n) once.
        public init(_ hierarchy: ContractionHierarchy) {
            self.hierarchy = hierarchy
            search = QuerySearch(nodeCount: hierarchy.nodeCount)
        }

        /// The cost of the best path, `.infinity` when there is none.
        /// - Complexity: two upward searches with stall-on-demand.
        public mutating func distance(from source: NodeID, to target: NodeID) -> Double {
            search.run(hierarchy, from: source.index, to: target.index).cost
        }

        /// The best path as the graph's original edges, in travel order; nil when there is none.
        /// - Complexity: the search, plus the unpacked path's length.
        public mutating func path(from source: NodeID, to target: NodeID) -> (cost: Double, edges: [EdgeID])? {
            let result = search.run(hierarchy, from: source.index, to: target.index)
            guard result.cost.isFinite else { return nil }
            var arcs: [Int32] = []
            var node = result.meeting
            while let arc = search.forwardParent[node] { arcs.append(arc.id); node = Int(arc.from) }
            arcs.reverse()
            node = result.meeting
            while let arc = search.backwardParent[node] { arcs.append(arc.id); node = Int(arc.from) }
            return (result.cost, arcs.flatMap(hierarchy.unpack).map { EdgeID(Int($0)) })
        }
    }

    /// The original edges under an arc, in order.
    func unpack(_ id: Int32) -> [Int32] {
        var result: [Int32] = []
        var stack = [id]
        while let top = stack.popLast() {
            if Int(top) < edgeCount { result.append(top); continue }
            let halves = shortcutHalves[Int(top) - edgeCount]
            stack.append(halves.second)
            stack.append(halves.first)
        }
        return result
    }

    /// Costs between every source and every target (rows: sources), `.infinity` where none:
    /// one backward search per target fills buckets at the nodes it settles; one forward search
    /// per source scans the buckets of the nodes it settles.
    ///
    /// - Complexity: (|S| + |T|) upward searches plus the bucket entries scanned.
    public func table(sources: [NodeID], targets: [NodeID]) -> [[Double]] {
        buckets(sources: sources, targets: targets, alongside: nil).cost
    }

    /// Costs between every source and every target, as ``table(sources:targets:)``, and beside
    /// each cost a second per-edge quantity summed along the same best path: the km of the
    /// fastest path, or the hours of the shortest, without unpacking a path.
    ///
    ///     let (hours, km) = hierarchy.table(sources: cities, targets: ports, alongside: lengthKm)
    ///
    /// Where two paths tie on cost, the second quantity is that of one of them.
    ///
    /// - Parameters:
    ///   - sources: the rows.
    ///   - targets: the columns.
    ///   - edgeValues: the quantity on each original edge, indexed by ``EdgeID``.
    /// - Returns: `cost[i][j]` from `sources[i]` to `targets[j]` (`.infinity` where there is no
    ///   path) and `alongside[i][j]`, the quantity along that path (`.infinity` there too).
    /// - Complexity: as ``table(sources:targets:)``, plus O(E + shortcuts) to sum the quantity
    ///   over every shortcut once.
    public func table(sources: [NodeID], targets: [NodeID], alongside edgeValues: [Double]) -> (cost: [[Double]], alongside: [[Double]]) {
        precondition(edgeValues.count == edgeCount, "one value per original edge")
        // A shortcut's halves are older arcs, so one pass in id order sums every shortcut.
        var arcValues = edgeValues
        arcValues.reserveCapacity(edgeCount + shortcutHalves.count)
        for halves in shortcutHalves { arcValues.append(arcValues[Int(halves.first)] + arcValues[Int(halves.second)]) }
        let result = buckets(sources: sources, targets: targets, alongside: arcValues)
        return (result.cost, result.alongside)
    }

    /// The bucket table; with `arcValues` (one per arc id), the quantity along each best path too.
    private func buckets(sources: [NodeID], targets: [NodeID], alongside arcValues: [Double]?) -> (cost: [[Double]], alongside: [[Double]]) {
        var buckets = [[(target: Int32, cost: Double, along: Double)]](repeating: [], count: nodeCount)
        var search = UpwardSearch(nodeCount: nodeCount, tracking: arcValues)
        for (index, target) in targets.enumerated() {
            search.run(from: target.index, first: downFirst, arcs: downArcs, stallFirst: upFirst, stallArcs: upArcs) { node, cost, along in
                buckets[Int(node)].append((Int32(index), cost, along))
            }
        }
        let none = [Double](repeating: .infinity, count: targets.count)
        var table = [[Double]](repeating: none, count: sources.count)
        var alongside = [[Double]](repeating: arcValues == nil ? [] : none, count: arcValues == nil ? 0 : sources.count)
        for (row, source) in sources.enumerated() {
            search.run(from: source.index, first: upFirst, arcs: upArcs, stallFirst: downFirst, stallArcs: downArcs) { node, cost, along in
                for entry in buckets[Int(node)] where cost + entry.cost < table[row][Int(entry.target)] {
                    table[row][Int(entry.target)] = cost + entry.cost
                    if arcValues != nil { alongside[row][Int(entry.target)] = along + entry.along }
                }
            }
        }
        return (table, alongside)
    }
}

/// A Dijkstra over one direction of the hierarchy that settles every node it can reach
/// upward; reused between searches (only the touched entries are reset).
struct UpwardSearch {
    var cost: [Double]
    /// With a quantity per arc id: its sum along each node's current best path.
    let arcValues: [Double]?
    var along: [Double]
    var touched: [Int32] = []
    var heap = BinaryHeap(capacity: 256)

    init(nodeCount: Int, tracking arcValues: [Double]? = nil) {
        cost = [Double](repeating: .infinity, count: nodeCount)
        self.arcValues = arcValues
        along = arcValues == nil ? [] : [Double](repeating: 0, count: nodeCount)
    }

    /// - Parameters:
    ///   - first, arcs: the direction's upward arcs.
    ///   - stallFirst, stallArcs: the other direction's arcs, read backwards for
    ///     stall-on-demand: a node reached more cheaply from a higher node than by the search's
    ///     own path is not on a shortest path, so its arcs are not relaxed.
    ///   - settle: called with each settled node, its cost and the tracked quantity (0 when
    ///     nothing is tracked).
    mutating func run(from source: Int32, first: Column<Int32>, arcs: Column<ContractionHierarchy.Arc>,
                      stallFirst: Column<Int32>, stallArcs: Column<ContractionHierarchy.Arc>, settle: (Int32, Double, Double) -> Void) {
        for node in touched { cost[Int(node)] = .infinity }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        cost[Int(source)] = 0
        if arcValues != nil { along[Int(source)] = 0 }
        touched.append(source)
        heap.push(key: 0, node: source)
        nodes: while let (key, node) = heap.pop() {
            guard key == cost[Int(node)] else { continue }
            for a in stallFirst[Int(node)]..<stallFirst[Int(node) + 1] {
                let arc = stallArcs[Int(a)]
                if cost[Int(arc.target)] + arc.weight < key { continue nodes }
            }
            settle(node, key, arcValues == nil ? 0 : along[Int(node)])
            for a in first[Int(node)]..<first[Int(node) + 1] {
                let arc = arcs[Int(a)]
                let candidate = key + arc.weight
                if candidate < cost[Int(arc.target)] {
                    if cost[Int(arc.target)] == .infinity { touched.append(arc.target) }
                    cost[Int(arc.target)] = candidate
                    if let arcValues { along[Int(arc.target)] = along[Int(node)] + arcValues[Int(arc.id)] }
                    heap.push(key: candidate, node: arc.target)
                }
            }
        }
    }
}

/// The bidirectional point-to-point query: both searches climb; the best meeting node wins; a
/// direction stops once its smallest key reaches the best cost found.
struct QuerySearch: Sendable {
    struct Parent: Sendable { var from: Int32; var id: Int32 }
    var forwardCost: [Double], backwardCost: [Double]
    var forwardParent: [Parent?], backwardParent: [Parent?]
    /// Nodes whose entries the last search set, reset by the next.
    var touched: [Int32] = []
    var forward = BinaryHeap(capacity: 64), backward = BinaryHeap(capacity: 64)

    init(nodeCount: Int) {
        forwardCost = [Double](repeating: .infinity, count: nodeCount)
        backwardCost = forwardCost
        forwardParent = [Parent?](repeating: nil, count: nodeCount)
        backwardParent = forwardParent
    }

    mutating func run(_ h: ContractionHierarchy, from source: Int32, to target: Int32) -> (cost: Double, meeting: Int) {
        for node in touched {
            forwardCost[Int(node)] = .infinity; backwardCost[Int(node)] = .infinity
            forwardParent[Int(node)] = nil; backwardParent[Int(node)] = nil
        }
        touched.removeAll(keepingCapacity: true)
        forward.removeAll()
        backward.removeAll()
        touched.append(source)
        touched.append(target)
        forwardCost[Int(source)] = 0
        backwardCost[Int(target)] = 0
        forward.push(key: 0, node: source)
        backward.push(key: 0, node: target)
        var best = Double.infinity, meeting = -1
        if source == target { return (0, Int(source)) }
        while true {
            let forwardMore = (forward.minimumKey ?? .infinity) < best
            let backwardMore = (backward.minimumKey ?? .infinity) < best
            if !forwardMore && !backwardMore { break }
            let useForward = forwardMore && (!backwardMore || forward.minimumKey! <= backward.minimumKey!)
            if useForward {
                Self.step(&forward, costs: &forwardCost, parents: &forwardParent, other: backwardCost, first: h.upFirst, arcs: h.upArcs,
                          stallFirst: h.downFirst, stallArcs: h.downArcs, best: &best, meeting: &meeting, touched: &touched)
            } else {
                Self.step(&backward, costs: &backwardCost, parents: &backwardParent, other: forwardCost, first: h.downFirst, arcs: h.downArcs,
                          stallFirst: h.upFirst, stallArcs: h.upArcs, best: &best, meeting: &meeting, touched: &touched)
            }
        }
        return (best, meeting)
    }

    /// Static, so that the `inout` arrays are not accessed through `self` while it is (Swift
    /// would copy them on every call, as it did in ``RoutingGraph/Builder``).
    private static func step(_ heap: inout BinaryHeap, costs: inout [Double], parents: inout [Parent?], other: [Double],
                             first: Column<Int32>, arcs: Column<ContractionHierarchy.Arc>, stallFirst: Column<Int32>,
                             stallArcs: Column<ContractionHierarchy.Arc>,
                             best: inout Double, meeting: inout Int, touched: inout [Int32]) {
        guard let (key, node) = heap.pop(), key == costs[Int(node)] else { return }
        if key + other[Int(node)] < best {
            best = key + other[Int(node)]
            meeting = Int(node)
        }
        // Stall-on-demand: reached more cheaply from above, the node leads nowhere useful.
        for a in stallFirst[Int(node)]..<stallFirst[Int(node) + 1] {
            let arc = stallArcs[Int(a)]
            if costs[Int(arc.target)] + arc.weight < key { return }
        }
        for a in first[Int(node)]..<first[Int(node) + 1] {
            let arc = arcs[Int(a)]
            let candidate = key + arc.weight
            if candidate < costs[Int(arc.target)] {
                if costs[Int(arc.target)] == .infinity { touched.append(arc.target) }
                costs[Int(arc.target)] = candidate
                parents[Int(arc.target)] = Parent(from: node, id: arc.id)
                heap.push(key: candidate, node: arc.target)
            }
        }
    }
}
