/// The years a feature is in service: from `opened` (inclusive) to `closed` (exclusive); an
/// absent year means "before our data begins" or "still open".
public struct ServicePeriod: Sendable, Hashable {
    /// The first year in service; nil: before our data begins.
    public var opened: Int?
    /// The first year no longer in service; nil: still open.
    public var closed: Int?

    /// A period; with no arguments, always in service.
    public init(opened: Int? = nil, closed: Int? = nil) {
        self.opened = opened
        self.closed = closed
    }

    /// Whether the feature is in service during `year`.
    public func contains(year: Int) -> Bool {
        (opened.map { $0 <= year } ?? true) && (closed.map { year < $0 } ?? true)
    }
}
