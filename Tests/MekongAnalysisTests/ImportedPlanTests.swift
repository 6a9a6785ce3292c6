import Foundation
import GeoCore
import Testing
import TestSupport
@testable import MekongAnalysis
@testable import MekongData
@testable import MekongNetwork
import RoutingEngine
import RoutingGraph

/// The plan on an imported graph, against an outside answer: the curated network itself (a graph
/// that IS the curated network, given to the imported path, must give the curated answers). The
/// seeded planned grid here also serves `ScenarioAccessibilityTests`.
struct ImportedPlanTests {
    static let data = try! Dataset.load(from: .embedded).dataset
    static let truck = data.profile("truck")!

    static func curatedAsImported(_ dataset: Dataset) -> RoutingGraph { PlanGraph(dataset: dataset).asImportedGraph }

    /// Every gap of the curated network in 2012, 2016 and 2026, with and without the Neak Loeung
    /// bridge, comes out of the imported path with the same key, value and finding.
    @Test func theCuratedNetworkGivenAsAnImportedGraphHasTheSameGaps() throws {
        let imported = try PlanGraph(dataset: Self.data, importedGraph: Self.curatedAsImported(Self.data), profile: Self.truck)
        let curated = PlanGraph(dataset: Self.data)
        for scenario in [Scenario(year: 2012), Scenario(year: 2016), Scenario(year: 2026), Scenario(year: 2016, without: ["kh-neak-loeung-bridge"])] {
            let expected = try GapAnalysis().run(Network(plan: curated, scenario: scenario, profile: Self.truck)).gaps
            let found = try GapAnalysis().run(Network(plan: imported, scenario: scenario, profile: Self.truck)).gaps
            #expect(found.map(\.key) == expected.map(\.key), "\(scenario.year)")
            for (a, b) in zip(found, expected) where a.key == b.key {
                #expect(abs(a.value - b.value) <= 1e-9 * max(1, abs(b.value)), "\(a.key): \(a.value) ≠ \(b.value)")
                #expect(a.finding == b.finding)
            }
        }
    }

    /// The project ranking, each project's time saved alone and marginal, and the gaps each
    /// closes, as the curated network has them.
    @Test func theCuratedNetworkGivenAsAnImportedGraphHasTheSameAssessment() throws {
        let imported = try PlanGraph(dataset: Self.data, importedGraph: Self.curatedAsImported(Self.data), profile: Self.truck)
        let expected = try ProjectAssessment(dataset: Self.data, profile: Self.truck)
        let found = try ProjectAssessment(dataset: Self.data, profile: Self.truck, plan: imported)
        #expect(found.assessments.map(\.project.id) == expected.assessments.map(\.project.id))
        for (a, b) in zip(found.assessments, expected.assessments) {
            #expect(abs((a.alone?.weightedHoursSaved ?? 0) - (b.alone?.weightedHoursSaved ?? 0)) <= 1e-9, "\(a.project.id)")
            #expect(abs((a.marginal?.weightedHoursSaved ?? 0) - (b.marginal?.weightedHoursSaved ?? 0)) <= 1e-9, "\(a.project.id)")
            #expect(a.alone?.gapsClosed.map(\.key) == b.alone?.gapsClosed.map(\.key), "\(a.project.id)")
        }
        #expect(abs(found.combined.weightedHoursSaved - expected.combined.weightedHoursSaved) <= 1e-9)
    }

    /// A road-like grid over the south of the region (0.05° apart, random 1.0–1.5× detours, a
    /// tenth of the lanes missing, four road classes), with the plan's places on their nearest
    /// nodes and each link on the grid's shortest path between its places, as conflation would
    /// match it; a link with an end off the grid is left out.
    static func plannedGrid(seed: UInt64, side: Int = 80) -> RoutingGraph {
        var rng = SplitMix64(state: seed)
        var builder = RoutingGraph.Builder()
        let west = 102.0, south = 10.0, step = 0.05
        for r in 0..<side { for c in 0..<side { builder.addNode(longitude: west + Double(c) * step, latitude: south + Double(r) * step) } }
        func roadClass(_ line: Int) -> RoadClass { line % 16 == 0 ? .expressway : line % 8 == 0 ? .trunk : line % 2 == 0 ? .primary : .secondary }
        func add(_ a: Int, _ b: Int, _ line: Int) {
            let cls = roadClass(line)
            guard cls != .secondary || Int.random(in: 0..<10, using: &rng) != 0 else { return }
            builder.addEdge(from: NodeID(a), to: NodeID(b), EdgeRecord(mode: .road, roadClass: cls, surface: .paved, condition: .good,
                                                                      lengthKm: 5.5 * Double.random(in: 1...1.5, using: &rng)), bothWays: true)
        }
        for r in 0..<side { for c in 0..<side {
            let n = r * side + c
            if c + 1 < side { add(n, n + 1, r) }
            if r + 1 < side { add(n, n + side, c) }
        } }
        let grid = builder.build()
        func node(_ place: Place) -> NodeID? {
            let c = ((place.coordinate.longitude - west) / step).rounded(), r = ((place.coordinate.latitude - south) / step).rounded()
            guard (0..<Double(side)).contains(c), (0..<Double(side)).contains(r) else { return nil }
            return NodeID(Int(r) * side + Int(c))
        }
        var nodeOf: [PlaceID: NodeID] = [:]
        for place in data.places { nodeOf[place.id] = node(place) }
        let lengths = Array(grid.edges.lengthKm)
        var lines: [(name: String, edges: [EdgeID])] = []
        for link in data.links {
            guard let a = nodeOf[link.from], let b = nodeOf[link.to], a != b else { continue }
            let tree = ShortestPaths.search(grid.topology, weights: lengths, sources: [(a, 0)], limits: SearchLimits(targets: [b.index]))
            guard let path = tree.path(to: b, in: grid.topology) else { continue }
            var edges = path
            for edge in path {
                for back in grid.topology.edges(from: grid.topology.head(edge)) where grid.topology.head(EdgeID(Int(back))) == grid.topology.tail(edge) {
                    edges.append(EdgeID(Int(back)))
                }
            }
            lines.append((link.id.rawValue, edges))
        }
        return grid.anchoring(FeatureAnchors(points: data.places.compactMap { p in nodeOf[p.id].map { (p.id.rawValue, [$0]) } }, lines: lines))
    }

    /// A graph imported without the plan, or one whose plan names nothing of this data set, is
    /// refused with what to do.
    @Test func aGraphWithoutThePlanIsRefusedWithTheFix() {
        var builder = RoutingGraph.Builder()
        let a = builder.addNode(longitude: 100, latitude: 15), b = builder.addNode(longitude: 100.1, latitude: 15)
        builder.addEdge(from: a, to: b, EdgeRecord(mode: .road, lengthKm: 11), bothWays: true)
        let bare = builder.build()
        #expect(throws: ImportedPlanError.noPlan) { try PlanGraph(dataset: Self.data, importedGraph: bare, profile: Self.truck) }
        let foreign = bare.anchoring(FeatureAnchors(points: [("atlantis", [a])], lines: [("atlantis-road", [EdgeID(0)])]))
        #expect(throws: ImportedPlanError.foreignPlan(places: 1, links: 1)) {
            try PlanGraph(dataset: Self.data, importedGraph: foreign, profile: Self.truck)
        }
        #expect(ImportedPlanError.noPlan.description.contains("--plan"))
    }
}
