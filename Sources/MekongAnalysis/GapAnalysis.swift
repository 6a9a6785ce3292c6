import GeoCore
import MekongData
import MekongNetwork

/// Finds the connectivity gaps of a scenario (DESIGN.md, "Gaps"): gateway access, corridor
/// coverage, missing links, corridor continuity, criticality and border friction.
///
///     let result = try GapAnalysis(thresholds: GapThresholds()).run(network)
///     result.gaps.filter { $0.kind == .seaportAccess }
public struct GapAnalysis: Sendable {
    /// The limits that make a measurement a gap.
    public var thresholds: GapThresholds
    /// The kinds of gap to look for; the others are not computed.
    public var kinds: Set<GapKind>

    /// An analysis of the given kinds (all by default) against `thresholds`.
    public init(thresholds: GapThresholds = GapThresholds(), kinds: Set<GapKind> = Set(GapKind.allCases)) {
        self.thresholds = thresholds
        self.kinds = kinds
    }

    /// The gaps of one scenario, with the measurements they came from.
    public struct Report: Sendable {
        /// The gaps found, sorted by kind name and then ``Gap/key``, so output is stable.
        public let gaps: [Gap]
        /// The city travel times the gaps were measured from.
        public let accessibility: CityAccessibility
        /// Each corridor's route in the scenario, or why it could not be routed.
        public let corridors: [CorridorID: Result<CorridorRoute, RouteError>]
    }

    /// The gaps of the scenario and profile `network` stands for.
    /// - Parameters:
    ///   - cache: corridor bands already built, reused when another scenario routes the
    ///     corridors the same way (the project assessment evaluates dozens of scenarios).
    ///   - accessibility: the city travel times of `network` when already measured (the project
    ///     assessment measures all its scenarios together, ``CityAccessibility/ofScenarios(_:bases:maximumChangedEdges:minimumPopulation:deadline:)``);
    ///     nil to measure them here. Criticality measures them here in any case: it needs the trees.
    ///   - deadline: when to stop, between searches and within them.
    /// - Throws: ``AnalysisError/geometry(_:)`` when GEOS or PROJ fails while measuring corridor
    ///   coverage, ``AnalysisError/deadlinePassed`` past the deadline.
    /// - Complexity: dominated by two searches per city, plus, for criticality, a search of the
    ///   part of each city's tree below each candidate link its fastest paths use.
    public func run(_ network: Network, cache: CorridorBands? = nil, accessibility: CityAccessibility? = nil,
                    deadline: Deadline = .never) throws(AnalysisError) -> Report {
        let report: Report
        do throws(GeoCoreError) { report = try measure(network, cache: cache, accessibility: accessibility, deadline: deadline) } catch { throw .geometry(error) }
        if deadline.hasPassed { throw .deadlinePassed }
        return report
    }

