/// What an edge is, beyond its ends: flags that a costing reads without looking at the source
/// feature.
public struct EdgeFlags: OptionSet, Sendable, Hashable {
    /// The bits, as stored in the ``EdgeAttributes/flags`` column.
    public let rawValue: UInt8
    /// The flags whose bits are set in `rawValue`.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The edge runs the way its source feature's geometry is drawn.
    public static let forward = EdgeFlags(rawValue: 1 << 0)
    /// The source feature may only be travelled one way.
    public static let oneway = EdgeFlags(rawValue: 1 << 1)
    /// The edge crosses water on a bridge.
    public static let bridge = EdgeFlags(rawValue: 1 << 2)
    /// The edge is crossed by ferry (its mode is ``Mode/ferry``).
    public static let ferry = EdgeFlags(rawValue: 1 << 3)
    /// The edge crosses a national border.
    public static let border = EdgeFlags(rawValue: 1 << 4)
    /// A change of carrier within one place (truck onto a ship), not a movement.
    public static let transfer = EdgeFlags(rawValue: 1 << 5)
    /// The road is a divided highway: two lanes or more each way with a median, where heavy
    /// traffic can overtake and hold the speed limit.
    public static let divided = EdgeFlags(rawValue: 1 << 6)
}

/// Who may not use an edge at all, whatever the costing's speeds.
public struct EdgeRestrictions: OptionSet, Sendable, Hashable {
    /// The bits, as stored in the ``EdgeAttributes/restrictions`` column.
    public let rawValue: UInt8
    /// The restrictions whose bits are set in `rawValue`.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Closed to trucks.
    public static let noTrucks = EdgeRestrictions(rawValue: 1 << 0)
    /// Closed to cars.
    public static let noCars = EdgeRestrictions(rawValue: 1 << 1)
}

/// The attributes of one edge, as a builder takes them.
public struct EdgeRecord: Sendable, Hashable {
    /// How the edge is travelled: road, ferry, rail or sea.
    public var mode: Mode
    /// The road's functional class; nil for non-road modes or when unknown.
    public var roadClass: RoadClass?
    /// Paved or unpaved; nil when unknown.
    public var surface: Surface?
    /// Good, fair or poor; nil when unknown.
    public var condition: Condition?
    /// The relief crossed; nil when unknown (costings treat it as flat).
    public var terrain: Terrain?
    /// Length along the edge, km.
    public var lengthKm: Double
    /// The part of `lengthKm` inside built-up areas, km.
    public var urbanKm: Double
    /// Direction and kind of the edge; ``EdgeFlags/forward`` unless it is the reverse of a two-way
    /// feature.
    public var flags: EdgeFlags
    /// Who may not use the edge.
    public var restrictions: EdgeRestrictions
    /// The index of the feature it came from in the graph's `edgeSources`; -1 for none.
    public var source: Int32
    /// First year in service, when known.
    public var opened: Int?
    /// First year no longer in service, when known.
    public var closed: Int?
    /// The signed speed limit in km/h (OSM `maxspeed`), when known: a costing never drives faster.
    public var maxSpeedKmh: Int?

    /// An edge record; by default forward, unrestricted, with no urban part and no source feature.
    /// - Parameters:
    ///   - lengthKm: length along the edge, km.
    ///   - urbanKm: the part of `lengthKm` in built-up areas, km (0 … `lengthKm`).
    ///   - maxSpeedKmh: the signed speed limit, km/h, nil when unknown.
    ///   - opened, closed: years in service, nil when unknown; stored as `Int16`, so years outside
    ///     ±32767 are clamped.
    public init(mode: Mode, roadClass: RoadClass? = nil, surface: Surface? = nil, condition: Condition? = nil,
                terrain: Terrain? = nil, lengthKm: Double, urbanKm: Double = 0, flags: EdgeFlags = [.forward], restrictions: EdgeRestrictions = [],
                source: Int32 = -1, opened: Int? = nil, closed: Int? = nil, maxSpeedKmh: Int? = nil) {
        self.mode = mode; self.roadClass = roadClass; self.surface = surface; self.condition = condition
        self.terrain = terrain; self.lengthKm = lengthKm; self.urbanKm = urbanKm; self.flags = flags; self.restrictions = restrictions
        self.source = source; self.opened = opened; self.closed = closed; self.maxSpeedKmh = maxSpeedKmh
    }
}

