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
    /// Per edge: its costs (meaningless for edges out of service).
    let edgeCost: [CostModel.LinkCost]
    /// Travel hours and km of each edge in service; `.infinity` for edges out of service.
    public let edgeHours: [Double]
    /// Length in km of each edge in service; `.infinity` for edges out of service.
    public let edgeKm: [Double]

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
    public func nodes(of place: PlaceID) -> [NodeID] { plan.nodes(of: place).filter { nodeActive[Int($0.index)] } }

    /// The place a node belongs to (one of its carrier nodes).
    public func place(of node: NodeID) -> Place { plan.place(of: node) }

    /// The link an edge travels, nil for a transfer between carriers at a place.
    public func link(of edge: EdgeID) -> Link? { plan.link(of: edge) }

    /// The dated regime an edge's link is under on the scenario's day, nil when none.
    public func regime(of edge: EdgeID) -> Regime? { link(of: edge)?.regime(on: scenario.date) }

    /// Whether the edge is in service in this scenario.
    public func isInService(_ edge: EdgeID) -> Bool { edgeHours[Int(edge.index)].isFinite }

    /// Whether the edge runs its link's way (the geometry's order).
    public func isForward(_ edge: EdgeID) -> Bool { plan.graph.flags(of: edge).contains(.forward) }

    /// The parts of an edge's travel time (moving, ferry, border); meaningless for an edge out of
    /// service, so check ``isInService(_:)`` first.
    public func cost(of edge: EdgeID) -> CostModel.LinkCost { edgeCost[Int(edge.index)] }

    /// The directed edges in service that travel `link`.
    public func edges(of link: LinkID) -> [EdgeID] { plan.edges(of: link).filter(isInService) }

    /// Edge weights for an optimisation (`.infinity` out of service).
    public func weights(_ optimization: Optimization) -> [Double] {
        optimization == .time ? edgeHours : edgeKm
    }

    /// The coordinates of an edge in travel order.
    public func geometry(of edge: EdgeID) -> [Coordinate] {
        guard let link = link(of: edge) else { return [place(of: graph.tail(edge)).coordinate] }
        return isForward(edge) ? link.geometry : link.geometry.reversed()
    }
}
