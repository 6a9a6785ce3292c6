import Foundation

/// Finds places by id, name or alias as a person types them: ignoring case, accents and
/// punctuation ("Ho Chi Minh", "ho-chi-minh-city", "Sài Gòn" and "saigon" are all Ho Chi Minh
/// City), in any script ("กรุงเทพ", "昆明" match the aliases that carry them), and by the start
/// of each word in any order ("Na Phao", "phao na" and "cha lo" find the border posts whose
/// names begin so).
///
///     let resolver = NameResolver(places: data.places)
///     resolver.resolve("Na Phao")   // .found("na-phao-border", byPrefixOf: "Na Phao border post")
///
/// Order: an exact id; then one place whose id, name or alias is the text (normalised); then one
/// place whose name or alias has each word of the text as a whole word, then as the start of a
/// word. Several places at the same step are ambiguous, each listed once, unless exactly one of
/// them is a city (a port or post named after its town means the town less often); at the
/// normalised-name step, unless exactly one of them has an id that spells the text.
public struct NameResolver: Sendable {
    /// What a lookup found: one place, several to choose from, or none with suggestions.
    public enum Resolution: Sendable, Equatable {
        /// `byPrefixOf` is the place's name or alias that matched, when it matched by word prefix (for
        /// "Na Phao → Na Phao border post" on stderr); nil for an exact match.
        case found(PlaceID, byPrefixOf: String?)
        /// Several places carry that name (e.g. a town and its border post).
        case ambiguous([PlaceID])
        /// Nothing matches; the closest places are suggested, each once, as "Name (id)".
        case unknown(suggestions: [String])
    }

    fileprivate struct Entry: Sendable {
        var id: PlaceID
        var label: String
        /// The normalised words of the label.
        var words: [String]
    }

    private let keys: [String: [PlaceID]]
    private let ids: Set<PlaceID>
    private let wordIndex: WordIndex
    private let displayName: [PlaceID: String]
    private let cityIDs: Set<PlaceID>

    /// Every label split into words and sorted by place, for the word steps and the suggestions.
    private var entries: [Entry] { wordIndex.entries }

