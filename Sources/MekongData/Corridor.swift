/// An economic corridor or an Action Plan route, as ordered waypoints (place ids).
public struct Corridor: Sendable, Hashable, Identifiable {
    /// The unique slug, e.g. `bangkok-hanoi-third-mekong-bridge`.
    public var id: CorridorID
    /// The display name, e.g. "Bangkok - Hanoi via the Third Mekong Bridge".
    public var name: String
    /// `gms-economic-corridor` or `action-plan-route`.
    public var kind: String
    /// The corridor this one is a route of.
    public var parent: CorridorID?
    /// The countries it crosses, ISO 3166-1 alpha-3, in the data file's order.
    public var countries: [String]
    /// The places it runs through, in order; routed leg by leg, so each one is on the route.
    public var waypoints: [PlaceID]
    /// Projects the corridor cannot exist without (a planned road): it is checked, and routed by
    /// `corridor show`, with them.
    public var requires: [ProjectID]
    /// What the corridor is and which way it runs, in prose for reports.
    public var description: String
    /// Where the data comes from (the Action Plan section, surveys), in prose.
    public var source: String

    /// A corridor as the data file gives it; `parent` and `requires` default to none.
    public init(id: CorridorID, name: String, kind: String, parent: CorridorID? = nil, countries: [String],
                waypoints: [PlaceID], requires: [ProjectID] = [], description: String, source: String) {
        self.id = id; self.name = name; self.kind = kind; self.parent = parent; self.countries = countries
        self.waypoints = waypoints; self.requires = requires; self.description = description; self.source = source
    }
}
