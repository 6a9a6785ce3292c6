import MekongData

/// Travel times and distances between every pair of chosen places.
public struct TravelMatrix: Sendable {
    /// The places, in the order of the matrix's rows and columns.
    public let places: [PlaceID]
    /// `hours[i][j]`: fastest (or, when optimising distance, shortest) path from place i to j;
    /// `.infinity` when unreachable.
    public let hours: [[Double]]
    /// `km[i][j]`: the length of that same path.
    public let km: [[Double]]

    /// One one-to-all search per origin.
    /// - Parameter deadline: when to stop searching; the rows of the origins not searched by then
    ///   are unreachable (infinite), so a caller past the deadline drops the matrix.
    /// - Complexity: O(n · (V + E) log V) for n places.
    public init(network: Network, places: [PlaceID], optimization: Optimization = .time, avoid: [Avoidance] = [], deadline: Deadline = .never) {
        let planner = RoutePlanner(network: network, deadline: deadline)
        let limits = planner.limits(avoiding: avoid)
        let weights = network.weights(optimization)
        var hours: [[Double]] = [], km: [[Double]] = []
        for origin in places {
            if deadline.hasPassed {
                hours.append(places.map { _ in .infinity }); km.append(places.map { _ in .infinity }); continue
            }
            let starts = network.nodes(of: origin)
            let tree = ShortestPaths.search(network.graph, weights: weights, sources: starts.map { ($0, 0) }, limits: limits)
            // Time and length of the path the search chose (fastest or shortest).
            let along = tree.accumulate(network.edgeKm, in: network.graph)
            let time = tree.accumulate(network.edgeHours, in: network.graph)
            var rowHours: [Double] = [], rowKm: [Double] = []
            for destination in places {
                // The destination's best node by the optimised cost.
                let best = network.nodes(of: destination).min { tree.cost[Int($0.index)] < tree.cost[Int($1.index)] }
                rowHours.append(best.map { time[Int($0.index)] } ?? .infinity)
                rowKm.append(best.map { along[Int($0.index)] } ?? .infinity)
            }
            hours.append(rowHours)
            km.append(rowKm)
        }
        self.places = places
        self.hours = hours
        self.km = km
    }
}
