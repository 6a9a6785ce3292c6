import RoutingGraph

/// The contraction that builds a ``ContractionHierarchy``: nodes are removed one by one, and
/// where the best path between two neighbours ran through the removed node a shortcut replaces
/// it. A witness search (a bounded Dijkstra that avoids the node) decides whether it did.
struct Contraction {
    typealias Arc = ContractionHierarchy.Arc

    /// Arcs between nodes not yet contracted: outgoing, and incoming (target = the tail).
    private var outgoing: [[Arc]]
    private var incoming: [[Arc]]
    private var contracted: [Bool]
    private var deletedNeighbours: [Int32]
    /// Each contracted node's arcs to higher-ranked nodes at the time it was contracted.
    private(set) var upward: [[Arc]]
    private(set) var downward: [[Arc]]
    private var halves: [(Int32, Int32)] = []
    private let edgeCount: Int
    private let witnessLimit: Int
    // Witness search state, reused.
    private var witnessCost: [Double]
    private var touched: [Int32] = []
    private var heap = BinaryHeap(capacity: 64)

    init(graph: CompressedGraph, weights: [Double], witnessLimit: Int) {
        let n = graph.nodeCount
        outgoing = [[Arc]](repeating: [], count: n)
        incoming = outgoing
        upward = outgoing
        downward = outgoing
        contracted = [Bool](repeating: false, count: n)
        deletedNeighbours = [Int32](repeating: 0, count: n)
        witnessCost = [Double](repeating: .infinity, count: n)
        edgeCount = graph.edgeCount
        self.witnessLimit = witnessLimit
        for edge in 0..<graph.edgeCount where weights[edge].isFinite {
            let tail = graph.tails[edge], head = graph.heads[edge]
            if tail != head { addArc(from: tail, to: head, weight: weights[edge], id: Int32(edge)) }
        }
    }

    /// Keeps the cheaper of parallel arcs, in both directions' lists.
    private mutating func addArc(from tail: Int32, to head: Int32, weight: Double, id: Int32) {
        if let i = outgoing[Int(tail)].firstIndex(where: { $0.target == head }) {
            guard weight < outgoing[Int(tail)][i].weight else { return }
            outgoing[Int(tail)][i] = Arc(target: head, weight: weight, id: id)
            let j = incoming[Int(head)].firstIndex { $0.target == tail }!
            incoming[Int(head)][j] = Arc(target: tail, weight: weight, id: id)
            return
        }
        outgoing[Int(tail)].append(Arc(target: head, weight: weight, id: id))
        incoming[Int(head)].append(Arc(target: tail, weight: weight, id: id))
    }

    /// Contracts every node, in `fixedOrder` when given, else by priority; returns the order and
    /// the shortcuts' halves.
    mutating func run(fixedOrder: [Int32]?) -> (order: [Int32], halves: [(Int32, Int32)]) {
        if let fixedOrder {
            for node in fixedOrder { contract(node) }
            return (fixedOrder, halves)
        }
        return (contractByPriority(keeping: nil, maxPriority: .infinity), halves)
    }

    /// The core option: contracts every node but those `keep` marks, cheapest first, and stops
    /// when the cheapest node left would add more than `maxPriority` (edge difference plus
    /// contracted neighbours): past that point the graph left is dense and each contraction adds
    /// more than it removes. Returns the nodes left uncontracted (kept or not) and their arcs,
    /// whose ids below the graph's edge count are its edges and above it shortcuts (``halves``).
    /// - Complexity: as ``run(fixedOrder:)`` for the nodes contracted.
    mutating func runCore(keeping keep: [Bool], maxPriority: Double) -> (remaining: [Int32], arcs: [(tail: Int32, arc: Arc)], halves: [(Int32, Int32)]) {
        let n = outgoing.count
        _ = contractByPriority(keeping: keep, maxPriority: maxPriority)
        let remaining = (0..<n).filter { !contracted[$0] }.map(Int32.init)
        var arcs: [(tail: Int32, arc: Arc)] = []
        for node in remaining { for arc in outgoing[Int(node)] { arcs.append((node, arc)) } }
        return (remaining, arcs, halves)
    }

