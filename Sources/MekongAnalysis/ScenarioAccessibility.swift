import GeoCore
import MekongData
import MekongNetwork
import RoutingEngine

extension CityAccessibility {
    /// The accessibility of many scenarios of one plan at once, searching each city only on a
    /// few base scenarios and bringing its trees up to date for the others (``TreeUpdate``): a
    /// project's scenario differs from the plan without it in a few edges, and moves the costs of
    /// few nodes. Each result equals ``init(network:minimumPopulation:deadline:eachTree:)`` on
    /// its network: the same hours and shortest km to the last bit; where two paths are equally
    /// fast, the km along the fastest path and a gateway's links may follow the other one.
    ///
    ///     let networks = scenarios.map { Network(plan: plan, scenario: $0, profile: truck) }
    ///     let access = CityAccessibility.ofScenarios(networks, bases: [0], minimumPopulation: 50_000)
    ///
    /// - Parameters:
    ///   - networks: the scenarios, all views of one ``PlanGraph`` under one profile.
    ///   - bases: the indices of the networks to search in full (those the others differ least
    ///     from: the plan without and with all its projects); a network further than
    ///     `maximumChangedEdges` from every base becomes a base too.
    ///   - maximumChangedEdges: how many edges a network may differ in from its base and still be
    ///     brought up to date rather than searched anew.
    ///   - straightKm: the straight-line distances (km) of the city pairs whose shortest km are
    ///     wanted; the others are NaN. Nil: every pair.
    ///   - minimumNodes: from this graph size on, a city's search by km stops once it has settled
    ///     the cities paired with it (a third of a 10^6-node graph). On a small graph (the curated
    ///     network's thousand nodes) the updates would then search on past where each stopped tree
    ///     ended, and `projects assess` took a fifth more CPU than with complete trees.
    ///   - deadline: when to stop; past it the results reach nothing, and the caller drops them.
    /// - Complexity: per city, two one-to-all searches per base, O(B · (V + E) log V), and per
    ///   other network two updates, each O(A log A) for the A nodes its changed edges move;
    ///   O(N · B · E) to compare the networks with their bases. Cities run on all cores.
    public static func ofScenarios(_ networks: [Network], bases given: [Int], maximumChangedEdges: Int = 4096,
                                   minimumPopulation: Int, shortestKmWithin straightKm: ClosedRange<Double>? = nil,
                                   stoppingKmSearchesFromNodes minimumNodes: Int = 50_000,
                                   deadline: Deadline = .never) -> [CityAccessibility] {
        guard let first = networks.first else { return [] }
        let graph = first.graph
        // The bases, and for each other network the bases it is near, with the edges it differs
        // from each in, by hours and by km.
        var chosen: [Int] = []
        var nearBases = [[BaseChange]](repeating: [], count: networks.count)
        for b in given where !chosen.contains(where: { Self.differences(networks[$0], networks[b]).isEmpty }) { chosen.append(b) }
        for i in networks.indices where !chosen.contains(i) {
            let searched = chosen
            let candidates = concurrentMap(searched.count) { Self.differences(networks[searched[$0]], networks[i]) }
            let near = candidates.indices.filter { candidates[$0].count <= maximumChangedEdges }
            if near.isEmpty { chosen.append(i) }
            nearBases[i] = near.map { BaseChange(base: $0, hours: candidates[$0].hours, km: candidates[$0].km) }
        }
        let (bases, starts) = (chosen, nearBases)
        let cities = networks.map { Self.cities(of: $0, minimumPopulation: minimumPopulation) }
        let gateways = networks.map { Self.gateways(of: $0) }
        // The nodes a row reads: its cities' and gateways'.
        let targets = networks.indices.map { i in (cities[i] + gateways[i]).flatMap { networks[i].nodes(of: $0.id) } }
        let everyCity = Dictionary(cities.joined().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }).values.sorted { $0.id < $1.id }
        let incoming = IncomingEdges(graph)
        // Which pairs of cities need their shortest km: those the straight-line range takes in.
        let paired = Self.pairs(everyCity, withinStraightKm: straightKm)
        let stopKmSearches = straightKm != nil && graph.nodeCount >= minimumNodes
        let pairedIn = networks.indices.map { i in cities[i].map { a in cities[i].map { b in paired[a.id]?.contains(b.id) ?? true } } }
        // Each city's nodes in each network, looked up once: a city's rows and the km targets of
        // the cities paired with it read them many times.
        let nodesOf = Dictionary(uniqueKeysWithValues: everyCity.map { city in (city.id, networks.map { $0.nodes(of: city.id) }) })

