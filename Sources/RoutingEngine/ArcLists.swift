import RoutingGraph

/// One direction's arcs of a graph under contraction, every node's list in one flat buffer:
/// node v's arcs are `arcs[start[v] ..< start[v] + count[v]]`, with room up to `capacity[v]`.
///
/// It replaces an array of arrays (`[[Arc]]`), which cost a heap object with a 32-byte header
/// per node and direction plus each array's own growth: at 10^7 nodes that adjacency and its
/// copy into the hierarchy's columns took the contraction past 5.6 GB (BENCHMARKS.md). Here a
/// list that outgrows its room moves to the end of the buffer with twice the room; the slots it
/// leaves are reclaimed when the buffer is full, by ``compact(reserving:)``, which packs every
/// list again (frozen ones without slack).
///
/// A node's list is *frozen* once the node is contracted: it then holds the node's arcs to
/// higher-ranked nodes, which is what the hierarchy keeps, so the buffer is the hierarchy's
/// arcs in the end and ``takeColumns()`` packs them into its CSR columns.
///
///     var lists = ArcLists(degrees: [2, 0, 1])
///     lists.append(Arc(target: 1, weight: 3, id: 0), to: 0)
///     lists.arcs(of: 0)                       // [that arc]
///
/// - Complexity: append amortised O(1) (a move copies the list, a compaction every list);
///   removal O(degree).
struct ArcLists: Sendable {
    typealias Arc = ContractionHierarchy.Arc

    /// The buffer; slots between a list's count and its capacity, and those of moved lists, are unused.
    private var buffer: [Arc]
    private var start: [Int32]
    private var count: [Int32]
    private var capacity: [Int32]
    private var frozen: [Bool]

    /// Room for each node's `degrees[v]` arcs and a little slack, since contraction adds
    /// shortcuts to most lists.
    /// - Complexity: O(V).
    init(degrees: [Int32]) {
        let n = degrees.count
        start = [Int32](repeating: 0, count: n)
        count = [Int32](repeating: 0, count: n)
        capacity = degrees.map { Self.room(for: $0) }
        frozen = [Bool](repeating: false, count: n)
        var at = 0
        for node in 0..<n {
            start[node] = Int32(at)
            at += Int(capacity[node])
        }
        precondition(at < Int(Int32.max), "more arcs than 32-bit offsets address")
        buffer = []
        // A quarter more than the lists need, for lists that move when they grow; pages not
        // written to are never resident.
        buffer.reserveCapacity(at + at / 4 + 1024)
        buffer.append(contentsOf: repeatElement(Arc(target: -1, weight: 0, id: -1), count: at))
    }

    /// The room given to a live list of `count` arcs when it is placed: slack for shortcuts.
    private static func room(for count: Int32) -> Int32 { count + max(2, count / 4) }

    /// The number of nodes.
    var nodeCount: Int { start.count }

    /// The number of arcs in `node`'s list.
    func degree(of node: Int32) -> Int { Int(count[Int(node)]) }

    /// The arcs of `node`, a view of the buffer.
    func arcs(of node: Int32) -> ArraySlice<Arc> {
        let first = Int(start[Int(node)])
        return buffer[first ..< first + Int(count[Int(node)])]
    }

    /// The buffer index of `node`'s arc to `target`, nil when it has none.
    /// - Complexity: O(degree).
    func index(of target: Int32, in node: Int32) -> Int? {
        let first = Int(start[Int(node)])
        for i in first ..< first + Int(count[Int(node)]) where buffer[i].target == target { return i }
        return nil
    }

    /// The arc at buffer index `index` (from ``index(of:in:)``).
    func arc(at index: Int) -> Arc { buffer[index] }

    /// Replaces the arc at buffer index `index` (from ``index(of:in:)``).
    mutating func replace(at index: Int, with arc: Arc) { buffer[index] = arc }

