import Foundation
import GeoCore
import MekongData
import MekongNetwork

/// The Action Plan's projects assessed on the network (DESIGN.md, "Project assessment"): each
/// project's scenario with it against the one without it on a base year, the combined effect of
/// all of them, and each one's marginal effect within the full set.
public struct ProjectAssessment: Sendable {
    /// What a change of scenario did.
    public struct Effect: Sendable {
        /// Fall of the population-weighted mean city-to-city travel time, hours (positive = faster).
        public var weightedHoursSaved: Double
        /// City pairs connected with the project that were not without it.
        public var pairsConnected: Int
        /// Change of the population within the seaport threshold (inhabitants).
        public var populationNearSeaport: Int
        /// Gaps the scenario with the project no longer has.
        public var gapsClosed: [Gap]
        /// Gaps the scenario with the project has that the one without did not.
        public var gapsOpened: [Gap]
        /// The ordered city pairs that gain most, hours saved.
        public var topPairs: [(from: PlaceID, to: PlaceID, hoursSaved: Double)]
    }

    /// One project's effect, alone on the base-year network and as the last one added to all others.
    public struct Assessment: Sendable {
        /// The project assessed.
        public var project: Project
        /// The effect of the project alone on the base-year network; nil when the project has no
        /// feature on the map (a study), and then `reason` says why.
        public var alone: Effect?
        /// The effect of adding the project to all the others: what it adds to the full plan.
        public var marginal: Effect?
        /// Why the project shows no effect: it has no feature on the map, or its features change nothing
        /// measured; nil when it has an effect.
        public var reason: String?
        /// How many places and links it built, and how many links it retired.
        public var features: (built: Int, retired: Int)
    }

    /// The year of the network the projects are added to.
    public let baseYear: Int
    /// Ranked by the weighted time saved alone, projects without network effect last.
    public let assessments: [Assessment]
    /// All network projects together against none of them.
    public let combined: Effect
    /// The projects that build or retire a feature on the map: those the assessment scenarios add
    /// and take out.
    public let networkProjects: [ProjectID]

