import Foundation

/// A persistent routing graph, independent of places and of any scenario or profile: topology
/// in compressed adjacency arrays, node coordinates, columnar edge attributes and, for every node
/// and edge, the source feature it came from.
///
/// Costs are not part of it: a costing (`RoutingEngine`) turns the attributes into weights for
/// one profile and scenario, so one graph serves every scenario and can be saved once
/// (``RoutingGraphFile``) and memory-mapped on load.
///
///     var builder = RoutingGraph.Builder()
///     let a = builder.addNode(longitude: 102.6, latitude: 17.97, source: "vientiane")
///     let b = builder.addNode(longitude: 102.7, latitude: 17.88, source: "nong-khai")
///     builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, roadClass: .trunk, lengthKm: 21),
///                     source: "first-friendship-bridge", bothWays: true)
///     let graph = builder.build()
///     graph.topology.edgeCount   // 2
public struct RoutingGraph: Sendable, Equatable {
    /// Who connects to whom: the compressed adjacency arrays, in the same edge order as `edges`.
    public let topology: CompressedGraph
    /// Coordinates, layer and provenance of each node, indexed by ``NodeID``.
    public let nodes: NodeAttributes
    /// The attribute columns, indexed by ``EdgeID``.
    public let edges: EdgeAttributes
    /// The ids of the features nodes came from (``NodeAttributes/source`` indexes it).
    public let nodeSources: SourceNames
    /// The ids of the features edges came from (``EdgeAttributes/source`` indexes it).
    public let edgeSources: SourceNames
    /// The drawn lines of edges that are not straight (``EdgeAttributes/shape`` indexes it).
    public let shapes: EdgeShapes
    /// Another data set's features laid onto the graph (the plan's places and links after
    /// `import --plan`); ``FeatureAnchors/none`` otherwise.
    public let anchors: FeatureAnchors

    /// The number of nodes.
    public var nodeCount: Int { topology.nodeCount }
    /// The number of directed edges; an edge added `bothWays` counts twice.
    public var edgeCount: Int { topology.edgeCount }

    init(topology: CompressedGraph, nodes: NodeAttributes, edges: EdgeAttributes, nodeSources: SourceNames, edgeSources: SourceNames,
         shapes: EdgeShapes, anchors: FeatureAnchors = .none) {
        self.topology = topology; self.nodes = nodes; self.edges = edges
        self.nodeSources = nodeSources; self.edgeSources = edgeSources; self.shapes = shapes
        self.anchors = anchors
    }

    /// The same graph with `anchors` laid onto it (ids must lie within the graph).
    public func anchoring(_ anchors: FeatureAnchors) -> RoutingGraph {
        precondition(anchors.isValid(nodeCount: nodeCount, edgeCount: edgeCount), "anchors outside the graph")
        return RoutingGraph(topology: topology, nodes: nodes, edges: edges, nodeSources: nodeSources, edgeSources: edgeSources,
                            shapes: shapes, anchors: anchors)
    }

    /// Equal when topology, every column, both source lists and the anchors are equal: what a graph file must
    /// give back after a round trip.
    public static func == (a: RoutingGraph, b: RoutingGraph) -> Bool {
        a.topology.storage == b.topology.storage && a.nodes == b.nodes && a.edges == b.edges
            && a.nodeSources == b.nodeSources && a.edgeSources == b.edgeSources && a.shapes == b.shapes && a.anchors == b.anchors
    }

    /// The line an edge follows from its tail to its head: its drawn shape (reversed for the
    /// backward direction of a road), or the straight segment between its nodes.
    public func line(of edge: EdgeID) -> [(longitude: Double, latitude: Double)] {
        let index = Int(edges.shape[Int(edge.index)])
        guard index >= 0 else {
            let tail = Int(topology.tails[Int(edge.index)]), head = Int(topology.heads[Int(edge.index)])
            return [(nodes.longitude[tail], nodes.latitude[tail]), (nodes.longitude[head], nodes.latitude[head])]
        }
        let line = shapes.line(index)
        return flags(of: edge).contains(.forward) ? line : line.reversed()
    }

    /// The id of the feature an edge came from, nil for none.
    public func sourceFeature(of edge: EdgeID) -> String? {
        let s = edges.source[Int(edge.index)]
        return s < 0 ? nil : edgeSources[Int(s)]
    }

