/// A 64-bit checksum of a byte range: FNV-1a taken over 8-byte little-endian words (then the
/// trailing bytes one by one), so a graph file of 100 MB is checked at memory speed rather than
/// byte by byte. It detects truncation and flipped bits; it is not a defence against a forger.
///
///     Checksum.of(bytes)   // 0x…
///
/// - Complexity: O(n) in the number of bytes.
enum Checksum {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = offsetBasis
        let words = bytes.count / 8
        for i in 0..<words {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            hash = (hash ^ word) &* prime
        }
        for i in (words * 8)..<bytes.count {
            hash = (hash ^ UInt64(bytes[i])) &* prime
        }
        // Fold in the length, so appended zero bytes change the sum.
        return (hash ^ UInt64(bytes.count)) &* prime
    }
}
