import Foundation
import GeoCore
import MekongData
import RoutingEngine
import TestSupport
import Testing
@testable import MekongNetwork
@testable import RoutingGraph

/// Matrix, reach and snapping on imported graphs: the contraction hierarchy's bucket table
/// against a plain Dijkstra for every pair, on seeded random graphs and on a map drawn by hand.
struct ImportedNetworkTests {
    /// A random road-like graph with every attribute a costing reads: modes (a few ferries and
    /// rail lines), classes, surfaces, conditions, one-way edges, years, real-valued lengths (so
    /// no two paths tie) and some isolated nodes no profile can snap to.
    static func randomGraph(seed: UInt64, nodes: Int = 60) -> RoutingGraph {
        var rng = SplitMix64(state: seed)
        var builder = RoutingGraph.Builder()
        for _ in 0..<nodes {
            builder.addNode(longitude: Double.random(in: 100...102, using: &rng), latitude: Double.random(in: 14...16, using: &rng))
        }
        for _ in 0..<(nodes * 2) {
            let a = Int.random(in: 0..<(nodes - 5), using: &rng), b = Int.random(in: 0..<(nodes - 5), using: &rng)
            let roll = Int.random(in: 0..<20, using: &rng)
            let mode: Mode = roll == 0 ? .ferry : roll == 1 ? .rail : .road
            let record = EdgeRecord(mode: mode, roadClass: mode == .road ? RoadClass.allCases.randomElement(using: &rng) : nil,
                                    surface: Surface.allCases.randomElement(using: &rng), condition: Condition.allCases.randomElement(using: &rng),
                                    lengthKm: Double.random(in: 0.5...80, using: &rng), flags: mode == .ferry ? [.forward, .ferry] : [.forward],
                                    opened: Int.random(in: 0..<8, using: &rng) == 0 ? 2030 : nil)
            builder.addEdge(from: NodeID(a), to: NodeID(b), record, bothWays: Int.random(in: 0..<4, using: &rng) > 0)
        }
        return builder.build()
    }

    static var car: Profile {
        var car = TinyMap.profile
        car.modes = [.road, .ferry]
        return car
    }

    /// Every node as a snapped point (exactly on it).
    static func everyNode(of network: ImportedNetwork) -> [ImportedRoute.Snap] {
        (0..<network.graph.nodeCount).map { node in
            let c = Coordinate(longitude: network.graph.nodes.longitude[node], latitude: network.graph.nodes.latitude[node])
            return ImportedRoute.Snap(requested: c, node: NodeID(node), coordinate: c, distanceKm: 0)
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isFinite && b.isFinite && abs(a - b) <= 1e-9 * max(1, abs(b)))
    }

    /// The bucket table of a contraction hierarchy built with the profile's weights gives, for
    /// every pair, the cost of a Dijkstra stopped at that target and, alongside, that path's other
    /// measure (km of the fastest path, hours of the shortest); so does one Dijkstra per source.
    @Test(arguments: [(1, Optimization.time), (2, .time), (3, .distance), (4, .time), (5, .distance), (6, .time)] as [(UInt64, Optimization)])
    func theContractionTableEqualsDijkstraForEveryPair(seed: UInt64, optimization: Optimization) {
        let graph = Self.randomGraph(seed: seed)
        let network = ImportedNetwork(graph: graph, profile: Self.car, optimization: optimization, year: 2026)
        let points = Self.everyNode(of: network)
        let table = network.matrix(from: points, to: points, method: .contractionHierarchy)
        let perSource = network.matrix(from: points, to: points, method: .dijkstraPerSource)
        #expect(table.method == .contractionHierarchy && perSource.method == .dijkstraPerSource)
        let other = optimization == .time ? Array(graph.edges.lengthKm) : network.hours
        var reachable = 0
        for s in 0..<graph.nodeCount {
            for t in 0..<graph.nodeCount {
                let tree = ShortestPaths.search(graph.topology, weights: network.weights.values, sources: [(NodeID(s), 0)],
                                                limits: SearchLimits(targets: [Int32(t)]))
                let cost = tree.cost[t]
                let along = tree.path(to: NodeID(t), in: graph.topology).map { $0.reduce(0) { $0 + other[Int($1.index)] } } ?? .infinity
                let (expectedHours, expectedKm) = optimization == .time ? (cost, along) : (along, cost)
                if cost.isFinite { reachable += 1 }
                for matrix in [table, perSource] {
                    #expect(Self.close(matrix.hours[s][t], expectedHours), "seed \(seed) \(matrix.method): \(s) → \(t) hours \(matrix.hours[s][t]) against \(expectedHours)")
                    #expect(Self.close(matrix.km[s][t], expectedKm), "seed \(seed) \(matrix.method): \(s) → \(t) km \(matrix.km[s][t]) against \(expectedKm)")
                }
            }
        }
        #expect(reachable > graph.nodeCount * 5, "seed \(seed): too few reachable pairs (\(reachable)) to prove anything")
    }

