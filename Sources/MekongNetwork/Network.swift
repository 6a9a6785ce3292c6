import GeoCore
import MekongData

/// The connectivity graph of one scenario under one profile.
///
/// Each place in service becomes one node per carrier that reaches it (road vehicle, rail, sea);
/// the carrier nodes of a place are joined by transfer edges costing the profile's mode-change
/// handling time, so a truck that boards a ship pays it and a truck that drives through does
/// not. Each link in service becomes one directed edge per direction (one for `oneway`).
///
///     let network = try Network(dataset: data, scenario: Scenario(year: 2012), profile: truck)
///     network.nodes(of: "phnom-penh")    // [n41]
public struct Network: Sendable {
    public let dataset: Dataset
    public let scenario: Scenario
    public let costModel: CostModel
    public let graph: CompressedGraph

    /// Per node: the index of its place in `dataset.places`.
    let nodePlace: [Int32]
    private let placeNodes: [PlaceID: [NodeID]]

    /// Per edge: the index of its link in `dataset.links` (-1 for a transfer edge), whether it
    /// runs the link's way (from → to), and its costs.
    let edgeLink: [Int32]
    let edgeForward: [Bool]
    public let edgeHours: [Double]
    public let edgeKm: [Double]
    let edgeCost: [CostModel.LinkCost]
    private let edgesOfLink: [LinkID: [EdgeID]]

    /// - Complexity: O(P + L) for P places and L links.
    public init(dataset: Dataset, scenario: Scenario, profile: Profile) {
        self.dataset = dataset
        self.scenario = scenario
        self.costModel = CostModel(profile: profile)
        var placeIndex: [PlaceID: Int] = [:]
        for (i, place) in dataset.places.enumerated() where scenario.isInService(place, in: dataset) {
            placeIndex[place.id] = i
        }
        let links = dataset.links.enumerated().filter { _, link in
            scenario.isInService(link, in: dataset) && placeIndex[link.from] != nil && placeIndex[link.to] != nil
        }
        // Carriers present at each place; every place keeps at least a road node.
        var carriers: [Int: Set<Carrier>] = [:]
        for i in placeIndex.values { carriers[i] = [] }
        for (_, link) in links {
            carriers[placeIndex[link.from]!]!.insert(Carrier(link.mode))
            carriers[placeIndex[link.to]!]!.insert(Carrier(link.mode))
        }
        var nodePlace: [Int32] = []
        var nodeOf: [Int: [Carrier: Int]] = [:]
        var placeNodes: [PlaceID: [NodeID]] = [:]
        for i in placeIndex.values.sorted() {
            let present = carriers[i]!.isEmpty ? [Carrier.roadVehicle] : carriers[i]!.sorted { $0.rawValue < $1.rawValue }
            for carrier in present {
                nodeOf[i, default: [:]][carrier] = nodePlace.count
                placeNodes[dataset.places[i].id, default: []].append(NodeID(nodePlace.count))
                nodePlace.append(Int32(i))
            }
        }
        var edges: [(Int, Int)] = []
        var link: [Int32] = [], forward: [Bool] = [], costs: [CostModel.LinkCost] = []
        for (index, l) in links {
            let carrier = Carrier(l.mode)
            let a = nodeOf[placeIndex[l.from]!]![carrier]!, b = nodeOf[placeIndex[l.to]!]![carrier]!
            let cost = costModel.cost(of: l)
            edges.append((a, b)); link.append(Int32(index)); forward.append(true); costs.append(cost)
            if !l.oneway {
                edges.append((b, a)); link.append(Int32(index)); forward.append(false); costs.append(cost)
            }
        }
        let handling = CostModel.LinkCost(movingHours: 0, ferryHours: profile.modeChangeHours, borderHours: 0, lengthKm: 0)
        for nodes in nodeOf.values where nodes.count > 1 {
            for (_, a) in nodes { for (_, b) in nodes where a != b {
                edges.append((a, b)); link.append(-1); forward.append(true); costs.append(handling)
            } }
        }
        let (graph, order) = CompressedGraph.build(nodeCount: nodePlace.count, edges: edges)
        var edgeLink = [Int32](repeating: -1, count: edges.count)
        var edgeForward = [Bool](repeating: true, count: edges.count)
        var edgeCost = [CostModel.LinkCost](repeating: handling, count: edges.count)
        for (i, slot) in order.enumerated() {
            edgeLink[Int(slot.index)] = link[i]
            edgeForward[Int(slot.index)] = forward[i]
            edgeCost[Int(slot.index)] = costs[i]
        }
        self.graph = graph
        self.nodePlace = nodePlace
        self.placeNodes = placeNodes
        self.edgeLink = edgeLink
        self.edgeForward = edgeForward
        self.edgeCost = edgeCost
        var edgesOfLink: [LinkID: [EdgeID]] = [:]
        for (e, l) in edgeLink.enumerated() where l >= 0 { edgesOfLink[dataset.links[Int(l)].id, default: []].append(EdgeID(e)) }
        self.edgesOfLink = edgesOfLink
        self.edgeHours = edgeCost.map(\.hours)
        self.edgeKm = edgeCost.map(\.lengthKm)
    }

    /// The nodes of a place (one per carrier); empty when the place is not in service.
    public func nodes(of place: PlaceID) -> [NodeID] { placeNodes[place] ?? [] }

    public func place(of node: NodeID) -> Place { dataset.places[Int(nodePlace[Int(node.index)])] }

    /// The link an edge travels, nil for a transfer between carriers at a place.
    public func link(of edge: EdgeID) -> Link? {
        let i = edgeLink[Int(edge.index)]
        return i < 0 ? nil : dataset.links[Int(i)]
    }

    /// Whether the edge runs its link's way (the geometry's order).
    public func isForward(_ edge: EdgeID) -> Bool { edgeForward[Int(edge.index)] }

    public func cost(of edge: EdgeID) -> CostModel.LinkCost { edgeCost[Int(edge.index)] }

    /// The directed edges that travel `link`.
    public func edges(of link: LinkID) -> [EdgeID] { edgesOfLink[link] ?? [] }

    /// Edge weights for an optimisation.
    public func weights(_ optimization: Optimization) -> [Double] {
        optimization == .time ? edgeHours : edgeKm
    }

    /// The coordinates of an edge in travel order.
    public func geometry(of edge: EdgeID) -> [Coordinate] {
        guard let link = link(of: edge) else { return [place(of: graph.tail(edge)).coordinate] }
        return isForward(edge) ? link.geometry : link.geometry.reversed()
    }
}