    /// ``run(_:cache:accessibility:deadline:)`` with its GEOS and PROJ failures as they come; past
    /// the deadline it returns early with what it has, which `run` drops.
    private func measure(_ network: Network, cache: CorridorBands?, accessibility: CityAccessibility?, deadline: Deadline) throws(GeoCoreError) -> Report {
        let t = thresholds
        // Criticality's detours come from the same trees as the travel times, searched once.
        let detours = kinds.contains(.criticality)
            ? Criticality.Detours(network: network, cities: CityAccessibility.cities(of: network, minimumPopulation: t.minimumPopulation), deadline: deadline)
            : nil
        let given = detours == nil ? accessibility : nil
        let access = given ?? CityAccessibility(network: network, minimumPopulation: t.minimumPopulation, deadline: deadline, eachTree: detours?.record)
        var gaps: [Gap] = []
        var corridors: [CorridorID: Result<CorridorRoute, RouteError>] = [:]
        for c in network.dataset.corridors where !c.waypoints.isEmpty {
            corridors[c.id] = Result { () throws(RouteError) in try CorridorRoute(corridor: c, network: network, deadline: deadline) }
        }
        if deadline.hasPassed { return Report(gaps: [], accessibility: access, corridors: corridors) }
        func point(_ id: PlaceID) -> Geometry { network.dataset.place(id).map { .point($0.coordinate) } ?? .geometryCollection([]) }
        func lines(_ links: [LinkID]) -> Geometry { .multiLineString(links.compactMap { network.dataset.link($0)?.geometry }) }

        // Gateway access.
        for (kind, limit, table, noun) in [(GapKind.seaportAccess, t.seaportHours, access.seaport, "seaport"),
                                            (GapKind.airportAccess, t.airportHours, access.airport, "international airport")]
        where kinds.contains(kind) {
            for (city, gateway) in zip(access.cities, table) {
                let hours = gateway?.hours ?? .infinity
                guard hours > limit else { continue }
                let what = gateway.map { String(format: "%.1f h by %@ to %@", $0.hours, network.costModel.profile.id.rawValue, network.dataset.place($0.place)?.name ?? $0.place.rawValue) }
                    ?? "no \(noun) reachable"
                gaps.append(Gap(kind: kind, key: "\(kind.rawValue):\(city.id)", places: [city.id] + (gateway.map { [$0.place] } ?? []),
                                links: gateway?.links ?? [], corridor: nil, value: hours, threshold: limit, unit: .hours,
                                finding: "\(city.name) (\(TextNumber.grouped(city.population ?? 0)) inhabitants): \(what), over \(TextNumber.hours(limit))",
                                geometry: point(city.id)))
            }
        }

        // Corridor coverage.
        if kinds.contains(.corridorCoverage) {
            let routed = corridors.keys.sorted().compactMap { try? corridors[$0]!.get().route }
            if !routed.isEmpty {
                let bands: CorridorBands
                if let cache { bands = cache } else { bands = try CorridorBands() }
                let band = try bands.band(for: routed, widthKm: t.corridorDistanceKm)
                let subjects = network.dataset.places.filter {
                    (($0.kind == .city && ($0.population ?? 0) >= t.minimumPopulation) || $0.kind == .sez) && network.scenario.isInService($0, in: network.dataset)
                }
                for place in subjects {
                    guard let km = try band.distanceKm(to: place.coordinate) else { continue }
                    let who = place.kind == .sez ? "economic zone" : "\(TextNumber.grouped(place.population ?? 0)) inhabitants"
                    gaps.append(Gap(kind: .corridorCoverage, key: "corridor-coverage:\(place.id)", places: [place.id], links: [], corridor: nil,
                                    value: km, threshold: t.corridorDistanceKm, unit: .km,
                                    finding: String(format: "%@ (%@) is %.0f km from the nearest corridor, over %.0f km", place.name, who, km, t.corridorDistanceKm),
                                    geometry: .point(place.coordinate)))
                }
            }
        }

        // Missing links.
        if kinds.contains(.missingLink) {
            for i in access.cities.indices { for j in access.cities.indices where i < j {
                let a = access.cities[i], b = access.cities[j]
                let straight = (try Geodesic.wgs84.distanceMetres(from: a.coordinate, to: b.coordinate)) / 1000
                guard t.pairDistanceKm.contains(straight) else { continue }
                let network_km = min(access.shortestKm[i][j], access.shortestKm[j][i])
                let circuity = network_km / straight
                guard circuity > t.circuity else { continue }
                let text = network_km.isFinite
                    ? String(format: "%@ – %@: %.0f km by road for %.0f km as the crow flies (circuity %.2f, over %.2f)", a.name, b.name, network_km, straight, circuity, t.circuity)
                    : String(format: "%@ – %@ (%.0f km apart) are not connected at all", a.name, b.name, straight)
                gaps.append(Gap(kind: .missingLink, key: "missing-link:\(a.id):\(b.id)", places: [a.id, b.id], links: [], corridor: nil,
                                value: circuity, threshold: t.circuity, unit: .ratio, finding: text,
                                geometry: .lineString([a.coordinate, b.coordinate])))
            } }
        }

        // Corridor continuity and border friction.
        for corridor in network.dataset.corridors where !corridor.waypoints.isEmpty {
            guard let result = corridors[corridor.id] else { continue }
            switch result {
            case .failure(let error):
                guard kinds.contains(.corridorContinuity) else { continue }
                gaps.append(Gap(kind: .corridorContinuity, key: "corridor-continuity:\(corridor.id):break", places: corridor.waypoints, links: [],
                                corridor: corridor.id, value: 1, threshold: 0, unit: .corridorBreak,
                                finding: "\(corridor.name) is broken in \(network.scenario.year): \(error)",
                                why: .some(nil),  // the error says why
                                geometry: .lineString(corridor.waypoints.compactMap { network.dataset.place($0)?.coordinate })))
            case .success(let routed):
                if kinds.contains(.corridorContinuity) {
                    for leg in routed.substandard {
                        let issues = Set(leg.links.compactMap { network.dataset.link($0) }.flatMap { l -> [String] in
                            var out: [String] = []
                            if l.mode == .ferry { out.append("ferry") }
                            if l.surface == .unpaved { out.append("unpaved") }
                            if l.condition(on: network.scenario.date) == .poor { out.append("poor condition") }
                            if l.roadClass == .track { out.append("track") }
                            return out
                        }).sorted()
                        gaps.append(Gap(kind: .corridorContinuity, key: "corridor-continuity:\(corridor.id):\(leg.links.map(\.rawValue).sorted().joined(separator: "+"))",
                                        places: [leg.from, leg.to], links: leg.links, corridor: corridor.id, value: leg.km, threshold: 0, unit: .km,
                                        finding: String(format: "%@: %@ → %@ (%.0f km, %@) is %@", corridor.name,
                                                            network.dataset.place(leg.from)?.name ?? leg.from.rawValue, network.dataset.place(leg.to)?.name ?? leg.to.rawValue,
                                                            leg.km, TextNumber.hours(leg.hours), issues.joined(separator: ", ")),
                                        geometry: .lineString(leg.geometry)))
                    }
                }
                if kinds.contains(.borderFriction) {
                    for leg in routed.borderCrossings where routed.route.hours > 0 {
                        let share = leg.borderHours / routed.route.hours
                        guard share > t.borderShare else { continue }
                        gaps.append(Gap(kind: .borderFriction, key: "border-friction:\(corridor.id):\(leg.links.map(\.rawValue).joined(separator: "+"))",
                                        places: [leg.from, leg.to], links: leg.links, corridor: corridor.id, value: share, threshold: t.borderShare, unit: .share,
                                        finding: String(format: "%@: crossing at %@ takes %@ of the corridor's %@ (%.0f%%, over %.0f%%)", corridor.name,
                                                            leg.names.first ?? "border", TextNumber.hours(leg.borderHours), TextNumber.hours(routed.route.hours),
                                                            share * 100, t.borderShare * 100),
                                        geometry: leg.geometry.count > 1 ? .lineString(leg.geometry) : point(leg.from)))
                    }
                }
            }
        }

        if kinds.contains(.criticality) {
            gaps += Criticality(network: network, accessibility: access, detours: detours, deadline: deadline).gaps(top: t.criticalLinks)
        }
        return Report(gaps: gaps.sorted { ($0.kind.rawValue, $0.key) < ($1.kind.rawValue, $1.key) }, accessibility: access, corridors: corridors)
    }
}
