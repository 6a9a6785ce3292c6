import Foundation

/// Which features are in service: a year, projects forced in (`with`) or taken out (`without`).
///
///     let y2012 = Scenario(year: 2012)                                  // the Neak Loeung ferry
///     let bridge = Scenario(year: 2012, with: ["kh-neak-loeung-bridge"]) // the bridge instead
///
/// Rules, in order: a feature built by a project in `without` is out and the features that
/// project retired stay in (if they had opened by `year`); a feature built by a project in
/// `with` is in even when planned for later, and what that project retired is out; otherwise a
/// feature is in when `opened ≤ year < closed`; a feature of an unfinished project with no
/// opening year (a stalled road) is out.
public struct Scenario: Sendable, Hashable {
    /// The year whose network is asked for.
    public var year: Int
    /// Projects whose features are taken in even if not yet built, and whose retired features are
    /// taken out.
    public var with: Set<ProjectID>
    /// Projects whose features are taken out, and whose retired features are kept.
    public var without: Set<ProjectID>
    /// The day dated regimes (border closures, vehicle rules) are read on; nil: 1 July of `year`.
    public var day: DayDate?

    /// A scenario; a `day` also sets the year (its year wins over `year`).
    public init(year: Int = Scenario.currentYear, with: Set<ProjectID> = [], without: Set<ProjectID> = [], day: DayDate? = nil) {
        self.year = day?.year ?? year
        self.with = with
        self.without = without
        self.day = day
    }

    /// The day the scenario's regimes are read on.
    public var date: DayDate { day.flatMap { $0.year == year ? $0 : nil } ?? .midYear(year) }

    /// The current calendar year (UTC): the default scenario.
    public static var currentYear: Int { DayDate.today.year }

    /// The years a scenario may be asked for, by the CLI, a scenario file or the server. The data
    /// records openings from 2000 and plans to 2030; a decade either side still reads the data
    /// (with ``coverageWarning(in:)``), beyond that an answer would be a guess.
    public static let years = 1990...2050

    /// Whether a feature with this period, builder and retiring project is in service.
    /// - Parameter unbuilt: the builder has not completed it and no opening year is known
    ///   (a stalled or planned project): the feature is in service only `with` its project.
    public func isInService(period: ServicePeriod, project: ProjectID?, retiredBy: ProjectID?, unbuilt: Bool = false) -> Bool {
        if let project, without.contains(project) { return false }
        if let retiredBy, without.contains(retiredBy) { return period.opened.map { $0 <= year } ?? true }
        if let project, with.contains(project) { return true }
        if let retiredBy, with.contains(retiredBy) { return false }
        if unbuilt { return false }
        return period.contains(year: year)
    }

    /// Whether `link` is in service, counting it unbuilt when its project is unfinished and it has no
    /// opening year.
    public func isInService(_ link: Link, in dataset: Dataset) -> Bool {
        isInService(period: link.period, project: link.project, retiredBy: link.retiredBy,
                    unbuilt: link.period.opened == nil && dataset.isUnbuilt(link.project))
    }

    /// Whether `place` is in service, counting it unbuilt when its project is unfinished and it has
    /// no opening year.
    public func isInService(_ place: Place, in dataset: Dataset) -> Bool {
        isInService(period: place.period, project: place.project, retiredBy: nil,
                    unbuilt: place.period.opened == nil && dataset.isUnbuilt(place.project))
    }

    /// The links of `dataset` in service, in data order.
    public func links(of dataset: Dataset) -> [Link] { dataset.links.filter { isInService($0, in: dataset) } }

    /// The places of `dataset` in service, in data order.
    public func places(of dataset: Dataset) -> [Place] { dataset.places.filter { isInService($0, in: dataset) } }

    /// Unknown project ids named in `with` or `without`, each with the closest valid ids.
    public func unknownProjects(in dataset: Dataset) -> [(id: ProjectID, suggestions: [String])] {
        let all = dataset.projects.map(\.id.rawValue)
        return (with.union(without)).sorted().filter { dataset.project($0) == nil }
            .map { ($0, Suggestions.closest(to: $0.rawValue, among: all)) }
    }

    /// A project both forced in and taken out.
    public var conflicts: [ProjectID] { with.intersection(without).sorted() }

    /// Why the network of this scenario's year may not be what was on the ground, nil when the
    /// year lies within the years the data records: before its earliest recorded opening the
    /// network is today's data less what opened since, not a reconstruction of history (roads
    /// that were later rebuilt or closed may be missing); after its last recorded or planned
    /// year, nothing beyond the plans is known.
    ///
    ///     Scenario(year: 1990).coverageWarning(in: data)
    ///     // "the data records openings from 2000 on; the 1990 network is …"
    public func coverageWarning(in dataset: Dataset) -> String? {
        let years = dataset.links.flatMap { [$0.period.opened, $0.period.closed].compactMap { $0 } }
            + dataset.places.compactMap(\.period.opened) + dataset.projects.compactMap { $0.completed ?? $0.expected }
        guard let first = years.min(), let last = years.max() else { return nil }
        if year < first {
            return "the data records openings from \(first) on; the \(year) network is today's data less what opened since, not a reconstruction of \(year)"
        }
        if year > last {
            return "the data's last recorded or planned year is \(last); the \(year) network holds only what is planned, nothing beyond"
        }
        return nil
    }
}
