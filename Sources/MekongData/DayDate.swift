import Foundation

/// A calendar day, as border regimes and observations are dated: `2025-06-23`.
///
///     DayDate(parsing: "2019-10-31")!.year   // 2019
///     DayDate.midYear(2026)                   // 2026-07-01
public struct DayDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2025; not limited to any range.
    public let year: Int
    /// The month, 1 … 12.
    public let month: Int
    /// The day of the month, 1 … 31, valid for the month and year.
    public let day: Int

    /// The date, or nil for an impossible day (31 April, 29 February outside leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Reads `YYYY-MM-DD`; nil for anything else, including impossible days.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day a year-only scenario is evaluated on: 1 July, the middle of the year, so a regime
    /// that began in the first half of a year applies to it and one that began in the second
    /// half applies from the next.
    public static func midYear(_ year: Int) -> DayDate { DayDate(year: year, month: 7, day: 1)! }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Chronological order.
    public static func < (a: DayDate, b: DayDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `YYYY-MM-DD`, as the data files write dates.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}

extension DayDate {
    /// Today in UTC, read with `gmtime_r` rather than `Calendar`, whose time-zone set-up cost a
    /// route several milliseconds of start-up.
    public static var today: DayDate {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return DayDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}
