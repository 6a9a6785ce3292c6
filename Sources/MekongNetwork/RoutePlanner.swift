import GeoCore
import MekongData

/// Finds routes through a ``Network``: from, via places or links in order, to; avoiding places,
/// links, modes or countries; minimising time or distance.
///
///     let planner = RoutePlanner(network: network)
///     let route = try planner.route(RouteRequest(from: "bangkok", to: "hanoi", via: [.link("third-thai-lao-friendship-bridge")]))
///     route.hours    // 33.8
///
/// Each stretch between consecutive points is an A* search with a straight-line lower bound; a via
/// link may be crossed either way, and the direction is chosen by dynamic programming over the
/// whole chain, so the answer is the exact optimum of the constrained problem.
public struct RoutePlanner: Sendable {
    /// The scenario and profile every route is found in.
    public let network: Network
    /// When the planner's searches stop; a route not found by then is ``RouteError/deadlinePassed``.
    public let deadline: Deadline

    /// A planner over `network`; it holds no state of its own, so it is cheap to make per query.
    public init(network: Network, deadline: Deadline = .never) {
        self.network = network
        self.deadline = deadline
    }

    /// The blocked edges and nodes for a list of avoidances, and the planner's deadline.
    public func limits(avoiding avoid: [Avoidance]) -> SearchLimits {
        guard !avoid.isEmpty else { return SearchLimits(deadline: deadline) }
        var edges = [Bool](repeating: false, count: network.graph.edgeCount)
        var nodes = [Bool](repeating: false, count: network.graph.nodeCount)
        for a in avoid {
            switch a {
            case .place(let id): for n in network.nodes(of: id) { nodes[Int(n.index)] = true }
            case .country(let iso):
                for n in 0..<network.graph.nodeCount where network.place(of: NodeID(n))?.country == iso { nodes[n] = true }
            case .link(let id): for e in network.edges(of: id) { edges[Int(e.index)] = true }
            case .mode(let mode):
                for e in 0..<network.graph.edgeCount where network.link(of: EdgeID(e))?.mode == mode { edges[e] = true }
            }
        }
        return SearchLimits(blockedEdges: edges, blockedNodes: nodes, deadline: deadline)
    }

    /// One way to pass a point: enter at some nodes, leave at others, with edges in between.
    private struct Option {
        var entry: [NodeID]
        var exit: [NodeID]
        var edges: [EdgeID]
        var cost: Double
        var label: String
    }

    private func options(for point: Waypoint, weights: [Double], limits: SearchLimits) throws(RouteError) -> [Option] {
        switch point {
        case .place(let id):
            let nodes = network.nodes(of: id)
            if nodes.isEmpty { throw .notInService("place \(id)", reason: reason(place: id)) }
            if nodes.allSatisfy({ limits.blockedNodes?[Int($0.index)] ?? false }) {
                throw .conflict("\(id) is both a point of the route and avoided")
            }
            return [Option(entry: nodes, exit: nodes, edges: [], cost: 0, label: id.rawValue)]
        case .link(let id):
            let edges = network.edges(of: id)
            if edges.isEmpty { throw .notInService("link \(id)", reason: reason(link: id)) }
            let open = edges.filter { !(limits.blockedEdges?[Int($0.index)] ?? false) }
            if open.isEmpty { throw .conflict("\(id) is both a point of the route and avoided") }
            return open.map { e in
                Option(entry: [network.graph.tail(e)], exit: [network.graph.head(e)], edges: [e],
                       cost: weights[Int(e.index)], label: id.rawValue)
            }
        }
    }

    /// Why a place is missing from the network of this scenario.
    func reason(place id: PlaceID) -> String {
        guard let place = network.dataset.place(id) else { return "it is not in the data" }
        return serviceReason(period: place.period, project: place.project, retiredBy: nil)
    }

