import GeoCore
import MekongData

/// The plan's graph as one scenario and one profile see it: a mask over the ``PlanGraph`` (what
/// is in service) and the profile's costs of the edges in service. Nothing is rebuilt: edges out
/// of service weigh `.infinity`, which no search relaxes.
///
/// A place's carrier node is active when a link in service brings that carrier to it; a place in
/// service with no link in service keeps its road node. A transfer edge is in service when both
/// its nodes are active.
///
///     let plan = PlanGraph(dataset: data)
///     let network = Network(plan: plan, scenario: Scenario(year: 2012), profile: truck)
///     network.nodes(of: "phnom-penh")    // the active ones, e.g. [n57]
///
/// - Complexity: O(V + E) to make, on top of the plan built once.
public struct Network: Sendable {
    /// The graph of every feature, shared by every scenario and profile.
    public let plan: PlanGraph
    /// The year and projects that decide what is in service.
    public let scenario: Scenario
    /// The profile's costs, which made `edgeHours` and `edgeKm`.
    public let costModel: CostModel
    /// Whether each node is active in this scenario, indexed by ``NodeID``.
    let nodeActive: [Bool]
    /// Per edge: its costs (meaningless for edges out of service); on an imported network the
    /// costs of its roads, shared by every scenario, with `costOverride` for the edges that carry
    /// links in this scenario.
    let edgeCost: [CostModel.LinkCost]
    /// On an imported network: the costs of the edges that carry a link in this scenario; empty
    /// on the curated plan.
    let costOverride: [Int32: CostModel.LinkCost]
    /// Travel hours and km of each edge in service; `.infinity` for edges out of service.
    public let edgeHours: [Double]
    /// Length in km of each edge in service; `.infinity` for edges out of service.
    public let edgeKm: [Double]
    /// On an imported network: the link (index into the data's links) each edge that carries one
    /// travels in this scenario; empty on the curated plan, where the plan graph says.
    let activeLink: [Int32: Int32]
    /// On an imported network: whether each place (by index) and link (by index) is in service;
    /// empty on the curated plan.
    let placeInService: [Bool]
    let linkInService: [Bool]

    /// The data set the plan was built from.
    public var dataset: Dataset { plan.dataset }
    /// The topology, shared by every scenario.
    public var graph: CompressedGraph { plan.graph.topology }

    /// Builds the plan and then the scenario's view of it; to evaluate several scenarios, build
    /// the ``PlanGraph`` once and use ``init(plan:scenario:profile:)``.
    public init(dataset: Dataset, scenario: Scenario, profile: Profile) {
        self.init(plan: PlanGraph(dataset: dataset), scenario: scenario, profile: profile)
    }

    /// The scenario's view of a plan built once; cheap next to building the plan.
    public init(plan: PlanGraph, scenario: Scenario, profile: Profile) {
        self.plan = plan
        self.scenario = scenario
        let costModel = CostModel(profile: profile)
        self.costModel = costModel
        if let imported = plan.imported {
            precondition(imported.profile == profile.id, "an imported plan graph is costed for one profile; build it for \(profile.id)")
            let view = Self.importedView(plan: plan, imported: imported, scenario: scenario, costModel: costModel)
            (nodeActive, edgeCost, costOverride, edgeHours, edgeKm) = (view.nodeActive, imported.fixedCost, view.costOverride, view.edgeHours, view.edgeKm)
            (activeLink, placeInService, linkInService) = (view.activeLink, view.placeInService, view.linkInService)
            return
        }
        activeLink = [:]
        costOverride = [:]
        placeInService = []
        linkInService = []
        let dataset = plan.dataset
        let graph = plan.graph
        let placeInService = dataset.places.map { scenario.isInService($0, in: dataset) }
        let date = scenario.date
        let linkInService = dataset.links.map { link in
            scenario.isInService(link, in: dataset) && (link.regime(on: date)?.admits(profile.id) ?? true)
        }
        var edgeInService = [Bool](repeating: false, count: graph.edgeCount)
        var carrierActive = [Bool](repeating: false, count: graph.nodeCount)
        for e in 0..<graph.edgeCount {
            let l = plan.edgeLink[e]
            guard l >= 0, linkInService[Int(l)], costModel.allows(dataset.links[Int(l)].mode) else { continue }
            let tail = Int(graph.topology.tails[e]), head = Int(graph.topology.heads[e])
            guard placeInService[Int(plan.nodePlace[tail])], placeInService[Int(plan.nodePlace[head])] else { continue }
            edgeInService[e] = true
            carrierActive[tail] = true
            carrierActive[head] = true
        }
        // A place in service without any link in service keeps its road node.
        var placeHasActiveNode = [Bool](repeating: false, count: dataset.places.count)
        for n in 0..<graph.nodeCount where carrierActive[n] { placeHasActiveNode[Int(plan.nodePlace[n])] = true }
        var nodeActive = [Bool](repeating: false, count: graph.nodeCount)
        for n in 0..<graph.nodeCount {
            let p = Int(plan.nodePlace[n])
            nodeActive[n] = placeInService[p] && (carrierActive[n] || (!placeHasActiveNode[p] && plan.nodeCarrier[n] == .roadVehicle))
        }
        let handling = CostModel.LinkCost(movingHours: 0, ferryHours: profile.modeChangeHours, borderHours: 0, lengthKm: 0)
        var edgeCost = [CostModel.LinkCost](repeating: handling, count: graph.edgeCount)
        var edgeHours = [Double](repeating: .infinity, count: graph.edgeCount)
        var edgeKm = [Double](repeating: .infinity, count: graph.edgeCount)
        for e in 0..<graph.edgeCount {
            let l = plan.edgeLink[e]
            if l < 0 {
                edgeInService[e] = nodeActive[Int(graph.topology.tails[e])] && nodeActive[Int(graph.topology.heads[e])]
            } else {
                let link = dataset.links[Int(l)]
                var record = graph.edges[EdgeID(e)]
                if !link.isDivided(in: scenario.year) { record.flags.remove(.divided) }
                edgeCost[e] = costModel.cost(of: record, border: link.borderDelayHours, regime: link.regime(on: date))
            }
            if edgeInService[e] {
                edgeHours[e] = edgeCost[e].hours
                edgeKm[e] = edgeCost[e].lengthKm
            }
        }
        self.nodeActive = nodeActive
        self.edgeCost = edgeCost
        self.edgeHours = edgeHours
        self.edgeKm = edgeKm
    }

