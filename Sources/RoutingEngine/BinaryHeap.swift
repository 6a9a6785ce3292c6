/// A binary min-heap of (key, node) pairs for Dijkstra with lazy deletion: a node may be pushed
/// again with a smaller key, and stale entries are skipped when popped.
///
///     var heap = BinaryHeap()
///     heap.push(key: 2.5, node: 7)
///     heap.pop()   // (2.5, 7)
///
/// - Complexity: push and pop O(log n).
public struct BinaryHeap: Sendable {
    @usableFromInline var keys: [Double] = []
    @usableFromInline var nodes: [Int32] = []

    /// An empty heap with room for `capacity` entries before it reallocates.
    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        nodes.reserveCapacity(capacity)
    }

    /// Whether no entries remain; stale entries count as entries until popped.
    public var isEmpty: Bool { keys.isEmpty }
    /// The number of entries, stale ones included.
    public var count: Int { keys.count }
    /// The smallest key, nil when empty (a bidirectional search stops on it).
    public var minimumKey: Double? { keys.first }

    /// Empties the heap and keeps its storage for the next search.
    public mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    /// Adds `node` with `key`; an entry already in the heap for the node stays (lazy deletion).
    /// - Complexity: O(log n).
    @inlinable public mutating func push(key: Double, node: Int32) {
        keys.append(key)
        nodes.append(node)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            if keys[parent] <= key { break }
            keys[child] = keys[parent]
            nodes[child] = nodes[parent]
            child = parent
        }
        keys[child] = key
        nodes[child] = node
    }

    /// Removes and returns the entry with the smallest key; nil when empty. Ties come out in no
    /// particular order.
    /// - Complexity: O(log n).
    @inlinable public mutating func pop() -> (key: Double, node: Int32)? {
        guard let top = keys.first else { return nil }
        let topNode = nodes[0]
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        if !keys.isEmpty {
            var parent = 0
            let n = keys.count
            while true {
                var child = 2 * parent + 1
                if child >= n { break }
                if child + 1 < n && keys[child + 1] < keys[child] { child += 1 }
                if lastKey <= keys[child] { break }
                keys[parent] = keys[child]
                nodes[parent] = nodes[child]
                parent = child
            }
            keys[parent] = lastKey
            nodes[parent] = lastNode
        }
        return (top, topNode)
    }
}
