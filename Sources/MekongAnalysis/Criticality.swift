import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// How much the cities lose when one link is lost: pairs cut off and the rise of the
/// population-weighted mean travel time between cities.
///
/// Candidates are the bridges, ferries and border crossings in service and every link whose loss
/// splits the network (found by Tarjan's bridge-finding on the place graph). Only the cities whose
/// fastest paths use a candidate are searched again without it, and of their trees only the part
/// below the candidate (``Detours``).
public struct Criticality: Sendable {
    /// What losing one link costs the cities.
    public struct Impact: Sendable {
        /// The link lost.
        public var link: LinkID
        /// Rise of the population-weighted mean city-to-city travel time, hours.
        public var weightedHours: Double
        /// Ordered city pairs no longer connected.
        public var disconnectedPairs: Int
        /// Cities cut off from the largest group of cities.
        public var citiesCutOff: [PlaceID]
    }

    /// The scenario's network, from which links are taken away one at a time.
    public let network: Network
    /// The cities and travel times with every link in service: the baseline of each impact.
    public let accessibility: CityAccessibility
    /// When to stop: past it, ``impacts()`` returns none, so a caller past it drops the result.
    public let deadline: Deadline

    /// The detours gathered from the cities' trees while ``accessibility`` was measured; nil: searched here.
    public let detours: Detours?

    /// An analysis of `network`; `accessibility` must have been measured on the same network.
    /// - Parameter detours: gathered from the same searches (pass ``Detours/record(city:tree:)`` to
    ///   ``CityAccessibility``), which saves a search per city; nil to search again.
    public init(network: Network, accessibility: CityAccessibility, detours: Detours? = nil, deadline: Deadline = .never) {
        self.network = network
        self.accessibility = accessibility
        self.detours = detours
        self.deadline = deadline
    }

    /// Each origin city's hours to every city without each candidate link its fastest paths use,
    /// taken from the origin's tree with ``TreeRepair`` (only the part of the tree below the
    /// candidate is searched again).
    ///
    ///     let detours = Criticality.Detours(network: network, cities: cities)
    ///     let access = CityAccessibility(network: network, minimumPopulation: 50_000, eachTree: detours.record)
    ///     Criticality(network: network, accessibility: access, detours: detours).impacts()
    public final class Detours: Sendable {
        /// The candidates: bridges, ferries and border crossings in service, and every link whose
        /// loss splits the network.
        let candidates: Set<LinkID>
        private let network: Network
        private let cityNodes: [[NodeID]]
        private let allCityNodes: [NodeID]
        private let candidateEdges: [LinkID: [EdgeID]]
        private let incoming: IncomingEdges
        private let deadline: Deadline
        private let rows: ResultSlots<[LinkID: [Double]]>

        /// Detours of `cities` (the rows of the accessibility's matrices) on `network`.
        /// - Complexity: O(V + E) for the candidates and the graph's incoming edges.
        public init(network: Network, cities: [Place], deadline: Deadline = .never) {
            let candidates = Criticality.splittingLinks(of: network).union(network.scenario.links(of: network.dataset).lazy
                .filter { $0.isBridge || $0.mode == .ferry || $0.crossesBorder }.map(\.id))
            self.candidates = candidates
            self.network = network
            cityNodes = cities.map { network.nodes(of: $0.id) }
            allCityNodes = cityNodes.flatMap { $0 }
            candidateEdges = Dictionary(uniqueKeysWithValues: candidates.map { ($0, network.edges(of: $0)) })
            incoming = IncomingEdges(network.graph)
            self.deadline = deadline
            rows = ResultSlots(count: cities.count)
        }

