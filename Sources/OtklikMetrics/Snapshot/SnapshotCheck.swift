/// Range checks of a snapshot's columns: a value the kernels would index out of bounds with is damage. One pass over
/// each column's memory (the compiler vectorises it), so that checking ten million values takes milliseconds.
enum SnapshotCheck {
    /// Dictionary ids: −1 (none) up to `count` − 1.
    static func ids(_ column: Column<Int32>, below count: Int, _ what: String) throws {
        guard let (low, high) = bounds(column) else { return }
        guard low >= -1, Int(high) < count else { throw SnapshotError.corrupt("a \(what) id outside the \(count) codes held") }
    }

    static func values<T: FixedWidthInteger & BitwiseCopyable>(_ column: Column<T>, in range: ClosedRange<T>, _ what: String) throws {
        guard let (low, high) = bounds(column) else { return }
        guard range.contains(low), range.contains(high) else { throw SnapshotError.corrupt("a \(what) value outside \(range)") }
    }

    /// The smallest and largest value, nil when empty.
    static func bounds<T: FixedWidthInteger & BitwiseCopyable>(_ column: Column<T>) -> (T, T)? {
        guard column.count > 0 else { return nil }
        let values = UnsafeBufferPointer(start: column.base, count: column.count)
        var (low, high) = (T.max, T.min)
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return (low, high)
    }
}
