/// A dated rule on a link, most often a border crossing: who may pass and how long it takes,
/// from one day until another. A crossing's regimes follow each other in time; a closure can end
/// and the crossing reopen under a new regime.
///
///     // Thai–Cambodian crossings closed on 23 June 2025:
///     Regime(from: DayDate(parsing: "2025-06-23")!, openTo: [], rule: "closed by Thailand", source: "…")
///     // Mae Sot–Myawaddy First Friendship Bridge, cars only from 31 October 2019:
///     Regime(from: DayDate(parsing: "2019-10-31")!, openTo: ["car"], rule: "cars and small buses only", source: "…")
///
///     // NR4 Phnom Penh – Sihanoukville, damaged and jammed by port traffic until the expressway:
///     Regime(from: DayDate(parsing: "2016-01-01")!, until: DayDate(parsing: "2022-10-01")!, condition: .poor, rule: "…", source: "…")
///
/// Outside every regime the link's own `border` delays and the profile's defaults apply.
public struct Regime: Sendable, Hashable {
    /// First day the regime applies.
    public var from: DayDate
    /// First day it no longer applies; nil while it lasts.
    public var until: DayDate?
    /// The profiles that may pass; nil: every profile; empty: the link is closed.
    public var openTo: Set<ProfileID>?
    /// Crossing delay in hours by profile while the regime lasts (overrides the link's `border`).
    public var delayHours: [ProfileID: Double]
    /// The road's condition while the regime lasts (flood damage, works, traffic the road was
    /// not built for), overriding the link's own; nil: the link's condition holds.
    public var condition: Condition?
    /// What applies, in words a route shows: "single-stop inspection", "closed: border dispute".
    public var rule: String
    /// Where the rule is published, for a reviewer to check.
    public var source: String

    /// A regime from `from` on; by default open-ended, open to every profile and with no delays of
    /// its own.
    public init(from: DayDate, until: DayDate? = nil, openTo: Set<ProfileID>? = nil, delayHours: [ProfileID: Double] = [:],
                condition: Condition? = nil, rule: String, source: String) {
        self.from = from; self.until = until; self.openTo = openTo; self.delayHours = delayHours; self.condition = condition
        self.rule = rule; self.source = source
    }

    /// Whether the regime applies on `date`.
    public func contains(_ date: DayDate) -> Bool { from <= date && (until.map { date < $0 } ?? true) }

    /// Whether a vehicle of `profile` may pass under this regime.
    public func admits(_ profile: ProfileID) -> Bool { openTo.map { $0.contains(profile) } ?? true }

    /// Whether no profile may pass: the crossing is closed.
    public var isClosure: Bool { openTo?.isEmpty == true }
}

extension Link {
    /// The regime in force on `date`, nil when none is.
    public func regime(on date: DayDate) -> Regime? { regimes.last { $0.contains(date) } }

    /// The road's condition on `date`: the regime's where one in force sets it, else the link's.
    public func condition(on date: DayDate) -> Condition? { regime(on: date)?.condition ?? condition }
}
