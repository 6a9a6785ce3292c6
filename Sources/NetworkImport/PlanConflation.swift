import Foundation
import GeoCore
import MekongData
import RoutingEngine
import RoutingGraph

/// The curated plan (GeoData's places and links) laid onto an imported graph, so that its years
/// and projects apply there: each place snaps to the nearest node within a radius; each link is
/// matched to the graph's path between its snapped ends when that path follows the link's line
/// (discrete Hausdorff distance within a tolerance), and the matched edges take the link's
/// service years; a link the graph lacks (a bridge newer than the extract, a
/// planned road) is inserted as new edges with its own line and attributes.
///
///     let result = try PlanConflation.conflate(dataset, onto: graph)
///     result.graph          // the imported graph with the plan's years and inserted links
///     result.graph.anchors  // where each place and link went
///     result.links.filter { $0.status == .inserted }
///
/// - Complexity: per link, a Dijkstra restricted to the nodes near its line, plus a Hausdorff
///   distance O(p · q) in the vertices of the path and of the line.
public enum PlanConflation {
    /// What became of one place.
    public struct PlaceMatch: Sendable {
        /// The place.
        public var place: PlaceID
        /// The node it snapped to, or the node inserted for it when none lay within the radius.
        public var node: NodeID
        /// Whether it snapped to an existing node (false: a node was inserted at the place).
        public var snapped: Bool
        /// The distance to the nearest existing node, km (beyond the radius when not snapped).
        public var distanceKm: Double
    }

    /// What became of one link.
    public enum LinkStatus: String, Sendable, CaseIterable {
        /// The graph already has it: its path follows the link's line.
        case matched
        /// The graph lacked it, so the link's own line was added.
        case inserted
        /// It could not be placed (its line is empty).
        case failed
    }

    /// One link's outcome, with the numbers behind it.
    public struct LinkMatch: Sendable {
        /// The link.
        public var link: LinkID
        /// Matched, inserted or failed.
        public var status: LinkStatus
        /// The graph edges it became (matched or inserted), in travel order.
        public var edges: Int
        /// The discrete Hausdorff distance between the link's line and the matched path, km; for
        /// an inserted link, the best path's distance that was too far (nil when there was none).
        public var hausdorffKm: Double?
        /// Why it was inserted or failed, in words.
        public var reason: String?
    }

    /// The conflated graph and what happened to every place and link.
    public struct Result: Sendable {
        /// The imported graph with the plan's years on matched edges and the inserted links.
        public var graph: RoutingGraph
        /// Every place, in the data's order.
        public var places: [PlaceMatch]
        /// Every link, in the data's order.
        public var links: [LinkMatch]
    }

