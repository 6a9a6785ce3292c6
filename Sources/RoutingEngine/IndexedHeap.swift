/// A 4-ary min-heap of node ids keyed by cost, holding each node at most once: an array indexed
/// by node keeps its position, so a cheaper key moves the node up (decrease-key) instead of
/// adding a second entry that Dijkstra would pop and skip. For the witness searches, which
/// ``BinaryHeap`` (lazy deletion) kept busy for a third of the contraction's time: four
/// children per node halve the heap's depth, and no stale entries are pushed or popped.
///
/// A class over raw memory, not arrays: the searches call it millions of times a second, and
/// an array's uniqueness and bounds checks were a measurable part of that. One per thread; it
/// is never shared.
///
///     let heap = IndexedHeap(nodeCount: 10)
///     heap.insertOrDecrease(3, key: 2.5)
///     heap.insertOrDecrease(3, key: 1.0)   // the same entry, moved up
///     heap.popMin()                        // (1.0, 3)
///
/// - Complexity: insert, decrease and pop O(log₄ n); O(nodeCount) memory for the positions.
final class IndexedHeap {
    private var keys: UnsafeMutablePointer<Double>
    private var nodes: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private(set) var count = 0
    /// Each node's index in `keys`/`nodes`, -1 when not in the heap.
    private let position: UnsafeMutablePointer<Int32>
    private let nodeCount: Int

    /// An empty heap for node ids below `nodeCount`.
    /// - Complexity: O(nodeCount).
    init(nodeCount: Int) {
        self.nodeCount = nodeCount
        position = .allocate(capacity: max(1, nodeCount))
        position.initialize(repeating: -1, count: max(1, nodeCount))
        capacity = 256
        keys = .allocate(capacity: capacity)
        nodes = .allocate(capacity: capacity)
    }

    deinit {
        position.deallocate()
        keys.deallocate()
        nodes.deallocate()
    }

    /// Empties the heap.
    /// - Complexity: O(entries left).
    func removeAll() {
        for i in 0..<count { position[Int(nodes[i])] = -1 }
        count = 0
    }

    /// Adds `node` (below the node count) with `key`, or lowers its key if it is in the heap
    /// with a higher one.
    /// - Complexity: O(log₄ n).
    @inline(__always) func insertOrDecrease(_ node: Int32, key: Double) {
        precondition(node >= 0 && Int(node) < nodeCount)
        var at = Int(position[Int(node)])
        if at >= 0 {
            guard key < keys[at] else { return }
        } else {
            if count == capacity { grow() }
            at = count
            count += 1
        }
        while at > 0 {
            let parent = (at - 1) >> 2
            if keys[parent] <= key { break }
            keys[at] = keys[parent]
            nodes[at] = nodes[parent]
            position[Int(nodes[at])] = Int32(at)
            at = parent
        }
        keys[at] = key
        nodes[at] = node
        position[Int(node)] = Int32(at)
    }

    /// Removes and returns the entry with the smallest key, nil when empty.
    /// - Complexity: O(log₄ n), four comparisons per level.
    @inline(__always) func popMin() -> (key: Double, node: Int32)? {
        guard count > 0 else { return nil }
        let topKey = keys[0], topNode = nodes[0]
        position[Int(topNode)] = -1
        count -= 1
        if count > 0 {
            let lastKey = keys[count], lastNode = nodes[count]
            var at = 0
            while true {
                let first = 4 * at + 1
                if first >= count { break }
                var smallest = first
                var child = first + 1
                let end = min(first + 4, count)
                while child < end {
                    if keys[child] < keys[smallest] { smallest = child }
                    child += 1
                }
                if lastKey <= keys[smallest] { break }
                keys[at] = keys[smallest]
                nodes[at] = nodes[smallest]
                position[Int(nodes[at])] = Int32(at)
                at = smallest
            }
            keys[at] = lastKey
            nodes[at] = lastNode
            position[Int(lastNode)] = Int32(at)
        }
        return (topKey, topNode)
    }

    private func grow() {
        let larger = capacity * 2
        let newKeys = UnsafeMutablePointer<Double>.allocate(capacity: larger)
        let newNodes = UnsafeMutablePointer<Int32>.allocate(capacity: larger)
        newKeys.update(from: keys, count: count)
        newNodes.update(from: nodes, count: count)
        keys.deallocate()
        nodes.deallocate()
        keys = newKeys
        nodes = newNodes
        capacity = larger
    }
}
