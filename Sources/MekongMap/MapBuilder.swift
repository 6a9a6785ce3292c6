import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork

/// Builds ``Map`` values from the libraries' results: routes, reachability, gaps, gap
/// comparisons, corridors and projects. It only chooses what to draw and how to name it; every
/// number on the map comes from the result it is given.
public enum MapBuilder {
    /// How many cities are labelled by default, largest first.
    public static let defaultCityLabels = 25
    /// The most city labels one may ask for.
    public static let cityLabels: ClosedRange<Int> = 0...400

    /// Label priorities: the subject of the map first, then projects and corridors, then cities by population.
    static let endpointPriority = 1e12
    static let thematicPriority = 1e10

    // MARK: shared layers

    /// "2026 · truck · as built", or with the projects a scenario adds or drops.
    public static func describe(_ network: Network) -> String {
        "\(network.scenario.year) network · \(network.costModel.profile.id) profile · \(describeScenario(network.scenario))"
    }

    static func describeScenario(_ s: Scenario) -> String {
        var parts: [String] = []
        if !s.with.isEmpty { parts.append("with " + s.with.sorted().map(\.rawValue).joined(separator: ", ")) }
        if !s.without.isEmpty { parts.append("without " + s.without.sorted().map(\.rawValue).joined(separator: ", ")) }
        return parts.isEmpty ? "as built" : parts.joined(separator: "; ")
    }

    static func name(_ id: PlaceID, _ network: Network) -> String { network.dataset.place(id)?.name ?? id.rawValue }

    /// The links in service, muted (grey context) or by class and mode.
    static func links(_ network: Network, muted: Bool) -> [MapFeature] {
        network.scenario.links(of: network.dataset).filter { $0.geometry.count > 1 }.map {
            MapFeature(geometry: .lineString($0.geometry), symbol: .link(mode: $0.mode, roadClass: $0.mode == .road ? $0.roadClass : nil, muted: muted))
        }
    }

    /// The cities in service as dots sized by population, the `labels` largest labelled.
    static func cities(_ network: Network, labels: Int, except: Set<PlaceID> = []) -> [MapFeature] {
        let cities = network.scenario.places(of: network.dataset).filter { $0.kind == .city && !except.contains($0.id) }
            .sorted { ($0.population ?? 0, $1.id) > ($1.population ?? 0, $0.id) }
        return cities.map { city in
            MapFeature(geometry: .point(city.coordinate), symbol: .place(.city),
                       label: labels > 0 ? MapLabel(city.name, priority: Double(city.population ?? 0), limited: true) : nil, population: city.population)
        }
    }

    static let cityLegend = LegendEntry(.place(.city), "City (dot by population)")

    /// The muted network legend line for a map whose subject is drawn over it.
    static func contextLegend(_ network: Network) -> LegendEntry {
        LegendEntry(.link(mode: .road, roadClass: .trunk, muted: true), "Network in service, \(network.scenario.year)")
    }

    // MARK: maps

    /// The network by class and mode, with its cities; the content extent is every place in service.
    public static func network(_ network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        let links = network.scenario.links(of: network.dataset)
        var features = Self.links(network, muted: false)
        for place in network.scenario.places(of: network.dataset) where place.kind == .port || place.kind == .airport {
            features.append(MapFeature(geometry: .point(place.coordinate), symbol: .place(place.kind)))
        }
        features += cities(network, labels: cityLabels)
        var legend: [LegendEntry] = []
        for roadClass in RoadClass.allCases {
            let count = links.filter { $0.mode == .road && $0.roadClass == roadClass }.count
            let name = roadClass == .expressway || roadClass == .track ? roadClass.rawValue.capitalized : "\(roadClass.rawValue.capitalized) road"
            if count > 0 { legend.append(LegendEntry(.link(mode: .road, roadClass: roadClass, muted: false), "\(name) (\(count) links)")) }
        }
        for mode in [Mode.ferry, .rail, .sea] {
            let count = links.filter { $0.mode == mode }.count
            if count > 0 { legend.append(LegendEntry(.link(mode: mode, roadClass: nil, muted: false), "\(mode.rawValue.capitalized) (\(count) links)")) }
        }
        legend += [cityLegend, LegendEntry(.place(.port), "Seaport or river port"), LegendEntry(.place(.airport), "Airport")]
        return Map(title: "The transport network, \(network.scenario.year)", subtitle: describe(network), features: features, legend: legend,
                   focus: network.scenario.places(of: network.dataset).map(\.coordinate), limitedLabels: cityLabels)
    }