    /// Contracts the nodes `keep` does not mark (every node when nil), cheapest first by
    /// ``priority(of:)`` with lazy updates, until the cheapest left would add more than
    /// `maxPriority`; returns them in the order contracted.
    private mutating func contractByPriority(keeping keep: [Bool]?, maxPriority: Double) -> [Int32] {
        let n = outgoing.count
        var order: [Int32] = []
        order.reserveCapacity(n)
        var priority = [Double](repeating: 0, count: n)
        var queue = BinaryHeap(capacity: n)
        for node in 0..<n where !(keep?[node] ?? false) {
            priority[node] = self.priority(of: Int32(node))
            queue.push(key: priority[node], node: Int32(node))
        }
        while let (key, node) = queue.pop() {
            guard !contracted[Int(node)], key == priority[Int(node)] else { continue }
            // Lazy update: the priority may have grown since it was pushed.
            let fresh = self.priority(of: node)
            if fresh > key, let next = queue.minimumKey, fresh > next {
                priority[Int(node)] = fresh
                queue.push(key: fresh, node: node)
                continue
            }
            if fresh > maxPriority { break }
            let neighbours = Set(outgoing[Int(node)].map(\.target) + incoming[Int(node)].map(\.target))
            contract(node)
            order.append(node)
            for neighbour in neighbours where !(keep?[Int(neighbour)] ?? false) {
                deletedNeighbours[Int(neighbour)] += 1
                priority[Int(neighbour)] = self.priority(of: neighbour)
                queue.push(key: priority[Int(neighbour)], node: neighbour)
            }
        }
        return order
    }

    /// Edge difference (shortcuts it would add less the arcs it removes) plus the neighbours
    /// already contracted, which spreads the contraction evenly over the graph.
    private mutating func priority(of node: Int32) -> Double {
        let shortcuts = shortcutsNeeded(for: node, limit: min(witnessLimit, 50)).count
        let removed = outgoing[Int(node)].count + incoming[Int(node)].count
        return Double(shortcuts - removed) + Double(deletedNeighbours[Int(node)])
    }

    private mutating func contract(_ node: Int32) {
        for (from, into, weight, inArc, outArc) in shortcutsNeeded(for: node, limit: witnessLimit) {
            halves.append((inArc, outArc))
            addArc(from: from, to: into, weight: weight, id: Int32(edgeCount + halves.count - 1))
        }
        upward[Int(node)] = outgoing[Int(node)]
        downward[Int(node)] = incoming[Int(node)]
        for arc in outgoing[Int(node)] { incoming[Int(arc.target)].removeAll { $0.target == node } }
        for arc in incoming[Int(node)] { outgoing[Int(arc.target)].removeAll { $0.target == node } }
        outgoing[Int(node)] = []
        incoming[Int(node)] = []
        contracted[Int(node)] = true
    }

    /// The shortcuts contracting `node` needs: for each in-neighbour u and out-neighbour w, u→w
    /// through `node`, unless a witness path avoiding `node` is no longer.
    private mutating func shortcutsNeeded(for node: Int32, limit: Int) -> [(Int32, Int32, Double, Int32, Int32)] {
        var result: [(Int32, Int32, Double, Int32, Int32)] = []
        let outs = outgoing[Int(node)]
        guard !outs.isEmpty else { return result }
        let maxOut = outs.map(\.weight).max()!
        for inArc in incoming[Int(node)] {
            let from = inArc.target
            witnessSearch(from: from, avoiding: node, maxCost: inArc.weight + maxOut, limit: limit)
            for outArc in outs where outArc.target != from {
                let via = inArc.weight + outArc.weight
                if witnessCost[Int(outArc.target)] > via {
                    result.append((from, outArc.target, via, inArc.id, outArc.id))
                }
            }
        }
        return result
    }

    private mutating func witnessSearch(from source: Int32, avoiding skipped: Int32, maxCost: Double, limit: Int) {
        for node in touched { witnessCost[Int(node)] = .infinity }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        witnessCost[Int(source)] = 0
        touched.append(source)
        heap.push(key: 0, node: source)
        var settled = 0
        while let (key, node) = heap.pop() {
            guard key == witnessCost[Int(node)] else { continue }
            if key > maxCost || settled >= limit { break }
            settled += 1
            for arc in outgoing[Int(node)] where arc.target != skipped {
                let candidate = key + arc.weight
                if candidate < witnessCost[Int(arc.target)] {
                    if witnessCost[Int(arc.target)] == .infinity { touched.append(arc.target) }
                    witnessCost[Int(arc.target)] = candidate
                    heap.push(key: candidate, node: arc.target)
                }
            }
        }
    }
}
