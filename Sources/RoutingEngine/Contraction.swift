import RoutingGraph

/// The contraction that builds a ``ContractionHierarchy``: nodes are
/// removed, and where the best path between two neighbours ran through a removed node a
/// shortcut replaces it. A witness search (``WitnessSearch``) decides whether it did.
///
/// By priority, it contracts in rounds: each round takes the nodes whose priority is below that
/// of every node within two arcs (no two are adjacent or share a neighbour), decides their shortcuts in
/// parallel, one witness search state per thread, on the graph as the round found it, then
/// applies them one node after another in ascending node order and recomputes the neighbours'
/// priorities, again in parallel. What a round does depends only on the graph before it, so the
/// hierarchy is the same, byte for byte, whatever the number of threads or their timing.
///
/// Why a round stays exact: a node v of the round is replaced, between each pair of its
/// neighbours (never in the round themselves), by a shortcut or by a witness path that avoids
/// every node of the round, so a best path through any of the round's nodes survives in the
/// graph left, as with one node at a time.
///
/// The adjacency is two ``ArcLists`` (flat buffers); a contracted node's lists are frozen in
/// place and become its arcs in the hierarchy.
struct Contraction {
    typealias Arc = ContractionHierarchy.Arc

    /// Arcs between nodes not yet contracted (outgoing, and incoming with the tail as target),
    /// and each contracted node's arcs to the nodes contracted after it.
    private var outgoing: ArcLists
    private var incoming: ArcLists
    private var contracted: [Bool]
    private var deletedNeighbours: [Int32]
    /// The two arcs each shortcut joins, by shortcut id less the edge count.
    private(set) var halves: [ContractionHierarchy.Halves] = []
    private let edgeCount: Int
    private let witnessLimit: Int
    /// One witness search state per thread.
    private var searches: [WitnessSearch]

    /// The graph's edges of finite weight as arcs (loops left out, the cheapest of parallel
    /// edges kept), ready to contract on `workers` threads.
    /// - Complexity: O(V + E) plus O(workers · V) for the witness search states.
    init(graph: CompressedGraph, weights: [Double], witnessLimit: Int, workers: Int) {
        self.init(nodeCount: graph.nodeCount, tails: Array(graph.tails), heads: Array(graph.heads), weights: weights,
                  witnessLimit: witnessLimit, workers: workers)
    }

    /// The edges `tails[e]` → `heads[e]` of finite `weights[e]` of a graph of `nodeCount`
    /// nodes, as ``init(graph:weights:witnessLimit:workers:)``.
    init(nodeCount n: Int, tails: [Int32], heads: [Int32], weights: [Double], witnessLimit: Int, workers: Int) {
        var outDegree = [Int32](repeating: 0, count: n), inDegree = [Int32](repeating: 0, count: n)
        for edge in 0..<weights.count where weights[edge].isFinite && tails[edge] != heads[edge] {
            outDegree[Int(tails[edge])] += 1
            inDegree[Int(heads[edge])] += 1
        }
        outgoing = ArcLists(degrees: outDegree)
        incoming = ArcLists(degrees: inDegree)
        contracted = [Bool](repeating: false, count: n)
        deletedNeighbours = [Int32](repeating: 0, count: n)
        edgeCount = weights.count
        // Road graphs gain about as many shortcuts as they have edges (BENCHMARKS.md); room
        // reserved and not written is not resident, and growing the array would copy it whole.
        halves.reserveCapacity(edgeCount + edgeCount / 4)
        self.witnessLimit = witnessLimit
        searches = (0..<max(1, workers)).map { _ in WitnessSearch(nodeCount: n) }
        for edge in 0..<weights.count where weights[edge].isFinite && tails[edge] != heads[edge] {
            _ = addArc(from: tails[edge], to: heads[edge], weight: weights[edge], id: Int32(edge))
        }
    }

    /// Adds the arc, or lowers a parallel arc's weight to it; keeps a cheaper or equal
    /// parallel arc as it is. Returns whether the graph changed.
    private mutating func addArc(from tail: Int32, to head: Int32, weight: Double, id: Int32) -> Bool {
        if let i = outgoing.index(of: head, in: tail) {
            guard weight < outgoing.arc(at: i).weight else { return false }
            outgoing.replace(at: i, with: Arc(target: head, weight: weight, id: id))
            incoming.replace(at: incoming.index(of: tail, in: head)!, with: Arc(target: tail, weight: weight, id: id))
            return true
        }
        outgoing.append(Arc(target: head, weight: weight, id: id), to: tail)
        incoming.append(Arc(target: tail, weight: weight, id: id), to: head)
        return true
    }

    /// Contracts every node, in `fixedOrder` when given, else by priority in parallel rounds;
    /// returns the order.
    mutating func run(fixedOrder: [Int32]?) -> [Int32] {
        guard let fixedOrder else { return contractByPriority() }
        // One node per round: consecutive nodes of a given order may be adjacent.
        let inRound = [Bool](repeating: false, count: contracted.count)
        for node in fixedOrder { contractRound([node], inRound: inRound) }
        return fixedOrder
    }

