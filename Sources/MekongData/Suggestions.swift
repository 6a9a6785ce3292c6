/// Closest-match suggestions for names people mistype.
public enum Suggestions {
    /// Levenshtein distance between two strings, by Unicode scalars.
    /// - Complexity: O(m·n).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to `limit` candidates closest to `input`, nearest first (ties alphabetical).
    public static func closest(to input: String, among candidates: [String], limit: Int = 3) -> [String] {
        let key = input.lowercased()
        return candidates
            .map { (candidate: $0, distance: editDistance(key, $0.lowercased()) - (($0.lowercased().contains(key) && !key.isEmpty) ? 100 : 0)) }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
            .prefix(limit)
            .map(\.candidate)
    }

    /// " (did you mean "x"?)" when a candidate is close enough to be a likely typo, else "".
    public static func hint(for input: String, among candidates: [String]) -> String {
        guard let best = closest(to: input, among: candidates, limit: 1).first else { return "" }
        let distance = editDistance(input.lowercased(), best.lowercased())
        return distance <= max(2, input.count / 3) ? " (did you mean \"\(best)\"?)" : ""
    }
}
