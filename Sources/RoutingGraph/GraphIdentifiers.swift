/// A node of a ``CompressedGraph``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "n\(index)" }
}

/// A directed edge of a ``CompressedGraph``: its position in the compressed edge arrays.
public struct EdgeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: EdgeID, b: EdgeID) -> Bool { a.index < b.index }
    public var description: String { "e\(index)" }
}