    /// The shortcuts' halves as a column, emptying ``halves``.
    mutating func takeHalves() -> Column<ContractionHierarchy.Halves> {
        defer { halves = [] }
        return Column(halves)
    }

    /// The hierarchy's arcs as CSR columns, upward (each node's arcs to later nodes) and
    /// downward (arcs into it from later nodes, stored reversed), given the `order` ``run(fixedOrder:)``
    /// returned; the contraction is spent.
    /// - Complexity: O(V + arcs).
    mutating func takeHierarchyArcs(order: [Int32]) -> (up: (first: Column<Int32>, arcs: Column<Arc>), down: (first: Column<Int32>, arcs: Column<Arc>)) {
        // Free the searches' O(V) arrays and each direction's store before the next column is built.
        searches = []
        contracted = []
        deletedNeighbours = []
        outgoing.releaseBuffer()
        incoming.releaseBuffer()
        let up = outgoing.takeColumns(order: order)
        let down = incoming.takeColumns(order: order)
        return (up, down)
    }

    /// Contracts every node in rounds of local minima of ``priority(of:)``; returns them in the
    /// order contracted.
    private mutating func contractByPriority() -> [Int32] {
        let n = contracted.count
        var order: [Int32] = []
        order.reserveCapacity(n)
        var priority = [Float](repeating: .infinity, count: n)
        var remaining = (0..<n).map(Int32.init)
        var inRound = [Bool](repeating: false, count: n)
        updatePriorities(of: remaining, in: &priority, noneMarked: inRound)
        var queued = [Bool](repeating: false, count: n)
        while !remaining.isEmpty {
            let round = independentSet(of: remaining, priority: priority)
            // The cheapest node left is always a local minimum, so a round is never empty.
            if round.isEmpty { break }
            for node in round { inRound[Int(node)] = true }
            let neighbours = contractRound(round, inRound: inRound)
            for node in round { inRound[Int(node)] = false }
            order.append(contentsOf: round)
            remaining.removeAll { contracted[Int($0)] }
            var stale: [Int32] = []
            for node in neighbours where !queued[Int(node)] {
                queued[Int(node)] = true
                stale.append(node)
            }
            for node in stale { queued[Int(node)] = false }
            stale.sort()
            updatePriorities(of: stale, in: &priority, noneMarked: inRound)
        }
        return order
    }

    /// The nodes of `remaining` (ascending) whose priority is below
    /// that of every uncontracted node within two arcs (either way), ties broken by a hash of
    /// the node ids (so that ties on a regular grid do not all fall to one side); ascending.
    /// Two hops, not one: no two nodes of a round then share a neighbour, so a witness path
    /// rarely meets another node of the round, which it must avoid (one hop left 39 % more
    /// shortcuts than one node at a time on the 10^6-node grid, BENCHMARKS.md).
    /// - Complexity: O(remaining nodes · degree²), spread over the threads.
    private func independentSet(of remaining: [Int32], priority: [Float]) -> [Int32] {
        var chosen = [Bool](repeating: false, count: remaining.count)
        let workers = searches.count
        outgoing.withView { outgoing in
            incoming.withView { incoming in
                priority.withUnsafeBufferPointer { priorityBuffer in
                    remaining.withUnsafeBufferPointer { remainingBuffer in
                        chosen.withUnsafeMutableBufferPointer { chosenBuffer in
                            let priority = SharedBuffer(readOnly: priorityBuffer), remaining = SharedBuffer(readOnly: remainingBuffer)
                            let chosen = SharedBuffer(chosenBuffer)
                            ParallelWork.forEach(count: remaining.base.count, workers: workers, blockSize: 256) { _, index in
                                let node = remaining[index]
                                let key = priority[Int(node)]
                                func precedes(_ other: Int32) -> Bool {
                                    guard other != node else { return false }
                                    let otherKey = priority[Int(other)]
                                    if otherKey != key { return otherKey < key }
                                    let (a, b) = (Self.tieBreak(other), Self.tieBreak(node))
                                    return a != b ? a < b : other < node
                                }
                                func precedesAround(_ neighbour: Int32) -> Bool {
                                    if precedes(neighbour) { return true }
                                    for arc in outgoing.arcs(of: neighbour) where precedes(arc.target) { return true }
                                    for arc in incoming.arcs(of: neighbour) where precedes(arc.target) { return true }
                                    return false
                                }
                                for arc in outgoing.arcs(of: node) where precedesAround(arc.target) { return }
                                for arc in incoming.arcs(of: node) where precedesAround(arc.target) { return }
                                chosen[index] = true
                            }
                        }
                    }
                }
            }
        }
        return remaining.indices.filter { chosen[$0] }.map { remaining[$0] }
    }

