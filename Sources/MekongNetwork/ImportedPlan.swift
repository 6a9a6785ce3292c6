import Foundation
import GeoCore
import MekongData
import RoutingEngine
import RoutingGraph

/// Why the plan on an imported graph cannot be analysed.
public enum ImportedPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The graph was imported without `--plan`, so none of the data's places and links is on it.
    case noPlan
    /// The plan conflated onto the graph names none of the data set's places or links (another
    /// `--data` than the one imported with).
    case foreignPlan(places: Int, links: Int)

    /// The problem and what to do.
    public var description: String {
        switch self {
        case .noPlan:
            "the network has no plan laid onto it: import it again with `mekong import SRC --plan --out FILE.mkg`"
        case .foreignPlan(let places, let links):
            "the plan on the network (\(places) places, \(links) links) names none of this data set's places or links: use the --data it was imported with, or import it again with --plan"
        }
    }
}

/// The plan laid onto an imported network, as the analyses see it: the imported graph with, per
/// edge, the links it was matched to or inserted as, and the profile's cost of the roads no
/// scenario changes.
///
/// An imported road matched to no plan link is in service in every scenario (in its own years
/// when it has any) and costs the same in each; the edges the plan's links were matched to or
/// inserted as are turned on and off by each scenario. A scenario is a mask over this graph, and
/// many scenarios are compared by updating shortest-path trees (``CityAccessibility/ofScenarios(_:bases:maximumChangedEdges:minimumPopulation:deadline:)``)
/// rather than by contracting the unchanging roads: a core of them did not pay on road grids
/// (BENCHMARKS.md).
struct ImportedPlan: Sendable {
    /// The profile whose costs made `fixedCost` (and the core's shortcuts).
    let profile: ProfileID
    /// The whole imported graph, for drawing the edges a core edge stands for.
    let source: RoutingGraph
    /// Per core edge: where its imported edges start in `originalEdges` (edge count + 1 entries).
    let originalStart: [Int32]
    /// The imported edges of every core edge, in travel order, one run after another.
    let originalEdges: [Int32]
    /// Per core edge: where its links start in `links` (edge count + 1 entries).
    let linkStart: [Int32]
    /// The links (indices into the data set's links) each core edge was matched to or inserted as.
    let links: [Int32]
    /// Parallel to `links`: whether the edge is where the link's ferry wait and border delay
    /// fall (the edge that leaves one of the link's end places).
    let carriesDelays: [Bool]
    /// Per core edge that carries no link: the profile's cost (hours `.infinity` when the
    /// profile may not use it).
    let fixedCost: [CostModel.LinkCost]
    /// Per core edge that carries no link but has service years of its own, the imported edge
    /// (-1 otherwise): the scenario's year decides whether it is in service; -2 for an edge of a
    /// link the data set no longer has (a scenario removed it), never in service.
    let datedEdge: [Int32]
    /// Per core edge, its hours and km when it carries no link and has no years of its own
    /// (`.infinity` for the others, and where the profile may not go): what every scenario's
    /// weights start from before its dated edges and links are set.
    let undatedHours: [Double], undatedKm: [Double]
    /// The core edges with years of their own, and those that carry links: what a scenario sets.
    let datedEdges: [Int32], linkedEdges: [Int32]

    init(profile: ProfileID, source: RoutingGraph, originalStart: [Int32], originalEdges: [Int32], linkStart: [Int32], links: [Int32],
         carriesDelays: [Bool], fixedCost: [CostModel.LinkCost], datedEdge: [Int32]) {
        (self.profile, self.source, self.originalStart, self.originalEdges) = (profile, source, originalStart, originalEdges)
        (self.linkStart, self.links, self.carriesDelays, self.fixedCost, self.datedEdge) = (linkStart, links, carriesDelays, fixedCost, datedEdge)
        var undatedHours = [Double](repeating: .infinity, count: fixedCost.count), undatedKm = undatedHours
        var datedEdges: [Int32] = [], linkedEdges: [Int32] = []
        for e in fixedCost.indices {
            if linkStart[e] != linkStart[e + 1] { linkedEdges.append(Int32(e)); continue }
            if datedEdge[e] >= 0 { datedEdges.append(Int32(e)) }
            if datedEdge[e] == -1 && fixedCost[e].hours.isFinite {
                undatedHours[e] = fixedCost[e].hours
                undatedKm[e] = fixedCost[e].lengthKm
            }
        }
        (self.undatedHours, self.undatedKm, self.datedEdges, self.linkedEdges) = (undatedHours, undatedKm, datedEdges, linkedEdges)
    }

