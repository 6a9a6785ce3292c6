import Foundation

/// A read-only column of fixed-size values: either memory of its own (a graph built in this
/// process) or a view straight into a memory-mapped graph file, so a loaded graph's arrays are
/// the file's pages and loading copies nothing. Indexed from 0 like an array, bounds-checked
/// like one.
///
///     let lengths: Column<Double> = [1.5, 2.0]
///     lengths[1]                         // 2.0
///     lengths.reduce(0, +)               // 3.5
///
/// The memory is immutable for the column's whole life: an owned column's is written once when
/// it is made, a mapped one's is a read-only map that lives as long as any column viewing it.
/// That is why a column may cross threads (`@unchecked Sendable`) although it holds a pointer.
///
/// - Complexity: subscript O(1); making one from an array O(n) (one copy); a mapped view O(1).
public struct Column<Element: BitwiseCopyable & Sendable>: RandomAccessCollection, @unchecked Sendable {
    /// The first value; nil only for an empty column.
    @usableFromInline let base: UnsafePointer<Element>?
    /// The number of values.
    public let count: Int
    /// What keeps `base` alive: an ``OwnedMemory`` or a ``MappedFile``.
    @usableFromInline let owner: AnyObject?

    /// A column holding a copy of `values`.
    /// - Complexity: O(n).
    public init(_ values: [Element]) {
        self.init(count: values.count) { _ = $0.initialize(from: values) }
    }

    /// A column of `count` values that `initialize` writes, every one of them, into fresh memory
    /// (no array in between). It is called even for 0 values, with an empty buffer.
    /// - Complexity: O(1) plus `initialize`.
    public init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        guard count > 0 else {
            try initialize(UnsafeMutableBufferPointer(start: nil, count: 0))
            self.init(base: nil, count: 0, owner: nil)
            return
        }
        let memory = OwnedMemory<Element>(capacity: count)
        try initialize(UnsafeMutableBufferPointer(start: memory.base, count: count))
        self.init(base: UnsafePointer(memory.base), count: count, owner: memory)
    }

    /// A column taking over `memory`, whose first `count` values the caller has written, every
    /// one of them (a builder that fills several columns in one pass).
    /// - Complexity: O(1).
    init(owning memory: OwnedMemory<Element>, count: Int) {
        guard count > 0 else { self.init(base: nil, count: 0, owner: nil); return }
        self.init(base: UnsafePointer(memory.base), count: count, owner: memory)
    }

    /// A column of `count` zeros (every byte 0) that costs no memory until it is read, and
    /// little then: an anonymous read-only map that is never written, whose pages are all the
    /// kernel's one page of zeros. An import's columns that no edge sets (urban km, years,
    /// restrictions of an OSM extract) were 0.5 GB of fresh pages at 3.7·10^7 edges.
    /// - Complexity: O(1).
    init(zeros count: Int) {
        guard count > 0, let memory = ZeroMemory(size: count * MemoryLayout<Element>.stride) else {
            // Trivial values: writing their bytes initialises them.
            self.init(count: count) { if let base = $0.baseAddress { memset(base, 0, count * MemoryLayout<Element>.stride) } }
            return
        }
        self.init(base: memory.base.bindMemory(to: Element.self, capacity: count), count: count, owner: memory)
    }

    /// A column viewing `count` values at `byteOffset` of `file`, which must be aligned for
    /// `Element` and lie inside the file (the reader checks both).
    package init(viewing file: MappedFile, byteOffset: Int, count: Int) {
        precondition(byteOffset % MemoryLayout<Element>.alignment == 0 && byteOffset + count * MemoryLayout<Element>.stride <= file.size)
        guard count > 0 else { self.init(base: nil, count: 0, owner: nil); return }
        let raw = file.base + byteOffset
        self.init(base: raw.bindMemory(to: Element.self, capacity: count), count: count, owner: file)
    }

    private init(base: UnsafePointer<Element>?, count: Int, owner: AnyObject?) {
        self.base = base
        self.count = count
        self.owner = owner
    }

    /// 0.
    @inlinable public var startIndex: Int { 0 }
    /// ``count``.
    @inlinable public var endIndex: Int { count }

    /// The value at `index`, which must be in `0 ..< count`.
    @inlinable public subscript(index: Int) -> Element {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "Column index out of range")
        return base.unsafelyUnwrapped[index]
    }

    /// The values as contiguous memory, for algorithms that take a buffer.
    @inlinable public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the values as a buffer, valid only inside `body`.
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// The values as bytes, in memory order (little-endian on every platform Swift runs on
    /// here), for writing a file.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }
}

extension Column: ExpressibleByArrayLiteral {
    /// A column of the listed values.
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension Column: Equatable where Element: Equatable {
    /// Equal when they hold the same values in the same order, wherever each one's memory is.
    public static func == (a: Column, b: Column) -> Bool {
        a.count == b.count && (a.base == b.base || a.elementsEqual(b))
    }
}

/// Memory a column made in this process owns: written once at creation, freed with the last
/// column that holds it.
final class OwnedMemory<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>

    init(capacity: Int) { base = .allocate(capacity: capacity) }

    // BitwiseCopyable values need no deinitialisation.
    deinit { base.deallocate() }
}

/// Zeros nothing has written: an anonymous read-only map, unmapped with the last column viewing
/// it. Reading it maps the kernel's shared zero page, which is not counted in resident memory.
final class ZeroMemory {
    let base: UnsafeRawPointer
    let size: Int

    /// Maps `size` bytes (more than 0); nil when the system refuses.
    init?(size: Int) {
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), map != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(map)
        self.size = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }
}

/// A whole file mapped read-only into memory, unmapped when the last column viewing it goes.
///
/// `@unchecked Sendable`: the map is `PROT_READ` and never written through, so every thread
/// reads the same immutable bytes. What the map cannot guard against is another process
/// changing the file in place while it is mapped; mekong never does (``RoutingGraphFile/write(_:to:)``
/// writes a new file and renames it over the old one, which leaves an existing map on the old
/// file's pages).
package final class MappedFile: @unchecked Sendable {
    package let base: UnsafeRawPointer
    package let size: Int

    /// Maps the open file `descriptor` of `size` bytes (more than 0), or returns nil with `errno` set.
    package init?(descriptor: Int32, size: Int) {
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), map != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(map)
        self.size = size
    }

    /// The whole file as bytes.
    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }
}
