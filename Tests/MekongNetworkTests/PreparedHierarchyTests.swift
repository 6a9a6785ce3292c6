import Foundation
import GeoCore
import MekongData
import RoutingEngine
import TestSupport
import Testing
@testable import MekongNetwork
@testable import RoutingGraph

/// A hierarchy prepared into a file beside a graph file (`mekong prepare`) and read back: the
/// matrix and the routes it gives equal plain Dijkstra's; one prepared for another graph file,
/// profile, year, optimisation or permit is refused, naming what differs.
struct PreparedHierarchyTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "mekong-prepared-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// A random graph written to `directory/g.mkg` and read back with its checksum.
    static func graphFile(seed: UInt64, in directory: String) throws -> (path: String, graph: RoutingGraph, checksum: UInt64) {
        let path = directory + "/g.mkg"
        try RoutingGraphFile.write(ImportedNetworkTests.randomGraph(seed: seed), to: path)
        let (graph, checksum) = try RoutingGraphFile.readWithChecksum(from: path)
        return (path, graph, checksum)
    }

    @Test(arguments: [(51, Optimization.time), (52, .distance), (53, .time)] as [(UInt64, Optimization)])
    func aPreparedHierarchyReadBackGivesTheMatrixAndRoutesOfDijkstra(seed: UInt64, optimization: Optimization) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (graphPath, graph, checksum) = try Self.graphFile(seed: seed, in: directory)
        let network = ImportedNetwork(graph: graph, profile: ImportedNetworkTests.car, optimization: optimization, year: 2026)
        let file = network.preparedHierarchyPath(besideGraph: graphPath)
        #expect(file == directory + "/g.truck-2026-\(optimization.rawValue).mkch")
        let built = try network.prepareHierarchy(graphChecksum: checksum, to: file)
        let prepared = try network.usingPreparedHierarchy(at: file, graphChecksum: checksum)
        let points = ImportedNetworkTests.everyNode(of: network)
        let fromFile = prepared.matrix(from: points, to: points)
        let inMemory = network.using(built).matrix(from: points, to: points)
        let dijkstra = network.matrix(from: points, to: points, method: .dijkstraPerSource)
        #expect(fromFile.method == .preparedHierarchy && dijkstra.method == .dijkstraPerSource)
        #expect(fromFile.hours == inMemory.hours && fromFile.km == inMemory.km)
        var reachable = 0
        for s in points.indices { for t in points.indices {
            #expect(ImportedNetworkTests.close(fromFile.hours[s][t], dijkstra.hours[s][t]), "seed \(seed): \(s) → \(t) hours")
            #expect(ImportedNetworkTests.close(fromFile.km[s][t], dijkstra.km[s][t]), "seed \(seed): \(s) → \(t) km")
            if fromFile.hours[s][t].isFinite { reachable += 1 }
        } }
        #expect(reachable > points.count * 5)
        // Routes between nodes: the hierarchy's path costs what Dijkstra's does (the matrix's
        // cell; not A*, whose geodesic bound these random lengths, shorter than the lines,
        // would break), and its edges join up from the start to the end.
        var rng = SplitMix64(state: seed)
        var routed = 0
        for _ in 0..<60 {
            let s = Int.random(in: points.indices, using: &rng), t = Int.random(in: points.indices, using: &rng)
            let outcome = Result { () throws(RouteError) in try prepared.route(from: points[s].coordinate, to: points[t].coordinate, snapKm: 1) }
            switch outcome {
            case .success(let route):
                guard route.from.node == points[s].node, route.to.node == points[t].node else { continue }
                let (expected, found) = optimization == .time ? (dijkstra.hours[s][t], route.hours) : (dijkstra.km[s][t], route.km)
                #expect(ImportedNetworkTests.close(found, expected), "seed \(seed): \(s) → \(t)")
                #expect(zip(route.edges, route.edges.dropFirst()).allSatisfy { graph.topology.head($0) == graph.topology.tail($1) })
                #expect(route.edges.first.map { graph.topology.tail($0) == points[s].node } ?? (s == t))
                routed += 1
            case .failure(.unreachable):
                #expect(!dijkstra.hours[s][t].isFinite, "seed \(seed): \(s) → \(t) unreachable by the hierarchy only")
            case .failure:
                continue   // a node no profile edge touches snaps elsewhere or not at all
            }
        }
        #expect(routed > 20)
    }

    /// Prepared for the truck in 2026 by time; asked for by another year, profile, optimisation,
    /// permit, or after the graph file was written again with one edge changed: refused, each
    /// difference named. The name beside the graph differs for every costing but the graph.
    @Test func aHierarchyOfAnotherGraphFileProfileYearOrOptimisationIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (graphPath, graph, checksum) = try Self.graphFile(seed: 54, in: directory)
        let car = ImportedNetworkTests.car
        let network = ImportedNetwork(graph: graph, profile: car, optimization: .time, year: 2026)
        let file = network.preparedHierarchyPath(besideGraph: graphPath)
        try network.prepareHierarchy(graphChecksum: checksum, to: file)
        func refusal(_ asking: ImportedNetwork, checksum: UInt64 = checksum) -> [String] {
            do {
                _ = try asking.usingPreparedHierarchy(at: file, graphChecksum: checksum)
                return []
            } catch {
                guard case .preparedForAnother(_, let differences) = error else { return ["\(error)"] }
                return differences.map(\.description)
            }
        }
        var withoutPermit = car
        withoutPermit.holdsPermit = false
        var slower = car
        slower.roadSpeedKmh = slower.roadSpeedKmh.mapValues { $0 * 0.9 }
        #expect(refusal(ImportedNetwork(graph: graph, profile: car, optimization: .time, year: 2012)) == ["year 2026, not 2012"])
        #expect(refusal(ImportedNetwork(graph: graph, profile: car, optimization: .distance, year: 2026)) == ["optimize time, not distance"])
        #expect(refusal(ImportedNetwork(graph: graph, profile: withoutPermit, optimization: .time, year: 2026))
                == ["profile truck, not truck-no-permit"])
        #expect(refusal(ImportedNetwork(graph: graph, profile: slower, optimization: .time, year: 2026)).first?.hasPrefix("other edge weights") == true)
        // The graph written again with one road more: another file, another checksum.
        var builder = RoutingGraph.Builder(copying: graph)
        builder.addEdge(from: NodeID(0), to: NodeID(1), EdgeRecord(mode: .road, roadClass: .trunk, surface: .paved, condition: .good, lengthKm: 1))
        try RoutingGraphFile.write(builder.build(), to: graphPath)
        let (_, newChecksum) = try RoutingGraphFile.readWithChecksum(from: graphPath)
        #expect(newChecksum != checksum)
        #expect(refusal(network, checksum: newChecksum).first?.hasPrefix("another graph") == true)
        // Asked for what it was made for, it is used.
        #expect(refusal(network) == [])
        #expect(Set([2012, 2026].map { ImportedNetwork(graph: graph, profile: car, optimization: .time, year: $0).preparedHierarchyPath(besideGraph: graphPath) }).count == 2)
    }
}
