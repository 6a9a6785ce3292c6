internal import CPROJ

/// The PROJ library, loaded on first use (see `mekong_proj.h` for why it is not linked).
enum PROJLibrary {
    /// The entry points, or the reason PROJ cannot be used.
    ///
    /// - Throws: ``GeoCoreError/proj(operation:message:)`` naming the load when libproj is
    ///   missing or lacks a function, with the install command.
    static func functions() throws(GeoCoreError) -> UnsafePointer<MekongPROJ> {
        var message = [CChar](repeating: 0, count: 512)
        guard let table = mekong_proj_load(&message, message.count) else {
            throw .proj(operation: "load", message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return table
    }
}