        // rows[c][i]: city c's row in network i, nil when the city is not measured there. Each
        // thread keeps its updatable trees, one by hours and one by km per base, from city to city.
        let slots = ResultSlots<[Row?]>(count: everyCity.count)
        ParallelWork.forEach(count: everyCity.count, state: { _ in BaseTrees(count: bases.count) }) { trees, c in
            let city = everyCity[c].id
            var rowIn = [Row?](repeating: nil, count: networks.count)
            defer { slots.set(c, rowIn) }
            guard !deadline.hasPassed else { return }
            trees.startCity()
            let cityNodes = nodesOf[city]!
            let limits = SearchLimits(deadline: deadline)
            func measured(_ i: Int) -> Bool { cities[i].contains { $0.id == city } }
            // The nodes whose shortest km the city's rows read, in any network: the search by km
            // stops once it has settled them (a third of the graph for cities 40–400 km apart).
            let kmTargets: [NodeID]? = paired[city].map { others in
                Array(Set(others.flatMap { nodesOf[$0]!.joined() })).sorted()
            }
            var kmLimits = limits
            kmLimits.settlingAll = stopKmSearches ? kmTargets : nil
            // The city's trees by hours and by km on network `i`, and its row there from them.
            func search(_ i: Int) -> (fastest: ShortestPathTree, shortest: ShortestPathTree) {
                let sources = cityNodes[i].map { ($0, 0.0) }
                return (ShortestPaths.search(graph, weights: networks[i].edgeHours, sources: sources, limits: limits),
                        ShortestPaths.search(graph, weights: networks[i].edgeKm, sources: sources, limits: kmLimits))
            }
            func row(_ i: Int, hours: [Double], path: (NodeID) -> [EdgeID]?, shortestKm: [Double]) -> Row {
                var row = Row(network: networks[i], cities: cities[i], gateways: gateways[i], hours: hours, path: path, shortestKm: shortestKm)
                let a = cities[i].firstIndex { $0.id == city }!
                for b in row.shortestKm.indices where !pairedIn[i][a][b] { row.shortestKm[b] = .nan }
                return row
            }
            func row(_ i: Int, _ trees: (fastest: ShortestPathTree, shortest: ShortestPathTree)) -> Row {
                row(i, hours: trees.fastest.cost, path: { trees.fastest.path(to: $0, in: graph) }, shortestKm: trees.shortest.cost)
            }
            // The bases a network may start from here: a city whose nodes differ (it is itself a
            // project's) starts elsewhere, and is searched anew.
            func startsOf(_ i: Int) -> [BaseChange] { starts[i].filter { cityNodes[bases[$0.base]] == cityNodes[i] } }
            let followers = networks.indices.filter { !bases.contains($0) && measured($0) }
            let used = Set(followers.flatMap { startsOf($0).map(\.base) })
            // Every base's trees, updatable where a follower may start from them.
            for (k, base) in bases.enumerated() where (measured(base) || used.contains(k)) && !deadline.hasPassed {
                let network = networks[base], (tree, byDistance) = search(base)
                if measured(base) { rowIn[base] = row(base, (tree, byDistance)) }
                guard used.contains(k) else { continue }
                trees.set(k, byHours: tree, byKm: byDistance, network: network, incoming: incoming)
            }
            for i in followers where !deadline.hasPassed {
                let near = startsOf(i)
                guard !near.isEmpty else { rowIn[i] = row(i, search(i)); continue }
                // Each tree starts from the base its update is likely to visit the fewest nodes from.
                let h = near.min { a, b in
                    trees.expectedWork(byKm: false, from: a.base, changed: a.hours, to: i, bases: bases) { networks[$0].edgeHours }
                        < trees.expectedWork(byKm: false, from: b.base, changed: b.hours, to: i, bases: bases) { networks[$0].edgeHours }
                }!.base
                let k = near.min { a, b in
                    trees.expectedWork(byKm: true, from: a.base, changed: a.km, to: i, bases: bases) { networks[$0].edgeKm }
                        < trees.expectedWork(byKm: true, from: b.base, changed: b.km, to: i, bases: bases) { networks[$0].edgeKm }
                }!.base
                let hoursChanged = near.first { $0.base == h }!.hours, kmChanged = near.first { $0.base == k }!.km
                // Updated in place; read through copies that end before the restore (a copy alive
                // then would make the restore copy its arrays).
                let other = networks[i]
                trees.fastest[h]!.update(to: other.edgeHours, changed: hoursChanged, targets: targets[i], deadline: deadline)
                trees.shortest[k]!.update(to: other.edgeKm, changed: kmChanged, targets: kmTargets ?? targets[i], deadline: deadline)
                do {
                    let byHours = trees.fastest[h]!, byKm = trees.shortest[k]!
                    rowIn[i] = row(i, hours: byHours.cost, path: { byHours.path(to: $0) }, shortestKm: byKm.cost)
                }
                trees.fastest[h]!.restore()
                trees.shortest[k]!.restore()
            }
        }
        // Every city sets its slot (past the deadline, to rows of nothing reached).
        let rows = slots.valuesIfAllSet ?? Array(repeating: Array(repeating: nil, count: networks.count), count: everyCity.count)
        return networks.indices.map { i in
            CityAccessibility(cities: cities[i], rows: cities[i].map { city in
                let c = everyCity.firstIndex { $0.id == city.id }!
                return rows[c][i] ?? Row(unreachedCities: cities[i].count)
            })
        }
    }

    /// For each city, the others whose straight-line distance from it may lie in `range` (km on
    /// the WGS84 ellipsoid, as the gap analysis measures it): every such pair, and a few just
    /// outside. Measured by the chord through the Earth, which is never longer than the
    /// geodesic and within 0.1 % of it at these distances, so a pair whose chord is beyond the
    /// range's end, or 1 % short of its start, is surely out; the geodesics of PROJ for every
    /// pair took longer than the rest of the curated assessment's accessibility. Nil range:
    /// every pair, no entries.
    /// - Complexity: O(C²).
    private static func pairs(_ cities: [Place], withinStraightKm range: ClosedRange<Double>?) -> [PlaceID: Set<PlaceID>] {
        guard let range else { return [:] }
        var pairs = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, Set<PlaceID>()) })
        let points = cities.map { EarthCentredPoint($0.coordinate) }
        for i in cities.indices { for j in cities.indices where i < j {
            let chordKm = points[i].chordMetres(to: points[j]) / 1000
            guard chordKm <= range.upperBound && chordKm * 1.01 >= range.lowerBound else { continue }
            pairs[cities[i].id]!.insert(cities[j].id)
            pairs[cities[j].id]!.insert(cities[i].id)
        } }
        return pairs
    }

    /// One thread's updatable trees of the city it measures, one per base by hours and one by
    /// km, kept from city to city so that their arrays are reused rather than allocated anew.
    private struct BaseTrees {
        var fastest: [TreeUpdate?], shortest: [TreeUpdate?]
        /// Whether base k's trees are the current city's (the others hold an earlier city's).
        private(set) var current: [Bool]

        init(count: Int) {
            fastest = Array(repeating: nil, count: count)
            shortest = fastest
            current = Array(repeating: false, count: count)
        }

        /// A new city: no base's trees are its own yet.
        mutating func startCity() { current = Array(repeating: false, count: current.count) }

        /// Makes the trees `byHours` and `byKm`, searched on `network`, base k's, in the storage
        /// of the earlier ones once there are some.
        mutating func set(_ k: Int, byHours: ShortestPathTree, byKm: ShortestPathTree, network: Network, incoming: IncomingEdges) {
            Self.make(&fastest[k], base: byHours, graph: network.graph, weights: network.edgeHours, incoming: incoming)
            Self.make(&shortest[k], base: byKm, graph: network.graph, weights: network.edgeKm, incoming: incoming)
            current[k] = true
        }

        /// `update` with `tree` as its base: rebased in place, or made when there is none yet.
        private static func make(_ update: inout TreeUpdate?, base tree: ShortestPathTree, graph: CompressedGraph,
                                 weights: [Double], incoming: IncomingEdges) {
            if update == nil {
                update = TreeUpdate(tree: tree, graph: graph, weights: weights, incoming: incoming)
            } else {
                update!.rebase(on: tree, weights: weights)
            }
        }

        /// How many nodes bringing base `k`'s tree (by hours, or by km) to network `i` is likely
        /// to visit: those below the tree edges that become dearer (searched again), and, for
        /// each edge that becomes cheaper, those below it in another base's tree of this city
        /// that has it at its new weight (what will pass through it). An estimate to choose a
        /// base by; the update is exact from any base.
        /// - Parameters:
        ///   - weights: a network's weights (hours or km), by network index.
        /// - Complexity: O(C · B) for C changed edges and B bases.
        func expectedWork(byKm: Bool, from k: Int, changed: [EdgeID], to i: Int, bases: [Int], weights: (Int) -> [Double]) -> Int {
            func below(_ base: Int, _ edge: EdgeID) -> Int {
                guard current[base] else { return 0 }
                return (byKm ? shortest[base] : fastest[base])?.nodesBelow(treeEdge: edge) ?? 0
            }
            let new = weights(i), old = weights(bases[k])
            var work = 0
            for e in changed {
                let ei = Int(e.index)
                if new[ei] > old[ei] {
                    work += below(k, e)
                } else if new[ei] < old[ei] {
                    work += bases.indices.filter { $0 != k && weights(bases[$0])[ei] == new[ei] }.map { below($0, e) }.max() ?? 0
                }
            }
            return work
        }
    }

    /// A base a network may start from, by its index among the bases, and the edges whose hours
    /// and whose km differ between the two.
    private struct BaseChange {
        var base: Int
        var hours: [EdgeID], km: [EdgeID]
    }

    /// The edges whose hours differ between two views of one plan, and those whose km differ.
    private static func differences(_ a: Network, _ b: Network) -> (hours: [EdgeID], km: [EdgeID], count: Int, isEmpty: Bool) {
        var hours: [EdgeID] = [], km: [EdgeID] = []
        a.edgeHours.withUnsafeBufferPointer { x in b.edgeHours.withUnsafeBufferPointer { y in
            for e in 0..<x.count where x[e] != y[e] { hours.append(EdgeID(e)) }
        } }
        a.edgeKm.withUnsafeBufferPointer { x in b.edgeKm.withUnsafeBufferPointer { y in
            for e in 0..<x.count where x[e] != y[e] { km.append(EdgeID(e)) }
        } }
        return (hours, km, max(hours.count, km.count), hours.isEmpty && km.isEmpty)
    }
}
