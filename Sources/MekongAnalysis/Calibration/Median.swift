/// The median: the middle value, and for an even count the mean of the two middle values.
///
///     Median.of([3, 1, 2])      // 2
///     Median.of([4, 1, 3, 2])   // 2.5, the mean of 2 and 3
///     Median.of([])             // nil
public enum Median {
    /// The median of `values`; traps on NaN rather than give an answer that depends on the order.
    /// - Parameter values: any order; NaN is not allowed (it has no place in the order).
    /// - Returns: nil for no values.
    /// - Complexity: O(n log n).
    public static func of(_ values: some Collection<Double>) -> Double? {
        guard !values.isEmpty else { return nil }
        precondition(!values.contains { $0.isNaN }, "the median of values that include NaN is undefined")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