    /// Assesses every project of `dataset` under `profile`: alone, all together, and each one
    /// as the last added.
    /// - Parameters:
    ///   - plan: the graph the scenarios mask: by default the curated plan of `dataset`; the plan
    ///     on an imported network (``PlanGraph/init(dataset:importedGraph:profile:)``,
    ///     built from `dataset` for `profile`) to assess there.
    ///   - baseYear: the year of the network the projects are added to (default 2012, the plan's).
    ///   - thresholds: the gap thresholds; criticality is left out of the assessment (it is
    ///     a property of links, not a gap a project opens or closes).
    ///   - deadline: when to stop evaluating scenarios.
    /// - Throws: ``AnalysisError/geometry(_:)`` when GEOS or PROJ fails while building corridor
    ///   bands, ``AnalysisError/deadlinePassed`` past the deadline.
    /// - Complexity: about 3 scenario evaluations per project (with, without, all-but-it);
    ///   identical networks are evaluated once; the cities are searched in full on the plan with
    ///   none and with all of the projects, and their trees updated for each other scenario.
    public init(dataset: Dataset, profile: Profile, plan: PlanGraph? = nil, baseYear: Int = 2012, thresholds: GapThresholds = GapThresholds(),
                deadline: Deadline = .never) throws(AnalysisError) {
        self.baseYear = baseYear
        var kinds = Set(GapKind.allCases)
        kinds.remove(.criticality)
        let analysis = GapAnalysis(thresholds: thresholds, kinds: kinds)
        // One graph of the whole plan (or the plan on an imported network); each scenario is a
        // mask over it.
        let plan = plan ?? PlanGraph(dataset: dataset)
        let networkProjects = dataset.projects.filter { p in
            let f = dataset.features(of: p.id)
            return !f.places.isEmpty || !f.links.isEmpty || !f.retired.isEmpty
        }.map(\.id)
        let all = Set(networkProjects)
        // Every scenario the assessment compares, evaluated once each: scenarios with the same
        // features in service give the same answers.
        var scenarios = [Scenario(year: baseYear, with: all), Scenario(year: baseYear, without: all)]
        for project in networkProjects {
            scenarios += [Scenario(year: baseYear, without: [project]), Scenario(year: baseYear, with: [project]),
                          Scenario(year: baseYear, with: all.subtracting([project]), without: [project])]
        }
        @Sendable func key(_ scenario: Scenario) -> String {
            scenario.links(of: dataset).map(\.id.rawValue).joined(separator: ",") + "|" +
                scenario.places(of: dataset).map(\.id.rawValue).joined(separator: ",")
        }
        var distinct: [String: Scenario] = [:]
        for scenario in scenarios { distinct[key(scenario)] = distinct[key(scenario)] ?? scenario }
        let keys = distinct.keys.sorted()
        // The plan without and with all the projects: a project alone differs from the first in
        // that project's edges, all but one from the second; on a base year by which some are
        // built, "without" one differs from whichever is nearer in a few projects' edges. So the
        // cities are searched on these two only (a scenario far from both becomes a base too).
        let bases = [Scenario(year: baseYear, without: all), Scenario(year: baseYear, with: all)].compactMap { keys.firstIndex(of: key($0)) }
        let cache = try Self.evaluateInParallel(keys.map { distinct[$0]! }, bases: bases, plan: plan, profile: profile, analysis: analysis, deadline: deadline)
        let byKey = Dictionary(uniqueKeysWithValues: zip(keys, cache))
        @Sendable func evaluate(_ scenario: Scenario) -> (Network, GapAnalysis.Report) { byKey[key(scenario)]! }
        @Sendable func effect(without a: (Network, GapAnalysis.Report), with b: (Network, GapAnalysis.Report)) -> Effect {
            let before = a.1.accessibility, after = b.1.accessibility
            let comparison = GapComparison(before: a.1, beforeNetwork: a.0, after: b.1, afterNetwork: b.0)
            var pairs: [(PlaceID, PlaceID, Double)] = []
            var connected = 0
            // Both accessibilities list the same cities unless a city itself is a project feature.
            let index = Dictionary(after.cities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (i, ci) in before.cities.enumerated() { for (j, cj) in before.cities.enumerated() where i != j {
                guard let ai = index[ci.id], let aj = index[cj.id] else { continue }
                let t0 = before.hours[i][j], t1 = after.hours[ai][aj]
                if !t0.isFinite && t1.isFinite { connected += 1 }
                if t0.isFinite && t1.isFinite && t0 - t1 > 1e-9 { pairs.append((ci.id, cj.id, t0 - t1)) }
            } }
            pairs.sort { $0.2 > $1.2 }
            return Effect(weightedHoursSaved: before.weightedMeanHours - after.weightedMeanHours, pairsConnected: connected,
                          populationNearSeaport: after.populationNearSeaport(withinHours: thresholds.seaportHours) - before.populationNearSeaport(withinHours: thresholds.seaportHours),
                          gapsClosed: comparison.closed.map(\.gap), gapsOpened: comparison.opened.map(\.gap),
                          topPairs: pairs.prefix(5).map { ($0.0, $0.1, $0.2) })
        }

        self.networkProjects = networkProjects
        let everything = evaluate(Scenario(year: baseYear, with: all))
        let nothing = evaluate(Scenario(year: baseYear, without: all))
        combined = effect(without: nothing, with: everything)

        // Each project's comparisons are its own (their gap attributions route between places):
        // they run side by side.
        let projects = dataset.projects
        let assessments = concurrentMap(projects.count) { i -> Assessment in
            let project = projects[i]
            let f = dataset.features(of: project.id)
            let counts = (built: f.places.count + f.links.count, retired: f.retired.count)
            guard all.contains(project.id) else {
                let why = project.kind == "study" || project.status == .study
                    ? "a study: it builds nothing on the map"
                    : "it has no feature on the route map (\(project.kind))"
                return Assessment(project: project, alone: nil, marginal: nil, reason: why, features: counts)
            }
            let without = evaluate(Scenario(year: baseYear, without: [project.id]))
            let with = evaluate(Scenario(year: baseYear, with: [project.id]))
            let alone = effect(without: without, with: with)
            let allBut = evaluate(Scenario(year: baseYear, with: all.subtracting([project.id]), without: [project.id]))
            let marginal = effect(without: allBut, with: everything)
            let none = abs(alone.weightedHoursSaved) < 1e-9 && alone.gapsClosed.isEmpty && alone.gapsOpened.isEmpty
                && alone.pairsConnected == 0 && alone.populationNearSeaport == 0 && abs(marginal.weightedHoursSaved) < 1e-9
            let reason: String? = none ? Self.noEffectReason(project, dataset: dataset, profile: profile, baseYear: baseYear) : nil
            return Assessment(project: project, alone: alone, marginal: marginal, reason: reason, features: counts)
        }
        self.assessments = assessments.sorted { a, b in
            let x = a.reason == nil ? (a.alone?.weightedHoursSaved ?? 0) : -.infinity
            let y = b.reason == nil ? (b.alone?.weightedHoursSaved ?? 0) : -.infinity
            return (x, b.project.id) > (y, a.project.id)
        }
    }

    /// The gap analysis of each scenario, on as many threads as the machine has cores. The city
    /// travel times of all scenarios are measured together, each city searched on `bases` only
    /// and its trees updated for the rest. GEOS contexts are not shared between threads, so each
    /// worker has its own corridor bands.
    /// - Complexity: one network mask per scenario, two searches per city per base and two tree
    ///   updates per city per other scenario, and one gap analysis per scenario, spread over the cores.
    static func evaluateInParallel(_ scenarios: [Scenario], bases: [Int], plan: PlanGraph, profile: Profile,
                                   analysis: GapAnalysis, deadline: Deadline) throws(AnalysisError) -> [(Network, GapAnalysis.Report)] {
        let networks = concurrentMap(scenarios.count) { Network(plan: plan, scenario: scenarios[$0], profile: profile) }
        // Shortest km only for the pairs the missing-link gaps compare.
        let access = CityAccessibility.ofScenarios(networks, bases: bases, minimumPopulation: analysis.thresholds.minimumPopulation,
                                                   shortestKmWithin: analysis.thresholds.pairDistanceKm, deadline: deadline)
        if deadline.hasPassed { throw .deadlinePassed }
        let results = ResultSlots<(Network, GapAnalysis.Report)>(count: scenarios.count)
        // Scenarios go to whichever thread is free: their corridor routes take from a tenth of a
        // second to seconds, and a fixed share left one thread working alone for a fifth of the run.
        ParallelWork.forEach(count: scenarios.count, state: { _ in Result { () throws(GeoCoreError) in try CorridorBands() } }) { bands, i in
            do throws(AnalysisError) {
                let bands = try bands.mapError(AnalysisError.geometry).get()
                results.set(i, (networks[i], try analysis.run(networks[i], cache: bands, accessibility: access[i], deadline: deadline)))
            } catch { results.fail(error) }
        }
        return try results.values()
    }

    /// Why a project with features changes nothing measured.
    static func noEffectReason(_ project: Project, dataset: Dataset, profile: Profile, baseYear: Int) -> String {
        let f = dataset.features(of: project.id)
        if f.links.isEmpty && f.retired.isEmpty {
            let kinds = Set(f.places.map(\.kind.rawValue)).sorted().joined(separator: ", ")
            return "its features are places (\(kinds)) that no measured trip starts or ends at"
        }
        return "its links lie on no fastest path between the measured cities or to a gateway"
    }
}
