/// A moment after which a long computation should stop: the searches look at it every
/// ``ShortestPaths/deadlineStride`` settled nodes, the analyses between searches. A search past
/// its deadline returns the tree it has (incomplete); a computation that can fail throws instead.
/// Reading the monotonic clock costs tens of nanoseconds, so polling it is free next to the work.
///
///     let deadline = Deadline(seconds: 10)
///     let tree = ShortestPaths.search(graph, weights: hours, sources: [(NodeID(0), 0)],
///                                     limits: SearchLimits(deadline: deadline))
///     if deadline.hasPassed { /* tree is incomplete: drop it */ }
///
/// A value, not a handle: whoever sets the deadline need not be there to cancel the work, which
/// matters when the work holds the threads a canceller would run on.
public struct Deadline: Sendable, Hashable {
    /// When the work should stop; nil for never.
    public let instant: ContinuousClock.Instant?

    /// A deadline at `instant`, or none.
    public init(_ instant: ContinuousClock.Instant?) { self.instant = instant }

    /// A deadline `seconds` from now.
    public init(seconds: Double) { self.init(ContinuousClock.now + .seconds(seconds)) }

    /// No deadline: the work runs to its end.
    public static let never = Deadline(nil)

    /// Whether the deadline has come.
    /// - Complexity: O(1): one read of the monotonic clock, none for ``never``.
    public var hasPassed: Bool { instant.map { ContinuousClock.now >= $0 } ?? false }
}
