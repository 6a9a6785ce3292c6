internal import CGDAL

/// A failure of GDAL or of the data it was given, with GDAL's own message.
public struct VectorIOError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file, layer or feature and GDAL's message.
    public var description: String
    /// True when GDAL itself is missing or too old (an environment problem, not the data's).
    public var isUnavailable: Bool

    /// An error with `description`; `isUnavailable` when GDAL itself is missing.
    public init(_ description: String, isUnavailable: Bool = false) {
        self.description = description
        self.isUnavailable = isUnavailable
    }
}

/// The GDAL library, loaded on first use (see `mekong_gdal.h` for why it is not linked).
enum GDALLibrary {
    /// The entry points, or the reason GDAL cannot be used.
    ///
    /// - Throws: ``VectorIOError`` with `isUnavailable` when libgdal is missing or lacks a symbol.
    static func functions() throws(VectorIOError) -> UnsafePointer<MekongGDAL> {
        var message = [CChar](repeating: 0, count: 512)
        guard let table = mekong_gdal_load(&message, message.count) else {
            throw VectorIOError(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), isUnavailable: true)
        }
        return table
    }

    /// GDAL's last error message on this thread, or `fallback` when it recorded none.
    static func lastError(_ gdal: UnsafePointer<MekongGDAL>, or fallback: String) -> String {
        guard let message = gdal.pointee.CPLGetLastErrorMsg(), message.pointee != 0 else { return fallback }
        return String(cString: message)
    }

    /// The GDAL release in use, such as "3.6.2".
    static func version() throws(VectorIOError) -> String {
        let gdal = try functions()
        return gdal.pointee.GDALVersionInfo("RELEASE_NAME").map { String(cString: $0) } ?? "unknown"
    }
}
