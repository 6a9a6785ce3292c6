/// Which places are joined by a chain of links (ignoring direction and cost): a union–find over
/// place indices, for the validator's corridor check.
struct Connectivity {
    private var parent: [Int]
    private let index: [PlaceID: Int]

    /// - Complexity: O((places + links) · α(places)).
    init(places: [Place], links: [Link]) {
        var index: [PlaceID: Int] = [:]
        for (i, p) in places.enumerated() { index[p.id] = i }
        self.index = index
        parent = Array(places.indices)
        for link in links {
            if let a = index[link.from], let b = index[link.to] { union(a, b) }
        }
    }

    private mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var node = x
        while parent[node] != root { let next = parent[node]; parent[node] = root; node = next }
        return root
    }

    private mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[ra] = rb }
    }

    mutating func connected(_ a: PlaceID, _ b: PlaceID) -> Bool {
        guard let ia = index[a], let ib = index[b] else { return false }
        return find(ia) == find(ib)
    }
}
