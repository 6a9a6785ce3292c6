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

    /// The checked target of a write: the real path (a symbolic link resolved), its directory,
    /// and the mode and owner the new file takes over.
    struct Target {
        var path: String
        var directory: String
        var existing: stat?
        var mode: mode_t { existing.map { $0.st_mode & 0o7777 } ?? 0o644 }
        var name: String { (path as NSString).lastPathComponent }

        func failure(_ what: String) -> Failure {
            Failure(description: "cannot write \(path): \(what): \(String(cString: strerror(errno)))", isRefusal: false)
        }

        /// Gives `file` the old file's mode and owner, syncs it, and renames it over the target.
        func replace(with file: String, descriptor: Int32) throws(Failure) {
            _ = fchmod(descriptor, mode)
            if let existing { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            guard fsync(descriptor) == 0 else { throw failure("syncing") }
            guard rename(file, path) == 0 else { throw failure("renaming") }
        }
    }

    /// Resolves and checks the target of a write; see the type's rules.
    static func target(_ url: URL, inputs: [URL]) throws(Failure) -> Target {
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
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "the directory \(directory) does not exist", isRefusal: false)
        }
        return Target(path: path, directory: directory, existing: exists ? existing : nil)
    }

    /// Writes `data` to `url` so that readers see the old file or the new one, by the rules above.
    /// - Parameters:
    ///   - inputs: paths the command reads; writing to any of them is refused.
    /// - Throws: ``Failure``; the target is then untouched.
    public static func write(_ data: Data, to url: URL, inputs: [URL] = []) throws(Failure) {
        let target = try target(url, inputs: inputs)
        // An unnamed file first; a named one only where the file system has no O_TMPFILE.
        var fd = Self.unnamedFileFlags.map { open(target.directory, $0 | O_WRONLY | O_CLOEXEC, target.mode) } ?? -1
        var temporaryName: String?
        if fd < 0 {
            let name = target.directory + "/.\(target.name).\(UInt64.random(in: 0...UInt64.max)).tmp"
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, target.mode)
            guard fd >= 0 else { throw target.failure("cannot create a temporary file in \(target.directory)") }
            temporaryName = name
            TemporaryFiles.register([name])
        }
        defer { TemporaryFiles.unregister() }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        func abandon(_ error: Failure) -> Failure {
            close(fd)
            if let temporaryName { unlink(temporaryName) }
            return error
        }
        guard ok else { throw abandon(target.failure("writing")) }
        if temporaryName == nil {
            // Give the unnamed file a random name beside the target, then rename it over.
            let name = target.directory + "/.\(target.name).\(UInt64.random(in: 0...UInt64.max)).tmp"
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else { throw abandon(target.failure("linking")) }
            temporaryName = name
            TemporaryFiles.register([name])
        }
        do { try target.replace(with: temporaryName!, descriptor: fd) } catch { throw abandon(error) }
        close(fd)
    }

    /// Writes a file that another library creates by path (GDAL): `produce` is given a path in a
    /// new private directory beside the target (created with `mkdtemp`, mode 0700, so its name
    /// cannot be predicted or planted), and the finished file is renamed over the target.
    ///
    /// Whatever happens, and on SIGINT, SIGTERM and SIGHUP, the private directory and what
    /// `produce` left in it (the file, SQLite's `-journal`, `-wal` and `-shm`) are removed.
    ///
    ///     try AtomicFile.write(to: URL(fileURLWithPath: "out.gpkg")) { path in try writeGeoPackage(to: path) }
    ///
    /// - Parameters:
    ///   - inputs: paths the command reads; writing to any of them is refused.
    ///   - produce: writes the new file at the path it is given; what it throws is rethrown.
    /// - Throws: ``Failure`` for a refused target or an I/O failure, or `produce`'s error; the
    ///   target is then untouched.
    public static func write<E: Error>(to url: URL, inputs: [URL] = [], produce: (String) throws(E) -> Void) throws {
        let target = try target(url, inputs: inputs)
        var template = Array("\(target.directory)/.\(target.name).XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw target.failure("cannot create a temporary directory in \(target.directory)") }
        let privateDirectory = String(cString: created)
        let file = privateDirectory + "/" + target.name
        let leftovers = [file, file + "-journal", file + "-wal", file + "-shm"]
        TemporaryFiles.register(leftovers + [privateDirectory])
        defer {
            for path in leftovers { unlink(path) }
            rmdir(privateDirectory)
            TemporaryFiles.unregister()
        }
        try produce(file)
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw target.failure("the new file is missing") }
        defer { close(fd) }
        try target.replace(with: file, descriptor: fd)
    }
}

/// The temporary paths of the write under way, removed if a catchable signal ends the process
/// first. Held as C strings made before the signal can arrive, because a handler may only call
/// async-signal-safe functions (`unlink`, `rmdir`, `signal`, `raise`): no allocation, no Swift
/// runtime.
enum TemporaryFiles {
    /// Set only by the one thread that writes output, before and after the handler may run.
    nonisolated(unsafe) private static var paths: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) private static var count: Int32 = 0
    nonisolated(unsafe) private static var storage = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 8)
    nonisolated(unsafe) private static var handlersInstalled = false

    /// Paths to remove, in order (files before their directory), on SIGINT, SIGTERM or SIGHUP.
    static func register(_ newPaths: [String]) {
        unregister()
        paths = newPaths.prefix(8).map { strdup($0)! }
        for (index, path) in paths.enumerated() { storage[index] = path }
        count = Int32(paths.count)
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the parent set to be ignored (nohup, a background job) stays ignored.
            var current = sigaction()
            guard sigaction(signalNumber, nil, &current) == 0 else { continue }
            if let handler = current.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == 1 /* SIG_IGN */ { continue }
            signal(signalNumber) { received in
                for index in 0..<Int(TemporaryFiles.count) {
                    guard let path = TemporaryFiles.storage[index] else { continue }
                    if unlink(path) != 0 { rmdir(path) }
                }
                // Then die of the signal as if no handler were installed, so the parent sees it.
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Nothing is left to remove: the write finished or failed and cleaned up after itself.
    static func unregister() {
        count = 0
        for path in paths { free(path) }
        paths = []
    }
}