    /// Adds `arc` at the end of `node`'s list, moving the list to the end of the buffer with
    /// twice the room when it is full.
    /// - Complexity: amortised O(1).
    mutating func append(_ arc: Arc, to node: Int32) {
        let v = Int(node)
        precondition(!frozen[v], "a contracted node's arcs do not change")
        if count[v] == capacity[v] {
            let room = max(4, 2 * capacity[v])
            if buffer.count + Int(room) > buffer.capacity { compact(reserving: Int(room)) }
            let from = Int(start[v])
            start[v] = Int32(buffer.count)
            capacity[v] = room
            // One arc at a time: appending a slice of the buffer to itself would copy the whole buffer.
            for i in from ..< from + Int(count[v]) { buffer.append(buffer[i]) }
            buffer.append(contentsOf: repeatElement(Arc(target: -1, weight: 0, id: -1), count: Int(room - count[v])))
            precondition(buffer.count < Int(Int32.max), "more arcs than 32-bit offsets address")
        }
        buffer[Int(start[v] + count[v])] = arc
        count[v] += 1
    }

    /// Removes `node`'s arc to `target`, if any; the last arc takes its place.
    /// - Complexity: O(degree).
    mutating func remove(target: Int32, from node: Int32) {
        guard let i = index(of: target, in: node) else { return }
        let last = Int(start[Int(node)] + count[Int(node)] - 1)
        buffer[i] = buffer[last]
        count[Int(node)] -= 1
    }

    /// Marks `node`'s list final: its node is contracted, and the list holds its arcs in the hierarchy.
    mutating func freeze(_ node: Int32) { frozen[Int(node)] = true }

    /// Packs every list into a new buffer in node order (frozen lists exactly, live ones with
    /// slack), with room for `extra` more arcs and a quarter of the total for later moves.
    /// - Complexity: O(V + arcs).
    private mutating func compact(reserving extra: Int) {
        var total = 0
        for v in 0..<start.count { total += Int(frozen[v] ? count[v] : Self.room(for: count[v])) }
        var packed: [Arc] = []
        packed.reserveCapacity(total + total / 4 + extra + 1024)
        for v in 0..<start.count {
            let from = Int(start[v])
            start[v] = Int32(packed.count)
            packed.append(contentsOf: buffer[from ..< from + Int(count[v])])
            capacity[v] = frozen[v] ? count[v] : Self.room(for: count[v])
            packed.append(contentsOf: repeatElement(Arc(target: -1, weight: 0, id: -1), count: Int(capacity[v] - count[v])))
        }
        precondition(packed.count < Int(Int32.max), "more arcs than 32-bit offsets address")
        buffer = packed
    }

    /// The lists as CSR columns in node order (offsets, arcs), emptying `self` so that its
    /// buffer is freed before the caller builds the next column.
    /// - Complexity: O(V + arcs).
    mutating func takeColumns() -> (first: Column<Int32>, arcs: Column<Arc>) {
        let n = start.count
        let first = Column<Int32>(count: n + 1) { first in
            first[0] = 0
            for v in 0..<n { first[v + 1] = first[v] + count[v] }
        }
        let arcs = Column<Arc>(count: Int(first[n])) { arcs in
            buffer.withUnsafeBufferPointer { buffer in
                var at = 0
                for v in 0..<n {
                    let from = Int(start[v])
                    for i in from ..< from + Int(count[v]) { arcs[at] = buffer[i]; at += 1 }
                }
            }
        }
        self = ArcLists(degrees: [])
        return (first, arcs)
    }

    /// Runs `body` with a read-only view of the lists, for searches on several threads; `self`
    /// must not change meanwhile (it cannot: `body` gets no access to it).
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { buffer in
            try start.withUnsafeBufferPointer { start in
                try count.withUnsafeBufferPointer { count in
                    try body(View(buffer: buffer, start: start, count: count))
                }
            }
        }
    }

    /// The lists seen through pointers: what the witness searches of a round read, on every worker.
    /// `@unchecked Sendable`: it is only handed out by ``ArcLists/withView(_:)``, during which
    /// the lists are not written.
    struct View: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<Arc>
        let start: UnsafeBufferPointer<Int32>
        let count: UnsafeBufferPointer<Int32>

        /// The arcs of `node`.
        @inline(__always) func arcs(of node: Int32) -> UnsafeBufferPointer<Arc> {
            let first = Int(start[Int(node)])
            return UnsafeBufferPointer(rebasing: buffer[first ..< first + Int(count[Int(node)])])
        }
    }
}