    /// A route and its alternatives (the first is the best), with its start, end and via places.
    public static func route(_ routes: [Route], request: RouteRequest, network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(network, muted: true)
        var ends: [PlaceID] = [request.from, request.to]
        ends += request.via.compactMap { if case .place(let p) = $0 { p } else { nil } }
        features += cities(network, labels: cityLabels, except: Set(ends))
        var legend = [contextLegend(network), cityLegend]
        for (rank, route) in routes.enumerated() {
            features.append(MapFeature(geometry: .lineString(route.geometry), symbol: .route(rank: rank)))
            let what = rank == 0 ? "Best route" : "Alternative \(rank)"
            legend.insert(LegendEntry(.route(rank: rank), "\(what): \(TextNumber.hours(route.hours)), \(TextNumber.grouped(Int(route.km.rounded()))) km"), at: rank)
        }
        for (index, id) in ends.enumerated() {
            guard let place = network.dataset.place(id) else { continue }
            features.append(MapFeature(geometry: .point(place.coordinate), symbol: .endpoint,
                                       label: MapLabel(place.name, priority: endpointPriority - Double(index), emphasised: true)))
        }
        legend.insert(LegendEntry(.endpoint, request.via.isEmpty ? "Start and end" : "Start, end and via"), at: routes.count)
        var title = "\(name(request.from, network)) → \(name(request.to, network))"
        let vias = request.via.map { waypoint -> String in
            switch waypoint {
            case .place(let p): name(p, network)
            case .link(let l): network.dataset.link(l)?.name ?? l.rawValue
            }
        }
        if !vias.isEmpty { title += " via " + vias.joined(separator: ", ") }
        let focus = routes.flatMap(\.geometry) + ends.compactMap { network.dataset.place($0)?.coordinate }
        return Map(title: title, subtitle: describe(network) + " · by \(request.optimization.rawValue)", features: features, legend: legend, focus: focus, limitedLabels: cityLabels)
    }

    /// What is reached within a time budget: the outline, the places reached, the origin.
    /// - Parameters:
    ///   - outline: the reach's outline, from ``Reachability/outline(bufferKm:)``.
    ///   - bufferKm: the buffer the outline was made with, km (for the legend).
    public static func reach(_ reach: Reachability, outline: Geometry, bufferKm: Double, network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(network, muted: true)
        features.append(MapFeature(geometry: outline, symbol: .reachArea))
        let reached = Set(reach.places.map(\.place))
        let reachedCities = network.scenario.places(of: network.dataset)
            .filter { $0.kind == .city && reached.contains($0.id) && $0.id != reach.origin }
            .sorted { ($0.population ?? 0, $1.id) > ($1.population ?? 0, $0.id) }
        let hoursByPlace = Dictionary(reach.places.map { ($0.place, $0.hours) }, uniquingKeysWith: min)
        features += cities(network, labels: 0, except: reached)
        for city in reachedCities {
            let hours = hoursByPlace[city.id].map { " " + TextNumber.clock($0) } ?? ""
            features.append(MapFeature(geometry: .point(city.coordinate), symbol: .place(.city),
                                       label: cityLabels > 0 ? MapLabel(city.name + hours, priority: Double(city.population ?? 0), limited: true) : nil,
                                       population: city.population))
        }
        let origin = network.dataset.place(reach.origin)
        if let origin {
            features.append(MapFeature(geometry: .point(origin.coordinate), symbol: .endpoint, label: MapLabel(origin.name, priority: endpointPriority, emphasised: true)))
        }
        let legend = [
            LegendEntry(.reachArea, "Reached within \(TextNumber.hours(reach.budgetHours)): the roads travelled, \(formatKm(bufferKm)) km either side"),
            LegendEntry(.endpoint, "Start"),
            LegendEntry(.place(.city), "City (reached: labelled with h:mm)"),
            contextLegend(network),
        ]
        var focus = outline.coordinates
        if let origin { focus.append(origin.coordinate) }
        return Map(title: "Within \(TextNumber.hours(reach.budgetHours)) of \(origin?.name ?? reach.origin.rawValue): \(reachedCities.count) cities, \(reach.places.count) places",
                   subtitle: describe(network), features: features, legend: legend, focus: focus, limitedLabels: cityLabels)
    }

