/// A growable column of fixed-width values with copy-on-write storage and a stable base address.
///
/// Unlike `Array`, a scan may read it through a plain pointer from several threads while the column
/// value it came from is alive and unchanged; appending to a copy that shares storage copies first.
public struct Column<Element: BitwiseCopyable>: Sendable, RandomAccessCollection {
    final class Storage: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Element>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            pointer = .allocate(capacity: Swift.max(capacity, 1))
        }

        deinit { pointer.deallocate() }
    }

    private var storage: Storage
    public private(set) var count = 0

    public init(minimumCapacity: Int = 0) {
        storage = Storage(capacity: minimumCapacity)
    }

    public init(_ values: [Element]) {
        self.init(minimumCapacity: values.count)
        for value in values { append(value) }
    }

    /// A column of `count` values whose bytes `fill` writes into the buffer it is given (a snapshot read from disk).
    init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        self.init(minimumCapacity: count)
        try fill(UnsafeMutableRawBufferPointer(start: storage.pointer, count: count * MemoryLayout<Element>.stride))
        self.count = count
    }

    /// The values' bytes, for `body` only (a snapshot written to disk).
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.pointer, count: count * MemoryLayout<Element>.stride))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public var capacity: Int { storage.capacity }

    @inline(__always)
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "column index out of range")
            return storage.pointer[position]
        }
        set {
            precondition(position >= 0 && position < count, "column index out of range")
            makeUnique(capacity: storage.capacity)
            storage.pointer[position] = newValue
        }
    }

    /// The values' address; valid while this value is alive and not mutated.
    public var base: UnsafePointer<Element> { UnsafePointer(storage.pointer) }

    @inline(__always)
    public mutating func append(_ value: Element) {
        if count == storage.capacity || !isKnownUniquelyReferenced(&storage) {
            makeUnique(capacity: count == storage.capacity ? Swift.max(16, storage.capacity * 2) : storage.capacity)
        }
        storage.pointer[count] = value
        count += 1
    }

    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > storage.capacity { makeUnique(capacity: minimumCapacity) }
    }

    /// Gives the column storage of its own with at least `capacity` slots.
    private mutating func makeUnique(capacity: Int) {
        guard capacity != storage.capacity || !isKnownUniquelyReferenced(&storage) else { return }
        let fresh = Storage(capacity: capacity)
        fresh.pointer.initialize(from: storage.pointer, count: count)
        storage = fresh
    }

    /// Bytes the column holds, including spare capacity.
    public var allocatedBytes: Int { storage.capacity * MemoryLayout<Element>.stride }
}