    /// A map drawn by hand (trunk roads at 60 km/h, a track at 20 km/h):
    ///
    ///     a ──60 km trunk, one way──▶ b ──30 km track, one way──▶ c
    ///     a ◀─────────────── 120 km trunk, both ways ──────────────▶ c
    ///
    /// Fastest a → c: the direct road, 2:00 and 120 km (via b: 1:00 + 1:30). Shortest a → c: via
    /// b, 90 km in 2:30. c → a has only the direct road; b → a goes round by c: 1:30 + 2:00,
    /// 150 km; c → b goes round by a: 2:00 + 1:00, 180 km.
    static func handDrawn() -> RoutingGraph {
        var builder = RoutingGraph.Builder()
        let a = builder.addNode(longitude: 100, latitude: 10), b = builder.addNode(longitude: 100.5, latitude: 10.3)
        let c = builder.addNode(longitude: 101, latitude: 10)
        func road(_ km: Double, _ roadClass: RoadClass) -> EdgeRecord {
            EdgeRecord(mode: .road, roadClass: roadClass, surface: .paved, condition: .good, lengthKm: km)
        }
        builder.addEdge(from: a, to: b, road(60, .trunk))
        builder.addEdge(from: b, to: c, road(30, .track))
        builder.addEdge(from: a, to: c, road(120, .trunk), bothWays: true)
        return builder.build()
    }

    @Test(arguments: [ImportedMatrix.Method.contractionHierarchy, .dijkstraPerSource])
    func aHandDrawnMapGivesTheTimesAndLengthsAReaderWorksOut(method: ImportedMatrix.Method) {
        let fastest = ImportedNetwork(graph: Self.handDrawn(), profile: Self.car, optimization: .time)
        let points = Self.everyNode(of: fastest)
        let time = fastest.matrix(from: points, to: points, method: method)
        #expect(time.hours == [[0, 1, 2], [3.5, 0, 1.5], [2, 3, 0]])
        #expect(time.km == [[0, 60, 120], [150, 0, 30], [120, 180, 0]])
        let shortest = ImportedNetwork(graph: Self.handDrawn(), profile: Self.car, optimization: .distance)
        let distance = shortest.matrix(from: points, to: points, method: method)
        #expect(distance.km[0][2] == 90 && distance.hours[0][2] == 2.5)
        // Rectangular: two sources, one destination.
        let rectangle = fastest.matrix(from: [points[1], points[2]], to: [points[0]], method: method)
        #expect(rectangle.hours == [[3.5], [2]])
    }

    /// The method is chosen by the number of sources: a contraction from the threshold on.
    @Test func theMethodFollowsTheNumberOfSources() {
        let network = ImportedNetwork(graph: Self.randomGraph(seed: 8, nodes: ImportedMatrix.contractionThreshold + 10), profile: Self.car, optimization: .time)
        let points = Self.everyNode(of: network)
        #expect(network.matrix(from: Array(points.prefix(3)), to: points).method == .dijkstraPerSource)
        #expect(network.matrix(from: Array(points.prefix(ImportedMatrix.contractionThreshold)), to: Array(points.prefix(2))).method == .contractionHierarchy)
    }

    /// On the hand-drawn map: within 1:00 of a, a and b; within 2:00, c too, by the direct road.
    /// A place of the data beside c is reported once c is reached; one far away never.
    @Test func reachStopsAtTheBudgetAndNamesThePlacesOnTheNodesReached() throws {
        let network = ImportedNetwork(graph: Self.handDrawn(), profile: Self.car, optimization: .distance)
        let origin = try network.snap(Coordinate(longitude: 100, latitude: 10), snapKm: 1)
        let nearC = Place(id: "near-c", name: "Near C", kind: .city, country: "THA", source: "test", coordinate: Coordinate(longitude: 101.001, latitude: 10))
        let far = Place(id: "far", name: "Far", kind: .city, country: "THA", source: "test", coordinate: Coordinate(longitude: 105, latitude: 10))
        let hour = network.reach(from: origin, budgetHours: 1, places: [nearC, far], snapKm: 5)
        #expect(hour.nodes.map(\.node.index) == [0, 1] && hour.nodes.map(\.hours) == [0, 1])
        #expect(hour.places.isEmpty)
        let two = network.reach(from: origin, budgetHours: 2, places: [nearC, far], snapKm: 5)
        #expect(two.nodes.map(\.node.index) == [0, 1, 2])
        #expect(two.nodes.last?.km == 120, "time decides a reach, whatever the network optimises")
        #expect(two.places.map(\.place.id) == ["near-c"] && two.places.first?.hours == 2)
    }

