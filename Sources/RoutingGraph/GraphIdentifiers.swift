/// A node of a ``CompressedGraph``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the graph's node arrays; `Int32` halves the memory of the arrays that store ids.
    public let index: Int32
    /// The node at position `index`; it must fit in `Int32`.
    public init(_ index: Int) { self.index = Int32(index) }
    /// Orders nodes by index.
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    /// `n` and the index, e.g. `n42`.
    public var description: String { "n\(index)" }
}

/// A directed edge of a ``CompressedGraph``: its position in the compressed edge arrays.
public struct EdgeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the compressed edge arrays (``CompressedGraph/heads``) and in every column
    /// of ``EdgeAttributes``.
    public let index: Int32
    /// The edge at position `index`; it must fit in `Int32`.
    public init(_ index: Int) { self.index = Int32(index) }
    /// Orders edges by storage position, so edges leaving one node sort together.
    public static func < (a: EdgeID, b: EdgeID) -> Bool { a.index < b.index }
    /// `e` and the index, e.g. `e7`.
    public var description: String { "e\(index)" }
}
