internal import CCairo

/// The Cairo library, loaded on first use (see `mekong_cairo.h` for why it is not linked).
enum CairoLibrary {
    /// The entry points, or the reason Cairo cannot be used.
    ///
    /// - Throws: ``MapError/cairo(operation:message:)`` naming the load when libcairo is missing
    ///   or lacks a function, with the install command.
    static func functions() throws(MapError) -> UnsafePointer<MekongCairo> {
        var message = [CChar](repeating: 0, count: 512)
        guard let table = mekong_cairo_load(&message, message.count) else {
            throw .cairo(operation: "load", message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return table
    }
}
