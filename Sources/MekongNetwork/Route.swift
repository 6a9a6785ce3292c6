import GeoCore
import MekongData

/// A found route: its edges in travel order, grouped into legs, with totals.
public struct Route: Sendable {
    /// One stretch of the route: consecutive links of the same road, or a single bridge, ferry,
    /// border crossing or mode change.
    public struct Leg: Sendable {
        /// What a leg is, for reports: a border crossing wins over ferry and bridge, which win over the
        /// mode, so a bridge at a border post is a `border` leg.
        public enum Kind: String, Sendable { case road, bridge, ferry, rail, sea, border, transfer }
        /// What the leg is; see ``Kind``.
        public var kind: Kind
        /// The route number (e.g. `NR12`), if any.
        public var route: String?
        /// The links' names, without repeats.
        public var names: [String]
        /// The links of the leg, in travel order; empty for a transfer.
        public var links: [LinkID]
        /// Where the leg starts.
        public var from: PlaceID
        /// Where the leg ends.
        public var to: PlaceID
        /// Length, km.
        public var km: Double
        /// Travel time, hours, delays included.
        public var hours: Double
        /// Border delay within `hours`.
        public var borderHours: Double
        /// Ferry wait and handling (or mode-change handling) within `hours`.
        public var waitHours: Double
        /// The dated rule in force at a crossing (e.g. "single-stop inspection"), if any.
        public var rule: String?
        /// Action Plan projects that built the links of this leg.
        public var projects: [ProjectID]
        /// The leg's line in travel order, WGS84.
        public var geometry: [Coordinate]
    }

    /// The edges travelled, in order, transfers included.
    public let edges: [EdgeID]
    /// The edges grouped into legs, in order.
    public let legs: [Leg]
    /// Total travel time, hours, border and wait times included.
    public let hours: Double
    /// Total length, km.
    public let km: Double
    /// Total border delay within `hours`.
    public let borderHours: Double
    /// Total ferry wait, handling and mode-change time within `hours`.
    public let waitHours: Double
    /// The links travelled, in order.
    public let links: [LinkID]

    /// The whole route as one line.
    public var geometry: [Coordinate] {
        var out: [Coordinate] = []
        for leg in legs { for c in leg.geometry where out.last != c { out.append(c) } }
        return out
    }

    /// Groups the edges into legs.
    /// - Complexity: O(E + V) in the route's edges and vertices.
    init(edges: [EdgeID], network: Network) {
        self.edges = edges
        var legs: [Leg] = []
        for edge in edges {
            let cost = network.cost(of: edge)
            let from = network.label(of: network.graph.tail(edge))
            let to = network.label(of: network.graph.head(edge))
            guard let link = network.link(of: edge) else {
                if !network.isTransfer(edge) {
                    // A road of an imported network that no link of the plan was matched to:
                    // consecutive ones make one leg.
                    if var last = legs.last, last.kind == .road, last.links.isEmpty {
                        last.to = to
                        last.km += cost.lengthKm
                        last.hours += cost.hours
                        last.geometry += network.geometry(of: edge).dropFirst()
                        legs[legs.count - 1] = last
                    } else {
                        legs.append(Leg(kind: .road, route: nil, names: [Self.importedRoadName], links: [], from: from, to: to,
                                        km: cost.lengthKm, hours: cost.hours, borderHours: cost.borderHours, waitHours: cost.ferryHours,
                                        rule: nil, projects: [], geometry: network.geometry(of: edge)))
                    }
                    continue
                }
                legs.append(Leg(kind: .transfer, route: nil, names: ["mode change at \(from)"], links: [], from: from, to: to,
                                km: 0, hours: cost.hours, borderHours: 0, waitHours: cost.hours, rule: nil, projects: [],
                                geometry: network.geometry(of: edge)))
                continue
            }
            // The next edge of the same link (a link matched to several edges of an imported road):
            // the same leg.
            if var last = legs.last, last.links.last == link.id {
                last.to = to
                last.km += cost.lengthKm
                last.hours += cost.hours
                last.borderHours += cost.borderHours
                last.waitHours += cost.ferryHours
                last.geometry += network.geometry(of: edge).dropFirst()
                legs[legs.count - 1] = last
                continue
            }
            let kind: Leg.Kind = link.crossesBorder ? .border : link.mode == .ferry ? .ferry : link.isBridge ? .bridge
                : link.mode == .rail ? .rail : link.mode == .sea ? .sea : .road
            let projects = link.project.map { [$0] } ?? []
            if kind == .road || kind == .rail || kind == .sea, var last = legs.last, last.kind == kind, last.route == link.route,
               link.route != nil {
                last.to = to
                if !last.names.contains(link.name) { last.names.append(link.name) }
                last.links.append(link.id)
                last.km += cost.lengthKm
                last.hours += cost.hours
                for p in projects where !last.projects.contains(p) { last.projects.append(p) }
                last.geometry += network.geometry(of: edge).dropFirst()
                legs[legs.count - 1] = last
            } else {
                legs.append(Leg(kind: kind, route: link.route, names: [link.name], links: [link.id], from: from, to: to,
                                km: cost.lengthKm, hours: cost.hours, borderHours: cost.borderHours, waitHours: cost.ferryHours,
                                rule: kind == .border ? [network.regime(of: edge)?.rule, network.costModel.cargoRule].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
                                    : network.regime(of: edge)?.rule, projects: projects, geometry: network.geometry(of: edge)))
            }
        }
        self.legs = legs
        self.hours = legs.reduce(0) { $0 + $1.hours }
        self.km = legs.reduce(0) { $0 + $1.km }
        self.borderHours = legs.reduce(0) { $0 + $1.borderHours }
        self.waitHours = legs.reduce(0) { $0 + $1.waitHours }
        self.links = network.links(along: edges)
    }

    /// The name of a leg over roads of an imported network that are no link of the plan.
    public static let importedRoadName = "roads of the imported network"
}

extension String {
    /// nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
