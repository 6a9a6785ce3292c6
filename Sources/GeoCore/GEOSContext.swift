internal import CGEOS

/// Collects what GEOS says through its message handler, so a failed call can be reported with
/// GEOS's own words rather than a bare NULL.
final class GEOSMessages {
    var lastError: String?
}

/// One GEOS context (`GEOS_init_r` … `GEOS_finish_r`) and the operations that run in it.
///
/// A context is not thread-safe: make one per thread or task (it is cheap). Every GEOS object
/// made here is freed before the call returns, except those owned by a ``PreparedGeometry`` or a
/// ``SpatialIndex``, which keep their context alive.
///
///     let geos = try GEOSContext()
///     let corridor = try geos.buffer(road, width: 0.1)
///     let reason = try geos.validityReason(polygon)   // nil when valid
public final class GEOSContext {
    let geos: UnsafePointer<MekongGEOS>
    let handle: OpaquePointer
    private let messages = GEOSMessages()

    /// Creates a context whose error messages are kept, so a failed call throws GEOS's own words.
    /// - Throws: ``GeoCoreError/geos(operation:message:)`` when GEOS is not installed or cannot
    ///   allocate a context.
    public init() throws(GeoCoreError) {
        let geos = try GEOSLibrary.functions()
        self.geos = geos
        guard let handle = geos.pointee.GEOS_init_r() else {
            throw .geos(operation: "GEOS_init_r", message: "could not create a GEOS context")
        }
        self.handle = handle
        // The box lives as long as the context (self.messages), so an unretained pointer is safe.
        let box = Unmanaged.passUnretained(messages).toOpaque()
        _ = geos.pointee.GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<GEOSMessages>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, box)
    }

    deinit { geos.pointee.GEOS_finish_r(handle) }

    /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1", or why GEOS cannot be loaded.
    public static var version: String {
        do { return try GEOSLibrary.functions().pointee.GEOSversion().map { String(cString: $0) } ?? "unknown" } catch { return "unavailable: \(error)" }
    }

    // MARK: Failure handling

    /// Clears the last message, so an error reported after a call belongs to that call.
    func beginCall() { messages.lastError = nil }

    func failure(_ operation: String) -> GeoCoreError {
        .geos(operation: operation, message: messages.lastError ?? "GEOS reported no message")
    }

    /// The result of a GEOS call that returns NULL on failure.
    func check<T>(_ operation: String, _ result: T?) throws(GeoCoreError) -> T {
        guard let result else { throw failure(operation) }
        return result
    }

    /// The result of a GEOS predicate: 1 true, 0 false, 2 exception.
    func predicate(_ operation: String, _ result: CChar) throws(GeoCoreError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw failure(operation)
        }
    }

    // MARK: Swift → GEOS

    /// A new GEOS geometry owned by the caller (free it with `GEOSGeom_destroy_r`).
    func makeGEOS(_ geometry: Geometry) throws(GeoCoreError) -> OpaquePointer {
        beginCall()
        switch geometry {
        case .point(let c):
            try requireFinite([c])
            return try check("create point", geos.pointee.GEOSGeom_createPointFromXY_r(handle, c.longitude, c.latitude))
        case .lineString(let cs):
            if cs.isEmpty { return try check("create line", geos.pointee.GEOSGeom_createEmptyLineString_r(handle)) }
            return try check("create line", geos.pointee.GEOSGeom_createLineString_r(handle, try sequence(cs)))
        case .polygon(let p):
            return try makePolygon(p)
        case .multiPoint(let cs):
            return try collection(GEOS_MULTIPOINT, cs.map { Geometry.point($0) })
        case .multiLineString(let lines):
            return try collection(GEOS_MULTILINESTRING, lines.map { Geometry.lineString($0) })
        case .multiPolygon(let ps):
            return try collection(GEOS_MULTIPOLYGON, ps.map { Geometry.polygon($0) })
        case .geometryCollection(let gs):
            return try collection(GEOS_GEOMETRYCOLLECTION, gs)
        }
    }

    private func requireFinite(_ cs: [Coordinate]) throws(GeoCoreError) {
        for c in cs where !c.longitude.isFinite || !c.latitude.isFinite {
            throw .invalidCoordinate(c, reason: "a value is not a finite number")
        }
    }

    private func sequence(_ cs: [Coordinate]) throws(GeoCoreError) -> OpaquePointer {
        try requireFinite(cs)
        let result = cs.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                geos.pointee.GEOSCoordSeq_copyFromBuffer_r(handle, doubles.baseAddress, UInt32(cs.count), 0, 0)
            }
        }
        return try check("create coordinate sequence", result)
    }

    private func makePolygon(_ p: Polygon) throws(GeoCoreError) -> OpaquePointer {
        if p.exterior.isEmpty { return try check("create polygon", geos.pointee.GEOSGeom_createEmptyPolygon_r(handle)) }
        let shell = try check("create ring", geos.pointee.GEOSGeom_createLinearRing_r(handle, try sequence(p.exterior)))
        var holes: [OpaquePointer?] = []
        do {
            for hole in p.holes {
                beginCall()
                holes.append(try check("create ring", geos.pointee.GEOSGeom_createLinearRing_r(handle, try sequence(hole))))
            }
        } catch {
            geos.pointee.GEOSGeom_destroy_r(handle, shell)
            for h in holes { geos.pointee.GEOSGeom_destroy_r(handle, h) }
            throw error
        }
        let result = holes.withUnsafeMutableBufferPointer { buffer in
            geos.pointee.GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
        return try check("create polygon", result)
    }

    private func collection(_ type: GEOSGeomTypes, _ parts: [Geometry]) throws(GeoCoreError) -> OpaquePointer {
        var made: [OpaquePointer?] = []
        made.reserveCapacity(parts.count)
        do {
            for part in parts { made.append(try makeGEOS(part)) }
        } catch {
            for m in made { geos.pointee.GEOSGeom_destroy_r(handle, m) }
            throw error
        }
        beginCall()
        let result = made.withUnsafeMutableBufferPointer { buffer in
            geos.pointee.GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        return try check("create collection", result)
    }

    // MARK: GEOS → Swift

    func makeSwift(_ g: OpaquePointer) throws(GeoCoreError) -> Geometry {
        let type = geos.pointee.GEOSGeomTypeId_r(handle, g)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            guard geos.pointee.GEOSisEmpty_r(handle, g) == 0 else { return .geometryCollection([]) }
            return .point(try coordinates(of: g)[0])
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try coordinates(of: g))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try swiftPolygon(g))
        case Int32(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(try parts(of: g).map { (p) throws(GeoCoreError) in try coordinates(of: p)[0] })
        case Int32(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(try parts(of: g).map { (p) throws(GeoCoreError) in try coordinates(of: p) })
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(try parts(of: g).map { (p) throws(GeoCoreError) in try swiftPolygon(p) })
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            return .geometryCollection(try parts(of: g).map { (p) throws(GeoCoreError) in try makeSwift(p) })
        default:
            throw failure("geometry type \(type)")
        }
    }

    /// The parts of a collection; they belong to the collection, do not free them.
    private func parts(of g: OpaquePointer) throws(GeoCoreError) -> [OpaquePointer] {
        let count = geos.pointee.GEOSGetNumGeometries_r(handle, g)
        guard count >= 0 else { throw failure("GEOSGetNumGeometries_r") }
        var out: [OpaquePointer] = []
        for i in 0..<count { out.append(try check("GEOSGetGeometryN_r", geos.pointee.GEOSGetGeometryN_r(handle, g, i))) }
        return out
    }

    private func swiftPolygon(_ g: OpaquePointer) throws(GeoCoreError) -> Polygon {
        if geos.pointee.GEOSisEmpty_r(handle, g) != 0 { return Polygon(exterior: []) }
        let exterior = try coordinates(of: try check("GEOSGetExteriorRing_r", geos.pointee.GEOSGetExteriorRing_r(handle, g)))
        let count = geos.pointee.GEOSGetNumInteriorRings_r(handle, g)
        var holes: [[Coordinate]] = []
        if count > 0 {
            for i in 0..<count {
                holes.append(try coordinates(of: try check("GEOSGetInteriorRingN_r", geos.pointee.GEOSGetInteriorRingN_r(handle, g, i))))
            }
        }
        return Polygon(exterior: exterior, holes: holes)
    }

    private func coordinates(of g: OpaquePointer) throws(GeoCoreError) -> [Coordinate] {
        let seq = try check("GEOSGeom_getCoordSeq_r", geos.pointee.GEOSGeom_getCoordSeq_r(handle, g))
        var size: UInt32 = 0
        guard geos.pointee.GEOSCoordSeq_getSize_r(handle, seq, &size) != 0 else { throw failure("GEOSCoordSeq_getSize_r") }
        var out = [Coordinate](repeating: Coordinate(longitude: 0, latitude: 0), count: Int(size))
        let ok = out.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                geos.pointee.GEOSCoordSeq_copyToBuffer_r(handle, seq, doubles.baseAddress, 0, 0)
            }
        }
        guard ok != 0 else { throw failure("GEOSCoordSeq_copyToBuffer_r") }
        return out
    }

    // MARK: Scoped helpers

    /// Runs `body` on a temporary GEOS copy of `geometry`, freed afterwards.
    func with<T>(_ geometry: Geometry, _ body: (OpaquePointer) throws(GeoCoreError) -> T) throws(GeoCoreError) -> T {
        let g = try makeGEOS(geometry)
        defer { geos.pointee.GEOSGeom_destroy_r(handle, g) }
        beginCall()
        return try body(g)
    }

    func with<T>(_ a: Geometry, _ b: Geometry, _ body: (OpaquePointer, OpaquePointer) throws(GeoCoreError) -> T) throws(GeoCoreError) -> T {
        try with(a) { (ga) throws(GeoCoreError) in
            try with(b) { (gb) throws(GeoCoreError) in try body(ga, gb) }
        }
    }

    /// Converts a new GEOS geometry (owned by us) into Swift and frees it.
    func take(_ operation: String, _ result: OpaquePointer?) throws(GeoCoreError) -> Geometry {
        let g = try check(operation, result)
        defer { geos.pointee.GEOSGeom_destroy_r(handle, g) }
        return try makeSwift(g)
    }
}
