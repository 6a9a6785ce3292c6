import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// How much the cities lose when one link is lost: pairs cut off and the rise of the
/// population-weighted mean travel time between cities.
///
/// Candidates are the bridges, ferries and border crossings in service and every link whose loss
/// splits the network (found by Tarjan's bridge-finding on the place graph). Only the cities whose
/// fastest paths use a candidate are searched again without it.
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

    /// An analysis of `network`; `accessibility` must have been measured on the same network.
    public init(network: Network, accessibility: CityAccessibility, deadline: Deadline = .never) {
        self.network = network
        self.accessibility = accessibility
        self.deadline = deadline
    }

    /// Links whose removal disconnects the place graph (graph-theoretic bridges).
    /// - Complexity: O(V + E).
    func splittingLinks() -> Set<LinkID> {
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
    /// - Complexity: O(C · (V + E) log V) for the baseline, plus the same for each affected city
    ///   of each candidate.
    public func impacts() -> [Impact] {
        let cities = accessibility.cities
        let weights = accessibility.pairWeights
        let g = network.graph
        let cityNodes: [[NodeID]] = cities.map { network.nodes(of: $0.id) }
        // Baseline trees and the links each origin's fastest paths use.
        var usedBy: [LinkID: Set<Int>] = [:]
        for (i, city) in cities.enumerated() {
            if deadline.hasPassed { return [] }
            let tree = ShortestPaths.search(g, weights: network.edgeHours, sources: network.nodes(of: city.id).map { ($0, 0) })
            var seen = Set<Int32>()
            for nodes in cityNodes {
                guard let best = nodes.min(by: { tree.cost[Int($0.index)] < tree.cost[Int($1.index)] }), tree.cost[Int(best.index)].isFinite else { continue }
                var n = best.index
                while tree.parentEdge[Int(n)] >= 0, !seen.contains(n) {
                    seen.insert(n)
                    let e = EdgeID(Int(tree.parentEdge[Int(n)]))
                    if let link = network.link(of: e) { usedBy[link.id, default: []].insert(i) }
                    n = g.tail(e).index
                }
            }
        }
        var candidates = splittingLinks()
        for link in network.scenario.links(of: network.dataset) where link.isBridge || link.mode == .ferry || link.crossesBorder {
            candidates.insert(link.id)
        }
        // Each candidate's loss is independent of the others: spread them over the cores, each
        // worker with its own blocked mask and trees; the answers are placed by index, so the
        // result does not depend on the order the workers finish in.
        let affecting = candidates.sorted().compactMap { link in usedBy[link].map { (link, $0) } }.filter { !$0.1.isEmpty }
        let slots = ResultSlots<Impact>(count: affecting.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, affecting.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: affecting.count, by: workers) {
                if deadline.hasPassed { return }
                let (link, origins) = affecting[index]
                slots.set(index, impact(of: link, origins: origins, cities: cities, cityNodes: cityNodes, weights: weights))
            }
        }
        // Before the deadline every slot is filled (no worker throws); past it some may be empty.
        if deadline.hasPassed { return [] }
        let impacts = (try? slots.values()) ?? []
        return impacts.sorted { ($0.disconnectedPairs, $0.weightedHours, $1.link) > ($1.disconnectedPairs, $1.weightedHours, $0.link) }
    }

    /// The cost of losing one link: the extra population-weighted hours from each origin whose
    /// fastest paths used it, and the city pairs it cuts apart.
    /// - Complexity: one Dijkstra per affected origin.
    func impact(of link: LinkID, origins: Set<Int>, cities: [Place], cityNodes: [[NodeID]], weights: [[Double]]) -> Impact {
        let g = network.graph
        var blocked = [Bool](repeating: false, count: g.edgeCount)
        for e in network.edges(of: link) { blocked[Int(e.index)] = true }
        var weighted = 0.0, disconnected = 0
        // The cities still reached from the best-connected affected origin form the main
        // group; the rest of the cities that were connected before are cut off.
        var mainGroup: Set<Int> = []
        for i in origins.sorted() {
            let tree = ShortestPaths.search(g, weights: network.edgeHours, sources: cityNodes[i].map { ($0, 0) },
                                            limits: SearchLimits(blockedEdges: blocked, deadline: deadline))
            var reached: Set<Int> = [i]
            for j in cities.indices where j != i && accessibility.hours[i][j].isFinite {
                let after = cityNodes[j].map { tree.cost[Int($0.index)] }.min() ?? .infinity
                if after.isFinite {
                    weighted += weights[i][j] * (after - accessibility.hours[i][j])
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
