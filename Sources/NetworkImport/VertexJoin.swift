/// Which vertices of a set of lines become graph nodes, and which node each one is: the join of
/// vertices that share an identity (a 64-bit key: a quantised coordinate, or the key of the
/// vertex a line end was joined to).
///
/// A vertex is a junction when it ends its line or when its key occurs at least twice among all
/// lines' vertices (a closed line's last vertex, which repeats its first, is not counted). Each
/// junction key is one node; nodes are numbered in the order of their first junction vertex, the
/// order in which cutting the lines meets them.
///
/// ``bySorting(keys:roles:)`` is what the import uses: a radix sort of the keys groups equal
/// ones. ``byDictionary(keys:roles:)`` is the same join through two hash tables, as the import did
/// it before: kept as the reference the tests compare the sort with. At 2·10^7 vertices the
/// tables (one entry a key, twice) were the slower way and 0.5 GB; the sort's four arrays are
/// freed before the graph is built.
enum VertexJoin {
    /// What a vertex is within its line, one byte a vertex.
    struct Roles: OptionSet {
        let rawValue: UInt8
        /// The first or last vertex of its line: always a junction.
        static let lineEnd = Roles(rawValue: 1 << 0)
        /// The last vertex of a closed line, which repeats the first: not counted, or every ring
        /// would have a junction at its start.
        static let uncounted = Roles(rawValue: 1 << 1)
    }

    /// Each vertex's node, or -1 for a vertex that is not a junction, and each node's first
    /// vertex (where its coordinate is read).
    struct Nodes: Equatable {
        var nodeOfVertex: [Int32]
        var firstVertex: [Int32]
    }

    /// The roles of the vertices of lines `starts[i] ..< starts[i + 1]`, with `keys` as read
    /// (before any end is joined elsewhere).
    /// - Complexity: O(V).
    static func roles(starts: [Int], keys: [Int64]) -> [UInt8] {
        var roles = [UInt8](repeating: 0, count: keys.count)
        for line in 0..<(starts.count - 1) {
            let first = starts[line], last = starts[line + 1] - 1
            guard first <= last else { continue }
            roles[first] |= Roles.lineEnd.rawValue
            roles[last] |= Roles.lineEnd.rawValue
            if last - first + 1 > 2 && keys[last] == keys[first] { roles[last] |= Roles.uncounted.rawValue }
        }
        return roles
    }

    /// The join by a stable radix sort of the keys: equal keys end up side by side with their
    /// vertices in ascending order, so each run is one key, and its first junction is the node's
    /// first vertex; a pass in vertex order then numbers the nodes.
    /// - Complexity: O(V) time (four passes of 16 bits, fewer when a digit is the same in every
    ///   key); 24 bytes a vertex while sorting, 4 a vertex after.
    static func bySorting(keys: [Int64], roles: [UInt8]) -> Nodes {
        precondition(keys.count == roles.count && keys.count < Int(Int32.max))
        let (sortedKeys, sortedVertices) = radixSorted(keys)
        var nodeOfVertex = [Int32](repeating: -1, count: keys.count)
        nodeOfVertex.withUnsafeMutableBufferPointer { node in
            roles.withUnsafeBufferPointer { roles in
                // Each junction vertex points at the first junction vertex of its key.
                var runStart = 0
                while runStart < sortedKeys.count {
                    let key = sortedKeys[runStart]
                    var runEnd = runStart, counted = 0
                    while runEnd < sortedKeys.count && sortedKeys[runEnd] == key {
                        if roles[Int(sortedVertices[runEnd])] & Roles.uncounted.rawValue == 0 { counted += 1 }
                        runEnd += 1
                    }
                    var first: Int32 = -1
                    for position in runStart..<runEnd {
                        let vertex = Int(sortedVertices[position])
                        guard counted >= 2 || roles[vertex] & Roles.lineEnd.rawValue != 0 else { continue }
                        if first < 0 { first = Int32(vertex) }
                        node[vertex] = first
                    }
                    runStart = runEnd
                }
            }
        }
        // In vertex order a key's first vertex comes before its others, so its number is known
        // when they are reached.
        var firstVertex: [Int32] = []
        nodeOfVertex.withUnsafeMutableBufferPointer { node in
            for vertex in 0..<node.count {
                let first = node[vertex]
                guard first >= 0 else { continue }
                if Int(first) == vertex {
                    node[vertex] = Int32(firstVertex.count)
                    firstVertex.append(first)
                } else {
                    node[vertex] = node[Int(first)]
                }
            }
        }
        return Nodes(nodeOfVertex: nodeOfVertex, firstVertex: firstVertex)
    }

