/// The words an edge of a routing graph is described in: how it is travelled, the road's
/// functional class, surface, condition and terrain. Shared by the curated plan (MekongData) and
/// imported networks, and stored in a ``RoutingGraph`` as one byte each (`code`).

/// How a link is travelled.
public enum Mode: String, Sendable, CaseIterable, Codable {
    case road, ferry, rail, sea
}

/// Functional class of a road.
public enum RoadClass: String, Sendable, CaseIterable, Codable {
    case expressway, trunk, primary, secondary, track
}

/// Whether a road is sealed; a profile's `surfaceFactor` scales its speed by it.
public enum Surface: String, Sendable, CaseIterable, Codable {
    case paved, unpaved
}

/// The state of repair of a road; a profile's `conditionFactor` scales its speed by it.
public enum Condition: String, Sendable, CaseIterable, Codable {
    case good, fair, poor
}

/// The relief a road crosses; mountain roads are slower than their class alone suggests.
public enum Terrain: String, Sendable, CaseIterable, Codable {
    case flat, rolling, mountainous
}

/// A closed vocabulary stored as one byte per edge: the case's position in `allCases`.
public protocol ByteCoded: CaseIterable, Equatable where AllCases == [Self] {
    /// The byte that stores this value in a column. Written out per type: the generic
    /// `allCases.firstIndex(of:)` cost a protocol-conformance lookup and an array per edge,
    /// a fifth of a route's start-up.
    var code: UInt8 { get }
}

extension ByteCoded {
    /// The value a stored byte stands for; nil for ``ByteCodes/absent`` or a byte out of range.
    public init?(code: UInt8) {
        let all = Self.allCases
        guard Int(code) < all.count else { return nil }
        self = all[Int(code)]
    }
}

/// The byte a column stores when an optional attribute is absent.
public enum ByteCodes {
    /// `0xFF`: above every vocabulary's codes, so it never reads back as a value.
    public static let absent: UInt8 = 0xFF
}

extension Mode: ByteCoded {
    /// The position of the case in `allCases`, which ``ByteCoded/init(code:)`` relies on.
    public var code: UInt8 {
        switch self { case .road: 0; case .ferry: 1; case .rail: 2; case .sea: 3 }
    }
}

extension RoadClass: ByteCoded {
    /// The position of the case in `allCases`, which ``ByteCoded/init(code:)`` relies on.
    public var code: UInt8 {
        switch self { case .expressway: 0; case .trunk: 1; case .primary: 2; case .secondary: 3; case .track: 4 }
    }
}

extension Surface: ByteCoded {
    /// The position of the case in `allCases`, which ``ByteCoded/init(code:)`` relies on.
    public var code: UInt8 {
        switch self { case .paved: 0; case .unpaved: 1 }
    }
}

extension Condition: ByteCoded {
    /// The position of the case in `allCases`, which ``ByteCoded/init(code:)`` relies on.
    public var code: UInt8 {
        switch self { case .good: 0; case .fair: 1; case .poor: 2 }
    }
}

extension Terrain: ByteCoded {
    /// The position of the case in `allCases`, which ``ByteCoded/init(code:)`` relies on.
    public var code: UInt8 {
        switch self { case .flat: 0; case .rolling: 1; case .mountainous: 2 }
    }
}
