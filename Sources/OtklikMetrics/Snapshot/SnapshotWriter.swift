import Foundation

/// Writes an engine snapshot to an open file: numbers in the machine's byte order (the header records it), strings
/// with their length, columns as their raw bytes straight from memory. Small values are buffered; a column is
/// written without copying.
struct SnapshotWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far (buffered ones included).
    private(set) var offset = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) throws {
        withUnsafeBytes(of: value) { buffer.append(contentsOf: $0) }
        offset += MemoryLayout<T>.size
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func write(_ string: String) throws {
        let bytes = Array(string.utf8)
        try write(UInt32(bytes.count))
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func write(_ strings: [String]) throws {
        try write(Int64(strings.count))
        for string in strings { try write(string) }
    }

    mutating func write<Element>(_ column: Column<Element>) throws {
        try write(Int64(column.count))
        try flush()
        try column.withUnsafeBytes { try POSIXFile.writeFully(descriptor, $0) }
        offset += column.count * MemoryLayout<Element>.stride
    }

    mutating func write(_ values: [Int32]) throws {
        try write(Column(values))
    }

    /// Writes what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try POSIXFile.writeFully(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

}