    /// Conflates `dataset` onto `graph`.
    ///
    /// - Parameters:
    ///   - placeRadiusKm: how far a place may lie from the node it snaps to, km.
    ///   - toleranceKm: how far the graph's path may stray from a link's line and still be that
    ///     link (discrete Hausdorff distance), km.
    /// - Throws: `GeoCoreError` when a geodesic fails (a coordinate out of range).
    public static func conflate(_ dataset: Dataset, onto graph: RoutingGraph, placeRadiusKm: Double = 5,
                                toleranceKm: Double = 1) throws(GeoCoreError) -> Result {
        let nodeIndex = NodeGrid(graph: graph, cellDegrees: max(0.01, placeRadiusKm / 111))
        var builder = RoutingGraph.Builder(copying: graph)
        var places: [PlaceMatch] = []
        var nodeOf: [PlaceID: NodeID] = [:]
        // A place with no node near it is put on the nearest road within the radius, which is
        // cut there (both directions), or, with no road near either, gets a node of its own: its
        // links are then inserted from it, so the whole plan is on the conflated graph.
        let segments = SegmentGrid(graph: graph, cellDegrees: max(0.01, placeRadiusKm / 111))
        var pieces: [Int: [Int]] = [:]
        var splitNodes = Set<Int32>()
        for place in dataset.places {
            if let nearest = nodeIndex.nearest(to: place.coordinate, withinKm: placeRadiusKm) {
                places.append(PlaceMatch(place: place.id, node: nearest.node, snapped: true, distanceKm: nearest.km))
                nodeOf[place.id] = nearest.node
            } else if let onRoad = segments.nearest(to: place.coordinate, withinKm: placeRadiusKm) {
                let node = builder.addNode(longitude: onRoad.point.longitude, latitude: onRoad.point.latitude, source: "plan:\(place.id.rawValue)")
                for edge in segments.twins(of: onRoad.edge) {
                    Self.split(edge, at: onRoad.point, through: node, builder: &builder, pieces: &pieces)
                }
                splitNodes.insert(node.index)
                places.append(PlaceMatch(place: place.id, node: node, snapped: true, distanceKm: onRoad.km))
                nodeOf[place.id] = node
            } else {
                let node = builder.addNode(longitude: place.coordinate.longitude, latitude: place.coordinate.latitude, source: "plan:\(place.id.rawValue)")
                places.append(PlaceMatch(place: place.id, node: node, snapped: false, distanceKm: nodeIndex.nearestAnyKm(to: place.coordinate)))
                nodeOf[place.id] = node
            }
        }
        // Matching runs on the graph with the roads cut at the places.
        let graph = builder.build()
        builder = RoutingGraph.Builder(copying: graph)
        let index = NodeGrid(graph: graph, cellDegrees: max(0.01, placeRadiusKm / 111))
        // Length-optimal paths over the imported edges only.
        let lengths = (0..<graph.edgeCount).map { graph.edges.lengthKm[$0] }
        // Every link each edge was matched to (an old road and its upgrade share the road), and
        // each link's edges by the order they were added to the builder.
        var plansOfEdge: [Int: [Link]] = [:]
        var edgesOfLink: [[Int]] = []
        var links: [LinkMatch] = []
        for link in dataset.links {
            edgesOfLink.append([])
            guard let from = nodeOf[link.from], let to = nodeOf[link.to], link.geometry.count >= 2 else {
                links.append(LinkMatch(link: link.id, status: .failed, edges: 0, hausdorffKm: nil, reason: "its ends or its line are missing from the data"))
                continue
            }
            // An end inserted off the roads: the link cannot be on the graph either.
            let onGraph = graph.topology.edges(from: from).count > 0 && graph.topology.edges(from: to).count > 0
            let frame = LocalFrame(around: link.geometry)
            let corridor = index.nodes(near: link.geometry, withinKm: toleranceKm, frame: frame)
            var hausdorff: Double?
            if onGraph, from != to, let path = Self.pathNear(corridor, from: from, to: to, in: graph, lengths: lengths) {
                var line: [Coordinate] = []
                for edge in path {
                    let points = graph.line(of: edge).map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
                    line += line.isEmpty ? points : Array(points.dropFirst())
                }
                let distance = frame.hausdorffKm(line, link.geometry)
                hausdorff = distance
                if distance <= toleranceKm {
                    var matched = path.map { Int($0.index) }
                    // The way back, where the road is two-way.
                    for edge in path {
                        let tail = graph.topology.tail(edge), head = graph.topology.head(edge)
                        for back in graph.topology.edges(from: head) where graph.topology.head(EdgeID(Int(back))) == tail {
                            matched.append(Int(back))
                        }
                    }
                    for edge in matched where !(plansOfEdge[edge]?.contains { $0.id == link.id } ?? false) {
                        plansOfEdge[edge, default: []].append(link)
                    }
                    edgesOfLink[edgesOfLink.count - 1] = matched
                    links.append(LinkMatch(link: link.id, status: .matched, edges: path.count, hausdorffKm: distance, reason: nil))
                    continue
                }
            }
            edgesOfLink[edgesOfLink.count - 1] = link.oneway ? [builder.edgeCount] : [builder.edgeCount, builder.edgeCount + 1]
            builder.addEdge(from: from, to: to, record(of: link), source: "plan:\(link.id.rawValue)", bothWays: !link.oneway,
                            shape: link.geometry.map { ($0.longitude, $0.latitude) })
            let why = !onGraph ? "an end is a place inserted off the graph (no road within \(placeRadiusKm) km)"
                : hausdorff.map { String(format: "the graph's path strays %.2f km from its line (tolerance %g km)", $0, toleranceKm) }
                ?? "the graph has no path between its ends near its line"
            links.append(LinkMatch(link: link.id, status: .inserted, edges: link.oneway ? 1 : 2, hausdorffKm: hausdorff, reason: why))
        }
        for (edge, plans) in plansOfEdge {
            var flags: EdgeFlags = []
            for link in plans {
                if link.crossesBorder { flags.insert(.border) }
                if link.isBridge { flags.insert(.bridge) }
            }
            // The edge's own years, which `route`, `matrix` and `reach --network` read, are those
            // of the last link matched to it, as before the anchors; the analyses read every link
            // of the edge from the anchors and put each in service in its own years.
            let last = plans[plans.count - 1]
            builder.setService(ofEdgeAddedAt: edge, opened: last.period.opened, closed: last.period.closed, flags: flags)
        }
        let (conflated, order) = builder.buildWithOrder()
        // The anchors say where each place and link went, so the plan's scenarios can be applied to
        // the saved graph (``FeatureAnchors``).
        let anchors = FeatureAnchors(points: places.map { ($0.place.rawValue, [$0.node]) },
                                     lines: zip(dataset.links, edgesOfLink).map { link, added in (link.id.rawValue, added.map { order[$0] }) })
        return Result(graph: conflated.anchoring(anchors), places: places, links: links)
    }

