import GeoCore
import MekongData
import MekongNetwork

/// Travel from the cities of a scenario: to each other, and to the nearest seaport and
/// international airport. The gap analysis and the project assessment share it.
public struct CityAccessibility: Sendable {
    /// A city's nearest gateway of one kind and the path to it.
    public struct Gateway: Sendable {
        /// The gateway (a port or an airport).
        public var place: PlaceID
        /// The fastest time to it, hours.
        public var hours: Double
        /// The links of the fastest path to it, in travel order, for drawing.
        public var links: [LinkID]
    }

    /// The cities measured: in service, at least the minimum population, sorted by id; the rows and
    /// columns of every matrix here.
    public let cities: [Place]
    /// Hours between cities (`.infinity` when not connected).
    public let hours: [[Double]]
    /// Network km along those (fastest) paths.
    public let km: [[Double]]
    /// Shortest network distance between cities, km: what circuity compares with the straight
    /// line (the fastest path may be longer, and would make circuity rise when a faster road opens).
    public let shortestKm: [[Double]]
    /// Nearest seaport and airport of each city (nil when none is reachable).
    public let seaport: [Gateway?]
    /// Nearest airport of each city by time (nil when none is reachable).
    public let airport: [Gateway?]

    /// The cities measured on `network`: in service, at least `minimumPopulation` inhabitants,
    /// sorted by id.
    public static func cities(of network: Network, minimumPopulation: Int) -> [Place] {
        network.dataset.places
            .filter { $0.kind == .city && ($0.population ?? 0) >= minimumPopulation && !network.nodes(of: $0.id).isEmpty }
            .sorted { $0.id < $1.id }
    }

    /// - Parameters:
    ///   - deadline: when to stop searching; the cities not searched by then reach nothing, so
    ///     a caller past the deadline drops the result.
    ///   - eachTree: given each city's index and its search by hours, on the searching thread:
    ///     what else needs the trees (criticality's detours) uses them without searching again.
    /// - Complexity: two one-to-all searches per city, O(C · (V + E) log V), spread over the cores.
    public init(network: Network, minimumPopulation: Int, deadline: Deadline = .never,
                eachTree: (@Sendable (_ city: Int, _ tree: ShortestPathTree) -> Void)? = nil) {
        let cities = Self.cities(of: network, minimumPopulation: minimumPopulation)
        let gateways = Self.gateways(of: network)
        // Each city's searches are its own: they run side by side on all cores (the two
        // one-to-all searches per city are all of the time on a large imported graph).
        let rows = concurrentMap(cities.count) { c -> Row in
            let city = cities[c], limits = SearchLimits(deadline: deadline)
            guard !deadline.hasPassed else { return Row(unreachedCities: cities.count) }
            let sources = network.nodes(of: city.id).map { ($0, 0.0) }
            let tree = ShortestPaths.search(network.graph, weights: network.edgeHours, sources: sources, limits: limits)
            eachTree?(c, tree)
            let byDistance = ShortestPaths.search(network.graph, weights: network.edgeKm, sources: sources, limits: limits)
            return Row(network: network, cities: cities, gateways: gateways, hours: tree.cost,
                       path: { tree.path(to: $0, in: network.graph) }, shortestKm: byDistance.cost)
        }
        self.init(cities: cities, rows: rows)
    }

    /// The accessibility made of its cities' rows, in the order of `cities`.
    init(cities: [Place], rows: [Row]) {
        let hours = rows.map(\.hours), km = rows.map(\.km), shortestKm = rows.map(\.shortestKm)
        let seaport = rows.map(\.seaport), airport = rows.map(\.airport)
        self.cities = cities
        self.hours = hours
        self.km = km
        self.shortestKm = shortestKm
        self.seaport = seaport
        self.airport = airport
    }

    /// The ports and airports in service on `network`: where the gateway times go.
    static func gateways(of network: Network) -> [Place] {
        network.dataset.places.filter { ($0.kind == .port || $0.kind == .airport) && !network.nodes(of: $0.id).isEmpty }
    }

    /// One city's row of every matrix, and its gateways.
    struct Row: Sendable {
        var hours: [Double], km: [Double], shortestKm: [Double]
        var seaport: Gateway?, airport: Gateway?

        /// A row of a city that reached nothing (its search was not run).
        init(unreachedCities count: Int) {
            let none = [Double](repeating: .infinity, count: count)
            (hours, km, shortestKm, seaport, airport) = (none, none, none, nil, nil)
        }

        /// The row read off a city's searches on `network`.
        /// - Parameters:
        ///   - hours: each node's hours from the city by the fastest path.
        ///   - path: the edges of that fastest path to a node, nil when unreached.
        ///   - shortestKm: each node's km from the city by the shortest path.
        /// - Complexity: O(C · P) for C cities and gateways and paths of P edges.
        init(network: Network, cities: [Place], gateways: [Place], hours: [Double], path: (NodeID) -> [EdgeID]?, shortestKm: [Double]) {
            func best(_ place: PlaceID) -> (NodeID, Double)? {
                network.nodes(of: place).map { ($0, hours[Int($0.index)]) }.min { $0.1 < $1.1 }
            }
            // Summed from the city outwards, as a tree accumulates it, so the km are the same
            // to the last bit whichever search found the path.
            func kmAlong(_ node: NodeID) -> Double {
                (path(node) ?? []).reduce(0.0) { $0 + network.edgeKm[Int($1.index)] }
            }
            self.hours = []
            self.km = []
            for other in cities {
                let b = best(other.id)
                self.hours.append(b?.1 ?? .infinity)
                self.km.append(b.map { $0.1.isFinite ? kmAlong($0.0) : .infinity } ?? .infinity)
            }
            self.shortestKm = cities.map { other in network.nodes(of: other.id).map { shortestKm[Int($0.index)] }.min() ?? .infinity }
            func nearest(_ kind: PlaceKind) -> Gateway? {
                var found: (PlaceID, NodeID, Double)?
                for g in gateways where g.kind == kind {
                    if let b = best(g.id), b.1.isFinite, b.1 < (found?.2 ?? .infinity) { found = (g.id, b.0, b.1) }
                }
                guard let found else { return nil }
                return Gateway(place: found.0, hours: found.2, links: network.links(along: path(found.1) ?? []))
            }
            self.seaport = nearest(.port)
            self.airport = nearest(.airport)
        }
    }

    /// Gravity weights of ordered city pairs (population × population), summing to 1.
    public var pairWeights: [[Double]] {
        let pops = cities.map { Double($0.population ?? 0) }
        let total = pops.reduce(0, +)
        let norm = total * total - pops.reduce(0) { $0 + $1 * $1 }
        return pops.enumerated().map { i, a in pops.enumerated().map { j, b in i != j && norm > 0 ? a * b / norm : 0 } }
    }

    /// The population-weighted mean travel time over connected city pairs, hours.
    public var weightedMeanHours: Double {
        let w = pairWeights
        var sum = 0.0, weight = 0.0
        for i in cities.indices { for j in cities.indices where i != j && hours[i][j].isFinite {
            sum += w[i][j] * hours[i][j]; weight += w[i][j]
        } }
        return weight > 0 ? sum / weight : 0
    }

    /// Inhabitants of the cities within `hours` of a seaport.
    public func populationNearSeaport(withinHours limit: Double) -> Int {
        zip(cities, seaport).reduce(0) { $0 + (($1.1?.hours ?? .infinity) <= limit ? ($1.0.population ?? 0) : 0) }
    }
}
