/// Numbers as people read them in reports.
public enum TextNumber {
    /// Digits in groups of three with commas, e.g. `1,234,567`, for populations in text.
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    /// Hours for people, the one rule of every table and sentence: "3:25 h" (hours and minutes);
    /// JSON and CSV carry decimal hours instead. An unreachable (infinite) time is "∞", and a
    /// time too long to be a trip prints in whole hours rather than overflowing an integer.
    ///
    ///     TextNumber.hours(3.4167)   // "3:25 h"
    public static func hours(_ h: Double) -> String { clock(h) + (h.isFinite ? " h" : "") }

    /// "3:25": hours and minutes, as a table cell.
    public static func clock(_ h: Double) -> String {
        guard h.isFinite else { return "∞" }
        guard abs(h) < 1_000_000 else { return String(format: "%.0f:00", h) }
        let minutes = Int((abs(h) * 60).rounded())
        return (h < 0 ? "-" : "") + String(format: "%d:%02d", minutes / 60, minutes % 60)
    }
}
