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

    func values() throws(AnalysisError) -> [Value] {
        if let error { throw error }
        return slots.map { $0! }
    }
}