    /// Cuts `edge` (or, when it was cut already, the piece of it nearest `point`) at `point`.
    static func split(_ edge: Int, at point: Coordinate, through node: NodeID, builder: inout RoutingGraph.Builder, pieces: inout [Int: [Int]]) {
        var best: (piece: Int, segment: Int, km: Double)?
        for piece in pieces[edge] ?? [edge] {
            let line = builder.edge(addedAt: piece).line.map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
            let frame = LocalFrame(around: [point])
            for (segment, pair) in zip(line, line.dropFirst()).enumerated() {
                let km = frame.km(point, toLine: [pair.0, pair.1])
                if km < (best?.km ?? .infinity) { best = (piece, segment, km) }
            }
        }
        guard let best else { return }
        let added = builder.edgeCount
        builder.split(edgeAddedAt: best.piece, segment: best.segment, point: (point.longitude, point.latitude), node: node)
        pieces[edge, default: [edge]].append(added)
    }

    /// The shortest path from `from` to `to` using only the `corridor` nodes (and the two ends).
    static func pathNear(_ corridor: [NodeID], from: NodeID, to: NodeID, in graph: RoutingGraph, lengths: [Double]) -> [EdgeID]? {
        var blocked = [Bool](repeating: true, count: graph.nodeCount)
        for node in corridor { blocked[Int(node.index)] = false }
        blocked[Int(from.index)] = false
        blocked[Int(to.index)] = false
        let tree = ShortestPaths.search(graph.topology, weights: lengths, sources: [(from, 0)],
                                        limits: SearchLimits(blockedNodes: blocked, targets: [to.index]))
        guard let path = tree.path(to: to, in: graph.topology), !path.isEmpty else { return nil }
        return path
    }

    /// The edge record of an inserted link: its mode, class, surface, condition, terrain,
    /// length, flags and years.
    static func record(of link: Link) -> EdgeRecord {
        var flags: EdgeFlags = [.forward]
        if link.isBridge { flags.insert(.bridge) }
        if link.mode == .ferry { flags.insert(.ferry) }
        if link.crossesBorder { flags.insert(.border) }
        if link.oneway { flags.insert(.oneway) }
        return EdgeRecord(mode: link.mode, roadClass: link.roadClass, surface: link.surface, condition: link.condition, terrain: link.terrain,
                          lengthKm: link.lengthKm, flags: flags, opened: link.period.opened, closed: link.period.closed)
    }
}

/// Distances in kilometres on a plane tangent near a line: good to well under a percent over the
/// few hundred km of a link, and cheap.
struct LocalFrame {
    let cosine: Double

    init(around line: [Coordinate]) {
        let latitude = line.isEmpty ? 0 : line.map(\.latitude).reduce(0, +) / Double(line.count)
        cosine = cos(latitude * .pi / 180)
    }

