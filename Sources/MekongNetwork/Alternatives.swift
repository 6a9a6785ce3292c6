import MekongData

extension RoutePlanner {
    /// Up to `count` routes, the best first, each meaningfully different from those before it.
    ///
    /// Method: the penalty method. After each route found, the weights of its edges are raised
    /// by half, and the search is run again on the penalised weights; a new route is kept only
    /// when it shares at most 60 % of its length with every route kept so far and takes at most
    /// 1.5 times the best one's (true, unpenalised) cost. Penalties grow with each reuse, so the
    /// search walks away from corridors already shown instead of returning the same path with a
    /// small detour — the weakness of k-shortest-paths (Yen) on road networks — and it costs one
    /// search per attempt instead of one per spur node.
    ///
    /// - Parameters:
    ///   - count: routes wanted, including the best.
    ///   - maximumOverlap: the largest share of a new route's length it may share with a kept one.
    ///   - maximumStretch: the largest cost of a kept route relative to the best.
    /// - Throws: ``RouteError`` as ``route(_:)`` does, for the best route or past the deadline.
    /// - Complexity: at most `3 · count` route searches.
    public func alternatives(_ request: RouteRequest, count: Int, maximumOverlap: Double = 0.6,
                             maximumStretch: Double = 1.5) throws(RouteError) -> [Route] {
        let base = network.weights(request.optimization)
        let best = try route(request, weights: base)
        var kept = [best]
        var weights = base
        let cost = { (r: Route) in r.edges.reduce(0.0) { $0 + base[Int($1.index)] } }
        let bestCost = cost(best)
        var attempts = 0
        var last = best
        while kept.count < count && attempts < 3 * count {
            attempts += 1
            for e in last.edges {
                weights[Int(e.index)] *= 1.5
                // The same link the other way shares the road: penalise it too.
                if let link = network.link(of: e) {
                    for twin in network.edges(of: link.id) where twin != e { weights[Int(twin.index)] *= 1.5 }
                }
            }
            let candidate: Route
            do { candidate = try route(request, weights: weights) } catch {
                if error == .deadlinePassed { throw error }
                break
            }
            last = candidate
            guard cost(candidate) <= maximumStretch * bestCost else { break }
            let candidateLinks = Set(candidate.links)
            let acceptable = kept.allSatisfy { route in
                let shared = Set(route.links).intersection(candidateLinks)
                let sharedKm = shared.reduce(0.0) { $0 + (network.dataset.link($1)?.lengthKm ?? 0) }
                return sharedKm <= maximumOverlap * min(candidate.km, route.km)
            }
            if acceptable { kept.append(candidate) }
        }
        return kept
    }
}
