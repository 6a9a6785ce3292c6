import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import Synchronization

/// What the server loads once and shares between requests: the data set, its graph, the name
/// index, the imported graph when there is one, and caches of networks and analyses by scenario.
public final class ServerData: Sendable {
    /// The curated data set.
    public let dataset: Dataset
    /// Its graph, built once; a scenario's network is a mask over it.
    public let plan: PlanGraph
    /// Ids, names and aliases of the places, for resolving what a client typed.
    public let names: NameResolver
    /// The graph of `--network`, when given, with the name it was given by.
    public let imported: (graph: RoutingGraph, file: String)?
    /// Cached networks by scenario, profile and permit.
    let networks = Cache<NetworkKey, Network>(capacity: 64)
    /// Cached gap analyses by scenario and profile (default thresholds only).
    let gaps = Cache<NetworkKey, GapAnalysis.Report>(capacity: 32)
    /// The imported graph's costings by profile, permit and optimisation.
    let importedNetworks = Cache<String, ImportedNetwork>(capacity: 16)
    /// The plan laid onto the imported graph, by profile and permit (or why it cannot be).
    let importedPlans = Cache<String, Result<PlanGraph, ImportedPlanError>>(capacity: 8)
    /// Cached networks of the plan on the imported graph, by scenario, profile and permit.
    let importedPlanNetworks = Cache<NetworkKey, Network>(capacity: 32)
    /// Cached project assessments by base year and profile.
    let assessments = Cache<String, ProjectAssessment>(capacity: 8)

    /// A network's identity: its scenario, profile and whether the truck holds a permit.
    struct NetworkKey: Hashable, Sendable {
        var scenario: Scenario
        var profile: ProfileID
        var holdsPermit: Bool
    }

    /// The data of `dataset`, with the imported graph `imported` when given.
    public init(dataset: Dataset, imported: (graph: RoutingGraph, file: String)? = nil) {
        self.dataset = dataset
        plan = PlanGraph(dataset: dataset)
        names = NameResolver(places: dataset.places)
        self.imported = imported
        openAPI = OpenAPIDocument.text(for: dataset)
        basemap = (try? GeoJSON.encode(WebMap.basemap(of: dataset), fractionDigits: 5)) ?? #"{"type":"FeatureCollection","features":[]}"#
    }

    /// The base layer of the web map, as GeoJSON text (built once).
    public let basemap: String

    /// The OpenAPI document, with examples from this data.
    public let openAPI: String

    /// The plan of the data laid onto `graph` (the imported one) and costed for `profile`, built
    /// once per profile: the whole graph is searched, as `route --network` does for one scenario.
    /// - Throws: ``ImportedPlanError`` when the graph was imported without the plan.
    func importedPlan(of graph: RoutingGraph, profile: Profile) throws(ImportedPlanError) -> PlanGraph {
        try importedPlans.value(for: "\(profile.id)|\(profile.holdsPermit)") {
            Result { () throws(ImportedPlanError) in try PlanGraph(dataset: dataset, importedGraph: graph, profile: profile) }
        }.get()
    }

    /// The network of `scenario` with `profile` on the imported graph's `plan`, built once and then shared.
    func importedPlanNetwork(_ scenario: Scenario, plan: PlanGraph, profile: Profile) -> Network {
        let key = NetworkKey(scenario: scenario, profile: profile.id, holdsPermit: profile.holdsPermit)
        return importedPlanNetworks.value(for: key) { Network(plan: plan, scenario: scenario, profile: profile) }
    }

    /// The network of `scenario` with `profile`, built once and then shared.
    func network(_ scenario: Scenario, profile: Profile) -> Network {
        let key = NetworkKey(scenario: scenario, profile: profile.id, holdsPermit: profile.holdsPermit)
        return networks.value(for: key) { Network(plan: plan, scenario: scenario, profile: profile) }
    }
}

/// A small thread-safe memo: computes a value once per key and keeps up to `capacity` of them
/// (all are dropped when full: the keys are scenarios, and a client that asks for thousands of
/// different ones gains nothing from a cache anyway).
final class Cache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let storage = Mutex<[Key: Value]>([:])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The cached value for `key`, or `make()`'s, stored. Two requests may both compute a missing
    /// value; the results are equal, and computing outside the lock keeps requests concurrent.
    /// A `make` that throws stores nothing.
    func value<Failure: Error>(for key: Key, _ make: () throws(Failure) -> Value) throws(Failure) -> Value {
        if let hit = storage.withLock({ $0[key] }) { return hit }
        let value = try make()
        storage.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}
