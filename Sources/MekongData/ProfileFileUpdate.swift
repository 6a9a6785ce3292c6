import Foundation

/// Writes fitted values into the text of `profiles.json` in place: each number is replaced where
/// it stands and its reasoning gains a note, so a reviewer's diff shows only the values that
/// changed and why, and every other line, reasoning and key order is kept. Whitespace around
/// the colons may be whatever the file's last writer chose.
///
///     let text = try ProfileFileUpdate.apply(to: original, profile: "car",
///                                            values: ["speeds_kmh.road.trunk": 62.4],
///                                            note: { path, old in "Fitted by mekong calibrate (was \(old))." })
///
/// A path is the dotted key path inside the profile's object (`speeds_kmh.road.trunk`,
/// `ferry.wait_hours`, `border_delay_hours`); its reasoning is the entry of that name in the
/// profile's `reasoning` object. A note written earlier (it starts with "Fitted ") is replaced,
/// not stacked.
public enum ProfileFileUpdate {
    /// Why the text could not be updated: a profile, object or number the path names is missing.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The problem, naming the profile and path.
        public var description: String
    }

    /// The text with `values` written in for `profile` and a note added to each value's reasoning.
    /// - Parameters:
    ///   - values: new numbers by dotted key path, e.g. `speeds_kmh.road.trunk`.
    ///   - note: the note for a path, given the value it replaces.
    /// - Throws: ``Failure`` when the profile or a path is missing.
    /// - Complexity: O(n · k) for a text of n characters and k values.
    public static func apply(to text: String, profile: ProfileID, values: [String: Double],
                             note: (_ path: String, _ old: Double) -> String) throws(Failure) -> String {
        var text = text
        let anyID = #""id"\s*:\s*""#
        for path in values.keys.sorted() {
            guard let id = find(anyID + escaped(profile.rawValue) + #"""#, in: text, from: text.startIndex) else {
                throw Failure(description: "profiles.json has no profile with \"id\": \"\(profile)\"")
            }
            // The profile's block runs from its id to the next profile's id (or the end).
            let blockEnd = find(anyID, in: text, from: id.upperBound)?.lowerBound ?? text.endIndex
            var cursor = id.upperBound
            let keys = path.split(separator: ".").map(String.init)
            for parent in keys.dropLast() {
                guard let r = find(#"""# + escaped(parent) + #""\s*:\s*\{"#, in: text, from: cursor, to: blockEnd) else {
                    throw Failure(description: "profile \(profile) has no object \"\(parent)\" for \(path)")
                }
                cursor = r.upperBound
            }
            let numberPattern = #"-?[0-9][0-9.eE+-]*"#
            guard let match = find(#"""# + escaped(keys.last!) + #""\s*:\s*"# + numberPattern, in: text, from: cursor, to: blockEnd),
                  let number = find(numberPattern + "$", in: text, from: match.lowerBound, to: match.upperBound) else {
                throw Failure(description: "profile \(profile) has no number at \(path)")
            }
            let old = Double(text[number]) ?? .nan
            text.replaceSubrange(number, with: format(values[path]!))
            // Indices after the edit are recomputed from the text.
            guard let idAgain = find(anyID + escaped(profile.rawValue) + #"""#, in: text, from: text.startIndex) else { continue }
            let end = find(anyID, in: text, from: idAgain.upperBound)?.lowerBound ?? text.endIndex
            guard let reasoning = find(#"""# + escaped(path) + #""\s*:\s*""#, in: text, from: idAgain.upperBound, to: end) else { continue }
            if text[reasoning.upperBound...].hasPrefix("Fitted "), let stop = text.range(of: ". ", range: reasoning.upperBound..<end) {
                text.removeSubrange(reasoning.upperBound..<stop.upperBound)
            }
            text.insert(contentsOf: escape(note(path, old)) + " ", at: reasoning.upperBound)
        }
        return text
    }

    /// The first match of a regular expression in `text[from..<to]`.
    static func find(_ pattern: String, in text: String, from: String.Index, to: String.Index? = nil) -> Range<String.Index>? {
        guard let regex = try? Regex(pattern) else { return nil }
        return text[from..<(to ?? text.endIndex)].firstMatch(of: regex)?.range
    }

    /// A literal inside a regular expression.
    static func escaped(_ literal: String) -> String {
        literal.map { #"\^$.|?*+()[]{}"#.contains($0) ? "\\\($0)" : String($0) }.joined()
    }

    /// Three decimals at most, no trailing zeros: 62.4, 0.75, 4.
    public static func format(_ value: Double) -> String {
        var s = String(format: "%.3f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
