/// Range checks of a snapshot's columns: a value the kernels would index out of bounds with is damage.
enum SnapshotCheck {
    /// Dictionary ids: −1 (none) up to `count` − 1.
    static func ids(_ column: Column<Int32>, below count: Int, _ what: String) throws {
        guard let low = column.min(), let high = column.max() else { return }
        guard low >= -1, Int(high) < count else { throw SnapshotError.corrupt("a \(what) id outside the \(count) codes held") }
    }

    static func values<T: BinaryInteger & BitwiseCopyable>(_ column: Column<T>, in range: ClosedRange<T>, _ what: String) throws {
        guard let low = column.min(), let high = column.max() else { return }
        guard range.contains(low), range.contains(high) else { throw SnapshotError.corrupt("a \(what) value outside \(range)") }
    }
}
