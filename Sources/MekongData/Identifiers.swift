/// A typed identifier: a place id can't be passed where a link id is expected.
public protocol SlugIdentifier: RawRepresentable<String>, Hashable, Comparable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral {
    init(_ rawValue: String)
}

extension SlugIdentifier {
    public init?(rawValue: String) { self.init(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Whether the id is a lowercase ASCII slug: letters, digits and single hyphens.
    public var isWellFormedSlug: Bool {
        let s = rawValue
        guard !s.isEmpty, !s.hasPrefix("-"), !s.hasSuffix("-"), !s.contains("--") else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

public struct PlaceID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct LinkID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct ProjectID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct CorridorID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct RiverID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct ProfileID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
public struct ObservationID: SlugIdentifier { public let rawValue: String; public init(_ rawValue: String) { self.rawValue = rawValue } }
