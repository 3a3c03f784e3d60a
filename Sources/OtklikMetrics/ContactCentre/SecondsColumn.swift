/// A column of durations in seconds (waits, handle times) held as 4-byte floats while every value appended is
/// exactly a `Float` (whole seconds, halves, quarters… below 2²⁴ s; NaN stays NaN), and as `Double` from the first
/// value that is not: the whole column is widened then, so a value read back is always the one appended and no
/// figure changes. Kernels read whichever width the column holds (``Width``) and accumulate in `Double`.
struct SecondsColumn: Sendable {
    private var floats = Column<Float>()
    /// Set once a value was not exact in a `Float`; then the only storage.
    private var doubles: Column<Double>?

    /// The column's values through a plain pointer, at the width held.
    enum Width {
        case float(UnsafePointer<Float>)
        case double(UnsafePointer<Double>)
    }

    var count: Int { doubles?.count ?? floats.count }

    /// Whether the column is held as 4-byte floats.
    var isFloat: Bool { doubles == nil }

    /// Valid while this value is alive and not mutated.
    var width: Width {
        if let doubles { return .double(doubles.base) }
        return .float(floats.base)
    }

    /// Bytes a value occupies at the width held.
    var bytesPerValue: Int { isFloat ? MemoryLayout<Float>.stride : MemoryLayout<Double>.stride }

    subscript(row: Int) -> Double {
        if let doubles { return doubles[row] }
        return Double(floats[row])
    }

    mutating func append(_ value: Double) {
        if doubles == nil {
            let narrow = Float(value)
            if Double(narrow) == value || value.isNaN {
                floats.append(narrow)
                return
            }
            widen()
        }
        doubles!.append(value)
    }

    mutating func reserveCapacity(_ n: Int) {
        if doubles != nil { doubles!.reserveCapacity(n) } else { floats.reserveCapacity(n) }
    }

    /// Bytes held, spare capacity included.
    var allocatedBytes: Int { doubles?.allocatedBytes ?? floats.allocatedBytes }

    /// Copies the floats into doubles (every one exact) and frees them.
    private mutating func widen() {
        var wide = Column<Double>(minimumCapacity: Swift.max(floats.capacity, floats.count + 1))
        for value in floats { wide.append(Double(value)) }
        doubles = wide
        floats = Column<Float>()
    }
}

/// The widths a ``SecondsColumn`` holds, as the kernels read them.
protocol StoredSeconds: BinaryFloatingPoint, BitwiseCopyable {
    /// The value as a `Double` (exact).
    var seconds: Double { get }
    /// The largest value of this type at most `limit`: for a value `w` of this type, `w <= limit` exactly when
    /// `w <= atMost(limit)`, so a threshold given in `Double` is compared at the column's width.
    static func atMost(_ limit: Double) -> Self
}

extension Float: StoredSeconds {
    @inline(__always) var seconds: Double { Double(self) }

    static func atMost(_ limit: Double) -> Float {
        guard !limit.isNaN else { return .nan }
        let near = Float(limit)
        return Double(near) > limit ? near.nextDown : near
    }
}

extension Double: StoredSeconds {
    @inline(__always) var seconds: Double { self }
    static func atMost(_ limit: Double) -> Double { limit }
}

extension SecondsColumn {
    /// The width (4 or 8 bytes) and the values.
    func write(to writer: inout SnapshotWriter) throws {
        if let doubles {
            try writer.write(UInt8(8))
            try writer.write(doubles)
        } else {
            try writer.write(UInt8(4))
            try writer.write(floats)
        }
    }

    static func read(from reader: inout SnapshotReader, count: Int) throws -> SecondsColumn {
        var column = SecondsColumn()
        switch try reader.read(UInt8.self) {
        case 4: column.floats = try reader.column(count: count)
        case 8: column.doubles = try reader.column(count: count)
        case let width: throw SnapshotError.corrupt("seconds \(width) bytes wide")
        }
        return column
    }
}
