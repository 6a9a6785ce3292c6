/// The ids of the features a graph's nodes or edges came from, kept as one run of UTF-8 with a
/// NUL after each id but the last, which is how a graph file stores them: a loaded graph views
/// the file's bytes and makes a `String` only for the id asked for, instead of one per feature
/// at load (hundreds of thousands of OSM ways).
///
///     let names = SourceNames(["nr9", "third-mekong-bridge"])
///     names[1]        // "third-mekong-bridge"
///     names.count     // 2
///
/// - Complexity: subscript O(length of the id); made from a list or from bytes, O(total length).
public struct SourceNames: RandomAccessCollection, Sendable, Equatable {
    /// The ids, NUL-separated UTF-8: what a graph file stores.
    public let bytes: Column<UInt8>
    /// Where each id starts in `bytes`, and one past the end of the last id plus its separator
    /// (`count + 1` entries, or none when there are no ids).
    let starts: [Int]

    /// The ids in `names`, which must not contain NUL.
    public init(_ names: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(names.count + 1)
        for (i, name) in names.enumerated() {
            if i > 0 { bytes.append(0) }
            starts.append(bytes.count)
            bytes += name.utf8
        }
        if !names.isEmpty { starts.append(bytes.count + 1) }
        self.bytes = Column(bytes)
        self.starts = starts
    }

    /// The ids stored in `bytes` (NUL-separated; no bytes, no ids), found with one scan.
    /// - Complexity: O(n) in the bytes.
    init(bytes: Column<UInt8>) {
        var starts: [Int] = []
        if !bytes.isEmpty {
            starts.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                for (i, byte) in buffer.enumerated() where byte == 0 { starts.append(i + 1) }
            }
            starts.append(bytes.count + 1)
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// 0.
    public var startIndex: Int { 0 }
    /// The number of ids.
    public var endIndex: Int { Swift.max(0, starts.count - 1) }

    /// The id at `index`.
    public subscript(index: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[index]..<(starts[index + 1] - 1)]), as: UTF8.self)
        }
    }

    /// Equal when they hold the same ids in the same order.
    public static func == (a: SourceNames, b: SourceNames) -> Bool { a.count == b.count && a.bytes == b.bytes }
}