    /// The links of core edge `edge`, with whether its delays fall on it.
    func links(of edge: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Bool>> {
        let range = Int(linkStart[edge])..<Int(linkStart[edge + 1])
        return zip(links[range], carriesDelays[range])
    }

    /// The imported edges core edge `edge` stands for.
    func originals(of edge: Int) -> ArraySlice<Int32> {
        originalEdges[Int(originalStart[edge])..<Int(originalStart[edge + 1])]
    }
}

extension PlanGraph {
    /// The plan laid onto an imported graph (`import --plan`, whose ``RoutingGraph/anchors`` say
    /// where each place and link went), costed for `profile`, ready for the analyses: nodes that
    /// are no place, edges that are no link.
    ///
    ///     let plan = try PlanGraph(dataset: data, importedGraph: try RoutingGraphFile.read(from: "region.mkg"), profile: truck)
    ///     let network = Network(plan: plan, scenario: Scenario(year: 2016), profile: truck)
    ///     try GapAnalysis().run(network)
    ///
    /// - Throws: ``ImportedPlanError`` when no plan lies on the graph, or one of another data set.
    /// - Complexity: O(V + E).
    public init(dataset: Dataset, importedGraph graph: RoutingGraph, profile: Profile) throws(ImportedPlanError) {
        let anchors = graph.anchors
        guard !anchors.isEmpty else { throw .noPlan }
        var placeIndex: [PlaceID: Int] = [:]
        for (i, place) in dataset.places.enumerated() where placeIndex[place.id] == nil { placeIndex[place.id] = i }
        var linkIndex: [LinkID: Int] = [:]
        for (i, link) in dataset.links.enumerated() where linkIndex[link.id] == nil { linkIndex[link.id] = i }

        // Where the data's places and links are on the imported graph.
        var placeOriginalNodes: [Int: [NodeID]] = [:]
        for i in 0..<anchors.pointNames.count {
            guard let p = placeIndex[PlaceID(anchors.pointNames[i])] else { continue }
            placeOriginalNodes[p, default: []] += anchors.nodes(ofPoint: i)
        }
        var edgeLinks: [Int: [Int32]] = [:]
        // Edges of links this data set does not have (a scenario file removed them): out of
        // service unless a link it has was matched to them too.
        var removed = Set<Int>()
        for i in 0..<anchors.lineNames.count {
            guard let l = linkIndex[LinkID(anchors.lineNames[i])] else {
                for edge in anchors.edges(ofLine: i) { removed.insert(Int(edge.index)) }
                continue
            }
            for edge in anchors.edges(ofLine: i) where !(edgeLinks[Int(edge.index)]?.contains(Int32(l)) ?? false) {
                edgeLinks[Int(edge.index), default: []].append(Int32(l))
            }
        }
        removed.subtract(edgeLinks.keys)
        guard !placeOriginalNodes.isEmpty || !edgeLinks.isEmpty else {
            throw .foreignPlan(places: anchors.pointNames.count, links: anchors.lineNames.count)
        }

        // The roads no scenario changes, costed once; the plan's edges and dated ones are set per scenario.
        let topology = graph.topology
        let costing = ProfileCosting(profile: profile, optimization: .time, year: nil)
        let handling = profile.modeChangeHours
        var isVariable = [Bool](repeating: false, count: graph.edgeCount)
        var fixedHours = [Double](repeating: .infinity, count: graph.edgeCount)
        var fixedKm = [Double](repeating: .infinity, count: graph.edgeCount)
        for e in 0..<graph.edgeCount {
            if edgeLinks[e] != nil || removed.contains(e) || graph.edges.opened[e] != 0 || graph.edges.closed[e] != 0 { isVariable[e] = true }
            guard let hours = costing.weight(of: EdgeID(e), in: graph) else { continue }
            fixedHours[e] = graph.flags(of: EdgeID(e)).contains(.transfer) ? hours + handling : hours
            fixedKm[e] = graph.edges.lengthKm[e]
        }
        var builder = RoutingGraph.Builder()
        var nodePlace = [Int32](repeating: -1, count: graph.nodeCount)
        for node in 0..<graph.nodeCount {
            builder.addNode(longitude: graph.nodes.longitude[node], latitude: graph.nodes.latitude[node], layer: graph.nodes.layer[node])
        }
        var placeNodes: [PlaceID: [NodeID]] = [:]
        for (p, nodes) in placeOriginalNodes.sorted(by: { $0.key < $1.key }) {
            placeNodes[dataset.places[p].id] = nodes
            for node in nodes where nodePlace[Int(node.index)] < 0 { nodePlace[Int(node.index)] = Int32(p) }
        }
        // One plan edge per imported edge; the builder may store them in another order.
        for e in 0..<graph.edgeCount { builder.addEdge(from: topology.tail(EdgeID(e)), to: topology.head(EdgeID(e)), graph.edges[EdgeID(e)]) }
        let (rebuilt, order) = builder.buildWithOrder()
        var original = [Int](repeating: 0, count: rebuilt.edgeCount)
        for (i, slot) in order.enumerated() { original[Int(slot.index)] = i }

        var originalStart: [Int32] = [0], originalEdges: [Int32] = [], linkStart: [Int32] = [0], links: [Int32] = [], carriesDelays: [Bool] = []
        var fixedCost: [CostModel.LinkCost] = [], datedEdge: [Int32] = []
        var linkEdges: [LinkID: [EdgeID]] = [:]
        for e in 0..<rebuilt.edgeCount {
            let source = original[e]
            originalEdges.append(Int32(source))
            originalStart.append(Int32(originalEdges.count))
            fixedCost.append(CostModel.LinkCost(movingHours: fixedHours[source], ferryHours: 0, borderHours: 0, lengthKm: fixedKm[source]))
            for l in edgeLinks[source] ?? [] {
                let link = dataset.links[Int(l)]
                let ends = (placeIndex[link.from].flatMap { placeOriginalNodes[$0] } ?? []) + (placeIndex[link.to].flatMap { placeOriginalNodes[$0] } ?? [])
                links.append(l)
                carriesDelays.append(ends.contains(topology.tail(EdgeID(source))))
                linkEdges[link.id, default: []].append(EdgeID(e))
            }
            linkStart.append(Int32(links.count))
            datedEdge.append(edgeLinks[source] != nil || !isVariable[source] ? -1 : removed.contains(source) ? -2 : Int32(source))
        }
        let imported = ImportedPlan(profile: profile.id, source: graph, originalStart: originalStart, originalEdges: originalEdges,
                                    linkStart: linkStart, links: links, carriesDelays: carriesDelays, fixedCost: fixedCost, datedEdge: datedEdge)
        self.init(dataset: dataset, graph: rebuilt, nodePlace: nodePlace, nodeCarrier: [Carrier](repeating: .roadVehicle, count: rebuilt.nodeCount),
                  edgeLink: [Int32](repeating: -1, count: rebuilt.edgeCount), placeNodes: placeNodes, linkEdges: linkEdges, imported: imported)
    }

