import Testing
@testable import MekongData
@testable import MekongNetwork

/// `projects show` says how much each rebuilt link changed.
struct ProjectLinkChangeTests {
    /// a–b: 60 km in poor condition (60 × 0.5 = 30 km/h, 2 h) replaced in 2015 by the same road
    /// in good condition (1 h); plus a new 6 km bypass b–c (0.1 h).
    @Test func anUpgradeReportsItsTimeBeforeAndAfterAndANewLinkOnlyAfter() throws {
        var m = TinyMap()
        m.place("a", 0, 0); m.place("b", 1, 0); m.place("c", 1, 1)
        m.road("a", "b", km: 60, closed: 2015, retiredBy: "upgrade", id: "old")
        m.links[0].condition = .poor
        m.road("a", "b", km: 60, opened: 2015, project: "upgrade", id: "new")
        m.road("b", "c", km: 6, opened: 2015, project: "upgrade", id: "bypass")
        let project = Project(id: "upgrade", title: "Upgrade", section: "1.1", pillar: 1, countries: ["THA"], kind: "road",
                              status: .completed, completed: 2015, sources: ["test"])
        let changes = ProjectLinkChange.changes(of: "upgrade", plan: PlanGraph(dataset: m.dataset(projects: [project])))
        let upgrade = try #require(changes.first { $0.link.id == "new" })
        #expect(upgrade.replaced?.id == "old")
        #expect(abs((upgrade.hours["truck"]?.before ?? 0) - 2) < 1e-9)
        #expect(abs((upgrade.hours["truck"]?.after ?? 0) - 1) < 1e-9)
        let bypass = try #require(changes.first { $0.link.id == "bypass" })
        #expect(bypass.replaced == nil && bypass.hours["truck"]?.before == nil)
        #expect(abs((bypass.hours["truck"]?.after ?? 0) - 0.1) < 1e-9)
    }
}
