import Foundation

/// Writes a file so that a reader sees the old file or the new one, never a truncated one:
/// the bytes go to a temporary file in the same directory, which is then renamed over the target.
public enum AtomicFile {
    /// - Throws: when the directory is missing or not writable; the target is then untouched.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: directory.path,
                                                         NSLocalizedDescriptionKey: "the directory \(directory.path) does not exist"])
        }
        let temporary = directory.appending(path: ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