        /// Records the detours of origin `city` (its index in the cities) from `tree`, its
        /// search by hours with no limit but the deadline. Safe to call from several threads.
        /// - Complexity: a search of the subtree below each candidate the tree's city paths use.
        @Sendable public func record(city origin: Int, tree: ShortestPathTree) {
            let g = network.graph
            var used = Set<LinkID>()
            var seen = Set<Int32>()
            for nodes in cityNodes {
                guard let best = nodes.min(by: { tree.cost[Int($0.index)] < tree.cost[Int($1.index)] }), tree.cost[Int(best.index)].isFinite else { continue }
                var n = best.index
                while tree.parentEdge[Int(n)] >= 0, !seen.contains(n) {
                    seen.insert(n)
                    let e = EdgeID(Int(tree.parentEdge[Int(n)]))
                    if let link = network.link(of: e), candidates.contains(link.id) { used.insert(link.id) }
                    n = g.tail(e).index
                }
            }
            var repair = TreeRepair(tree: tree, graph: g, weights: network.edgeHours, incoming: incoming)
            var after: [LinkID: [Double]] = [:]
            for link in used.sorted() {
                if deadline.hasPassed { return }
                let costs = repair.costs(at: allCityNodes, without: candidateEdges[link] ?? [], deadline: deadline)
                var offset = 0
                after[link] = cityNodes.map { nodes in
                    defer { offset += nodes.count }
                    return costs[offset..<offset + nodes.count].min() ?? .infinity
                }
            }
            rows.set(origin, after)
        }

        /// Every origin's detours; nil when one was not recorded (the deadline passed).
        var all: [[LinkID: [Double]]]? { rows.valuesIfAllSet }
    }

