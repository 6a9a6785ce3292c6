import MekongData

/// What one of a project's links changes: its travel time under each profile against the link
/// it replaced (the retired link between the same places), so `projects show` can say how much
/// a project sped up the road it rebuilt, not only that it did.
///
///     let changes = ProjectLinkChange.changes(of: "la-nr9-improvement", plan: plan)
///     changes[0].hours["truck"]    // (before: 1.64, after: 0.97)
///
/// Times are those of the link alone (moving, ferry and border parts), under no regime.
public struct ProjectLinkChange: Sendable {
    /// One link the project built.
    public var link: Link
    /// The retired link with the same two ends, if the project replaced one.
    public var replaced: Link?
    /// Hours by profile: before (the replaced link, nil for a new link) and after.
    public var hours: [ProfileID: (before: Double?, after: Double)]

    /// The change of each link `project` built, under every profile of the data set.
    /// - Complexity: O(L + P·k) for L links, P profiles and k links of the project.
    public static func changes(of project: ProjectID, plan: PlanGraph) -> [ProjectLinkChange] {
        let features = plan.dataset.features(of: project)
        func hours(_ link: Link, _ profile: Profile) -> Double? {
            guard let edge = plan.edges(of: link.id).first(where: { plan.graph.flags(of: $0).contains(.forward) }) else { return nil }
            return CostModel(profile: profile).cost(of: plan.graph.edges[edge], border: link.borderDelayHours).hours
        }
        return features.links.map { link in
            let replaced = features.retired.first { Set([$0.from, $0.to]) == Set([link.from, link.to]) }
            var table: [ProfileID: (before: Double?, after: Double)] = [:]
            for profile in plan.dataset.profiles {
                guard let after = hours(link, profile) else { continue }
                table[profile.id] = (replaced.flatMap { hours($0, profile) }, after)
            }
            return ProjectLinkChange(link: link, replaced: replaced, hours: table)
        }
    }
}
