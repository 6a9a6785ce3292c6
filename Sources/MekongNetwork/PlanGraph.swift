import GeoCore
import MekongData

/// The whole plan as one ``RoutingGraph``, built once per data set: every place and every link
/// of every year and project, whether in service or not. A scenario and a profile then select
/// and cost its edges (``Network``) without building anything again.
///
/// Each place has one node per carrier (road vehicle, rail, sea) that any link brings to it,
/// always including a road node; carrier nodes of a place are joined by transfer edges. Each
/// link becomes one directed edge per direction (one for `oneway`), in data order, so searches
/// break ties as they always have. Node sources are place ids, edge sources link ids.
///
///     let plan = PlanGraph(dataset: data)
///     plan.nodes(of: "phnom-penh")          // [n57, n58]: road, sea
///
/// - Complexity: O(P + L) to build, for P places and L links.
public struct PlanGraph: Sendable {
    /// The data set the graph was built from; its places and links index the graph's sources.
    public let dataset: Dataset
    /// Every place and link as nodes and edges, with their attributes.
    public let graph: RoutingGraph
    /// Per node: the index of its place in `dataset.places` (-1 for a node of an imported network
    /// that is no place), and its carrier.
    let nodePlace: [Int32]
    let nodeCarrier: [Carrier]
    /// Per edge: the index of its link in `dataset.links`, -1 for a transfer (on an imported
    /// network, -1 for every edge: ``imported`` says which links each one carries).
    let edgeLink: [Int32]
    let placeNodes: [PlaceID: [NodeID]]
    let linkEdges: [LinkID: [EdgeID]]
    /// The plan laid onto an imported network: its roads and the links matched to them; nil for
    /// the curated plan, where every edge is one link.
    let imported: ImportedPlan?

    /// Whether the graph is the plan laid onto an imported network (`import --plan`), whose
    /// nodes need not be places and whose edges need not be links.
    public var isImported: Bool { imported != nil }