    /// Indexes every id, name and alias of `places`, normalised, once, so each lookup is cheap.
    /// The labels' words are indexed on the first lookup that gets past the exact names.
    public init(places: [Place]) {
        var keys: [String: [PlaceID]] = [:]
        var labels: [(id: PlaceID, label: String)] = []
        for place in places {
            for label in Set([place.id.rawValue, place.name] + place.aliases) {
                let key = Self.normalise(label)
                guard !key.isEmpty else { continue }
                if !(keys[key]?.contains(place.id) ?? false) { keys[key, default: []].append(place.id) }
                labels.append((place.id, label))
            }
        }
        self.keys = keys
        self.ids = Set(places.map(\.id))
        self.wordIndex = WordIndex(labels: labels)
        self.displayName = Dictionary(places.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.cityIDs = Set(places.filter { $0.kind == .city }.map(\.id))
    }

    /// Lowercase letters and digits of any script: accents folded (đ → d), everything else
    /// dropped. `"Sài Gòn"` → `"saigon"`, `"กรุงเทพ"` stays Thai.
    /// - Complexity: O(n) in the text's length.
    public static func normalise(_ text: String) -> String {
        // The words joined, without making them: every start and every query of a link by name
        // normalises each label, and most are ASCII.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return words(text).joined() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The normalised words of a text: runs of letters and digits.
    /// - Complexity: O(n) in the text's length.
    public static func words(_ text: String) -> [String] {
        // Most names are ASCII already; Foundation's folding is the slow part of start-up.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = [], current: [UInt8] = []
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(b + 32)
                default:
                    if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current = [] }
                }
            }
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            return words
        }
        // Đ has no decomposition, so folding keeps it; it is D to a Vietnamese reader. Replaced
        // only where present, and folded without a locale: bridging one to CoreFoundation
        // on every call cost as much as the folding (folding has no locale-specific rules).
        let plainD = text.unicodeScalars.contains { $0 == "đ" || $0 == "Đ" }
            ? String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "đ" ? "d" : $0 == "Đ" ? "D" : $0 })) : text
        let folded = plainD.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = [], current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            // Letters of any script, their combining vowel signs (Thai, Lao, Khmer, Burmese) and digits.
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Resolves a name typed by a person (see the type's order of steps).
    /// - Complexity: O(1) for an exact match, O(E · w) for a prefix match over E labels.
    public func resolve(_ text: String) -> Resolution {
        if ids.contains(PlaceID(text)) { return .found(PlaceID(text), byPrefixOf: nil) }
        let query = Self.words(text)
        let key = query.joined()
        guard !key.isEmpty else { return .unknown(suggestions: []) }
        if let matches = keys[key] {
            if matches.count == 1 { return .found(matches[0], byPrefixOf: nil) }
            // "Savannakhet" is the name of the town and of its border post; the place whose id
            // spells the name (the town) is the one meant.
            let spelled = matches.filter { Self.normalise($0.rawValue) == key }
            if spelled.count == 1 { return .found(spelled[0], byPrefixOf: nil) }
            return .ambiguous(matches.sorted())
        }
        // Whole words before word starts ("Na Phao" is Na Phao, not Nam Phao); within a tier a
        // single city wins over the port or post named after it ("Ho Chi Minh" is the city).
        for wholeWords in [true, false] {
            var matched: [PlaceID: String] = [:]
            for entry in entries where matched[entry.id] == nil && Self.words(entry.words, contain: query, wholeWords: wholeWords) {
                matched[entry.id] = entry.label
            }
            if matched.count == 1, let (id, label) = matched.first { return .found(id, byPrefixOf: label) }
            let cities = matched.keys.filter { cityIDs.contains($0) }
            if cities.count == 1, let id = cities.first { return .found(id, byPrefixOf: matched[id]) }
            if matched.count > 1 { return .ambiguous(matched.keys.sorted()) }
        }
        return .unknown(suggestions: suggestions(for: text))
    }

    /// Whether each query word is (or starts) a different word of the label, in any order.
    static func words(_ label: [String], contain query: [String], wholeWords: Bool) -> Bool {
        var unused = label
        for word in query {
            guard let i = unused.firstIndex(where: { wholeWords ? $0 == word : $0.hasPrefix(word) }) else { return false }
            unused.remove(at: i)
        }
        return true
    }

    /// The places closest to `text` by the edit distance of their nearest label, each once.
    func suggestions(for text: String, limit: Int = 3) -> [String] {
        let key = Self.normalise(text)
        var best: [PlaceID: Int] = [:]
        for entry in entries {
            let label = entry.words.joined()
            let distance = Suggestions.editDistance(key, label) - (label.contains(key) && !key.isEmpty ? 100 : 0)
            if distance < best[entry.id, default: .max] { best[entry.id] = distance }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit)
            .map { "\(displayName[$0.key] ?? $0.key.rawValue) (\($0.key))" }
    }

    /// Places whose id, name or an alias contains `query` (normalised), sorted by id; none for
    /// a query with no letter or digit in any script.
    public func search(_ query: String) -> [PlaceID] {
        let key = Self.normalise(query)
        guard !key.isEmpty else { return [] }
        var out: Set<PlaceID> = []
        for (name, matches) in keys where name.contains(key) { out.formUnion(matches) }
        return out.sorted()
    }
}

/// The labels' words, sorted by place and label, made on first use and then kept.
///
/// Why lazily: a route or a table names its places exactly ("Bangkok", "Hanoi"), which the
/// normalised keys answer; splitting every label into words and sorting them was most of the
/// 4.5 ms the index took at every start. Shared by the copies of a resolver; the lock makes the
/// first use from several tasks (the server) build it once.
private final class WordIndex: @unchecked Sendable {
    private let labels: [(id: PlaceID, label: String)]
    private let lock = NSLock()
    private var built: [NameResolver.Entry]?

    init(labels: [(id: PlaceID, label: String)]) { self.labels = labels }

    var entries: [NameResolver.Entry] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let entries = labels.map { NameResolver.Entry(id: $0.id, label: $0.label, words: NameResolver.words($0.label)) }
            .sorted { ($0.id, $0.label) < ($1.id, $1.label) }
        built = entries
        return entries
    }
}