    /// The costing's speed table gives every edge the weight its decoded record gives through
    /// ``CostModel`` (the rules written out once more here, as they were before the table), bit
    /// for bit: every mode, class, surface, condition and terrain, every flag (borders, divided
    /// highways), speed limits, built-up parts, years, restrictions, and bytes no vocabulary has.
    @Test func theCostingTableGivesTheWeightsOfTheDecodedRecords() throws {
        let profiles = try Dataset.load(from: .embedded).dataset.profiles
        var rng = SplitMix64(state: 77)
        var builder = RoutingGraph.Builder()
        for _ in 0..<50 { builder.addNode(longitude: 100, latitude: 15) }
        for _ in 0..<3000 {
            let length = Double.random(in: 0.1...90, using: &rng)
            let record = EdgeRecord(mode: Mode.allCases.randomElement(using: &rng)!, roadClass: RoadClass.allCases.randomElement(using: &rng),
                                    surface: Surface.allCases.randomElement(using: &rng), condition: Condition.allCases.randomElement(using: &rng),
                                    terrain: Terrain.allCases.randomElement(using: &rng), lengthKm: length, urbanKm: Double.random(in: 0...length, using: &rng),
                                    flags: EdgeFlags(rawValue: UInt8.random(in: 0...127, using: &rng)).union(.forward),
                                    restrictions: EdgeRestrictions(rawValue: UInt8.random(in: 0...3, using: &rng)),
                                    opened: Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 2000...2040, using: &rng) : nil,
                                    closed: Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 2000...2040, using: &rng) : nil,
                                    maxSpeedKmh: Bool.random(using: &rng) ? Int.random(in: 5...130, using: &rng) : nil)
            builder.addEdge(from: NodeID(Int.random(in: 0..<50, using: &rng)), to: NodeID(Int.random(in: 0..<50, using: &rng)), record)
        }
        var graph = builder.build()
        // Bytes outside every vocabulary (a newer writer's codes) decode as absent, or as a road.
        var columns = graph.edges
        columns.roadClass = Column(columns.roadClass.enumerated().map { $0.offset % 97 == 0 ? 9 : $0.element })
        columns.mode = Column(columns.mode.enumerated().map { $0.offset % 89 == 0 ? 7 : $0.element })
        graph = RoutingGraph(topology: graph.topology, nodes: graph.nodes, edges: columns, nodeSources: graph.nodeSources,
                             edgeSources: graph.edgeSources, shapes: graph.shapes)
        for var profile in profiles {
            for holdsPermit in [true, false] {
                profile.holdsPermit = holdsPermit
                for optimization in Optimization.allCases {
                    for year in [nil, 2026] as [Int?] {
                        let costing = ProfileCosting(profile: profile, optimization: optimization, year: year)
                        let model = CostModel(profile: profile)
                        for edge in 0..<graph.edgeCount {
                            let record = graph.edges[EdgeID(edge)]
                            var expected: Double?
                            let inService = year.map { y in (record.opened.map { $0 <= y } ?? true) && (record.closed.map { $0 > y } ?? true) } ?? true
                            let barred = record.restrictions.contains(profile.id.rawValue == "truck" ? .noTrucks : .noCars)
                            if model.allows(record.mode) && inService && !barred {
                                expected = optimization == .distance ? record.lengthKm
                                    : model.cost(of: record, border: record.flags.contains(.border) ? [:] : nil).hours
                            }
                            let weight = costing.weight(of: EdgeID(edge), in: graph)
                            #expect(weight == expected, "\(profile.id) \(optimization) \(String(describing: year)): edge \(edge) \(record)")
                        }
                    }
                }
            }
        }
    }

    /// The grid finds the node a scan of every usable node finds (ties to the lower id), for
    /// points inside the nodes' box, outside it and far away; nodes no allowed edge touches are
    /// never snapped to.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func snappingByGridFindsTheNodeAScanFinds(seed: UInt64) throws {
        let graph = Self.randomGraph(seed: seed, nodes: 400)
        let network = ImportedNetwork(graph: graph, profile: Self.car, optimization: .time)
        var usable = [Bool](repeating: false, count: graph.nodeCount)
        for edge in 0..<graph.edgeCount where network.weights.values[edge].isFinite {
            usable[Int(graph.topology.tails[edge])] = true
            usable[Int(graph.topology.heads[edge])] = true
        }
        #expect(usable.contains(false), "some nodes must be unusable for the test to mean something")
        var rng = SplitMix64(state: seed)
        for i in 0..<300 {
            let spread = i < 200 ? 1.5 : 40.0
            let point = Coordinate(longitude: max(-180, min(180, 101 + Double.random(in: -spread...spread, using: &rng))),
                                   latitude: max(-89, min(89, 15 + Double.random(in: -spread...spread, using: &rng))))
            var best: (node: Int, km: Double)?
            for node in 0..<graph.nodeCount where usable[node] {
                let km = ImportedNetwork.haversineKm(point, Coordinate(longitude: graph.nodes.longitude[node], latitude: graph.nodes.latitude[node]))
                if km < (best?.km ?? .infinity) { best = (node, km) }
            }
            let snapped = try network.snap(point, snapKm: 20_000)
            #expect(Int(snapped.node.index) == best?.node, "seed \(seed): \(point)")
        }
    }
}