    /// Why a link is missing from the network of this scenario.
    func reason(link id: LinkID) -> String {
        guard let link = network.dataset.link(id) else { return "it is not in the data" }
        if !network.scenario.isInService(link, in: network.dataset) {
            return serviceReason(period: link.period, project: link.project, retiredBy: link.retiredBy)
        }
        if let regime = link.regime(on: network.scenario.date), !regime.admits(network.costModel.profile.id) {
            return Self.describe(regime, for: network.costModel.profile.id)
        }
        return "one of its ends (\(link.from), \(link.to)) is not in service"
    }

    private func serviceReason(period: ServicePeriod, project: ProjectID?, retiredBy: ProjectID?) -> String {
        let s = network.scenario
        if let project, s.without.contains(project) { return "the scenario is --without \(project), which built it" }
        if let retiredBy, s.with.contains(retiredBy) { return "the scenario is --with \(retiredBy), which replaced it" }
        if let opened = period.opened, opened > s.year {
            return "it opens in \(opened) and the scenario's year is \(s.year)\(project.map { " (try --with \($0))" } ?? "")"
        }
        if let closed = period.closed, closed <= s.year {
            return "it closed in \(closed)\(retiredBy.map { ", replaced by \($0)" } ?? "") and the scenario's year is \(s.year)"
        }
        if let project, period.opened == nil, network.dataset.isUnbuilt(project) {
            let status = network.dataset.project(project)?.status.rawValue ?? "unfinished"
            return "its project \(project) is \(status) with no opening year (try --with \(project))"
        }
        return "it is not in service in \(s.year)"
    }

    /// The best route for `request`.
    /// - Throws: ``RouteError`` naming the point that is not in service, the contradiction, or
    ///   the stretch no path joins and why; ``RouteError/deadlinePassed`` past the deadline.
    /// - Complexity: one A* search per stretch, each O((V + E) log V) at worst.
    public func route(_ request: RouteRequest) throws(RouteError) -> Route {
        try route(request, weights: network.weights(request.optimization))
    }

    func route(_ request: RouteRequest, weights: [Double]) throws(RouteError) -> Route {
        if request.from == request.to && request.via.isEmpty {
            throw .conflict("the route starts and ends at the same place, \(request.from)")
        }
        var limits = self.limits(avoiding: request.avoid)
        let points: [Waypoint] = [.place(request.from)] + request.via + [.place(request.to)]
        var layers: [[Option]] = []
        for p in points { layers.append(try options(for: p, weights: weights, limits: limits)) }
        // best[i][k]: cost to have passed option k of point i; back[i][k]: (previous option, path).
        var best: [[Double]] = [layers[0].map { _ in 0 }]
        var back: [[(Int, [EdgeID])]] = [layers[0].map { _ in (-1, []) }]
        let speed = request.optimization == .time ? network.costModel.topSpeedKmh : 1
        for i in 1..<layers.count {
            var sources: [(NodeID, Double)] = []
            var sourceOption: [Int32: Int] = [:]
            for (k, option) in layers[i - 1].enumerated() where best[i - 1][k].isFinite {
                for node in option.exit where (sourceOption[node.index].map { best[i - 1][$0] > best[i - 1][k] } ?? true) {
                    sourceOption[node.index] = k
                    sources.append((node, best[i - 1][k]))
                }
            }
            let targetNodes = layers[i].flatMap(\.entry)
            limits.targets = Set(layers[i].count == 1 ? targetNodes.map(\.index) : [])
            // Each goal converted once: the heuristic runs at every node the search reaches.
            let goals = Set(targetNodes.map { EarthCentredPoint(network.coordinate(of: $0)) })
            let heuristic: (Int32) -> Double = { node in
                let here = EarthCentredPoint(network.coordinate(of: NodeID(Int(node))))
                var lower = Double.infinity
                for goal in goals {
                    // The chord, not the geodesic: as sound a bound, and it needs no PROJ.
                    let km = here.chordMetres(to: goal) / 1000
                    lower = min(lower, km / speed)
                }
                return lower
            }
            // A* needs a single goal set to stop at; with several link directions, plain Dijkstra.
            let tree = ShortestPaths.search(network.graph, weights: weights, sources: sources, limits: limits,
                                            heuristic: layers[i].count == 1 ? heuristic : nil)
            if deadline.hasPassed { throw .deadlinePassed }
            var layerBest: [Double] = [], layerBack: [(Int, [EdgeID])] = []
            for option in layers[i] {
                var bestCost = Double.infinity, bestPath: (Int, [EdgeID]) = (-1, [])
                for node in option.entry where tree.cost[Int(node.index)] + option.cost < bestCost {
                    guard let path = tree.path(to: node, in: network.graph) else { continue }
                    let origin = path.first.map { network.graph.tail($0) } ?? node
                    bestCost = tree.cost[Int(node.index)] + option.cost
                    bestPath = (sourceOption[origin.index] ?? 0, path + option.edges)
                }
                layerBest.append(bestCost)
                layerBack.append(bestPath)
            }
            if layerBest.allSatisfy({ !$0.isFinite }) {
                throw .unreachable(from: points[i - 1].description, to: points[i].description,
                                   reason: unreachableReason(request: request))
            }
            best.append(layerBest)
            back.append(layerBack)
        }
        // Walk back from the destination.
        var edges: [EdgeID] = []
        var k = 0
        for i in stride(from: layers.count - 1, to: 0, by: -1) {
            let (previous, path) = back[i][k]
            edges = path + edges
            k = previous
        }
        return Route(edges: edges, network: network)
    }

