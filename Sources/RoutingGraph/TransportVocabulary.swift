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

public enum Surface: String, Sendable, CaseIterable, Codable {
    case paved, unpaved
}

public enum Condition: String, Sendable, CaseIterable, Codable {
    case good, fair, poor
}

/// The relief a road crosses; mountain roads are slower than their class alone suggests.
public enum Terrain: String, Sendable, CaseIterable, Codable {
    case flat, rolling, mountainous
}

/// A closed vocabulary stored as one byte per edge: the case's position in `allCases`.
public protocol ByteCoded: CaseIterable, Equatable where AllCases == [Self] {}

extension ByteCoded {
    /// The byte that stores this value in a column.
    public var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
    /// The value a stored byte stands for; nil for ``ByteCodes/absent`` or a byte out of range.
    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }
}

/// The byte a column stores when an optional attribute is absent.
public enum ByteCodes {
    public static let absent: UInt8 = 0xFF
}

extension Mode: ByteCoded {}
extension RoadClass: ByteCoded {}
extension Surface: ByteCoded {}
extension Condition: ByteCoded {}
extension Terrain: ByteCoded {}
