import GeoCore

/// A whole data set: places, links, rivers, corridors, projects, profiles and observations, with
/// lookups by id.
/// Immutable once loaded; scenarios select from it without copying.
public struct Dataset: Sendable {
    /// Every place, in file order.
    public let places: [Place]
    /// Every link, in file order.
    public let links: [Link]
    /// The rivers, for maps and for validation: a road or railway that crosses one must be a bridge.
    public let rivers: [River]
    /// Every corridor, in file order.
    public let corridors: [Corridor]
    /// The Action Plan's projects, in file order.
    public let projects: [Project]
    /// The vehicle profiles routes are costed for.
    public let profiles: [Profile]
    /// Published trips to measure the profiles against; empty when the data has no
    /// `observations.json`.
    public let observations: [Observation]
    /// Where the data came from, for messages.
    public let source: DataSource

    private let placeIndex: [PlaceID: Int]
    private let linkIndex: [LinkID: Int]
    private let projectIndex: [ProjectID: Int]
    private let corridorIndex: [CorridorID: Int]
    private let profileIndex: [ProfileID: Int]
    private let observationIndex: [ObservationID: Int]

    /// Builds the lookups; on duplicate ids the first feature wins (the reader reports the rest).
    public init(places: [Place], links: [Link], rivers: [River] = [], corridors: [Corridor] = [],
                projects: [Project] = [], profiles: [Profile] = [], source: DataSource = .embedded,
                observations: [Observation] = []) {
        self.places = places; self.links = links; self.rivers = rivers; self.corridors = corridors
        self.projects = projects; self.profiles = profiles; self.source = source; self.observations = observations
        func index<ID: Hashable>(_ ids: [ID]) -> [ID: Int] {
            var out: [ID: Int] = [:]
            for (i, id) in ids.enumerated() where out[id] == nil { out[id] = i }
            return out
        }
        placeIndex = index(places.map(\.id))
        linkIndex = index(links.map(\.id))
        projectIndex = index(projects.map(\.id))
        corridorIndex = index(corridors.map(\.id))
        profileIndex = index(profiles.map(\.id))
        observationIndex = index(observations.map(\.id))
    }

    /// The place with this id; nil when there is none.
    public func place(_ id: PlaceID) -> Place? { placeIndex[id].map { places[$0] } }
    /// The link with this id; nil when there is none.
    public func link(_ id: LinkID) -> Link? { linkIndex[id].map { links[$0] } }
    /// The position of the place with this id in ``places``; nil when there is none.
    public func placeIndex(of id: PlaceID) -> Int? { placeIndex[id] }
    /// The position of the link with this id in ``links``; nil when there is none.
    public func linkIndex(of id: LinkID) -> Int? { linkIndex[id] }
    /// The project with this id; nil when there is none.
    public func project(_ id: ProjectID) -> Project? { projectIndex[id].map { projects[$0] } }
    /// The corridor with this id; nil when there is none.
    public func corridor(_ id: CorridorID) -> Corridor? { corridorIndex[id].map { corridors[$0] } }
    /// The profile with this id; nil when there is none.
    public func profile(_ id: ProfileID) -> Profile? { profileIndex[id].map { profiles[$0] } }
    /// The observation with this id; nil when there is none.
    public func observation(_ id: ObservationID) -> Observation? { observationIndex[id].map { observations[$0] } }

    /// Whether `project` names a project that has not been completed (so its features without
    /// an opening year are not built).
    public func isUnbuilt(_ project: ProjectID?) -> Bool {
        guard let project, let p = self.project(project) else { return false }
        return p.status != .completed
    }

    /// The features a project built (its `project` field) and those it retired (`retired_by`).
    public func features(of project: ProjectID) -> (places: [Place], links: [Link], retired: [Link]) {
        (places.filter { $0.project == project }, links.filter { $0.project == project },
         links.filter { $0.retiredBy == project })
    }

    /// Loads and checks a data set; throws when any file has an error, so nothing is used
    /// half-loaded. Warnings are returned beside the data.
    public static func load(from source: DataSource) throws(DataError) -> (dataset: Dataset, warnings: [Finding]) {
        let (dataset, findings) = DatasetReader.read(source)
        if findings.contains(where: { $0.severity == .error }) {
            throw DataError(directory: source.description, findings: findings)
        }
        return (dataset, findings)
    }
}