    /// The active nodes of a place (one per carrier in use); empty when the place is not in service.
    public func nodes(of place: PlaceID) -> [NodeID] {
        if plan.isImported {
            guard let i = dataset.placeIndex(of: place), placeInService[i] else { return [] }
            return plan.nodes(of: place)
        }
        return plan.nodes(of: place).filter { nodeActive[Int($0.index)] }
    }

    /// The place a node belongs to (one of its carrier nodes); nil for a node of an imported
    /// network that is no place.
    public func place(of node: NodeID) -> Place? { plan.place(of: node) }

    /// The node's coordinate (its place's, on the curated plan).
    public func coordinate(of node: NodeID) -> Coordinate { plan.coordinate(of: node) }

    /// The place a node is, or, for a node of an imported network that is none, its coordinate as
    /// `LON,LAT` (which names it to every command): how routes and reports label their legs' ends.
    public func label(of node: NodeID) -> PlaceID {
        if let place = place(of: node) { return place.id }
        let c = coordinate(of: node)
        return PlaceID(String(format: "%.5f,%.5f", c.longitude, c.latitude))
    }

    /// The link an edge travels, nil for a transfer between carriers at a place or a road of an
    /// imported network that no link of the scenario was matched to.
    public func link(of edge: EdgeID) -> Link? {
        guard plan.isImported else { return plan.link(of: edge) }
        return activeLink[edge.index].map { dataset.links[Int($0)] }
    }

    /// The links a path travels, in order, each once per passage: the consecutive edges of one link
    /// (a link matched to several edges of an imported road) count once.
    ///
    ///     network.links(along: route.edges)    // ["nr1-phnom-penh-neak-loeung", "neak-loeung-bridge", …]
    ///
    /// - Complexity: O(n) in the edges.
    public func links(along edges: [EdgeID]) -> [LinkID] {
        var links: [LinkID] = []
        for edge in edges {
            if let link = link(of: edge)?.id, links.last != link { links.append(link) }
        }
        return links
    }

    /// Whether the edge is a change of carrier within a place (truck onto a ship), not a movement.
    public func isTransfer(_ edge: EdgeID) -> Bool {
        plan.isImported ? plan.graph.flags(of: edge).contains(.transfer) : plan.edgeLink[Int(edge.index)] < 0
    }

    /// The dated regime an edge's link is under on the scenario's day, nil when none.
    public func regime(of edge: EdgeID) -> Regime? { link(of: edge)?.regime(on: scenario.date) }

    /// Whether the edge is in service in this scenario.
    public func isInService(_ edge: EdgeID) -> Bool { edgeHours[Int(edge.index)].isFinite }

    /// Whether the edge runs its link's way (the geometry's order).
    public func isForward(_ edge: EdgeID) -> Bool { plan.graph.flags(of: edge).contains(.forward) }

    /// The parts of an edge's travel time (moving, ferry, border); meaningless for an edge out of
    /// service, so check ``isInService(_:)`` first.
    public func cost(of edge: EdgeID) -> CostModel.LinkCost { costOverride[edge.index] ?? edgeCost[Int(edge.index)] }

