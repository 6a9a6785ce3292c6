import Foundation
import RoutingGraph

/// One direction's arcs of a graph under contraction, every live node's list in one flat
/// buffer: node v's arcs are `buffer[start[v] ..< start[v] + count[v]]`, with room up to
/// `capacity[v]`; no heap object per node.
///
/// It replaces an array of arrays (`[[Arc]]`), which cost a heap object with a 32-byte header
/// per node and direction plus each array's own growth, and then a copy into the hierarchy's
/// columns: at 10^7 nodes that took the contraction past 5.6 GB (BENCHMARKS.md). Here:
/// - the buffer is anonymous memory reserved for half as many arcs again as the graph has, and
///   made resident only where written; a list that outgrows its room moves to the end with
///   twice the room;
/// - when the used part has grown by a quarter since the last compaction, ``compact()`` slides
///   every live list down in place and returns the pages above to the system, so the buffer
///   needs no second copy to shrink and its resident part follows the live lists down;
/// - a node's list is *frozen* when the node is contracted: it then holds the node's arcs to
///   later nodes, which is what the hierarchy keeps, and it moves out of the buffer into an
///   append-only store of fixed-size chunks, in contraction order;
/// - ``takeColumns(order:)`` packs the frozen lists into the hierarchy's CSR columns, freeing
///   each chunk once copied, so the store and the columns are never both whole in memory.
///
///     var lists = ArcLists(degrees: [2, 0, 1])
///     lists.append(Arc(target: 1, weight: 3, id: 0), to: 0)
///     lists.arcs(of: 0)                       // [that arc]
///
/// Not to be copied: its buffer is a reference, shared by copies.
/// - Complexity: append amortised O(1) (a move copies the list, a compaction every live list
///   and a sort of the live nodes); removal O(degree).
struct ArcLists {
    typealias Arc = ContractionHierarchy.Arc

    private var buffer: ArcBuffer
    /// The end of the used part of the buffer: moved lists go here.
    private var used = 0
    /// How far `used` may grow before the lists are compacted: a quarter above their size at the
    /// last compaction, so that the resident buffer follows the live lists down as nodes are
    /// contracted instead of staying at its largest.
    private var compactionLimit = 0
    private var start: [Int32]
    private var count: [Int32]
    /// 0 for a frozen node (its arcs are in `frozen`).
    private var capacity: [Int32]
    /// Frozen lists, one after another in the order frozen, in chunks of `chunkSize` arcs.
    private var frozen: [[Arc]] = []
    private static let chunkSize = 1 << 20

    /// Exactly `degrees[v]` arcs of room for each node v: contraction adds shortcuts to some
    /// lists and removes arcs from all, and a list that grows moves.
    /// - Complexity: O(V).
    init(degrees: [Int32]) {
        let n = degrees.count
        start = [Int32](repeating: 0, count: n)
        count = [Int32](repeating: 0, count: n)
        capacity = degrees.map { max($0, 1) }
        var at = 0
        for node in 0..<n {
            start[node] = Int32(at)
            at += Int(capacity[node])
        }
        buffer = ArcBuffer(capacity: at + at / 2 + 4096)
        used = at
        compactionLimit = at + at / 4 + 4096
    }

    /// The number of nodes.
    var nodeCount: Int { start.count }

    /// The arcs of a live (not frozen) `node`.
    func arcs(of node: Int32) -> UnsafeBufferPointer<Arc> {
        UnsafeBufferPointer(start: buffer.base + Int(start[Int(node)]), count: Int(count[Int(node)]))
    }

    /// The buffer index of live `node`'s arc to `target`, nil when it has none.
    /// - Complexity: O(degree).
    func index(of target: Int32, in node: Int32) -> Int? {
        let first = Int(start[Int(node)])
        for i in first ..< first + Int(count[Int(node)]) where buffer.base[i].target == target { return i }
        return nil
    }

    /// The arc at buffer index `index` (from ``index(of:in:)``).
    func arc(at index: Int) -> Arc { buffer.base[index] }

    /// Replaces the arc at buffer index `index` (from ``index(of:in:)``).
    mutating func replace(at index: Int, with arc: Arc) { buffer.base[index] = arc }

    /// Adds `arc` at the end of live `node`'s list, moving the list to the end of the used
    /// buffer with twice the room when it is full.
    /// - Complexity: amortised O(1).
    mutating func append(_ arc: Arc, to node: Int32) {
        let v = Int(node)
        precondition(capacity[v] > 0, "a contracted node's arcs do not change")
        if count[v] == capacity[v] {
            let room = Int(max(4, 2 * capacity[v]))
            if used + room > compactionLimit { compact() }
            if used + room > buffer.capacity { grow(toHold: used + room) }
            let from = Int(start[v])
            (buffer.base + used).update(from: buffer.base + from, count: Int(count[v]))
            start[v] = Int32(used)
            capacity[v] = Int32(room)
            used += room
            precondition(used < Int(Int32.max), "more arcs than 32-bit offsets address")
        }
        buffer.base[Int(start[v] + count[v])] = arc
        count[v] += 1
    }

    /// Removes live `node`'s arc to `target`, if any; the last arc takes its place.
    /// - Complexity: O(degree).
    mutating func remove(target: Int32, from node: Int32) {
        guard let i = index(of: target, in: node) else { return }
        let last = Int(start[Int(node)] + count[Int(node)] - 1)
        buffer.base[i] = buffer.base[last]
        count[Int(node)] -= 1
    }

