import Testing
@testable import MekongAnalysis
@testable import MekongData
@testable import MekongNetwork
import RoutingEngine
import RoutingGraph

/// Criticality's detours (each city's tree repaired below a lost candidate link) against plain
/// Dijkstra searched again from the city with the link's edges blocked, on the embedded network
/// in several years and profiles: every hour must be equal bit for bit, and the links asked
/// about must be exactly the candidates on the city's fastest paths to the other cities.
struct CriticalityDetourTests {
    static let data = try! Dataset.load(from: .embedded).dataset

    @Test(arguments: [(2012, "truck"), (2016, "car"), (2026, "truck")])
    func detoursEqualANewSearchWithoutEachCandidate(year: Int, profile: String) throws {
        let network = Network(plan: PlanGraph(dataset: Self.data), scenario: Scenario(year: year), profile: Self.data.profiles.first { $0.id.rawValue == profile }!)
        let cities = CityAccessibility.cities(of: network, minimumPopulation: 50_000)
        let detours = Criticality.Detours(network: network, cities: cities)
        let access = CityAccessibility(network: network, minimumPopulation: 50_000, eachTree: detours.record)
        let rows = try #require(detours.all)
        let g = network.graph
        var asked = 0
        for (i, city) in cities.enumerated() {
            let tree = ShortestPaths.search(g, weights: network.edgeHours, sources: network.nodes(of: city.id).map { ($0, 0) })
            // The candidates on the fastest paths, walked from every other city's best node.
            var onPaths = Set<LinkID>()
            for other in cities {
                guard let best = network.nodes(of: other.id).min(by: { tree.cost[Int($0.index)] < tree.cost[Int($1.index)] }),
                      let path = tree.path(to: best, in: g) else { continue }
                for e in path { if let link = network.link(of: e), detours.candidates.contains(link.id) { onPaths.insert(link.id) } }
            }
            #expect(Set(rows[i].keys) == onPaths, "\(year) \(profile) \(city.id)")
            for (link, hours) in rows[i] {
                var blocked = [Bool](repeating: false, count: g.edgeCount)
                for e in network.edges(of: link) { blocked[Int(e.index)] = true }
                let again = ShortestPaths.search(g, weights: network.edgeHours, sources: network.nodes(of: city.id).map { ($0, 0) },
                                                 limits: SearchLimits(blockedEdges: blocked))
                let expected = cities.map { other in network.nodes(of: other.id).map { again.cost[Int($0.index)] }.min() ?? .infinity }
                #expect(hours == expected, "\(year) \(profile): \(city.id) without \(link)")
                asked += 1
            }
        }
        #expect(asked > 100, "the network has candidates on many cities' paths: \(asked)")
        #expect(access.cities.map(\.id) == cities.map(\.id))
    }
}
