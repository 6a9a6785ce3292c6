import Foundation

/// Writes a file so that a reader sees the old file or the new one, never a truncated one, and
/// writes only what a person means by "a file":
///
/// - the target must be a regular file or not exist: a device (`/dev/full`), a FIFO, a socket or
///   a directory is refused, where a rename over it would have replaced it;
/// - a symbolic link is followed to the file it names, and the link is kept;
/// - a file the command reads (its data, its scenario) is refused, so an export cannot overwrite
///   its own input;
/// - the bytes go to an unnamed temporary file (Linux `O_TMPFILE`) in the target's directory,
///   which a `kill -9` leaves nothing of; only once they are written and synced does it get a
///   random name and replace the target by a rename. Where `O_TMPFILE` is not supported, an
///   exclusively created file with a random name is used instead, never following a planted link;
/// - the new file keeps the old one's mode and owner.
///
///     try AtomicFile.write(Data("…".utf8), to: URL(fileURLWithPath: "out.geojson"), inputs: [dataFile])
public enum AtomicFile {
    /// Why a file was not written; the target is then untouched.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was refused or failed, naming the path and the system's reason.
        public var description: String
        /// True for a refusal of the target (a usage mistake), false for an I/O failure.
        public var isRefusal: Bool
    }

    /// Linux's `O_TMPFILE`, which Glibc's module does not export: `__O_TMPFILE` (0o20000000 on
    /// every Linux architecture Swift runs on) with `O_DIRECTORY`. Nil elsewhere.
    static var unnamedFileFlags: Int32? {
        #if os(Linux)
        return 0o20000000 | O_DIRECTORY
        #else
        return nil
        #endif
    }

    /// Writes `data` to `url` so that readers see the old file or the new one, by the rules above.
    /// - Parameters:
    ///   - inputs: paths the command reads; writing to any of them is refused.
    /// - Throws: ``Failure``; the target is then untouched.
    public static func write(_ data: Data, to url: URL, inputs: [URL] = []) throws(Failure) {
        var path = url.path
        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw Failure(description: "\(path) is a symbolic link to a missing place", isRefusal: true)
            }
            path = String(cString: resolved)
            free(resolved)
        }
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists {
            let kind = existing.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFDIR ? "a directory" : kind == S_IFCHR ? "a character device" : kind == S_IFBLK ? "a block device"
                    : kind == S_IFIFO ? "a FIFO" : kind == S_IFSOCK ? "a socket" : "not a regular file"
                throw Failure(description: "\(url.path) is \(what); --out writes regular files only", isRefusal: true)
            }
            for input in inputs {
                var other = stat()
                if stat(input.path, &other) == 0, other.st_dev == existing.st_dev, other.st_ino == existing.st_ino {
                    throw Failure(description: "\(url.path) is one of this command's inputs (\(input.path)); write the output elsewhere", isRefusal: true)
                }
            }
        }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "the directory \(directory) does not exist", isRefusal: false)
        }
        let mode = exists ? existing.st_mode & 0o7777 : 0o644
        func failure(_ what: String) -> Failure { Failure(description: "cannot write \(url.path): \(what): \(String(cString: strerror(errno)))", isRefusal: false) }

        // An unnamed file first; a named one only where the file system has no O_TMPFILE.
        var fd = Self.unnamedFileFlags.map { open(directory, $0 | O_WRONLY | O_CLOEXEC, mode_t(mode)) } ?? -1
        var temporaryName: String?
        if fd < 0 {
            let name = directory + "/.\((path as NSString).lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp"
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
            guard fd >= 0 else { throw failure("cannot create a temporary file in \(directory)") }
            temporaryName = name
        }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        func abandon(_ what: String) -> Failure {
            let error = failure(what)
            close(fd)
            if let temporaryName { unlink(temporaryName) }
            return error
        }
        guard ok else { throw abandon("writing") }
        _ = fchmod(fd, mode)
        if exists { _ = fchown(fd, existing.st_uid, existing.st_gid) }
        guard fsync(fd) == 0 else { throw abandon("syncing") }
        if temporaryName == nil {
            // Give the unnamed file a random name beside the target, then rename it over.
            let name = directory + "/.\((path as NSString).lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp"
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else { throw abandon("linking") }
            temporaryName = name
        }
        close(fd)
        guard rename(temporaryName!, path) == 0 else {
            let error = failure("renaming")
            unlink(temporaryName!)
            throw error
        }
    }
}