    /// "closed since 2025-06-23 (closed by Thailand …)" or "open to car only since …".
    static func describe(_ regime: Regime, for profile: ProfileID) -> String {
        let until = regime.until.map { " until \($0)" } ?? ""
        if regime.isClosure { return "closed from \(regime.from)\(until): \(regime.rule)" }
        let who = (regime.openTo ?? []).sorted().map(\.rawValue).joined(separator: ", ")
        return "open to \(who) only from \(regime.from)\(until), not to \(profile): \(regime.rule)"
    }

    /// The likely cause when no path exists: an avoidance, or a missing feature of the scenario.
    private func unreachableReason(request: RouteRequest) -> String {
        if !request.avoid.isEmpty {
            let without = try? route(RouteRequest(from: request.from, to: request.to, via: request.via, avoid: [],
                                                  optimization: request.optimization))
            if without != nil {
                return "avoiding \(request.avoid.map(\.description).joined(separator: ", ")) disconnects it"
            }
        }
        let s = network.scenario
        let profile = network.costModel.profile.id
        // The barred links with one end within the start's reach and the other beyond it: the
        // ones that would have joined.
        let tree = ShortestPaths.search(network.graph, weights: network.edgeHours, sources: network.nodes(of: request.from).map { ($0, 0) })
        var reached: Set<PlaceID> = []
        for node in tree.settled { if let place = network.place(of: NodeID(Int(node))) { reached.insert(place.id) } }
        let barred = network.dataset.links.filter { link in
            s.isInService(link, in: network.dataset) && link.regime(on: s.date).map { !$0.admits(profile) } == true
                && reached.contains(link.from) != reached.contains(link.to)
        }
        if let first = barred.first {
            let more = barred.count > 1 ? " and \(barred.count - 1) other crossing(s) or link(s) within reach" : ""
            return "on \(s.date) \(first.id) is \(Self.describe(first.regime(on: s.date)!, for: profile))\(more); try an earlier --date or another --profile"
        }
        let closed = network.dataset.links.filter { !s.isInService($0, in: network.dataset) }
        let hint = closed.isEmpty ? "" : "; \(closed.count) links of the data are not in service in \(s.year) (e.g. planned or closed ones)"
        return "the \(s.year) network has no connection between them\(hint)"
    }
}