    /// A fixed scramble of the node id.
    private static func tieBreak(_ node: Int32) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    /// Sets the priority of each of `nodes` (distinct), in parallel; `noneMarked` is a mark per
    /// node with none set (the rounds' marks between rounds), so the searches avoid no node.
    private mutating func updatePriorities(of nodes: [Int32], in priority: inout [Float], noneMarked noneAvoided: [Bool]) {
        var searches = self.searches
        self.searches = []
        let limit = min(witnessLimit, 50)
        outgoing.withView { outgoing in
            incoming.withView { incoming in
                deletedNeighbours.withUnsafeBufferPointer { deletedBuffer in
                    noneAvoided.withUnsafeBufferPointer { noneBuffer in
                        nodes.withUnsafeBufferPointer { nodesBuffer in
                            priority.withUnsafeMutableBufferPointer { priorityBuffer in
                                searches.withUnsafeMutableBufferPointer { searchesBuffer in
                                    let deleted = SharedBuffer(readOnly: deletedBuffer), none = SharedBuffer(readOnly: noneBuffer)
                                    let nodes = SharedBuffer(readOnly: nodesBuffer), priority = SharedBuffer(priorityBuffer)
                                    let searches = SharedBuffer(searchesBuffer)
                                    ParallelWork.forEach(count: nodes.base.count, workers: searches.base.count) { worker, index in
                                        let node = nodes[index]
                                        let shortcuts = searches[worker].shortcuts(of: node, outgoing: outgoing, incoming: incoming,
                                                                                   avoiding: none, limit: limit, record: false)
                                        let removed = outgoing.arcs(of: node).count + incoming.arcs(of: node).count
                                        priority[Int(node)] = Float(shortcuts - removed) + Float(deleted[Int(node)])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.searches = searches
    }

    /// Contracts the nodes of `round` (pairwise not adjacent, ascending, marked in `inRound`):
    /// their shortcuts found in parallel on the graph as it is, then applied node by node.
    /// Returns the contracted nodes' neighbours, with repeats.
    @discardableResult
    private mutating func contractRound(_ round: [Int32], inRound: [Bool]) -> [Int32] {
        var searches = self.searches
        self.searches = []
        // Where each round node's shortcuts are: its worker's `found`, from `start`, `count` of them.
        var placement = [(worker: Int32, start: Int32, count: Int32)](repeating: (0, 0, 0), count: round.count)
        let limit = witnessLimit
        outgoing.withView { outgoing in
            incoming.withView { incoming in
                inRound.withUnsafeBufferPointer { inRoundBuffer in
                    round.withUnsafeBufferPointer { roundBuffer in
                        placement.withUnsafeMutableBufferPointer { placementBuffer in
                            searches.withUnsafeMutableBufferPointer { searchesBuffer in
                                let avoiding = SharedBuffer(readOnly: inRoundBuffer), round = SharedBuffer(readOnly: roundBuffer)
                                let placement = SharedBuffer(placementBuffer), searches = SharedBuffer(searchesBuffer)
                                ParallelWork.forEach(count: round.base.count, workers: searches.base.count, blockSize: 16) { worker, index in
                                    let start = searches[worker].found.count
                                    let count = searches[worker].shortcuts(of: round[index], outgoing: outgoing, incoming: incoming,
                                                                           avoiding: avoiding, limit: limit, record: true)
                                    placement[index] = (Int32(worker), Int32(start), Int32(count))
                                }
                            }
                        }
                    }
                }
            }
        }
        var neighbours: [Int32] = []
        for (index, node) in round.enumerated() {
            let (worker, start, count) = placement[index]
            for k in Int(start) ..< Int(start + count) {
                let shortcut = searches[Int(worker)].found[k]
                if addArc(from: shortcut.from, to: shortcut.to, weight: shortcut.weight, id: Int32(edgeCount + halves.count)) {
                    halves.append(ContractionHierarchy.Halves(first: shortcut.first, second: shortcut.second))
                    precondition(edgeCount + halves.count < Int(Int32.max), "more arcs than 32-bit ids number")
                }
            }
            remove(node, neighbours: &neighbours)
        }
        for worker in searches.indices { searches[worker].found.removeAll(keepingCapacity: true) }
        self.searches = searches
        return neighbours
    }

    /// Takes `node` out of the graph left: its lists are frozen as its hierarchy arcs, and its
    /// neighbours lose their arcs to it and count it as a contracted neighbour. Appends the
    /// neighbours to `neighbours`.
    private mutating func remove(_ node: Int32, neighbours: inout [Int32]) {
        let first = neighbours.count
        for arc in outgoing.arcs(of: node) { neighbours.append(arc.target) }
        for arc in incoming.arcs(of: node) { neighbours.append(arc.target) }
        for k in first ..< neighbours.count {
            let neighbour = neighbours[k]
            incoming.remove(target: node, from: neighbour)
            outgoing.remove(target: node, from: neighbour)
        }
        // A node both before and after this one counts it once.
        let distinct = Set(neighbours[first...])
        for neighbour in distinct { deletedNeighbours[Int(neighbour)] += 1 }
        outgoing.freeze(node)
        incoming.freeze(node)
        contracted[Int(node)] = true
    }
}
