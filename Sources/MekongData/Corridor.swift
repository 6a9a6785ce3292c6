/// An economic corridor or an Action Plan route, as ordered waypoints (place ids).
public struct Corridor: Sendable, Hashable, Identifiable {
    public var id: CorridorID
    public var name: String
    /// `gms-economic-corridor` or `action-plan-route`.
    public var kind: String
    /// The corridor this one is a route of.
    public var parent: CorridorID?
    public var countries: [String]
    public var waypoints: [PlaceID]
    /// Projects the corridor cannot exist without (a planned road): it is checked, and routed by
    /// `corridor show`, with them.
    public var requires: [ProjectID]
    public var description: String
    public var source: String

    public init(id: CorridorID, name: String, kind: String, parent: CorridorID? = nil, countries: [String],
                waypoints: [PlaceID], requires: [ProjectID] = [], description: String, source: String) {
        self.id = id; self.name = name; self.kind = kind; self.parent = parent; self.countries = countries
        self.waypoints = waypoints; self.requires = requires; self.description = description; self.source = source
    }
}
