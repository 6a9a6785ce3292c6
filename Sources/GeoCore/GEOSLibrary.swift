internal import CGEOS

/// The GEOS library, loaded on first use (see `mekong_geos.h` for why it is not linked).
enum GEOSLibrary {
    /// The entry points, or the reason GEOS cannot be used.
    ///
    /// - Throws: ``GeoCoreError/geos(operation:message:)`` naming the load when libgeos_c is
    ///   missing or lacks a function, with the install command.
    static func functions() throws(GeoCoreError) -> UnsafePointer<MekongGEOS> {
        var message = [CChar](repeating: 0, count: 512)
        guard let table = mekong_geos_load(&message, message.count) else {
            throw .geos(operation: "load", message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return table
    }
}