    /// The id of the feature a node came from, nil for none.
    public func sourceFeature(of node: NodeID) -> String? {
        let s = nodes.source[Int(node.index)]
        return s < 0 ? nil : nodeSources[Int(s)]
    }

    /// The flags of `edge` (direction, bridge, ferry, border, transfer) decoded from its column.
    public func flags(of edge: EdgeID) -> EdgeFlags { EdgeFlags(rawValue: edges.flags[Int(edge.index)]) }

    /// Collects nodes and edges in any order; ``build()`` sorts the edges by tail node into the
    /// compressed arrays and places every column accordingly.
    public struct Builder: Sendable {
        /// Node columns and drawn lines, growing.
        private var growing = GrowingColumns()
        private var records: [EdgeRecord] = []
        private var recordShapes: [Int32] = []
        private var ends: [(Int, Int)] = []
        private var nodeSources: [String] = []
        private var edgeSources: [String] = []
        private var nodeSourceIndex: [String: Int32] = [:]
        private var edgeSourceIndex: [String: Int32] = [:]

        /// An empty builder.
        public init() {}

        /// A builder holding every node and edge of `graph` (each direction as its own edge,
        /// with its line and source), so more can be added: the plan laid onto an imported
        /// network. Edge `i` of `graph` is the `i`th edge added.
        /// - Complexity: O(V + E).
        public init(copying graph: RoutingGraph) {
            for node in 0..<graph.nodeCount {
                addNode(longitude: graph.nodes.longitude[node], latitude: graph.nodes.latitude[node],
                        source: graph.sourceFeature(of: NodeID(node)), layer: graph.nodes.layer[node])
            }
            for edge in 0..<graph.edgeCount {
                let id = EdgeID(edge)
                var record = graph.edges[id]
                record.source = -1
                let shapeIndex = Int(graph.edges.shape[edge])
                // The stored line runs the way its feature was drawn; a backward edge keeps it so.
                addEdge(from: graph.topology.tail(id), to: graph.topology.head(id), record, source: graph.sourceFeature(of: id),
                        shape: shapeIndex >= 0 ? graph.shapes.line(shapeIndex) : nil)
            }
        }

        /// The number of edges added so far (a two-way edge counts twice).
        public var edgeCount: Int { records.count }

        /// Cuts the `index`th edge added at a point of its line, through `node`: it now ends at
        /// `node`, and a new edge (the rest of the line, the same attributes and source) runs on
        /// to its old head. Lengths are shared in proportion to the two parts' lengths along
        /// the line, so their sum is the edge's length.
        ///
        /// - Parameters:
        ///   - segment: the segment of the edge's line, in travel order, the point lies on.
        ///   - point: the point, (longitude, latitude) in degrees, on that segment.
        ///   - node: the node at the point (added before).
        public mutating func split(edgeAddedAt index: Int, segment: Int, point: (longitude: Double, latitude: Double), node: NodeID) {
            let forward = records[index].flags.contains(.forward)
            let (tail, head) = ends[index]
            let drawn = recordShapes[index] >= 0 ? growing.line(Int(recordShapes[index]))
                : [(growing.longitude[tail], growing.latitude[tail]), (growing.longitude[head], growing.latitude[head])]
            let travel = forward ? drawn : drawn.reversed()
            let first = Array(travel[...segment]) + [point], second = [point] + Array(travel[(segment + 1)...])
            func planarLength(_ line: [(longitude: Double, latitude: Double)]) -> Double {
                zip(line, line.dropFirst()).reduce(0) { sum, pair in
                    let c = cos(pair.0.latitude * .pi / 180)
                    let x = (pair.1.longitude - pair.0.longitude) * c, y = pair.1.latitude - pair.0.latitude
                    return sum + (x * x + y * y).squareRoot()
                }
            }
            let share = planarLength(first) / max(1e-12, planarLength(first) + planarLength(second))
            var rest = records[index]
            rest.lengthKm = records[index].lengthKm * (1 - share)
            rest.urbanKm = records[index].urbanKm * (1 - share)
            records[index].lengthKm *= share
            records[index].urbanKm *= share
            // Lines are stored as drawn; a backward edge's parts are stored reversed.
            recordShapes[index] = growing.append(forward ? first : first.reversed())
            ends[index] = (tail, Int(node.index))
            records.append(rest)
            recordShapes.append(growing.append(forward ? second : second.reversed()))
            ends.append((Int(node.index), head))
        }

