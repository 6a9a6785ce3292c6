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
    ///   - deadline: when to stop; past it the results reach nothing, and the caller drops them.
    /// - Complexity: per city, two one-to-all searches per base, O(B · (V + E) log V), and per
    ///   other network two updates, each O(A log A) for the A nodes its changed edges move;
    ///   O(N · B · E) to compare the networks with their bases. Cities run on all cores.
    public static func ofScenarios(_ networks: [Network], bases given: [Int], maximumChangedEdges: Int = 4096,
                                   minimumPopulation: Int, deadline: Deadline = .never) -> [CityAccessibility] {
        guard let first = networks.first else { return [] }
        let graph = first.graph
        // Each network's base and the edges it differs from it in, by hours and by km.
        var chosen: [Int] = []
        var assigned = [Int](repeating: -1, count: networks.count)
        var hoursChanges = [[EdgeID]](repeating: [], count: networks.count)
        var kmChanges = [[EdgeID]](repeating: [], count: networks.count)
        for b in given where !chosen.contains(where: { Self.differences(networks[$0], networks[b]).isEmpty }) { chosen.append(b) }
        for i in networks.indices {
            if chosen.contains(i) { assigned[i] = i; continue }
            let searched = chosen
            let candidates = concurrentMap(searched.count) { Self.differences(networks[searched[$0]], networks[i]) }
            let nearest = candidates.indices.min { candidates[$0].count < candidates[$1].count }
            if let nearest, candidates[nearest].count <= maximumChangedEdges {
                assigned[i] = searched[nearest]
                hoursChanges[i] = candidates[nearest].hours
                kmChanges[i] = candidates[nearest].km
            } else {
                chosen.append(i)
                assigned[i] = i
            }
        }
        let (bases, baseOf, changedHours, changedKm) = (chosen, assigned, hoursChanges, kmChanges)
        let cities = networks.map { Self.cities(of: $0, minimumPopulation: minimumPopulation) }
        let gateways = networks.map { Self.gateways(of: $0) }
        // The nodes a row reads: its cities' and gateways'.
        let targets = networks.indices.map { i in (cities[i] + gateways[i]).flatMap { networks[i].nodes(of: $0.id) } }
        let everyCity = Dictionary(cities.joined().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }).values.sorted { $0.id < $1.id }
        let incoming = IncomingEdges(graph)

        // rows[c][i]: city c's row in network i, nil when the city is not measured there.
        let rows = concurrentMap(everyCity.count) { c -> [Row?] in
            let city = everyCity[c].id
            var rowIn = [Row?](repeating: nil, count: networks.count)
            let limits = SearchLimits(deadline: deadline)
            func measured(_ i: Int) -> Bool { cities[i].contains { $0.id == city } }
            // The city's trees by hours and by km on network `i`, and its row there from them.
            func search(_ i: Int) -> (fastest: ShortestPathTree, shortest: ShortestPathTree) {
                let sources = networks[i].nodes(of: city).map { ($0, 0.0) }
                return (ShortestPaths.search(graph, weights: networks[i].edgeHours, sources: sources, limits: limits),
                        ShortestPaths.search(graph, weights: networks[i].edgeKm, sources: sources, limits: limits))
            }
            func row(_ i: Int, _ trees: (fastest: ShortestPathTree, shortest: ShortestPathTree)) -> Row {
                Row(network: networks[i], cities: cities[i], gateways: gateways[i], hours: trees.fastest.cost,
                    path: { trees.fastest.path(to: $0, in: graph) }, shortestKm: trees.shortest.cost)
            }
            for base in bases {
                let followers = networks.indices.filter { baseOf[$0] == base && $0 != base && measured($0) }
                guard measured(base) || !followers.isEmpty, !deadline.hasPassed else { continue }
                let network = networks[base], (tree, byDistance) = search(base)
                if measured(base) { rowIn[base] = row(base, (tree, byDistance)) }
                var fastest = TreeUpdate(tree: tree, graph: graph, weights: network.edgeHours, incoming: incoming)
                var shortest = TreeUpdate(tree: byDistance, graph: graph, weights: network.edgeKm, incoming: incoming)
                for i in followers where !deadline.hasPassed {
                    let other = networks[i]
                    // A city whose nodes differ (it is itself a project's) starts elsewhere: search anew.
                    guard other.nodes(of: city) == network.nodes(of: city) else { rowIn[i] = row(i, search(i)); continue }
                    fastest.update(to: other.edgeHours, changed: changedHours[i], targets: targets[i], deadline: deadline)
                    shortest.update(to: other.edgeKm, changed: changedKm[i], targets: targets[i], deadline: deadline)
                    rowIn[i] = Row(network: other, cities: cities[i], gateways: gateways[i], hours: fastest.cost,
                                   path: { fastest.path(to: $0) }, shortestKm: shortest.cost)
                    fastest.restore()
                    shortest.restore()
                }
            }
            return rowIn
        }
        return networks.indices.map { i in
            CityAccessibility(cities: cities[i], rows: cities[i].map { city in
                let c = everyCity.firstIndex { $0.id == city.id }!
                return rows[c][i] ?? Row(unreachedCities: cities[i].count)
            })
        }
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
