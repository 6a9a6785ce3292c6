/// How far a model's values are from observed ones, item by item and in summary: the ratio
/// model/observed of each item, the median absolute relative error, the bias, the share within
/// a tolerance, the worst items, and the same per group (road class, terrain, country).
///
/// Medians rather than means, because a few bad observations should not decide the verdict;
/// of an even count the median is the mean of the two middle values.
///
///     let summary = try ErrorSummary([
///         .init(id: "vientiane-hanoi", model: 16, observed: 20),    // ratio 0.8
///         .init(id: "bangkok-phnom-penh", model: 11, observed: 10), // ratio 1.1
///     ])
///     summary.bias                            // −0.05: the mean of −0.2 and 0.1
///     summary.medianAbsoluteRelativeError     // 0.15
///     summary.shareWithin(percent: 10)        // 0.5
///
/// When the values are travel times, a negative bias means the model is too fast.
public struct ErrorSummary<ID: Hashable & Sendable>: Sendable {
    /// One model value against its observation.
    public struct Item: Sendable {
        /// Which observation this is, for the worst-items list and messages.
        public var id: ID
        /// The model's value, in the same unit as `observed`.
        public var model: Double
        /// The observed value, > 0.
        public var observed: Double

        /// An item; nothing is checked until it goes into an ``ErrorSummary``.
        public init(id: ID, model: Double, observed: Double) {
            self.id = id; self.model = model; self.observed = observed
        }

        /// model / observed.
        public var ratio: Double { model / observed }
        /// ratio − 1: negative when the model is below the observation.
        public var relativeError: Double { ratio - 1 }
    }

    /// An item that cannot be compared.
    public enum ItemError: Error, Sendable, Hashable, CustomStringConvertible {
        case noItems
        case observedNotPositive(item: String, observed: Double)
        case modelNotFinite(item: String, model: Double)

        /// The item and its bad value, with what to check.
        public var description: String {
            switch self {
            case .noItems:
                "there are no items to summarise"
            case let .observedNotPositive(item, observed):
                "\(item): the observed value is \(observed); a ratio needs an observed value > 0 (check the observation)"
            case let .modelNotFinite(item, model):
                "\(item): the model's value is \(model); compare only items the model can answer (is there a route?)"
            }
        }
    }

    /// The items, as given.
    public let items: [Item]
    /// Median of |ratio − 1|.
    public let medianAbsoluteRelativeError: Double
    /// Median of ratio − 1: below zero the model is below the observations (too fast, for times).
    public let bias: Double

    /// The summary of `items`.
    /// - Parameter items: at least one; each observed value finite and > 0, each model value
    ///   finite and ≥ 0.
    /// - Throws: ``ItemError`` naming the first item that cannot be compared.
    /// - Complexity: O(n log n).
    public init(_ items: [Item]) throws(ItemError) {
        guard !items.isEmpty else { throw .noItems }
        for item in items {
            guard item.observed > 0, item.observed.isFinite else { throw .observedNotPositive(item: "\(item.id)", observed: item.observed) }
            guard item.model >= 0, item.model.isFinite else { throw .modelNotFinite(item: "\(item.id)", model: item.model) }
        }
        self.items = items
        // Non-empty and finite, checked above.
        medianAbsoluteRelativeError = Median.of(items.map { abs($0.relativeError) })!
        bias = Median.of(items.map(\.relativeError))!
    }

    /// The fraction (0…1) of items whose model is within ±`percent` % of the observation,
    /// the boundary included. A slack of 10⁻¹² absorbs decimal rounding: 110 against 100 is
    /// within 10 %, though 110/100 − 1 is 0.10000000000000009 in binary.
    ///
    /// - Complexity: O(n).
    public func shareWithin(percent: Double) -> Double {
        let tolerance = percent / 100 + 1e-12
        return Double(items.count { abs($0.relativeError) <= tolerance }) / Double(items.count)
    }

    /// The `count` items farthest from their observations by |ratio − 1|, farthest first; ties
    /// keep the items' order.
    ///
    /// - Complexity: O(n log n).
    public func worst(_ count: Int) -> [Item] {
        Array(items.enumerated()
            .sorted { (abs($0.element.relativeError), $1.offset) > (abs($1.element.relativeError), $0.offset) }
            .prefix(count)
            .map(\.element))
    }

    /// A summary per group, the groups in the order their first item appears.
    ///
    ///     let byClass = try ErrorSummary.grouped(items) { roadClass[$0.id]! }
    ///
    /// - Parameters:
    ///   - items: as for ``init(_:)``.
    ///   - key: the group of an item.
    /// - Throws: ``ItemError`` as ``init(_:)``.
    /// - Complexity: O(n log n).
    public static func grouped<Key: Hashable>(
        _ items: [Item], by key: (Item) -> Key
    ) throws(ItemError) -> [(key: Key, summary: ErrorSummary)] {
        var order: [Key] = []
        var members: [Key: [Item]] = [:]
        for item in items {
            let k = key(item)
            if members[k] == nil { order.append(k) }
            members[k, default: []].append(item)
        }
        var out: [(key: Key, summary: ErrorSummary)] = []
        for k in order { out.append((k, try ErrorSummary(members[k]!))) }
        return out
    }
}