    /// The curated plan as an imported network that is exactly the plan: its graph with each
    /// link's line as its edges' shape, and anchors saying which nodes each place is and which
    /// edges each link is (what `import --plan` would make of such a network). The imported path
    /// must answer on it as the curated plan does; tests and benchmarks hold it to that.
    ///
    ///     let graph = PlanGraph(dataset: data).asImportedGraph
    ///     try PlanGraph(dataset: data, importedGraph: graph, profile: truck)   // the same answers
    ///
    /// - Complexity: O(V + E) and the links' vertices.
    public var asImportedGraph: RoutingGraph {
        var builder = RoutingGraph.Builder()
        for n in 0..<graph.nodeCount {
            builder.addNode(longitude: graph.nodes.longitude[n], latitude: graph.nodes.latitude[n], source: graph.sourceFeature(of: NodeID(n)),
                            layer: graph.nodes.layer[n])
        }
        // Added in storage order, so every edge keeps its id.
        for e in 0..<graph.edgeCount {
            let id = EdgeID(e)
            var record = graph.edges[id]
            record.source = -1
            builder.addEdge(from: graph.topology.tail(id), to: graph.topology.head(id), record, source: graph.sourceFeature(of: id),
                            shape: link(of: id).map { $0.geometry.map { ($0.longitude, $0.latitude) } })
        }
        let anchors = FeatureAnchors(points: dataset.places.map { ($0.id.rawValue, nodes(of: $0.id)) },
                                     lines: dataset.links.map { ($0.id.rawValue, edges(of: $0.id)) })
        return builder.build().anchoring(anchors)
    }
}