    /// Moves `node`'s list, final now that the node is contracted, into the frozen store; its
    /// room in the buffer is reclaimed by the next compaction.
    /// - Complexity: O(degree).
    mutating func freeze(_ node: Int32) {
        let v = Int(node)
        precondition(capacity[v] > 0, "a node is frozen once")
        for arc in arcs(of: node) {
            if frozen.isEmpty || frozen[frozen.count - 1].count == Self.chunkSize {
                frozen.append([])
                frozen[frozen.count - 1].reserveCapacity(Self.chunkSize)
            }
            frozen[frozen.count - 1].append(arc)
        }
        capacity[v] = 0
    }

    /// Slides every live list down to the start of the buffer in place (in the order of their
    /// positions, so none overwrites one not yet moved), keeping at most a quarter of slack,
    /// and gives the pages above back to the system.
    /// - Complexity: O(V log V + live arcs).
    private mutating func compact() {
        var live = (0..<Int32(start.count)).filter { capacity[Int($0)] > 0 }
        live.sort { start[Int($0)] < start[Int($1)] }
        var cursor = 0
        for node in live {
            let v = Int(node)
            // Never more than the old room: the list must not reach into the next one's.
            let room = min(capacity[v], count[v] + max(1, count[v] / 4))
            (buffer.base + cursor).update(from: buffer.base + Int(start[v]), count: Int(count[v]))
            start[v] = Int32(cursor)
            capacity[v] = room
            cursor += Int(room)
        }
        buffer.release(from: cursor, upTo: used)
        used = cursor
        compactionLimit = min(buffer.capacity, used + used / 4 + 4096)
    }

    /// A larger buffer when even the compacted lists do not leave room (a graph that gains far
    /// more shortcuts than it had arcs).
    private mutating func grow(toHold needed: Int) {
        let larger = ArcBuffer(capacity: 2 * needed)
        larger.base.update(from: buffer.base, count: used)
        buffer = larger
        compactionLimit = max(compactionLimit, needed)
    }

    /// Gives back the buffer, once every node is frozen: its pages would otherwise stay
    /// resident while the columns are built.
    mutating func releaseBuffer() {
        precondition(capacity.allSatisfy { $0 == 0 }, "every node contracted")
        buffer = ArcBuffer(capacity: 0)
        used = 0
    }

    /// The frozen lists as CSR columns in node order (offsets, arcs); `order` lists every node
    /// in the order frozen. Empties `self`, each chunk of the store freed once copied.
    /// - Complexity: O(V + arcs).
    mutating func takeColumns(order: [Int32]) -> (first: Column<Int32>, arcs: Column<Arc>) {
        let n = start.count
        precondition(order.count == n, "every node contracted")
        releaseBuffer()
        let first = Column<Int32>(count: n + 1) { first in
            first[0] = 0
            for v in 0..<n { first[v + 1] = first[v] + count[v] }
        }
        let arcs = Column<Arc>(count: Int(first[n])) { arcs in
            var chunk = 0, offset = 0
            for node in order {
                var at = Int(first[Int(node)])
                for _ in 0..<count[Int(node)] {
                    if offset == Self.chunkSize {
                        frozen[chunk] = []
                        chunk += 1
                        offset = 0
                    }
                    arcs[at] = frozen[chunk][offset]
                    at += 1
                    offset += 1
                }
            }
        }
        self = ArcLists(degrees: [])
        return (first, arcs)
    }

    /// Runs `body` with a read-only view of the live lists, for searches on several threads;
    /// `self` must not change meanwhile (it cannot: `body` gets no access to it).
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try start.withUnsafeBufferPointer { start in
            try count.withUnsafeBufferPointer { count in
                try body(View(buffer: UnsafeBufferPointer(start: buffer.base, count: used), start: start, count: count))
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
            UnsafeBufferPointer(start: buffer.baseAddress! + Int(start[Int(node)]), count: Int(count[Int(node)]))
        }
    }
}

/// Anonymous memory for `capacity` arcs, reserved but resident only where written, and able to
/// give pages back (`madvise(MADV_DONTNEED)`) without being freed: what lets ``ArcLists``
/// reserve room to grow and shrink in place. Freed with its last reference.
final class ArcBuffer {
    let base: UnsafeMutablePointer<ContractionHierarchy.Arc>
    let capacity: Int
    private let bytes: Int

    /// - Complexity: O(1); pages are made resident when first written.
    init(capacity: Int) {
        self.capacity = capacity
        bytes = max(1, capacity) * MemoryLayout<ContractionHierarchy.Arc>.stride
        let memory = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        precondition(memory != MAP_FAILED, "cannot reserve \(bytes) bytes for the contraction's arcs")
        base = memory!.bindMemory(to: ContractionHierarchy.Arc.self, capacity: max(1, capacity))
    }

    deinit { munmap(UnsafeMutableRawPointer(base), bytes) }

    /// Gives back the whole pages between arcs `from` and `upTo`; they read as zero if used again.
    func release(from: Int, upTo end: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let stride = MemoryLayout<ContractionHierarchy.Arc>.stride
        let first = (from * stride + page - 1) / page * page, last = end * stride / page * page
        guard last > first else { return }
        madvise(UnsafeMutableRawPointer(base) + first, last - first, Int32(MADV_DONTNEED))
    }
}
