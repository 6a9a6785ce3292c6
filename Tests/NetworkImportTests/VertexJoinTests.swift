import TestSupport
import Testing
@testable import NetworkImport

/// The sort-based vertex join the import uses, against the dictionary join it replaced.
struct VertexJoinTests {
    /// Random lines of 2–12 vertices whose keys come from a small pool, so that lines share
    /// vertices, pass one vertex twice and close into rings; the pool spreads over all 64 bits
    /// (negative keys too), so that every radix digit is sorted on.
    static func randomLines(seed: UInt64, lines: Int, pool: Int) -> (starts: [Int], keys: [Int64]) {
        var rng = SplitMix64(state: seed)
        let keyPool = (0..<pool).map { _ in Int64(bitPattern: rng.next()) }
        var starts = [0], keys: [Int64] = []
        for _ in 0..<lines {
            let length = Int.random(in: 2...12, using: &rng)
            let first = keys.count
            for _ in 0..<length { keys.append(keyPool.randomElement(using: &rng)!) }
            if Int.random(in: 0..<5, using: &rng) == 0 { keys[keys.count - 1] = keys[first] }  // a ring
            starts.append(keys.count)
        }
        return (starts, keys)
    }

    @Test(arguments: [(1, 50, 40), (2, 400, 300), (3, 2_000, 10_000), (4, 3_000, 50), (5, 1, 3)] as [(UInt64, Int, Int)])
    func theSortJoinsVerticesAsTheDictionaryDid(seed: UInt64, lines: Int, pool: Int) {
        let (starts, keys) = Self.randomLines(seed: seed, lines: lines, pool: pool)
        let roles = VertexJoin.roles(starts: starts, keys: keys)
        let sorted = VertexJoin.bySorting(keys: keys, roles: roles)
        #expect(sorted == VertexJoin.byDictionary(keys: keys, roles: roles))
        // Every line end is a node, and a node's first vertex is one of its own.
        for line in 0..<lines { #expect(sorted.nodeOfVertex[starts[line]] >= 0 && sorted.nodeOfVertex[starts[line + 1] - 1] >= 0) }
        for (node, vertex) in sorted.firstVertex.enumerated() { #expect(sorted.nodeOfVertex[Int(vertex)] == Int32(node)) }
    }

    @Test func aSharedVertexIsOneNodeAndARingIsNotAJunctionAtItsStart() {
        // Line 0: keys 1 2 3; line 1: 4 2 5; line 2: the ring 6 7 8 6.
        let starts = [0, 3, 6, 10], keys: [Int64] = [1, 2, 3, 4, 2, 5, 6, 7, 8, 6]
        let roles = VertexJoin.roles(starts: starts, keys: keys)
        let nodes = VertexJoin.bySorting(keys: keys, roles: roles)
        #expect(nodes.nodeOfVertex == [0, 1, 2, 3, 1, 4, 5, -1, -1, 5])
        #expect(nodes.firstVertex == [0, 1, 2, 3, 5, 6])
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func theRadixSortIsAStableSortOfTheUnsignedKeys(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        // Few distinct values in some digits (skipped passes) and many in others.
        let keys = (0..<5_000).map { _ in Int64(bitPattern: (rng.next() & 0xffff_0000_00ff_00ff) | (seed << 40)) }
        let (sortedKeys, vertices) = VertexJoin.radixSorted(keys)
        let expected = keys.indices.sorted { (UInt64(bitPattern: keys[$0]), $0) < (UInt64(bitPattern: keys[$1]), $1) }
        #expect(vertices.map(Int.init) == expected)
        #expect(sortedKeys == expected.map { UInt64(bitPattern: keys[$0]) })
        #expect(VertexJoin.radixSorted([]).keys.isEmpty)
    }
}
