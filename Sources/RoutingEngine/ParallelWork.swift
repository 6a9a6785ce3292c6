import Foundation

/// Work spread over a few threads in blocks of indices, for the rounds of a contraction: each
/// index's result depends on its index alone, never on which thread computed it or when, so
/// what the caller builds from the results is the same for any number of threads.
///
///     ParallelWork.forEach(count: nodes.count, workers: 2) { worker, index in
///         results[index] = states[worker].compute(nodes[index])     // through SharedBuffer
///     }
public enum ParallelWork {
    /// The threads to use by default: the cores this process may run on.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(worker, index)` once for every index in `0..<count`, on up to `workers`
    /// threads; `worker` (below `workers`) names the thread's own state. Threads take blocks of
    /// `blockSize` indices as they free up, so a thread slowed by the machine's other work
    /// takes fewer. Returns when every call has.
    /// - Complexity: the calls, plus a lock per block.
    static func forEach(count: Int, workers: Int, blockSize: Int = 32, _ body: @Sendable (_ worker: Int, _ index: Int) -> Void) {
        let threads = min(workers, (count + blockSize - 1) / blockSize)
        guard threads > 1 else {
            for index in 0..<count { body(0, index) }
            return
        }
        let blocks = BlockDispenser(count: count, blockSize: blockSize)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            while let block = blocks.next() {
                for index in block { body(worker, index) }
            }
        }
    }
}

extension ParallelWork {
    /// Calls `body(&state, index)` once for every index in `0..<count`, on up to `workers`
    /// threads, each thread with its own `state` made by `makeState` when it starts (what may
    /// not cross threads, such as a GEOS context). Threads take the indices `blockSize` at a
    /// time as they free up, so uneven pieces of work even out.
    ///
    ///     ParallelWork.forEach(count: scenarios.count, blockSize: 1, state: { _ in try? CorridorBands() }) { bands, i in
    ///         results.set(i, analyse(scenarios[i], bands))
    ///     }
    ///
    /// - Complexity: the calls and one `makeState` per thread, plus a lock per block.
    public static func forEach<State>(count: Int, workers: Int = defaultWorkers, blockSize: Int = 1,
                                      state makeState: @Sendable (_ worker: Int) -> State,
                                      _ body: @Sendable (_ state: inout State, _ index: Int) -> Void) {
        let threads = min(workers, (count + blockSize - 1) / blockSize)
        guard threads > 1 else {
            guard count > 0 else { return }
            var state = makeState(0)
            for index in 0..<count { body(&state, index) }
            return
        }
        let blocks = BlockDispenser(count: count, blockSize: blockSize)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var state = makeState(worker)
            while let block = blocks.next() {
                for index in block { body(&state, index) }
            }
        }
    }
}

/// Hands out consecutive blocks of `0..<count` to whichever thread asks next.
private final class BlockDispenser: @unchecked Sendable {
    // @unchecked: `taken` is only read and written under `lock`.
    private let lock = NSLock()
    private var taken = 0
    private let count: Int
    private let blockSize: Int

    init(count: Int, blockSize: Int) {
        self.count = count
        self.blockSize = blockSize
    }

    func next() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        let block = taken ..< min(count, taken + blockSize)
        taken = block.upperBound
        return block
    }
}

/// A buffer shared by the threads of ``ParallelWork/forEach(count:workers:blockSize:_:)``:
/// read by all, and written only at indices no other thread touches during the call (each
/// worker's own state, each index's own result). `@unchecked Sendable` on that contract; it
/// must not outlive the `withUnsafe…BufferPointer` call that made it.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>

    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    init(readOnly base: UnsafeBufferPointer<Element>) { self.base = UnsafeMutableBufferPointer(mutating: base) }

    @inline(__always) subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating _modify { yield &base[index] }
    }
}