    /// Builds the graph of every place and link. Links whose ends are not places of the data set are
    /// left out (validation reports them).
    public init(dataset: Dataset) {
        var placeIndex: [PlaceID: Int] = [:]
        for (i, place) in dataset.places.enumerated() where placeIndex[place.id] == nil { placeIndex[place.id] = i }
        var carriers = [Set<Carrier>](repeating: [.roadVehicle], count: dataset.places.count)
        for link in dataset.links {
            guard let a = placeIndex[link.from], let b = placeIndex[link.to] else { continue }
            carriers[a].insert(Carrier(link.mode))
            carriers[b].insert(Carrier(link.mode))
        }
        var builder = RoutingGraph.Builder()
        var nodePlace: [Int32] = [], nodeCarrier: [Carrier] = []
        var nodeOf = [[Carrier: NodeID]](repeating: [:], count: dataset.places.count)
        var placeNodes: [PlaceID: [NodeID]] = [:]
        for (i, place) in dataset.places.enumerated() where placeIndex[place.id] == i {
            for carrier in carriers[i].sorted(by: { $0.rawValue < $1.rawValue }) {
                let node = builder.addNode(longitude: place.coordinate.longitude, latitude: place.coordinate.latitude,
                                           source: place.id.rawValue, layer: UInt8(carrier.rawValue))
                nodeOf[i][carrier] = node
                placeNodes[place.id, default: []].append(node)
                nodePlace.append(Int32(i))
                nodeCarrier.append(carrier)
            }
        }
        var edgeLinkInput: [Int32] = []
        for (index, link) in dataset.links.enumerated() {
            guard let a = placeIndex[link.from], let b = placeIndex[link.to] else { continue }
            let carrier = Carrier(link.mode)
            let record = Self.record(of: link, in: dataset)
            builder.addEdge(from: nodeOf[a][carrier]!, to: nodeOf[b][carrier]!, record, source: link.id.rawValue, bothWays: !link.oneway)
            edgeLinkInput += link.oneway ? [Int32(index)] : [Int32(index), Int32(index)]
        }
        for nodes in nodeOf where nodes.count > 1 {
            let ordered = nodes.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value)
            for a in ordered { for b in ordered where a != b {
                builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, lengthKm: 0, flags: [.forward, .transfer]))
                edgeLinkInput.append(-1)
            } }
        }
        let (graph, order) = builder.buildWithOrder()
        var edgeLink = [Int32](repeating: -1, count: graph.edgeCount)
        for (i, slot) in order.enumerated() { edgeLink[Int(slot.index)] = edgeLinkInput[i] }
        var linkEdges: [LinkID: [EdgeID]] = [:]
        for (e, l) in edgeLink.enumerated() where l >= 0 { linkEdges[dataset.links[Int(l)].id, default: []].append(EdgeID(e)) }
        self.dataset = dataset
        self.graph = graph
        self.nodePlace = nodePlace
        self.nodeCarrier = nodeCarrier
        self.edgeLink = edgeLink
        self.placeNodes = placeNodes
        self.linkEdges = linkEdges
        self.imported = nil
    }

    /// A plan graph from its parts (the plan on an imported network).
    init(dataset: Dataset, graph: RoutingGraph, nodePlace: [Int32], nodeCarrier: [Carrier], edgeLink: [Int32],
         placeNodes: [PlaceID: [NodeID]], linkEdges: [LinkID: [EdgeID]], imported: ImportedPlan?) {
        self.dataset = dataset; self.graph = graph; self.nodePlace = nodePlace; self.nodeCarrier = nodeCarrier
        self.edgeLink = edgeLink; self.placeNodes = placeNodes; self.linkEdges = linkEdges; self.imported = imported
    }

    /// A link's attributes as one edge (forward), the way the curated graph carries it and a
    /// profile costs it: its length, built-up part, flags and years.
    static func record(of link: Link, in dataset: Dataset) -> EdgeRecord {
        let length = link.lengthKm
        var flags: EdgeFlags = [.forward]
        if link.oneway { flags.insert(.oneway) }
        if link.isBridge { flags.insert(.bridge) }
        if link.mode == .ferry { flags.insert(.ferry) }
        if link.crossesBorder { flags.insert(.border) }
        // Divided in some year of the data; ``Network`` clears the flag for the years before.
        if link.dividedSince != nil { flags.insert(.divided) }
        return EdgeRecord(mode: link.mode, roadClass: link.roadClass, surface: link.surface, condition: link.condition,
                          terrain: link.terrain, lengthKm: length,
                          urbanKm: BuiltUpArea.urbanKm(of: link, lengthKm: length, in: dataset), flags: flags,
                          opened: link.period.opened, closed: link.period.closed, maxSpeedKmh: link.maxSpeedKmh)
    }

    /// Every node of a place, one per carrier, in service or not.
    public func nodes(of place: PlaceID) -> [NodeID] { placeNodes[place] ?? [] }

    /// Every directed edge of a link, in service or not.
    public func edges(of link: LinkID) -> [EdgeID] { linkEdges[link] ?? [] }

    /// The place a node belongs to (one of its carrier nodes); nil for a node of an imported
    /// network that is no place.
    public func place(of node: NodeID) -> Place? {
        let i = nodePlace[Int(node.index)]
        return i < 0 ? nil : dataset.places[Int(i)]
    }

    /// The node's coordinate.
    public func coordinate(of node: NodeID) -> Coordinate {
        Coordinate(longitude: graph.nodes.longitude[Int(node.index)], latitude: graph.nodes.latitude[Int(node.index)])
    }

    /// The link an edge travels, nil for a transfer between carriers at a place. On an imported
    /// network, where an edge may carry several links or none, ``Network/link(of:)`` answers.
    public func link(of edge: EdgeID) -> Link? {
        let i = edgeLink[Int(edge.index)]
        return i < 0 ? nil : dataset.links[Int(i)]
    }
}
