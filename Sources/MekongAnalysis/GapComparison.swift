import MekongData
import MekongNetwork

/// Two scenarios' gaps side by side: which closed, which opened, which remain, and the projects
/// whose features made the difference.
///
///     let change = GapComparison(before: gaps2012, beforeNetwork: n2012, after: gaps2026, afterNetwork: n2026)
///     change.closed.first?.projects   // ["kh-neak-loeung-bridge"]
public struct GapComparison: Sendable {
    /// A gap that closed or opened, with the projects that made the difference.
    public struct Change: Sendable {
        /// The gap, as the scenario that has it measured it.
        public var gap: Gap
        /// Projects whose features, in service in one scenario and not the other, lie on the
        /// gap's subject (the path, the corridor section, the link).
        public var projects: [ProjectID]
    }

    /// Gaps of the first scenario that the second does not have.
    public let closed: [Change]
    /// Gaps of the second scenario that the first did not have.
    public let opened: [Change]
    /// Gaps of both scenarios, as the second measured them.
    public let remaining: [Gap]

    /// Matches the gaps of two scenarios by ``Gap/key`` and finds the projects behind each change.
    /// - Complexity: one route per changed gap.
    public init(before: GapAnalysis.Report, beforeNetwork: Network, after: GapAnalysis.Report, afterNetwork: Network) {
        let beforeKeys = Dictionary(before.gaps.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let afterKeys = Dictionary(after.gaps.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        func responsible(_ gap: Gap, from: Network, to: Network, toAccess: CityAccessibility) -> [ProjectID] {
            // The subject as the other scenario serves it.
            var links = Set(gap.links)
            links.formUnion(Self.subjectLinks(gap, in: to, accessibility: toAccess))
            var projects: Set<ProjectID> = []
            for id in links {
                guard let link = to.dataset.link(id) else { continue }
                let inFrom = from.scenario.isInService(link, in: from.dataset)
                let inTo = to.scenario.isInService(link, in: to.dataset)
                if inTo && !inFrom, let p = link.project { projects.insert(p) }
                if inFrom && !inTo, let p = link.retiredBy { projects.insert(p) }
            }
            // Features of the gap in the first scenario that the second retired.
            for id in gap.links {
                guard let link = from.dataset.link(id), !to.scenario.isInService(link, in: to.dataset), let p = link.retiredBy else { continue }
                projects.insert(p)
            }
            for id in gap.places {
                guard let place = to.dataset.place(id), let p = place.project,
                      to.scenario.isInService(place, in: to.dataset), !from.scenario.isInService(place, in: from.dataset) else { continue }
                projects.insert(p)
            }
            return projects.sorted()
        }
        closed = before.gaps.filter { afterKeys[$0.key] == nil }
            .map { Change(gap: $0, projects: responsible($0, from: beforeNetwork, to: afterNetwork, toAccess: after.accessibility)) }
        opened = after.gaps.filter { beforeKeys[$0.key] == nil }
            .map { Change(gap: $0, projects: responsible($0, from: afterNetwork, to: beforeNetwork, toAccess: before.accessibility)) }
        remaining = after.gaps.filter { beforeKeys[$0.key] != nil }
    }

    /// The links that serve a gap's subject in `network`: the path to the nearest gateway, the
    /// route between a city pair, the corridor's route.
    /// - Parameter accessibility: the city travel times of `network`, whose paths to each city's
    ///   nearest gateways are the gateway gaps' subjects (a route to every port, one after
    ///   another, took a single thread 18 s per assessment at 10^6 nodes).
    static func subjectLinks(_ gap: Gap, in network: Network, accessibility: CityAccessibility) -> [LinkID] {
        let planner = RoutePlanner(network: network)
        switch gap.kind {
        case .seaportAccess, .airportAccess, .missingLink:
            guard gap.places.count >= 2 else { return [] }
            if gap.kind == .missingLink {
                return (try? planner.route(RouteRequest(from: gap.places[0], to: gap.places[1])).links) ?? []
            }
            // The nearest gateway may differ in the other scenario: the fastest path to any.
            if let city = accessibility.cities.firstIndex(where: { $0.id == gap.places[0] }) {
                return (gap.kind == .seaportAccess ? accessibility.seaport[city] : accessibility.airport[city])?.links ?? []
            }
            let kind: PlaceKind = gap.kind == .seaportAccess ? .port : .airport
            var best: Route?
            for g in network.dataset.places where g.kind == kind && !network.nodes(of: g.id).isEmpty {
                if let r = try? planner.route(RouteRequest(from: gap.places[0], to: g.id)), r.hours < (best?.hours ?? .infinity) { best = r }
            }
            return best?.links ?? []
        case .corridorContinuity, .borderFriction:
            // The section itself: how the other scenario gets from its start to its end (a
            // bridge instead of the ferry, the rebuilt road instead of the poor one).
            if gap.places.count == 2, gap.places[0] != gap.places[1],
               let section = try? planner.route(RouteRequest(from: gap.places[0], to: gap.places[1])) {
                return section.links
            }
            guard let id = gap.corridor, let corridor = network.dataset.corridor(id) else { return [] }
            return (try? CorridorRoute(corridor: corridor, network: network).route.links) ?? []
        case .corridorCoverage, .criticality:
            return []
        }
    }
}
