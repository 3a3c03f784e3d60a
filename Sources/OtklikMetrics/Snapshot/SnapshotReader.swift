import Foundation

/// Reads what ``SnapshotWriter`` wrote, refusing anything that runs past the file's end or claims more than is
/// plausible: a torn or foreign file is an error (``SnapshotError``), never a crash or a wrong table.
struct SnapshotReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes of the file not in the buffer yet.
    private var remaining: Int

    init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        remaining = size
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type = T.self) throws -> T {
        try fill(MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            buffer.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + MemoryLayout<T>.size])) }
        }
        position += MemoryLayout<T>.size
        return value
    }

    /// A count that must be between 0 and `limit`.
    mutating func count(atMost limit: Int) throws -> Int {
        let value = try read(Int64.self)
        guard value >= 0, value <= Int64(limit) else { throw SnapshotError.corrupt("a count of \(value) where at most \(limit) fit") }
        return Int(value)
    }

    mutating func string() throws -> String {
        let length = Int(try read(UInt32.self))
        guard length <= 1 << 20 else { throw SnapshotError.corrupt("a code \(length) bytes long") }
        try fill(length)
        let string = buffer.withUnsafeBytes { String(decoding: $0[position..<position + length], as: UTF8.self) }
        position += length
        return string
    }

    mutating func strings() throws -> [String] {
        // Every string takes at least its 4-byte length.
        let n = try count(atMost: unread / 4)
        var strings: [String] = []
        strings.reserveCapacity(n)
        for _ in 0..<n { strings.append(try string()) }
        return strings
    }

    /// A column of exactly `expected` values (nil: any count the file can hold).
    mutating func column<Element>(_ type: Element.Type = Element.self, count expected: Int? = nil) throws -> Column<Element> {
        let stride = MemoryLayout<Element>.stride
        let n = try count(atMost: unread / stride)
        if let expected, n != expected { throw SnapshotError.corrupt("a column of \(n) values in a table of \(expected)") }
        return try Column(count: n) { target in
            // What is buffered first, the rest straight from the file into the column.
            let buffered = min(buffer.count - position, target.count)
            buffer.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + buffered])) }
            position += buffered
            let rest = UnsafeMutableRawBufferPointer(rebasing: target[buffered...])
            guard try POSIXFile.readFully(descriptor, into: rest) else { throw SnapshotError.corrupt("the file ends inside a column") }
            remaining -= rest.count
        }
    }

    /// Bytes not read yet, buffered or not.
    var unread: Int { buffer.count - position + remaining }

    /// Whether every byte of the file was read.
    var atEnd: Bool { position == buffer.count && remaining == 0 }

    /// Makes at least `n` unread bytes available in the buffer.
    private mutating func fill(_ n: Int) throws {
        guard buffer.count - position < n else { return }
        buffer.removeFirst(position)
        position = 0
        let wanted = max(n - buffer.count, min(remaining, 1 << 16))
        guard wanted <= remaining else { throw SnapshotError.corrupt("the file ends early") }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: wanted))
        let complete = try buffer.withUnsafeMutableBytes { bytes in
            try POSIXFile.readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: bytes[start...]))
        }
        guard complete else { throw SnapshotError.corrupt("the file ends early") }
        remaining -= wanted
    }
}
