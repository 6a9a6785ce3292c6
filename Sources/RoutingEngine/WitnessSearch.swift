/// The witness searches of a contraction, with one thread's reusable state: before a node is
/// contracted, for each in-neighbour u a bounded Dijkstra that avoids the node asks whether
/// every out-neighbour w is reached at no more than the path u → node → w; where not, that path
/// becomes a shortcut.
///
/// Each search stops as soon as it has settled every out-neighbour it asks about (on road
/// graphs most searches then end after a few dozen nodes), once its smallest key exceeds the
/// longest path through the node, or after `limit` settled nodes; a search cut short only adds
/// a shortcut that was not needed, never loses a distance.
///
///     var search = WitnessSearch(nodeCount: n)
///     let count = search.shortcuts(of: v, outgoing: out, incoming: in, avoiding: round, limit: 500, record: true)
///     search.found.suffix(count)    // the shortcuts contracting v needs
///
/// - Complexity: per in-neighbour, at most `limit` settled nodes, O(limit · degree · log₄ limit).
struct WitnessSearch {
    /// A shortcut a contraction needs: `from` → `to` at `weight`, standing for the arcs `first`
    /// (into the node) and `second` (out of it).
    struct Shortcut: Sendable {
        var from: Int32
        var to: Int32
        var weight: Double
        var first: Int32
        var second: Int32
    }

    /// The shortcuts recorded by ``shortcuts(of:outgoing:incoming:avoiding:limit:record:)``,
    /// appended call after call until the owner empties it.
    var found: [Shortcut] = []
    /// Per node: the cost of the best path the last search found (infinity where it did not
    /// reach), and whether the node is an out-neighbour the search asks about.
    private let perNode: PerNode
    private var touched: [Int32] = []
    private let heap: IndexedHeap

    /// Raw per-node memory, one per thread: these arrays are read and written millions of times
    /// a second, and an array's uniqueness and bounds checks were a measurable part of that.
    private final class PerNode {
        let cost: UnsafeMutablePointer<Double>
        let isTarget: UnsafeMutablePointer<Bool>

        init(count: Int) {
            cost = .allocate(capacity: max(1, count))
            cost.initialize(repeating: .infinity, count: max(1, count))
            isTarget = .allocate(capacity: max(1, count))
            isTarget.initialize(repeating: false, count: max(1, count))
        }

        deinit {
            cost.deallocate()
            isTarget.deallocate()
        }
    }

    /// State for a graph of `nodeCount` nodes.
    /// - Complexity: O(nodeCount) once.
    init(nodeCount: Int) {
        perNode = PerNode(count: nodeCount)
        heap = IndexedHeap(nodeCount: nodeCount)
    }

    /// The number of shortcuts contracting `node` needs, appended to ``found`` when `record`.
    ///
    /// - Parameters:
    ///   - outgoing, incoming: the graph not yet contracted, both directions.
    ///   - avoiding: nodes no witness path may pass, true for the other nodes contracted in the
    ///     same round: their contraction removes them, and each one's shortcuts are decided
    ///     without the others', so a witness through one of them might vanish.
    ///   - limit: the most nodes one search settles.
    /// - Complexity: one search per in-neighbour, each at most `limit` settled nodes.
    mutating func shortcuts(of node: Int32, outgoing: ArcLists.View, incoming: ArcLists.View,
                            avoiding: SharedBuffer<Bool>, limit: Int, record: Bool) -> Int {
        let outs = outgoing.arcs(of: node)
        guard !outs.isEmpty else { return 0 }
        let cost = perNode.cost, isTarget = perNode.isTarget
        var needed = 0
        for inArc in incoming.arcs(of: node) {
            let from = inArc.target
            var targets = 0
            var longest = 0.0
            for outArc in outs where outArc.target != from {
                isTarget[Int(outArc.target)] = true
                targets += 1
                longest = max(longest, inArc.weight + outArc.weight)
            }
            guard targets > 0 else { continue }
            search(from: from, skipping: node, outgoing: outgoing, avoiding: avoiding, maxCost: longest, limit: limit, targets: targets)
            for outArc in outs where outArc.target != from {
                isTarget[Int(outArc.target)] = false
                let via = inArc.weight + outArc.weight
                // A witness as short as the path through the node makes the shortcut unnecessary.
                if cost[Int(outArc.target)] > via {
                    needed += 1
                    if record { found.append(Shortcut(from: from, to: outArc.target, weight: via, first: inArc.id, second: outArc.id)) }
                }
            }
        }
        return needed
    }

    /// A Dijkstra from `source` over `outgoing` that never enters `skipped` or a node `avoiding`
    /// marks, stopping when it has settled `targets` nodes marked as targets, when its
    /// smallest key exceeds `maxCost`, or after `limit` settled nodes. Leaves in the costs the
    /// cost of a path (not always the best) to every node it reached, infinity elsewhere.
    private mutating func search(from source: Int32, skipping skipped: Int32, outgoing: ArcLists.View,
                                 avoiding: SharedBuffer<Bool>, maxCost: Double, limit: Int, targets: Int) {
        let cost = perNode.cost, isTarget = perNode.isTarget, avoided = avoiding.base.baseAddress!
        for node in touched { cost[Int(node)] = .infinity }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        cost[Int(source)] = 0
        touched.append(source)
        heap.insertOrDecrease(source, key: 0)
        var settled = 0
        var unsettledTargets = targets
        while let (key, node) = heap.popMin() {
            if key > maxCost || settled >= limit { break }
            settled += 1
            if isTarget[Int(node)] {
                unsettledTargets -= 1
                if unsettledTargets == 0 { break }
            }
            for arc in outgoing.arcs(of: node) where arc.target != skipped && !avoided[Int(arc.target)] {
                let candidate = key + arc.weight
                if candidate < cost[Int(arc.target)] {
                    if cost[Int(arc.target)] == .infinity { touched.append(arc.target) }
                    cost[Int(arc.target)] = candidate
                    heap.insertOrDecrease(arc.target, key: candidate)
                }
            }
        }
    }
}
