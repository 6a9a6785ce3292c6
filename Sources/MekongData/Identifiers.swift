/// A typed identifier: a place id can't be passed where a link id is expected.
public protocol SlugIdentifier: RawRepresentable<String>, Hashable, Comparable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral {
    /// Wraps `rawValue` as it is; ``isWellFormedSlug`` tells whether it is a valid id.
    init(_ rawValue: String)
}

extension SlugIdentifier {
    /// Never fails: any string is an id, well formed or not (validation reports the bad ones).
    public init?(rawValue: String) { self.init(rawValue) }
    /// An id from a literal, e.g. `let pakse: PlaceID = "pakse"`.
    public init(stringLiteral value: String) { self.init(value) }
    /// The raw slug, as the data files and the CLI write it.
    public var description: String { rawValue }
    /// Orders ids by their raw slug, so lists of ids come out in a stable order.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Whether the id is a lowercase ASCII slug: letters, digits and single hyphens.
    public var isWellFormedSlug: Bool {
        // One pass over the bytes: Foundation's `contains("--")` went through NSString and was a
        // tenth of loading the data.
        let hyphen = UInt8(ascii: "-")
        var previous = hyphen, count = 0
        for byte in rawValue.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case hyphen where previous != hyphen: break
            default: return false
            }
            previous = byte
            count += 1
        }
        return count > 0 && previous != hyphen
    }
}

/// The id of a ``Place``, e.g. `phnom-penh`.
public struct PlaceID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of a ``Link``, e.g. `ah1-hpa-an-eindu`.
public struct LinkID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of a ``Project`` of the Action Plan.
public struct ProjectID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of a ``Corridor``, e.g. an economic corridor.
public struct CorridorID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of a ``River``, e.g. `mekong`.
public struct RiverID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of a vehicle ``Profile``, e.g. `truck`.
public struct ProfileID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
/// The id of an ``Observation`` of a real trip.
public struct ObservationID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
