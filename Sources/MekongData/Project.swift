/// The state of a project as of the data's date.
public enum ProjectStatus: String, Sendable, CaseIterable, Codable {
    case completed
    case underConstruction = "under-construction"
    case planned, stalled, study
}

/// A project of the Mekong–Japan Action Plan. Which features it built is read from the features'
/// `project` field, never repeated here.
public struct Project: Sendable, Hashable, Identifiable {
    public var id: ProjectID
    public var title: String
    /// Section of the plan, e.g. `1.1`.
    public var section: String
    public var pillar: Int
    public var countries: [String]
    /// road, bridge, port, airport, rail, sez, power, water, irrigation, telecom, study, institutional.
    public var kind: String
    public var status: ProjectStatus
    public var completed: Int?
    public var expected: Int?
    public var summary: String
    /// The plan's own sentence naming the project.
    public var planText: String
    public var sources: [String]

    public init(id: ProjectID, title: String, section: String, pillar: Int, countries: [String], kind: String,
                status: ProjectStatus, completed: Int? = nil, expected: Int? = nil, summary: String = "",
                planText: String = "", sources: [String] = []) {
        self.id = id; self.title = title; self.section = section; self.pillar = pillar; self.countries = countries
        self.kind = kind; self.status = status; self.completed = completed; self.expected = expected
        self.summary = summary; self.planText = planText; self.sources = sources
    }

    /// The kinds of project; anything else in the data is a finding.
    public static let kinds: Set<String> = ["road", "bridge", "port", "airport", "rail", "sez", "power", "water",
                                            "irrigation", "telecom", "study", "institutional"]
}
