import RoutingGraph

/// A graph contracted down to a core: every node but the kept ones (and those left when the
/// rest got dense) is removed, and shortcuts carry the best paths that ran through them, so that
/// the distance between any two core nodes over the core's arcs equals their distance in the
/// whole graph. Searches between core nodes then run on the small core.
///
/// Used for the plan on an imported network: the edges no scenario can change (imported roads
/// matched to no plan link) are contracted once per profile and metric, and the plan's edges,
/// which scenarios switch on and off, are added between core nodes afterwards. Since no witness
/// path runs over a plan edge, the core stays exact under every scenario.
///
///     let core = CoreGraph(graph: graph.topology, weights: hours, keep: isPlaceOrPlanEnd)
///     core.nodes                         // the nodes left, ascending
///     core.originalEdges(ofArc: 0)       // the edges of the first arc's path, in travel order
///
/// - Complexity: the contraction of the removed nodes, each a few bounded witness searches.
public struct CoreGraph: Sendable {
    /// The nodes left uncontracted, ascending: every kept node, and those the contraction stopped at.
    public let nodes: [Int32]
    /// Each core arc's tail node (a graph node id).
    public let tails: [Int32]
    /// Each core arc's head node (a graph node id).
    public let heads: [Int32]
    /// Each core arc's weight: the weight of the path it stands for.
    public let weights: [Double]
    /// Each arc's id: an edge of the graph below ``edgeCount``, a shortcut above it.
    let ids: [Int32]
    /// The graph's edge count, where shortcut ids start.
    let edgeCount: Int
    /// The two arcs each shortcut joins, by shortcut id less ``edgeCount``.
    let halves: [ContractionHierarchy.Halves]

    /// Contracts `graph` under `weights` (`.infinity`: not an edge of this graph) except `keep`.
    /// - Parameters:
    ///   - keep: per node, whether it stays in the core.
    ///   - maxPriority: the contraction stops when the cheapest node left would add more than
    ///     this many arcs net (its edge difference plus its contracted neighbours); larger
    ///     leaves a smaller core and takes longer.
    ///   - witnessLimit: the most nodes a witness search settles before adding the shortcut.
    /// - Complexity: about O(V · witnessLimit · log V) for the nodes contracted.
    public init(graph: CompressedGraph, weights: [Double], keep: [Bool], maxPriority: Double = 2, witnessLimit: Int = 30) {
        var contraction = Contraction(graph: graph, weights: weights, witnessLimit: witnessLimit, workers: ParallelWork.defaultWorkers)
        let (remaining, arcs) = contraction.runCore(keeping: keep, maxPriority: maxPriority)
        nodes = remaining
        tails = arcs.map(\.tail)
        heads = arcs.map(\.arc.target)
        self.weights = arcs.map(\.arc.weight)
        ids = arcs.map(\.arc.id)
        edgeCount = graph.edgeCount
        halves = contraction.halves
    }

    /// The number of core arcs.
    public var arcCount: Int { ids.count }

    /// The graph edges the `index`th arc stands for, in travel order.
    /// - Complexity: O(length of the path).
    public func originalEdges(ofArc index: Int) -> [EdgeID] {
        var result: [EdgeID] = []
        var stack = [ids[index]]
        while let id = stack.popLast() {
            if Int(id) < edgeCount {
                result.append(EdgeID(Int(id)))
            } else {
                let pair = halves[Int(id) - edgeCount]
                stack.append(pair.second)
                stack.append(pair.first)
            }
        }
        return result
    }
}