    func km(_ a: Coordinate, _ b: Coordinate) -> Double {
        let x = (b.longitude - a.longitude) * cosine * 111.32, y = (b.latitude - a.latitude) * 111.32
        return (x * x + y * y).squareRoot()
    }

    /// The point of segment a–b nearest `p`, in degrees.
    func project(_ p: Coordinate, ontoSegment a: Coordinate, _ b: Coordinate) -> Coordinate {
        let ax = (a.longitude - p.longitude) * cosine, ay = a.latitude - p.latitude
        let dx = (b.longitude - a.longitude) * cosine, dy = b.latitude - a.latitude
        let t = dx == 0 && dy == 0 ? 0 : max(0, min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        return Coordinate(longitude: a.longitude + t * (b.longitude - a.longitude), latitude: a.latitude + t * (b.latitude - a.latitude))
    }

    /// The distance from a point to a polyline, km.
    func km(_ p: Coordinate, toLine line: [Coordinate]) -> Double {
        guard line.count > 1 else { return line.first.map { km(p, $0) } ?? .infinity }
        var best = Double.infinity
        for (a, b) in zip(line, line.dropFirst()) {
            let ax = (a.longitude - p.longitude) * cosine * 111.32, ay = (a.latitude - p.latitude) * 111.32
            let bx = (b.longitude - p.longitude) * cosine * 111.32, by = (b.latitude - p.latitude) * 111.32
            let dx = bx - ax, dy = by - ay
            let t = dx == 0 && dy == 0 ? 0 : max(0, min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            let x = ax + t * dx, y = ay + t * dy
            best = min(best, (x * x + y * y).squareRoot())
        }
        return best
    }

    /// The discrete Hausdorff distance between two lines: the farthest any vertex of either lies
    /// from the other line, km.
    func hausdorffKm(_ a: [Coordinate], _ b: [Coordinate]) -> Double {
        max(a.map { km($0, toLine: b) }.max() ?? 0, b.map { km($0, toLine: a) }.max() ?? 0)
    }
}

/// Graph nodes bucketed in a grid of square cells (degrees), for nearest-node and near-a-line
/// queries.
struct NodeGrid {
    struct Cell: Hashable { var x: Int; var y: Int }
    let graph: RoutingGraph
    let cellDegrees: Double
    private var cells: [Cell: [Int32]] = [:]

    init(graph: RoutingGraph, cellDegrees: Double) {
        self.graph = graph
        self.cellDegrees = cellDegrees
        for node in 0..<graph.nodeCount {
            cells[cell(graph.nodes.longitude[node], graph.nodes.latitude[node]), default: []].append(Int32(node))
        }
    }

    func cell(_ longitude: Double, _ latitude: Double) -> Cell {
        Cell(x: Int((longitude / cellDegrees).rounded(.down)), y: Int((latitude / cellDegrees).rounded(.down)))
    }

    func coordinate(_ node: Int32) -> Coordinate {
        Coordinate(longitude: graph.nodes.longitude[Int(node)], latitude: graph.nodes.latitude[Int(node)])
    }

    /// The nearest node within `km`, searching the cells that radius can reach.
    func nearest(to point: Coordinate, withinKm km: Double) -> (node: NodeID, km: Double)? {
        let frame = LocalFrame(around: [point])
        let reachY = Int((km / 111.32 / cellDegrees).rounded(.up)) + 1
        let reachX = Int((km / 111.32 / max(0.01, frame.cosine) / cellDegrees).rounded(.up)) + 1
        let center = cell(point.longitude, point.latitude)
        var best: (node: NodeID, km: Double)?
        for dx in -reachX...reachX {
            for dy in -reachY...reachY {
                for node in cells[Cell(x: center.x + dx, y: center.y + dy)] ?? [] {
                    let d = frame.km(point, coordinate(node))
                    if d <= km, d < (best?.km ?? .infinity) { best = (NodeID(Int(node)), d) }
                }
            }
        }
        return best
    }

    /// The distance to the nearest node anywhere, km (for a report on a place that did not snap).
    /// - Complexity: O(V).
    func nearestAnyKm(to point: Coordinate) -> Double {
        let frame = LocalFrame(around: [point])
        return (0..<graph.nodeCount).map { frame.km(point, coordinate(Int32($0))) }.min() ?? .infinity
    }

    /// The nodes within `km` of a line.
    func nodes(near line: [Coordinate], withinKm km: Double, frame: LocalFrame) -> [NodeID] {
        guard let minLon = line.map(\.longitude).min(), let maxLon = line.map(\.longitude).max(),
              let minLat = line.map(\.latitude).min(), let maxLat = line.map(\.latitude).max() else { return [] }
        let padLat = km / 111.32, padLon = km / 111.32 / max(0.01, frame.cosine)
        let low = cell(minLon - padLon, minLat - padLat), high = cell(maxLon + padLon, maxLat + padLat)
        var result: [NodeID] = []
        for x in low.x...high.x {
            for y in low.y...high.y {
                for node in cells[Cell(x: x, y: y)] ?? [] where frame.km(coordinate(node), toLine: line) <= km {
                    result.append(NodeID(Int(node)))
                }
            }
        }
        return result
    }
}

/// The segments of a graph's edge lines bucketed in a grid, for the nearest point on any road.
struct SegmentGrid {
    struct Entry { var edge: Int32; var segment: Int32 }
    let graph: RoutingGraph
    let cellDegrees: Double
    private var cells: [NodeGrid.Cell: [Entry]] = [:]

    init(graph: RoutingGraph, cellDegrees: Double) {
        self.graph = graph
        self.cellDegrees = cellDegrees
        for edge in 0..<graph.edgeCount {
            let line = graph.line(of: EdgeID(edge))
            for (segment, pair) in zip(line, line.dropFirst()).enumerated() {
                let low = cell(min(pair.0.longitude, pair.1.longitude), min(pair.0.latitude, pair.1.latitude))
                let high = cell(max(pair.0.longitude, pair.1.longitude), max(pair.0.latitude, pair.1.latitude))
                for x in low.x...high.x { for y in low.y...high.y { cells[NodeGrid.Cell(x: x, y: y), default: []].append(Entry(edge: Int32(edge), segment: Int32(segment))) } }
            }
        }
    }

    func cell(_ longitude: Double, _ latitude: Double) -> NodeGrid.Cell {
        NodeGrid.Cell(x: Int((longitude / cellDegrees).rounded(.down)), y: Int((latitude / cellDegrees).rounded(.down)))
    }

    /// The nearest point on any edge within `km`: the edge, the point and its distance.
    func nearest(to point: Coordinate, withinKm km: Double) -> (edge: Int, point: Coordinate, km: Double)? {
        let frame = LocalFrame(around: [point])
        let reachY = Int((km / 111.32 / cellDegrees).rounded(.up)) + 1
        let reachX = Int((km / 111.32 / max(0.01, frame.cosine) / cellDegrees).rounded(.up)) + 1
        let center = cell(point.longitude, point.latitude)
        var best: (edge: Int, point: Coordinate, km: Double)?
        for dx in -reachX...reachX {
            for dy in -reachY...reachY {
                for entry in cells[NodeGrid.Cell(x: center.x + dx, y: center.y + dy)] ?? [] {
                    let line = graph.line(of: EdgeID(Int(entry.edge)))
                    let a = line[Int(entry.segment)], b = line[Int(entry.segment) + 1]
                    let projected = frame.project(point, ontoSegment: Coordinate(longitude: a.longitude, latitude: a.latitude),
                                                  Coordinate(longitude: b.longitude, latitude: b.latitude))
                    let d = frame.km(point, projected)
                    if d <= km, d < (best?.km ?? .infinity) { best = (Int(entry.edge), projected, d) }
                }
            }
        }
        return best
    }

    /// The edge and the edges running the other way between the same two nodes along the same
    /// line (the other direction of a two-way road).
    func twins(of edge: Int) -> [Int] {
        let id = EdgeID(edge)
        let tail = graph.topology.tail(id), head = graph.topology.head(id), shape = graph.edges.shape[edge]
        let back = graph.topology.edges(from: head).map(Int.init).filter {
            graph.topology.head(EdgeID($0)) == tail && graph.edges.shape[$0] == shape
        }
        return [edge] + back
    }
}
