import Foundation

/// Finds places by id, name or alias, ignoring case, accents and punctuation ("Ho Chi Minh",
/// "ho-chi-minh-city", "Sài Gòn" and "saigon" are all Ho Chi Minh City).
public struct NameResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        case found(PlaceID)
        /// Several places carry that name (e.g. a town and its border post).
        case ambiguous([PlaceID])
        /// Nothing matches; the closest names are suggested.
        case unknown(suggestions: [String])
    }

    private let keys: [String: [PlaceID]]
    private let ids: Set<PlaceID>
    private let labels: [String]

    public init(places: [Place]) {
        var keys: [String: [PlaceID]] = [:]
        for place in places {
            for name in Set([place.id.rawValue, place.name] + place.aliases).map(Self.normalise) where !name.isEmpty {
                if !(keys[name]?.contains(place.id) ?? false) { keys[name, default: []].append(place.id) }
            }
        }
        self.keys = keys
        self.ids = Set(places.map(\.id))
        self.labels = places.map(\.id.rawValue) + places.map(\.name)
    }

    /// Lowercase ASCII letters and digits only: accents folded, đ → d, everything else dropped.
    public static func normalise(_ text: String) -> String {
        // Most names are ASCII already; Foundation's folding is the slow part of start-up.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return b
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return b + 32
                default: return nil
                }
            }, as: UTF8.self)
        }
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// Resolves a name typed by a person: an exact id wins, then a unique name or alias.
    public func resolve(_ text: String) -> Resolution {
        if ids.contains(PlaceID(text)) { return .found(PlaceID(text)) }
        let key = Self.normalise(text)
        if let matches = keys[key] {
            if matches.count == 1 { return .found(matches[0]) }
            // "Savannakhet" is the name of the town and of its border post; the place whose id
            // spells the name (the town) is the one meant.
            let spelled = matches.filter { Self.normalise($0.rawValue) == key }
            if spelled.count == 1 { return .found(spelled[0]) }
            return .ambiguous(matches.sorted())
        }
        return .unknown(suggestions: Suggestions.closest(to: text, among: Array(Set(labels)).sorted()))
    }

    /// Places whose id, name or an alias contains `query` (normalised), sorted by id.
    public func search(_ query: String) -> [PlaceID] {
        let key = Self.normalise(query)
        guard !key.isEmpty else { return ids.sorted() }
        var out: Set<PlaceID> = []
        for (name, matches) in keys where name.contains(key) { out.formUnion(matches) }
        return out.sorted()
    }
}