/// Per-edge attributes stored column by column, indexed by ``EdgeID``: a costing that reads the
/// road class of a million edges touches one byte array, not a million records. Optional
/// vocabulary columns store ``ByteCodes/absent``; years store 0 for unknown.
public struct EdgeAttributes: Sendable, Equatable {
    /// ``Mode/code`` of each edge.
    public internal(set) var mode: Column<UInt8> = []
    /// ``RoadClass/code`` of each edge, or ``ByteCodes/absent``.
    public internal(set) var roadClass: Column<UInt8> = []
    /// ``Surface/code`` of each edge, or ``ByteCodes/absent``.
    public internal(set) var surface: Column<UInt8> = []
    /// ``Condition/code`` of each edge, or ``ByteCodes/absent``.
    public internal(set) var condition: Column<UInt8> = []
    /// ``Terrain/code`` of each edge, or ``ByteCodes/absent``.
    public internal(set) var terrain: Column<UInt8> = []
    /// Length of each edge, km.
    public internal(set) var lengthKm: Column<Double> = []
    /// The part of each edge's length inside built-up areas, km (never more than `lengthKm`).
    public internal(set) var urbanKm: Column<Double> = []
    /// ``EdgeFlags`` raw value of each edge.
    public internal(set) var flags: Column<UInt8> = []
    /// ``EdgeRestrictions`` raw value of each edge.
    public internal(set) var restrictions: Column<UInt8> = []
    /// Provenance: the index of each edge's source feature in ``RoutingGraph/edgeSources``, -1
    /// for an edge no feature gave (a transfer).
    public internal(set) var source: Column<Int32> = []
    /// First year in service of each edge; 0 when unknown.
    public internal(set) var opened: Column<Int16> = []
    /// First year no longer in service of each edge; 0 when unknown.
    public internal(set) var closed: Column<Int16> = []
    /// Speed limits in km/h, 0 for unknown.
    public internal(set) var maxSpeedKmh: Column<UInt16> = []
    /// The index of each edge's drawn line in ``RoutingGraph/shapes``, -1 for a straight edge;
    /// the two directions of a road share one line.
    public internal(set) var shape: Column<Int32> = []

    /// The number of edges; every column has this many entries.
    public var count: Int { lengthKm.count }

    init() {}

    /// The columns in the order `records` gives, permuted so that record `i` lands at
    /// `order[i]`.
    init(records: [EdgeRecord], shapes recordShapes: [Int32], order: [EdgeID]) {
        let n = records.count
        var mode = [UInt8](repeating: 0, count: n)
        var roadClass = mode, surface = mode, condition = mode, terrain = mode, flags = mode, restrictions = mode
        var lengthKm = [Double](repeating: 0, count: n)
        var urbanKm = lengthKm
        var source = [Int32](repeating: -1, count: n)
        var opened = [Int16](repeating: 0, count: n)
        var closed = opened
        var maxSpeedKmh = [UInt16](repeating: 0, count: n)
        var shape = [Int32](repeating: -1, count: n)
        for (i, record) in records.enumerated() {
            let slot = Int(order[i].index)
            mode[slot] = record.mode.code
            roadClass[slot] = record.roadClass?.code ?? ByteCodes.absent
            surface[slot] = record.surface?.code ?? ByteCodes.absent
            condition[slot] = record.condition?.code ?? ByteCodes.absent
            terrain[slot] = record.terrain?.code ?? ByteCodes.absent
            lengthKm[slot] = record.lengthKm
            urbanKm[slot] = record.urbanKm
            flags[slot] = record.flags.rawValue
            restrictions[slot] = record.restrictions.rawValue
            source[slot] = record.source
            opened[slot] = Int16(clamping: record.opened ?? 0)
            closed[slot] = Int16(clamping: record.closed ?? 0)
            maxSpeedKmh[slot] = UInt16(clamping: max(0, record.maxSpeedKmh ?? 0))
            shape[slot] = recordShapes[i]
        }
        self.mode = Column(mode); self.roadClass = Column(roadClass); self.surface = Column(surface)
        self.condition = Column(condition); self.terrain = Column(terrain); self.lengthKm = Column(lengthKm)
        self.urbanKm = Column(urbanKm); self.flags = Column(flags); self.restrictions = Column(restrictions)
        self.source = Column(source); self.opened = Column(opened); self.closed = Column(closed)
        self.maxSpeedKmh = Column(maxSpeedKmh); self.shape = Column(shape)
    }

