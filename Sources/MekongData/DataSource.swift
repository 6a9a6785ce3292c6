import Foundation

/// Where a data set is read from: the GeoData embedded in the binary at build time, or a
/// directory of the same files.
public enum DataSource: Sendable, Hashable, CustomStringConvertible {
    case embedded
    case directory(URL)

    /// The environment variable that points at a data directory.
    public static let environmentVariable = "MEKONG_DATA"

    /// The source chosen by a `--data` option, else `MEKONG_DATA`, else the embedded data.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataSource {
        if let option, !option.isEmpty { return .directory(URL(fileURLWithPath: option)) }
        if let variable = environment[environmentVariable], !variable.isEmpty { return .directory(URL(fileURLWithPath: variable)) }
        return .embedded
    }

    /// "the embedded GeoData" or the directory's path, for messages that say where data came from.
    public var description: String {
        switch self {
        case .embedded: "the embedded GeoData"
        case .directory(let url): url.path
        }
    }

    /// The bytes of one file, or nil when the source has no such file.
    /// - Throws: when the file exists but cannot be read.
    public func read(_ name: String) throws -> Data? {
        switch self {
        case .embedded:
            return EmbeddedGeoData.files[name].map { Data($0.utf8) }
        case .directory(let url):
            let file = url.appending(path: name)
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            return try Data(contentsOf: file)
        }
    }

    /// Whether the source exists at all (a directory that is there).
    public var exists: Bool {
        switch self {
        case .embedded: return true
        case .directory(let url):
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
