internal import CPROJ
import Foundation

/// Collects PROJ's log lines: the errno text alone says "Unknown error (code 4096)", the log
/// says what was wrong ("crs not found: EPSG:999999").
final class PROJLog {
    var lines: [String] = []

    /// The log since the last `reset()`, or `fallback` when PROJ logged nothing.
    func message(fallback: String) -> String {
        lines.isEmpty ? fallback : lines.joined(separator: "; ")
    }

    func reset() { lines.removeAll() }
}

/// A coordinate operation between two CRS, run by PROJ.
///
/// Axis order is normalised for visualisation: geographic CRS take and give (longitude,
/// latitude), projected ones (easting, northing), whatever the EPSG definition says. Owns its own
/// PROJ context, so one projection must not be used from two tasks at once; make one per task.
///
///     let utm48 = try Projection(from: "EPSG:4326", to: "EPSG:32648")
///     let p = try utm48.transform(Position(x: 102.6, y: 17.97))   // (245826.191, 1988509.519)
public final class Projection {
    /// The source CRS as given (`EPSG:nnnn` or a PROJ string).
    public let source: String
    /// The target CRS as given (`EPSG:nnnn` or a PROJ string).
    public let target: String
    private let proj: UnsafePointer<MekongPROJ>
    private let context: OpaquePointer
    private let operation: OpaquePointer
    private let log = PROJLog()

    /// Builds the operation.
    /// - Parameters:
    ///   - source: the CRS of input positions, e.g. `"EPSG:4326"` or `"+proj=longlat +datum=WGS84"`.
    ///   - target: the CRS of output positions, e.g. `"EPSG:32648"`.
    /// - Throws: ``GeoCoreError/proj(operation:message:)`` with PROJ's own message, or saying
    ///   that PROJ is not installed.
    public init(from source: String, to target: String) throws(GeoCoreError) {
        self.source = source
        self.target = target
        let proj = try PROJLibrary.functions()
        self.proj = proj
        guard let context = proj.pointee.proj_context_create() else {
            throw .proj(operation: "proj_context_create", message: "could not create a PROJ context")
        }
        self.context = context
        _ = proj.pointee.proj_log_level(context, PJ_LOG_ERROR)
        proj.pointee.proj_log_func(context, Unmanaged.passUnretained(log).toOpaque()) { userdata, _, message in
            guard let userdata, let message else { return }
            Unmanaged<PROJLog>.fromOpaque(userdata).takeUnretainedValue().lines.append(String(cString: message))
        }
        guard let raw = proj.pointee.proj_create_crs_to_crs(context, source, target, nil) else {
            let message = log.message(fallback: Self.errnoText(proj, context, proj.pointee.proj_context_errno(context)))
            _ = proj.pointee.proj_context_destroy(context)
            throw .proj(operation: "create operation \(source) → \(target)", message: message)
        }
        defer { _ = proj.pointee.proj_destroy(raw) }
        guard let normalised = proj.pointee.proj_normalize_for_visualization(context, raw) else {
            let message = log.message(fallback: Self.errnoText(proj, context, proj.pointee.proj_context_errno(context)))
            _ = proj.pointee.proj_context_destroy(context)
            throw .proj(operation: "normalise axis order \(source) → \(target)", message: message)
        }
        self.operation = normalised
    }

    deinit {
        _ = proj.pointee.proj_destroy(operation)
        _ = proj.pointee.proj_context_destroy(context)
    }

    /// The PROJ library version, e.g. "9.1.1", or why PROJ cannot be loaded.
    public static var version: String {
        do {
            let info = try PROJLibrary.functions().pointee.proj_info()
            return "\(info.major).\(info.minor).\(info.patch)"
        } catch {
            return "unavailable: \(error)"
        }
    }

    private static func errnoText(_ proj: UnsafePointer<MekongPROJ>, _ context: OpaquePointer, _ code: Int32) -> String {
        guard code != 0, let text = proj.pointee.proj_context_errno_string(context, code) else { return "unknown error" }
        return String(cString: text)
    }

    /// Transforms one position (`x` = longitude or easting, `y` = latitude or northing).
    /// - Throws: ``GeoCoreError/transformFailed(indices:message:)`` when PROJ cannot place it.
    public func transform(_ position: Position, inverse: Bool = false) throws(GeoCoreError) -> Position {
        var batch = [position]
        try transform(&batch, inverse: inverse)
        return batch[0]
    }

    /// Transforms a batch in place with one call into PROJ (`proj_trans_generic`).
    ///
    /// Every failed point is detected (PROJ writes `inf`) and reported with its index; the batch
    /// is then left with `inf` at those indices.
    /// - Parameters:
    ///   - positions: input, replaced by the output.
    ///   - inverse: run the operation from `target` back to `source`.
    /// - Complexity: O(n).
    public func transform(_ positions: inout [Position], inverse: Bool = false) throws(GeoCoreError) {
        guard !positions.isEmpty else { return }
        log.reset()
        _ = proj.pointee.proj_errno_reset(operation)
        var nonFinite: [Int] = []
        for (i, p) in positions.enumerated() where !p.x.isFinite || !p.y.isFinite { nonFinite.append(i) }
        if !nonFinite.isEmpty {
            throw .transformFailed(indices: nonFinite, message: "input is not a finite number")
        }
        let count = positions.count
        let stride = MemoryLayout<Position>.stride
        positions.withUnsafeMutableBytes { bytes in
            let base = bytes.baseAddress!
            _ = proj.pointee.proj_trans_generic(
                operation, inverse ? PJ_INV : PJ_FWD,
                base.assumingMemoryBound(to: Double.self), stride, count,
                (base + MemoryLayout<Double>.stride).assumingMemoryBound(to: Double.self), stride, count,
                nil, 0, 0, nil, 0, 0)
        }
        var failed: [Int] = []
        for (i, p) in positions.enumerated() where !p.x.isFinite || !p.y.isFinite { failed.append(i) }
        if !failed.isEmpty {
            let code = proj.pointee.proj_errno(operation)
            throw .transformFailed(indices: failed, message: log.message(fallback: Self.errnoText(proj, context, code)))
        }
    }

    /// Transforms every coordinate of a geometry (lon/lat in, x/y out, or back with `inverse`).
    public func transform(_ geometry: Geometry, inverse: Bool = false) throws(GeoCoreError) -> Geometry {
        var positions = geometry.coordinates.map(Position.init)
        try transform(&positions, inverse: inverse)
        var next = 0
        return geometry.mapCoordinates { _ in
            defer { next += 1 }
            return Coordinate(positions[next])
        }
    }
}