    /// The directed edges in service that travel `link`.
    public func edges(of link: LinkID) -> [EdgeID] {
        if plan.isImported {
            guard let i = dataset.linkIndex(of: link), linkInService[i] else { return [] }
        }
        return plan.edges(of: link).filter(isInService)
    }

    /// Edge weights for an optimisation (`.infinity` out of service).
    public func weights(_ optimization: Optimization) -> [Double] {
        optimization == .time ? edgeHours : edgeKm
    }

    /// The coordinates of an edge in travel order.
    public func geometry(of edge: EdgeID) -> [Coordinate] {
        if let imported = plan.imported {
            var line: [Coordinate] = [coordinate(of: graph.tail(edge))]
            for original in imported.originals(of: Int(edge.index)) {
                line += imported.source.line(of: EdgeID(Int(original))).dropFirst().map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
            }
            return line
        }
        guard let link = link(of: edge) else { return [coordinate(of: graph.tail(edge))] }
        return isForward(edge) ? link.geometry : link.geometry.reversed()
    }

    /// The scenario's view of the plan on an imported network: each edge a link was matched to or
    /// inserted as is in service while one of its links is (and both the link's places are), and
    /// costs what the link costs per km along the edge's own length, its ferry wait and border
    /// delay on the edge that leaves one of its places; an imported road no link was matched to
    /// costs what the profile makes of its own attributes, in every scenario (in its own years
    /// when it has any).
    /// - Complexity: O(V + E + L) for L links.
    private static func importedView(plan: PlanGraph, imported: ImportedPlan, scenario: Scenario, costModel: CostModel)
        -> (nodeActive: [Bool], costOverride: [Int32: CostModel.LinkCost], edgeHours: [Double], edgeKm: [Double], activeLink: [Int32: Int32],
            placeInService: [Bool], linkInService: [Bool]) {
        let dataset = plan.dataset
        let profile = costModel.profile
        let date = scenario.date
        let placeInService = dataset.places.map { scenario.isInService($0, in: dataset) }
        var linkInService = [Bool](repeating: false, count: dataset.links.count)
        var linkCost = [CostModel.LinkCost?](repeating: nil, count: dataset.links.count)
        for (l, link) in dataset.links.enumerated() {
            guard scenario.isInService(link, in: dataset), link.regime(on: date)?.admits(profile.id) ?? true, costModel.allows(link.mode),
                  let from = dataset.placeIndex(of: link.from), let to = dataset.placeIndex(of: link.to),
                  placeInService[from], placeInService[to] else { continue }
            linkInService[l] = true
            var record = PlanGraph.record(of: link, in: dataset)
            if !link.isDivided(in: scenario.year) { record.flags.remove(.divided) }
            linkCost[l] = costModel.cost(of: record, border: link.borderDelayHours, regime: link.regime(on: date))
        }
        let nodeActive = plan.nodePlace.map { $0 < 0 || placeInService[Int($0)] }
        // The roads of every scenario as they are, then the dated roads and the links of this one.
        var edgeHours = imported.undatedHours, edgeKm = imported.undatedKm
        var costOverride: [Int32: CostModel.LinkCost] = [:]
        var activeLink: [Int32: Int32] = [:]
        for e32 in imported.datedEdges {
            let e = Int(e32), dated = Int(imported.datedEdge[e])
            let opened = Int(imported.source.edges.opened[dated]), closed = Int(imported.source.edges.closed[dated])
            if (opened != 0 && opened > scenario.year) || (closed != 0 && closed <= scenario.year) { continue }
            if imported.fixedCost[e].hours.isFinite {
                edgeHours[e] = imported.fixedCost[e].hours
                edgeKm[e] = imported.fixedCost[e].lengthKm
            }
        }
        for e32 in imported.linkedEdges {
            // The link in service that crosses the edge fastest.
            let e = Int(e32), km = plan.graph.edges.lengthKm[e]
            for (l, carriesDelays) in imported.links(of: e) {
                guard let whole = linkCost[Int(l)] else { continue }
                let moving = whole.lengthKm > 0 ? whole.movingHours * (km / whole.lengthKm) : whole.movingHours
                let cost = CostModel.LinkCost(movingHours: moving, ferryHours: carriesDelays ? whole.ferryHours : 0,
                                              borderHours: carriesDelays ? whole.borderHours : 0, lengthKm: km)
                if cost.hours < edgeHours[e] {
                    edgeHours[e] = cost.hours
                    edgeKm[e] = km
                    costOverride[e32] = cost
                    activeLink[e32] = l
                }
            }
        }
        return (nodeActive, costOverride, edgeHours, edgeKm, activeLink, placeInService, linkInService)
    }
}
