/// The state of a project as of the data's date.
public enum ProjectStatus: String, Sendable, CaseIterable, Codable {
    case completed
    case underConstruction = "under-construction"
    case planned, stalled, study
}

/// A project of the Mekong–Japan Action Plan. Which features it built is read from the features'
/// `project` field, never repeated here.
public struct Project: Sendable, Hashable, Identifiable {
    /// The unique slug; the features' `project` field and scenarios' `with`/`without` name it.
    public var id: ProjectID
    /// The project's name, as the plan or its sources give it.
    public var title: String
    /// Section of the plan, e.g. `1.1`.
    public var section: String
    /// The pillar of the Action Plan it belongs to; 1 is "Enhancing Mekong Connectivity".
    public var pillar: Int
    /// The countries it lies in, ISO 3166-1 alpha-3.
    public var countries: [String]
    /// road, bridge, port, airport, rail, sez, power, water, irrigation, telecom, study, institutional.
    public var kind: String
    /// How far it has got. Features of a project not ``ProjectStatus/completed`` that have no
    /// opening year are out of the network unless a scenario takes the project in (`with`).
    public var status: ProjectStatus
    /// The year it was completed, when it was.
    public var completed: Int?
    /// The year it is expected to be completed, when a source says.
    public var expected: Int?
    /// What the project is, in a sentence or two for reports.
    public var summary: String
    /// The plan's own sentence naming the project.
    public var planText: String
    /// Where its status and dates come from (URLs or citations).
    public var sources: [String]

    /// A project as `projects.json` gives it.
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
