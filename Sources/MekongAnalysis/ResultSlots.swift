import Foundation
import GeoCore

/// Results written by several threads into their own slots, with the first error kept.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var error: AnalysisError?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.lock(); slots[index] = value; lock.unlock() }
    func fail(_ error: AnalysisError) { lock.lock(); if self.error == nil { self.error = error }; lock.unlock() }

    /// Every value, or nil when a slot was never set (its worker stopped at a deadline).
    var valuesIfAllSet: [Value]? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, slots.allSatisfy({ $0 != nil }) else { return nil }
        return slots.map { $0! }
    }

    func values() throws(AnalysisError) -> [Value] {
        if let error { throw error }
        return slots.map { $0! }
    }
}
