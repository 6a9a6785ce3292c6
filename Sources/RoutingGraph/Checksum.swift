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

    /// The same checksum taken over bytes that arrive in pieces, for a writer that hashes what
    /// it writes instead of reading the file back: ``finish()`` equals ``of(_:)`` over the
    /// pieces joined.
    ///
    ///     var sum = Checksum.Accumulator()
    ///     sum.update(first); sum.update(second)
    ///     sum.finish() == Checksum.of(first + second)   // true
    package struct Accumulator {
        private var a = offsetBasis, b = offsetBasis &+ 1, c = offsetBasis &+ 2, d = offsetBasis &+ 3
        /// Bytes of an incomplete 32-byte block, waiting for the rest.
        private var pending: [UInt8] = []
        private var count = 0

        package init() {}

        /// Adds `bytes` after those added before.
        /// - Complexity: O(bytes).
        package mutating func update(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var at = 0
            if !pending.isEmpty {
                let take = min(32 - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<take])
                at = take
                guard pending.count == 32 else { return }
                pending.withUnsafeBytes { block(UnsafeRawBufferPointer(rebasing: $0[0..<32]), at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            while at + 32 <= bytes.count {
                block(bytes, at: at)
                at += 32
            }
            pending.append(contentsOf: bytes[at...])
        }

        private mutating func block(_ bytes: UnsafeRawBufferPointer, at: Int) {
            a = (a ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))) &* prime
            b = (b ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))) &* prime
            c = (c ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))) &* prime
            d = (d ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))) &* prime
        }

        /// The checksum of every byte added.
        package func finish() -> UInt64 {
            var hash = (((a &* prime) ^ b) &* prime ^ c) &* prime ^ d
            for byte in pending { hash = (hash ^ UInt64(byte)) &* prime }
            return (hash ^ UInt64(count)) &* prime
        }
    }
}
