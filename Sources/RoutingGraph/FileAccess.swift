import Foundation

/// A binary file written the way mekong writes its large files: into a temporary file beside the
/// target, synced, then renamed over it, so that a reader sees the old file or the whole new one
/// and a failure (a full disk, a crash) leaves no half-written file behind.
///
///     let writer = try AtomicFileWriter(path: "laos.truck-2026-time.mkch")
///     try writer.append(header)            // any number of appends, each written at once
///     try writer.overwrite(at: 56, sum)    // a field known only at the end (a checksum)
///     try writer.commit()                  // fsync, rename; without it the temporary goes
///
/// Errors are the system's words (`strerror`), for the caller's own error type.
package final class AtomicFileWriter {
    /// The file it will become.
    package let path: String
    private let temporary: String
    private var descriptor: Int32
    /// Bytes written so far.
    package private(set) var size = 0
    /// The checksum of what was appended since ``startChecksum()``, nil before.
    private var checksum: Checksum.Stream?
    /// With `direct`: appended bytes gather here and go to the disk in whole aligned blocks
    /// (`O_DIRECT`); nil when the file is written through the page cache.
    private var staging: UnsafeMutableRawBufferPointer?
    private var staged = 0

    /// The staging buffer of a direct writer, and the alignment of its writes (a multiple of
    /// every logical block size in use).
    static let stagingSize = 8 << 20, directAlignment = 4096
    /// `O_DIRECT`, which Swift's Glibc module does not export (it is a `_GNU_SOURCE` macro): its
    /// value in Linux's `asm-generic/fcntl.h`, and in the ARM headers that differ from it.
    #if arch(arm64) || arch(arm)
    static let directFlag: Int32 = 0o200000
    #else
    static let directFlag: Int32 = 0o40000
    #endif

    /// Creates the temporary file in the target's directory (same file system, so the rename is atomic).
    /// - Parameter direct: write around the page cache (`O_DIRECT`), through an 8 MB buffer:
    ///   for files of gigabytes, which the cache would only hold to write out. Copying 1.8 GB
    ///   into the page cache cost 9–17 s of system time on the shared machine (measured with
    ///   `dd`, against 0.3 s direct), more than the rest of an import. Where the file system
    ///   refuses `O_DIRECT` (tmpfs) the file is written the ordinary way.
    package init(path: String, direct: Bool = false) throws(AccessFailure) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        descriptor = direct ? open(temporary, flags | Self.directFlag, 0o644) : -1
        if descriptor >= 0 {
            staging = .allocate(byteCount: Self.stagingSize, alignment: Self.directAlignment)
        } else {
            descriptor = open(temporary, flags, 0o644)
        }
        guard descriptor >= 0 else { throw AccessFailure() }
    }

    /// Writes the staged bytes, which are a whole number of aligned blocks unless `final`.
    /// The last, partial block is written padded to a block and the file cut back to its size;
    /// the file is then an ordinary one again, for overwrites and maps.
    private func flushStaging(final: Bool) throws(AccessFailure) {
        guard let staging else { return }
        let padded = final ? (staged + Self.directAlignment - 1) / Self.directAlignment * Self.directAlignment : staged
        if padded > staged { memset(staging.baseAddress! + staged, 0, padded - staged) }
        var offset = 0
        while offset < padded {
            let n = write(descriptor, staging.baseAddress! + offset, padded - offset)
            if n < 0 && errno == EINTR { continue }
            // A device with larger blocks than the alignment: the rest goes the ordinary way.
            if n < 0 && errno == EINVAL && fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~Self.directFlag) == 0 { continue }
            guard n > 0 else { throw AccessFailure() }
            offset += n
        }
        staged = 0
        guard final else { return }
        staging.deallocate()
        self.staging = nil
        guard ftruncate(descriptor, off_t(size)) == 0, lseek(descriptor, off_t(size), SEEK_SET) == off_t(size),
              fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~Self.directFlag) == 0 else {
            throw AccessFailure()
        }
    }

    /// Checksums every byte appended from now on (``Checksum``), as it is written: a file's
    /// checksum without reading the file again or mapping it (a map of a 1.8 GB graph file
    /// counted in the writer's resident memory on top of the graph it was written from).
    package func startChecksum() { checksum = Checksum.Stream() }

    /// The checksum of what was appended since ``startChecksum()``.
    package var checksumSinceStart: UInt64 {
        precondition(checksum != nil, "startChecksum() was not called")
        return checksum!.finish()
    }

    /// Appends `bytes`.
    package func append(_ bytes: UnsafeRawBufferPointer) throws(AccessFailure) {
        checksum?.add(bytes)
        if let staging {
            var offset = 0
            while offset < bytes.count {
                let taken = min(bytes.count - offset, staging.count - staged)
                (staging.baseAddress! + staged).copyMemory(from: bytes.baseAddress! + offset, byteCount: taken)
                staged += taken
                offset += taken
                if staged == staging.count { try flushStaging(final: false) }
            }
            size += bytes.count
            return
        }
        var offset = 0
        while offset < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw AccessFailure() }
            offset += n
        }
        size += bytes.count
    }

    /// Appends `bytes`.
    package func append(_ bytes: [UInt8]) throws(AccessFailure) {
        try append(contentsOf: bytes)
    }

    /// Appends the bytes of `values` (their memory order: little-endian here).
    package func append<T: BitwiseCopyable>(contentsOf values: some ContiguousCollectionOfValues<T>) throws(AccessFailure) {
        var failure: AccessFailure?
        values.withUnsafeBufferPointer { buffer in
            do throws(AccessFailure) { try append(UnsafeRawBufferPointer(buffer)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Rewrites `bytes` at `offset`, inside what was appended.
    package func overwrite(at offset: Int, _ bytes: [UInt8]) throws(AccessFailure) {
        precondition(offset + bytes.count <= size)
        try flushStaging(final: true)
        let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard n == bytes.count else { throw AccessFailure() }
    }

    /// The bytes written so far, mapped read-only (to checksum them without keeping a copy).
    package func mapped() throws(AccessFailure) -> MappedFile {
        try flushStaging(final: true)
        guard let file = MappedFile(descriptor: descriptor, size: size) else { throw AccessFailure() }
        return file
    }

    /// Syncs the file to disk and renames it to ``path``.
    package func commit() throws(AccessFailure) {
        try flushStaging(final: true)
        guard fsync(descriptor) == 0 else { throw AccessFailure() }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            let failure = AccessFailure()
            unlink(temporary)
            throw failure
        }
    }

    /// A writer dropped without ``commit()`` removes its temporary file.
    deinit {
        staging?.deallocate()
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }
}

/// A failed system call, with its `strerror` text read at once (before another call changes `errno`).
package struct AccessFailure: Error, Sendable {
    /// The system's words, e.g. "No space left on device".
    package let reason: String

    package init(errorNumber: Int32 = errno) { reason = String(cString: strerror(errorNumber)) }

    package init(reason: String) { self.reason = reason }
}

extension MappedFile {
    /// Opens `path` read-only, refuses anything but a regular file, and maps it; nil for an empty
    /// file (nothing to map). The descriptor is closed again: the map outlives it.
    /// - Throws: ``AccessFailure`` with the system's words, or "not a regular file".
    package static func open(_ path: String) throws(AccessFailure) -> MappedFile? {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AccessFailure() }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw AccessFailure() }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw AccessFailure(reason: "not a regular file") }
        guard status.st_size > 0 else { return nil }
        guard let file = MappedFile(descriptor: fd, size: Int(status.st_size)) else { throw AccessFailure() }
        return file
    }
}

/// Values in contiguous memory that a writer can append as bytes: arrays and columns.
package protocol ContiguousCollectionOfValues<Element> {
    associatedtype Element
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R
}

extension Array: ContiguousCollectionOfValues {}
extension Column: ContiguousCollectionOfValues {}
