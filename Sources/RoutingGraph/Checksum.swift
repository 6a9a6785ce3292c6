/// A 64-bit checksum of a byte range: FNV-1a taken over 8-byte little-endian words in four
/// interleaved lanes (word i goes to lane i mod 4, so the four multiply chains run side by side
/// instead of waiting on each other), the trailing bytes one by one, the lanes folded together at
/// the end. A graph file of 150 MB is checked at memory speed rather than byte by byte. It
/// detects truncation and flipped bits; it is not a defence against a forger.
///
///     Checksum.of(bytes)   // 0x…
///
/// - Complexity: O(n) in the number of bytes.
package enum Checksum {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var a = offsetBasis, b = offsetBasis &+ 1, c = offsetBasis &+ 2, d = offsetBasis &+ 3
        let blocks = bytes.count / 32
        for i in 0..<blocks {
            let at = i * 32
            a = (a ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))) &* prime
            b = (b ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))) &* prime
            c = (c ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))) &* prime
            d = (d ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))) &* prime
        }
        var hash = (((a &* prime) ^ b) &* prime ^ c) &* prime ^ d
        for i in (blocks * 32)..<bytes.count {
            hash = (hash ^ UInt64(bytes[i])) &* prime
        }
        // Fold in the length, so appended zero bytes change the sum.
        return (hash ^ UInt64(bytes.count)) &* prime
    }
}