    /// Links whose removal disconnects the place graph (graph-theoretic bridges).
    /// - Complexity: O(V + E).
    static func splittingLinks(of network: Network) -> Set<LinkID> {
        let g = network.graph
        // Undirected adjacency over nodes; each link contributes one undirected edge id.
        var linkIndex: [LinkID: Int32] = [:]
        for (i, l) in network.dataset.links.enumerated() { linkIndex[l.id] = Int32(i) }
        var adjacency = [[(to: Int, link: Int32)]](repeating: [], count: g.nodeCount)
        for e in 0..<g.edgeCount where network.isInService(EdgeID(e)) {
            let edge = EdgeID(e)
            let a = Int(g.tail(edge).index), b = Int(g.head(edge).index)
            // Transfer edges between a place's carrier nodes get ids of their own, below zero.
            let link = network.link(of: edge).flatMap { linkIndex[$0.id] } ?? Int32(-1 - e)
            // Both directions, so a one-way link still counts as an undirected edge.
            adjacency[a].append((b, link))
            adjacency[b].append((a, link))
        }
        var order = [Int](repeating: -1, count: g.nodeCount), low = [Int](repeating: 0, count: g.nodeCount)
        var counter = 0
        var result: Set<LinkID> = []
        for root in 0..<g.nodeCount where order[root] < 0 {
            // Iterative DFS: (node, link used to enter, next neighbour index).
            var stack: [(Int, Int32, Int)] = [(root, Int32.min, 0)]
            order[root] = counter; low[root] = counter; counter += 1
            while let (node, via, next) = stack.last {
                if next < adjacency[node].count {
                    stack[stack.count - 1].2 += 1
                    let (to, link) = adjacency[node][next]
                    if link == via { continue }
                    if order[to] < 0 {
                        order[to] = counter; low[to] = counter; counter += 1
                        stack.append((to, link, 0))
                    } else {
                        low[node] = min(low[node], order[to])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.0] = min(low[parent.0], low[node])
                        if low[node] > order[parent.0], via >= 0 { result.insert(network.dataset.links[Int(via)].id) }
                    }
                }
            }
        }
        return result
    }

    /// The impact of losing each candidate link, most harmful first; none past the deadline.
    ///
    /// Each city's tree is searched once; for every candidate its fastest paths use, only the part
    /// of the tree below the candidate's edges is searched again (``TreeRepair``), which gives the
    /// costs a new search without the link would, bit for bit. The cities run side by side.
    /// - Complexity: O(C · (V + E) log V) for the trees, plus, for each city and each candidate on
    ///   its paths, a search of the subtree below the candidate.
    public func impacts() -> [Impact] {
        let cities = accessibility.cities
        let weights = accessibility.pairWeights
        let detours = detours ?? {
            let detours = Detours(network: network, cities: cities, deadline: deadline)
            let g = network.graph, network = network, deadline = deadline
            DispatchQueue.concurrentPerform(iterations: cities.count) { i in
                if deadline.hasPassed { return }
                detours.record(city: i, tree: ShortestPaths.search(g, weights: network.edgeHours, sources: network.nodes(of: cities[i].id).map { ($0, 0) },
                                                                   limits: SearchLimits(deadline: deadline)))
            }
            return detours
        }()
        guard !deadline.hasPassed, let rows = detours.all else { return [] }
        var origins: [LinkID: [Int]] = [:]
        for (i, row) in rows.enumerated() { for link in row.keys { origins[link, default: []].append(i) } }
        let impacts = origins.keys.sorted().map { link in
            impact(of: link, origins: origins[link]!, after: { rows[$0][link]! }, cities: cities, weights: weights)
        }
        return impacts.sorted { ($0.disconnectedPairs, $0.weightedHours, $1.link) > ($1.disconnectedPairs, $1.weightedHours, $0.link) }
    }

    /// The cost of losing one link: the extra population-weighted hours from each origin whose
    /// fastest paths used it, and the city pairs it cuts apart.
    /// - Parameters:
    ///   - origins: the cities whose fastest paths used the link, in increasing order.
    ///   - after: an origin's hours to every city without the link.
    /// - Complexity: O(origins · cities).
    func impact(of link: LinkID, origins: [Int], after: (Int) -> [Double], cities: [Place], weights: [[Double]]) -> Impact {
        var weighted = 0.0, disconnected = 0
        // The cities still reached from the best-connected affected origin form the main
        // group; the rest of the cities that were connected before are cut off.
        var mainGroup: Set<Int> = []
        for i in origins {
            let row = after(i)
            var reached: Set<Int> = [i]
            for j in cities.indices where j != i && accessibility.hours[i][j].isFinite {
                if row[j].isFinite {
                    weighted += weights[i][j] * (row[j] - accessibility.hours[i][j])
                    reached.insert(j)
                } else {
                    disconnected += 1
                }
            }
            if reached.count > mainGroup.count { mainGroup = reached }
        }
        let before = Set(cities.indices.filter { j in origins.contains { accessibility.hours[$0][j].isFinite } || origins.contains(j) })
        let cut = disconnected == 0 ? [] : before.subtracting(mainGroup).map { cities[$0].id }
        return Impact(link: link, weightedHours: weighted, disconnectedPairs: disconnected, citiesCutOff: cut.sorted())
    }

    /// Every link whose loss cuts cities off, and the `top` links adding the most weighted time.
    public func gaps(top: Int) -> [Gap] {
        let all = impacts()
        let cutting = all.filter { $0.disconnectedPairs > 0 }
        let slowing = all.filter { $0.disconnectedPairs == 0 && $0.weightedHours > 0 }.sorted { $0.weightedHours > $1.weightedHours }.prefix(top)
        let threshold = slowing.last?.weightedHours ?? 0
        return (cutting + slowing).compactMap { impact in
            guard let link = network.dataset.link(impact.link) else { return nil }
            let what = link.mode == .ferry ? "ferry" : link.isBridge ? "bridge" : link.crossesBorder ? "border crossing" : "road"
            let text: String
            if impact.disconnectedPairs > 0 {
                let names = impact.citiesCutOff.compactMap { network.dataset.place($0)?.name }
                text = "losing the \(what) \(link.name) cuts off \(names.joined(separator: ", ")) (\(impact.disconnectedPairs) city pairs)"
            } else {
                text = String(format: "losing the %@ %@ adds %.2f h to the population-weighted mean city-to-city travel time", what, link.name, impact.weightedHours)
            }
            return Gap(kind: .criticality, key: "criticality:\(link.id)", places: [link.from, link.to] + impact.citiesCutOff, links: [link.id],
                       corridor: nil, value: impact.disconnectedPairs > 0 ? Double(impact.disconnectedPairs) : impact.weightedHours,
                       threshold: impact.disconnectedPairs > 0 ? 0 : threshold, unit: impact.disconnectedPairs > 0 ? .pairsCut : .hours,
                       finding: text, geometry: .lineString(link.geometry))
        }
    }
}