    static func formatKm(_ km: Double) -> String { km == km.rounded() ? String(Int(km)) : String(format: "%.1f", km) }

    /// A kind's name for people: "seaport access".
    static func kindName(_ kind: GapKind) -> String {
        let text = kind.rawValue.replacingOccurrences(of: "-", with: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The gaps of a scenario, each kind with its own marker shape and colour.
    public static func gaps(_ gaps: [Gap], network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(network, muted: true)
        features += cities(network, labels: cityLabels)
        for gap in gaps { features.append(MapFeature(geometry: gap.geometry, symbol: .gap(gap.kind, .open, byStatus: false))) }
        var legend: [LegendEntry] = []
        for kind in GapKind.allCases {
            let count = gaps.filter { $0.kind == kind }.count
            if count > 0 { legend.append(LegendEntry(.gap(kind, .open, byStatus: false), "\(kindName(kind)) (\(count))")) }
        }
        legend += [cityLegend, contextLegend(network)]
        let focus = network.scenario.places(of: network.dataset).filter { $0.kind == .city }.map(\.coordinate) + gaps.flatMap(\.geometry.coordinates)
        return Map(title: "Connectivity gaps, \(network.scenario.year): \(gaps.count)", subtitle: describe(network), features: features, legend: legend, focus: focus, limitedLabels: cityLabels)
    }

    /// What changed between two scenarios: the links built and retired in between, the gaps
    /// closed (labelled with the projects that closed them), opened and remaining.
    public static func comparison(_ change: GapComparison, before: Network, after: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(after, muted: true)
        let beforeLinks = Set(before.scenario.links(of: before.dataset).map(\.id))
        let afterLinks = after.scenario.links(of: after.dataset)
        let afterIDs = Set(afterLinks.map(\.id))
        let opened = afterLinks.filter { !beforeLinks.contains($0.id) && $0.geometry.count > 1 }
        let retired = before.scenario.links(of: before.dataset).filter { !afterIDs.contains($0.id) && $0.geometry.count > 1 }
        for link in retired { features.append(MapFeature(geometry: .lineString(link.geometry), symbol: .linkRetired)) }
        // The links built, one feature per project, labelled with the project when it closed a gap.
        let closers = Set(change.closed.flatMap(\.projects))
        let byProject = Dictionary(grouping: opened) { $0.project?.rawValue ?? "" }
        for key in byProject.keys.sorted() {
            let lines = byProject[key]!.map(\.geometry)
            let project = key.isEmpty ? nil : after.dataset.project(ProjectID(key))
            let label = project.flatMap { p in closers.contains(p.id) ? MapLabel(p.title, priority: thematicPriority + Double(lines.count), emphasised: true) : nil }
            features.append(MapFeature(geometry: .multiLineString(lines), symbol: .linkOpened, label: label))
        }
        features += cities(after, labels: cityLabels)
        for gap in change.remaining { features.append(MapFeature(geometry: gap.geometry, symbol: .gap(gap.kind, .open, byStatus: true))) }
        for c in change.opened { features.append(MapFeature(geometry: c.gap.geometry, symbol: .gap(c.gap.kind, .opened, byStatus: true))) }
        for c in change.closed { features.append(MapFeature(geometry: c.gap.geometry, symbol: .gap(c.gap.kind, .closed, byStatus: true))) }
        // Between two years a link is built or retired; within one year the scenarios differ by projects.
        let sameYear = before.scenario.year == after.scenario.year
        var legend = [
            LegendEntry(.linkOpened, (sameYear ? "In service only after" : "Built \(before.scenario.year)→\(after.scenario.year)")
                        + " (\(opened.count) links; labelled: projects that closed gaps)"),
            LegendEntry(.linkRetired, (sameYear ? "In service only before" : "Retired") + " (\(retired.count) links)"),
            LegendEntry(.gap(.seaportAccess, .closed, byStatus: true), "Gap closed (\(change.closed.count))"),
            LegendEntry(.gap(.seaportAccess, .open, byStatus: true), "Gap remaining (\(change.remaining.count))"),
        ]
        if !change.opened.isEmpty { legend.append(LegendEntry(.gap(.seaportAccess, .opened, byStatus: true), "Gap opened (\(change.opened.count))")) }
        let all = change.remaining + change.closed.map(\.gap) + change.opened.map(\.gap)
        for kind in GapKind.allCases where all.contains(where: { $0.kind == kind }) {
            legend.append(LegendEntry(.gapKind(kind), "Shape: \(kindName(kind).lowercased())"))
        }
        legend += [cityLegend, contextLegend(after)]
        let focus = after.scenario.places(of: after.dataset).filter { $0.kind == .city }.map(\.coordinate) + opened.flatMap(\.geometry)
        let counts = "\(change.closed.count) closed, \(change.opened.count) opened, \(change.remaining.count) remaining"
        let title = sameYear ? "Gaps in \(after.scenario.year), \(describeScenario(before.scenario)) → \(describeScenario(after.scenario)): \(counts)"
            : "Gaps \(before.scenario.year) → \(after.scenario.year): \(counts)"
        let subtitle = "before: \(before.scenario.year), \(describeScenario(before.scenario)) · after: \(after.scenario.year), \(describeScenario(after.scenario)) · \(after.costModel.profile.id) profile"
        return Map(title: title, subtitle: subtitle, features: features, legend: legend, focus: focus, limitedLabels: cityLabels)
    }

    /// The corridors as routed in the scenario; a corridor that cannot be routed is named in the legend.
    public static func corridors(_ routed: [(Corridor, Result<CorridorRoute, RouteError>)], network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(network, muted: true)
        features += cities(network, labels: cityLabels)
        var legend: [LegendEntry] = []
        for (index, (corridor, result)) in routed.enumerated() {
            switch result {
            case .success(let r):
                features.append(MapFeature(geometry: .lineString(r.route.geometry), symbol: .corridor(index: index),
                                           label: MapLabel(corridor.id.rawValue.uppercased(), priority: thematicPriority - Double(index))))
                legend.append(LegendEntry(.corridor(index: index), "\(corridor.name): \(TextNumber.grouped(Int(r.route.km.rounded()))) km, \(TextNumber.hours(r.route.hours))"))
            case .failure:
                legend.append(LegendEntry(.corridor(index: index), "\(corridor.name): not connected in \(network.scenario.year)"))
            }
        }
        legend += [cityLegend, contextLegend(network)]
        return Map(title: "Economic corridors, \(network.scenario.year)", subtitle: describe(network), features: features, legend: legend,
                   focus: network.scenario.places(of: network.dataset).map(\.coordinate), limitedLabels: cityLabels)
    }

    /// The Action Plan's projects by status: the links and places each built, labelled with its title.
    public static func projects(_ network: Network, cityLabels: Int = defaultCityLabels) -> Map {
        var features = links(network, muted: true)
        features += cities(network, labels: cityLabels)
        var counts: [ProjectStatus: Int] = [:]
        for project in network.dataset.projects {
            let built = network.dataset.features(of: project.id)
            let lines = built.links.map(\.geometry).filter { $0.count > 1 }
            let points = built.places.map(\.coordinate)
            guard !lines.isEmpty || !points.isEmpty else { continue }
            counts[project.status, default: 0] += 1
            let label = MapLabel(project.title, priority: thematicPriority + Double(lines.count))
            if !lines.isEmpty { features.append(MapFeature(geometry: .multiLineString(lines), symbol: .project(project.status), label: label)) }
            if !points.isEmpty { features.append(MapFeature(geometry: .multiPoint(points), symbol: .project(project.status), label: lines.isEmpty ? label : nil)) }
        }
        var legend: [LegendEntry] = []
        for status in ProjectStatus.allCases where counts[status] != nil {
            legend.append(LegendEntry(.project(status), "\(status.rawValue.replacingOccurrences(of: "-", with: " ").capitalized) (\(counts[status]!) projects)"))
        }
        legend += [cityLegend, contextLegend(network)]
        return Map(title: "Action Plan projects by status", subtitle: describe(network), features: features, legend: legend,
                   focus: network.scenario.places(of: network.dataset).map(\.coordinate), limitedLabels: cityLabels)
    }
}
