import GeoCore
import Testing
import TestSupport
@testable import MekongAnalysis
import MekongData
import MekongNetwork

/// Many scenarios' city travel times measured together (each city searched on a few bases, its
/// trees updated for the others) against each scenario searched on its own with plain Dijkstra:
/// the hours and shortest km must be equal to the last bit, and the km along the fastest path
/// and the nearest gateways with their links equal too.
struct ScenarioAccessibilityTests {
    static let data = try! Dataset.load(from: .embedded).dataset
    static let truck = data.profile("truck")!

    /// Every difference between the measured-together accessibility and each one's own search.
    /// With a straight-line range, the shortest km must be NaN for the pairs outside it.
    private func differences(_ together: [CityAccessibility], _ networks: [Network], label: String,
                             shortestKmWithin range: ClosedRange<Double>? = nil) throws -> [String] {
        var found: [String] = []
        for (a, network) in zip(together, networks) {
            let b = CityAccessibility(network: network, minimumPopulation: 50_000)
            guard a.cities.map(\.id) == b.cities.map(\.id) else { found.append("\(label) \(network.scenario): cities differ"); continue }
            var expectedShortest = b.shortestKm
            if let range {
                for i in a.cities.indices { for j in a.cities.indices where i != j {
                    let (x, y) = (a.cities[min(i, j)], a.cities[max(i, j)])
                    if !range.contains(try Geodesic.wgs84.distanceMetres(from: x.coordinate, to: y.coordinate) / 1000) { expectedShortest[i][j] = .nan }
                } }
                for i in a.cities.indices { expectedShortest[i][i] = .nan }
            }
            for (table, other, name) in [(a.hours, b.hours, "hours"), (a.km, b.km, "km"), (a.shortestKm, expectedShortest, "shortest km")] {
                for i in table.indices { for j in table[i].indices where table[i][j] != other[i][j] && !(table[i][j].isNaN && other[i][j].isNaN) {
                    found.append("\(label) \(network.scenario): \(name) \(a.cities[i].id) → \(a.cities[j].id): \(table[i][j]), alone \(other[i][j])")
                } }
            }
            for (i, (x, y)) in zip(a.seaport + a.airport, b.seaport + b.airport).enumerated()
            where x?.place != y?.place || x?.hours != y?.hours || x?.links != y?.links {
                found.append("\(label) \(network.scenario): gateway \(i): \(String(describing: x)), alone \(String(describing: y))")
            }
        }
        return found
    }

    /// The scenarios the project assessment compares on the curated plan: each project with,
    /// without, and as the last one added to all the others, in 2012 and 2026.
    /// In 2026 only the pairs 40–400 km apart get their shortest km, as in the assessment.
    @Test(arguments: [2012, 2026])
    func theAssessmentsScenariosOnTheCuratedPlanEqualTheirOwnSearches(year: Int) throws {
        let plan = PlanGraph(dataset: Self.data)
        let all = Set(Self.data.projects.map(\.id))
        var scenarios = [Scenario(year: year, without: all), Scenario(year: year, with: all)]
        for p in all.sorted() {
            scenarios += [Scenario(year: year, with: [p]), Scenario(year: year, without: [p]), Scenario(year: year, with: all.subtracting([p]), without: [p])]
        }
        let networks = scenarios.map { Network(plan: plan, scenario: $0, profile: Self.truck) }
        let range: ClosedRange<Double>? = year == 2026 ? 40...400 : nil
        let together = CityAccessibility.ofScenarios(networks, bases: [0, 1], minimumPopulation: 50_000, shortestKmWithin: range)
        #expect(together.count == networks.count)
        #expect(together[0].cities.count > 40)
        let found = try differences(together, networks, label: "curated \(year)", shortestKmWithin: range)
        #expect(found.isEmpty, "\(found.count) differences, first: \(found.prefix(5))")
    }

    /// Random scenarios (random years, projects switched on and off) of the plan laid onto a
    /// seeded road-like grid: the first (or the first two, each city's trees updated from the
    /// base it is likely to change least from) are bases and every other one is an update, some
    /// far from them; with no room for updates, each is searched (the base-promotion path). From
    /// the second seed on, only pairs 40–400 km apart get shortest km, whose searches stop at them
    /// (as on a large graph: the grid is below the size from which they stop by default).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomScenariosOnAPlannedGridEqualTheirOwnSearches(seed: UInt64) throws {
        let plan = try PlanGraph(dataset: Self.data, importedGraph: ImportedPlanTests.plannedGrid(seed: seed), profile: Self.truck)
        var rng = SplitMix64(state: seed)
        let projects = Self.data.projects.map(\.id)
        let scenarios = (0..<8).map { _ in
            var scenario = Scenario(year: Int.random(in: 2010...2028, using: &rng))
            for p in projects {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: scenario.with.insert(p)
                case 1: scenario.without.insert(p)
                default: break
                }
            }
            return scenario
        }
        let networks = scenarios.map { Network(plan: plan, scenario: $0, profile: Self.truck) }
        let bases = seed == 1 ? [0] : [0, 1]
        let range: ClosedRange<Double>? = seed == 1 ? nil : 40...400
        let together = CityAccessibility.ofScenarios(networks, bases: bases, minimumPopulation: 50_000, shortestKmWithin: range,
                                                     stoppingKmSearchesFromNodes: 0)
        #expect(together[0].cities.count > 5)
        var found = try differences(together, networks, label: "grid \(seed)", shortestKmWithin: range)
        let apart = CityAccessibility.ofScenarios(networks, bases: bases, maximumChangedEdges: 0, minimumPopulation: 50_000,
                                                  shortestKmWithin: range, stoppingKmSearchesFromNodes: 0)
        found += try differences(apart, networks, label: "grid \(seed), all searched", shortestKmWithin: range)
        #expect(found.isEmpty, "\(found.count) differences, first: \(found.prefix(5))")
    }
}