        /// The `index`th edge added: its ends, its line in travel order and its flags, for a
        /// caller that decides where to split it.
        public func edge(addedAt index: Int) -> (tail: NodeID, head: NodeID, line: [(longitude: Double, latitude: Double)], flags: EdgeFlags, shape: Int32) {
            let (tail, head) = ends[index]
            let forward = records[index].flags.contains(.forward)
            let drawn = recordShapes[index] >= 0 ? growing.line(Int(recordShapes[index]))
                : [(growing.longitude[tail], growing.latitude[tail]), (growing.longitude[head], growing.latitude[head])]
            return (NodeID(tail), NodeID(head), forward ? drawn : drawn.reversed(), records[index].flags, recordShapes[index])
        }

        /// Sets the service years of the `index`th edge added and adds flags to it (the plan's
        /// years and border or bridge on an imported edge it was matched to).
        public mutating func setService(ofEdgeAddedAt index: Int, opened: Int?, closed: Int?, flags: EdgeFlags = []) {
            records[index].opened = opened
            records[index].closed = closed
            records[index].flags.formUnion(flags)
        }

        /// Adds a node and returns its id.
        /// - Parameters:
        ///   - longitude, latitude: WGS84 degrees.
        ///   - source: the feature it came from, if any.
        ///   - layer: its carrier layer (0 in a single-layer graph).
        @discardableResult
        public mutating func addNode(longitude: Double, latitude: Double, source: String? = nil, layer: UInt8 = 0) -> NodeID {
            growing.longitude.append(longitude)
            growing.latitude.append(latitude)
            growing.nodeSource.append(source.map { Self.index(of: $0, in: &nodeSources, lookup: &nodeSourceIndex) } ?? -1)
            growing.layer.append(layer)
            return NodeID(growing.nodeCount - 1)
        }

        /// Adds a directed edge, and its reverse (flags without ``EdgeFlags/forward``) when
        /// `bothWays`.
        /// - Parameters:
        ///   - source: the feature it came from, if any (overrides `record.source`).
        ///   - shape: the line from `tail` to `head` (WGS84 degrees), when it is not straight;
        ///     the reverse edge shares it.
        public mutating func addEdge(from tail: NodeID, to head: NodeID, _ record: EdgeRecord, source: String? = nil, bothWays: Bool = false,
                                     shape: [(longitude: Double, latitude: Double)]? = nil) {
            var record = record
            if let source { record.source = Self.index(of: source, in: &edgeSources, lookup: &edgeSourceIndex) }
            let shapeIndex = shape.map { growing.append($0) } ?? -1
            records.append(record)
            recordShapes.append(shapeIndex)
            ends.append((Int(tail.index), Int(head.index)))
            if bothWays {
                var back = record
                back.flags.remove(.forward)
                records.append(back)
                recordShapes.append(shapeIndex)
                ends.append((Int(head.index), Int(tail.index)))
            }
        }

        /// Static, so that the two `inout` properties are not accessed while `self` is: a method
        /// on `self` made Swift copy both on every call (45,000 instructions an edge).
        private static func index(of id: String, in list: inout [String], lookup: inout [String: Int32]) -> Int32 {
            if let i = lookup[id] { return i }
            list.append(id)
            lookup[id] = Int32(list.count - 1)
            return Int32(list.count - 1)
        }

        /// The graph. Edges leaving one node keep the order they were added in.
        /// - Complexity: O(V + E).
        public func build() -> RoutingGraph { buildWithOrder().graph }

        /// The graph and, for each edge in the order it was added (a `bothWays` edge counts as
        /// two, forward first), the ``EdgeID`` it was stored at, so a caller can place its own
        /// per-edge data beside the graph's columns.
        /// - Complexity: O(V + E).
        public func buildWithOrder() -> (graph: RoutingGraph, order: [EdgeID]) {
            let (topology, order) = CompressedGraph.build(nodeCount: growing.nodeCount, edges: ends)
            let graph = RoutingGraph(topology: topology, nodes: growing.nodes, edges: EdgeAttributes(records: records, shapes: recordShapes, order: order),
                                     nodeSources: SourceNames(nodeSources), edgeSources: SourceNames(edgeSources), shapes: growing.shapes)
            return (graph, order)
        }
    }
}
