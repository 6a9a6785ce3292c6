/// The table of sections that follows the header of our memory-mapped files (`.mkg`, `.mkch`):
/// per section a tag, the element size, the offset from the file's start and the element count,
/// 24 bytes each. Both readers check their own header and then read their columns through it.
///
///     let table = try SectionTable(file, at: headerSize, count: sectionCount, tag: Tag.init(rawValue:))
///     let heads = try table.column(.heads, Int32.self, count: edgeCount)
package struct SectionTable<Tag: Hashable> {
    /// Why the table or one of its sections cannot be used, in words for the reader's error.
    package struct Failure: Error {
        package let reason: String
    }

    /// Bytes of one entry of the table.
    package static var entrySize: Int { 24 }

    private let file: MappedFile
    private let entries: [Tag: (size: Int, offset: Int, count: Int)]

    /// Reads `count` entries starting at byte `tableOffset` of `file`; the caller has checked that
    /// the table itself lies inside the file.
    ///
    /// - Parameters:
    ///   - tag: the tag of a raw value, nil for one this format does not know.
    /// - Throws: ``Failure`` for an unknown tag or a section that lies outside the file or off
    ///   an 8-byte boundary.
    /// - Complexity: O(count).
    package init(_ file: MappedFile, at tableOffset: Int, count: Int, tag: (UInt32) -> Tag?) throws(Failure) {
        let bytes = file.bytes
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var entries: [Tag: (size: Int, offset: Int, count: Int)] = [:]
        for i in 0..<count {
            let at = tableOffset + i * Self.entrySize
            guard let found = tag(u32(at)) else { throw Failure(reason: "unknown section \(u32(at))") }
            let size = Int(u32(at + 4)), offset = u64(at + 8), count = u64(at + 16)
            // Every section starts on 8 bytes (the mapping starts on a page), so each column is a
            // legal typed view of the map: no element type here is aligned to more than 8.
            guard size > 0, offset % 8 == 0, offset <= UInt64(bytes.count), count <= UInt64(bytes.count),
                  offset + count * UInt64(size) <= UInt64(bytes.count) else {
                throw Failure(reason: "section \(found) lies outside the file")
            }
            entries[found] = (size, Int(offset), Int(count))
        }
        self.file = file
        self.entries = entries
    }

    /// The section `tag` as a column viewing the map.
    ///
    /// - Parameter expected: the number of elements it must have, nil when any number will do.
    /// - Throws: ``Failure`` when the section is missing, its elements are not `T`'s size, or
    ///   it has another number of them.
    package func column<T>(_ tag: Tag, _: T.Type, count expected: Int?) throws(Failure) -> Column<T> {
        guard let s = entries[tag], s.size == MemoryLayout<T>.stride else {
            throw Failure(reason: "section \(tag) is missing or has the wrong element size")
        }
        if let expected, s.count != expected {
            throw Failure(reason: "section \(tag) has \(s.count) entries where \(expected) are expected")
        }
        return Column(viewing: file, byteOffset: s.offset, count: s.count)
    }
}