    /// The vertices in order of their keys, stably (equal keys keep ascending vertices), with the
    /// keys beside them. Only equal keys' adjacency matters, so the keys are sorted as unsigned.
    /// - Complexity: O(V) per 16-bit digit that is not the same in every key.
    static func radixSorted(_ keys: [Int64]) -> (keys: [UInt64], vertices: [UInt32]) {
        let count = keys.count
        let digits = 4, radix = 1 << 16
        var histograms = [Int](repeating: 0, count: digits * radix)
        var sourceKeys = keys.map { UInt64(bitPattern: $0) }
        histograms.withUnsafeMutableBufferPointer { histograms in
            for key in sourceKeys {
                for digit in 0..<digits { histograms[digit * radix + Int((key >> (16 * digit)) & 0xffff)] += 1 }
            }
        }
        var sourceVertices = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialised in
            for i in 0..<count { buffer[i] = UInt32(i) }
            initialised = count
        }
        var targetKeys = [UInt64](repeating: 0, count: count)
        var targetVertices = [UInt32](repeating: 0, count: count)
        for digit in 0..<digits {
            let shift = UInt64(16 * digit)
            var offsets = Array(histograms[(digit * radix)..<((digit + 1) * radix)])
            // A digit every key shares leaves the order as it is.
            if offsets.contains(count) { continue }
            var total = 0
            for bucket in 0..<radix { (offsets[bucket], total) = (total, total + offsets[bucket]) }
            offsets.withUnsafeMutableBufferPointer { offsets in
                sourceKeys.withUnsafeBufferPointer { fromKeys in
                    sourceVertices.withUnsafeBufferPointer { fromVertices in
                        targetKeys.withUnsafeMutableBufferPointer { toKeys in
                            targetVertices.withUnsafeMutableBufferPointer { toVertices in
                                for i in 0..<count {
                                    let key = fromKeys[i]
                                    let bucket = Int((key >> shift) & 0xffff)
                                    let slot = offsets[bucket]
                                    offsets[bucket] = slot + 1
                                    toKeys[slot] = key
                                    toVertices[slot] = fromVertices[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceVertices, &targetVertices)
        }
        return (sourceKeys, sourceVertices)
    }

    /// The same join through hash tables, as the import did it before the sort: count each key,
    /// then number the junctions' keys as vertex order meets them. The reference for tests.
    /// - Complexity: O(V) expected.
    static func byDictionary(keys: [Int64], roles: [UInt8]) -> Nodes {
        var occurrences: [Int64: Int32] = [:]
        for (vertex, key) in keys.enumerated() where roles[vertex] & Roles.uncounted.rawValue == 0 {
            occurrences[key, default: 0] += 1
        }
        var nodeOf: [Int64: Int32] = [:]
        var nodes = Nodes(nodeOfVertex: [Int32](repeating: -1, count: keys.count), firstVertex: [])
        for (vertex, key) in keys.enumerated() where roles[vertex] & Roles.lineEnd.rawValue != 0 || (occurrences[key] ?? 0) >= 2 {
            if let node = nodeOf[key] {
                nodes.nodeOfVertex[vertex] = node
            } else {
                let node = Int32(nodes.firstVertex.count)
                nodeOf[key] = node
                nodes.firstVertex.append(Int32(vertex))
                nodes.nodeOfVertex[vertex] = node
            }
        }
        return nodes
    }
}
