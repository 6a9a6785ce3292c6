/// Numbers as people read them in reports.
public enum TextNumber {
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    /// "3 h 25 min", or "45 min" under an hour.
    public static func hours(_ h: Double) -> String {
        guard h.isFinite else { return "∞" }
        let minutes = Int((h * 60).rounded())
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