    /// The record of one edge, decoded from the columns.
    public subscript(edge: EdgeID) -> EdgeRecord {
        let i = Int(edge.index)
        return EdgeRecord(
            mode: Mode(code: mode[i]) ?? .road, roadClass: RoadClass(code: roadClass[i]), surface: Surface(code: surface[i]),
            condition: Condition(code: condition[i]), terrain: Terrain(code: terrain[i]), lengthKm: lengthKm[i], urbanKm: urbanKm[i],
            flags: EdgeFlags(rawValue: flags[i]), restrictions: EdgeRestrictions(rawValue: restrictions[i]),
            source: source[i], opened: opened[i] == 0 ? nil : Int(opened[i]), closed: closed[i] == 0 ? nil : Int(closed[i]),
            maxSpeedKmh: maxSpeedKmh[i] == 0 ? nil : Int(maxSpeedKmh[i]))
    }
}

/// Per-node attributes, column by column, indexed by ``NodeID``.
public struct NodeAttributes: Sendable, Equatable {
    /// Longitude of each node, WGS84 degrees.
    public internal(set) var longitude: Column<Double> = []
    /// Latitude of each node, WGS84 degrees.
    public internal(set) var latitude: Column<Double> = []
    /// Provenance: the index of each node's source feature in ``RoutingGraph/nodeSources``, -1
    /// for none (an OSM node between ways keeps its OSM id as its source).
    public internal(set) var source: Column<Int32> = []
    /// The carrier layer a node belongs to (0 in a single-layer graph): several nodes of one place
    /// on different layers are joined by transfer edges.
    public internal(set) var layer: Column<UInt8> = []

    /// The number of nodes; every column has this many entries.
    public var count: Int { longitude.count }
}

/// The drawn lines of edges, all in three flat columns: line `i` is
/// `longitude[offsets[i]..<offsets[i+1]]` with the matching latitudes, WGS84 degrees, in the
/// direction its source feature was drawn.
public struct EdgeShapes: Sendable, Equatable {
    /// Where each line starts in the coordinate arrays, and one past the last line's end.
    public internal(set) var offsets: Column<Int64> = [0]
    /// Vertex longitudes, degrees east.
    public internal(set) var longitude: Column<Double> = []
    /// Vertex latitudes, degrees north.
    public internal(set) var latitude: Column<Double> = []

    /// The number of lines.
    public var count: Int { offsets.count - 1 }

    /// Line `index`'s vertices as (longitude, latitude) pairs.
    public func line(_ index: Int) -> [(longitude: Double, latitude: Double)] {
        Self.line(index, offsets: offsets, longitude: longitude, latitude: latitude)
    }

    /// Line `index` of lines stored as `offsets` into `longitude` and `latitude`: the one reading
    /// of the layout, for the built columns and a builder's growing arrays.
    static func line<Offsets: RandomAccessCollection<Int64>, Degrees: RandomAccessCollection<Double>>(
        _ index: Int, offsets: Offsets, longitude: Degrees, latitude: Degrees
    ) -> [(longitude: Double, latitude: Double)] where Offsets.Index == Int, Degrees.Index == Int {
        (Int(offsets[index])..<Int(offsets[index + 1])).map { (longitude[$0], latitude[$0]) }
    }
}

/// The node columns and lines a ``RoutingGraph/Builder`` collects, as growing arrays; made into
/// ``NodeAttributes`` and ``EdgeShapes`` when the graph is built.
struct GrowingColumns {
    var longitude: [Double] = [], latitude: [Double] = [], nodeSource: [Int32] = [], layer: [UInt8] = []
    var shapeOffsets: [Int64] = [0], shapeLongitude: [Double] = [], shapeLatitude: [Double] = []

    /// The number of nodes added.
    var nodeCount: Int { longitude.count }

    /// Line `index`'s vertices.
    func line(_ index: Int) -> [(longitude: Double, latitude: Double)] {
        EdgeShapes.line(index, offsets: shapeOffsets, longitude: shapeLongitude, latitude: shapeLatitude)
    }

    /// Adds a line and returns its index.
    mutating func append(_ line: [(longitude: Double, latitude: Double)]) -> Int32 {
        for point in line {
            shapeLongitude.append(point.longitude)
            shapeLatitude.append(point.latitude)
        }
        shapeOffsets.append(Int64(shapeLongitude.count))
        return Int32(shapeOffsets.count - 2)
    }

    var nodes: NodeAttributes {
        var nodes = NodeAttributes()
        nodes.longitude = Column(longitude); nodes.latitude = Column(latitude); nodes.source = Column(nodeSource); nodes.layer = Column(layer)
        return nodes
    }

    var shapes: EdgeShapes {
        var shapes = EdgeShapes()
        shapes.offsets = Column(shapeOffsets); shapes.longitude = Column(shapeLongitude); shapes.latitude = Column(shapeLatitude)
        return shapes
    }
}
