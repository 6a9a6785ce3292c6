import Foundation

/// `body(0) ... body(count - 1)`, run on all cores (`DispatchQueue.concurrentPerform`), in order.
///
///     let parsed = concurrentMap(files.count) { i in parse(files[i]) }
///
/// For a few independent, similar-sized pieces of work (the data set's files, a graph per
/// metric); each call must touch only what it is given.
/// - Parameter count: How many calls.
/// - Complexity: The calls' total work, spread over the cores; one lock per result.
public func concurrentMap<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let results = ResultList<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
    return results.values
}

/// Results written by several threads, each into its own slot.
final class ResultList<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// Every value; call after all workers are done, each having set its index.
    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
