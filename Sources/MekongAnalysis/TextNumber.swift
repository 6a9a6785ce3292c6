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

    /// `x` with `digits` decimals, exactly as `String(format: "%.<digits>f", x)` writes it, at
    /// a tenth of the cost: a million-cell matrix as CSV spent most of its time in Foundation's
    /// formatter.
    ///
    ///     TextNumber.fixed(2.3456, digits: 3)   // "2.346"
    ///
    /// The scaled value is rounded in binary; where it lies within a few units in the last
    /// place of a tie (…5 exactly in decimal), or is negative, huge or not finite, the C
    /// library decides.
    /// - Parameter digits: Decimals, 0 to 6.
    /// - Complexity: O(number of digits written).
    public static func fixed(_ x: Double, digits: Int) -> String {
        precondition((0...6).contains(digits), "fixed writes 0 to 6 decimals")
        let scale = powersOfTen[digits]
        let scaled = x * scale
        guard x >= 0, scaled < 1e15 else { return String(format: "%.\(digits)f", x) }
        let below = scaled.rounded(.down)
        guard abs(scaled - below - 0.5) > 8 * scaled.ulp else { return String(format: "%.\(digits)f", x) }
        let whole = Int(scaled.rounded(.toNearestOrAwayFromZero))
        guard digits > 0 else { return String(whole) }
        let fraction = String(whole % Int(scale))
        return String(whole / Int(scale)) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

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
