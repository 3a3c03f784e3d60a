/// The rows of a stretch that pass a filter, a block at a time, as a list of row numbers (a selection vector): the
/// filter is tested once per row with no branch on the data (a store and an add; the feedback, contact and request
/// tests in one pass over the block per filter, ``FilteredRows``), and the counting loop then reads only the rows kept.
/// Counting rejected rows into a scratch cell instead (as the scans did before) sends most rows of a query that keeps a
/// third to the same few scratch counters, and each increment waits for the one before it; the list costs one store a
/// row and leaves the counting loop with independent increments.
struct RowSelection {
    /// Rows tested per block: the list (8 bytes a row) stays in the first-level cache.
    static let blockRows = 2_048

    private let rows: UnsafeMutablePointer<Int>
    /// Scratch marks for a test that filters a block in passes.
    private let marks: UnsafeMutablePointer<UInt8>

    init() {
        rows = .allocate(capacity: Self.blockRows)
        marks = .allocate(capacity: Self.blockRows)
    }

    func deallocate() {
        rows.deallocate()
        marks.deallocate()
    }

    /// Calls `body` with the rows of each block of `range` that pass `test`, in order.
    @inline(__always)
    func forEachBlock<Test: RowTest>(of range: Range<Int>, passing test: Test, _ body: (UnsafeBufferPointer<Int>) -> Void) {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start &+ Self.blockRows, range.upperBound)
            let kept = test.listPassing(start..<end, into: rows, marks: marks)
            body(UnsafeBufferPointer(start: rows, count: kept))
            start = end
        }
    }

    /// Calls `body` with each row of `range` that passes `test`, in order: every row of the range when nothing can be
    /// tested out (``EveryRow``), else the kept rows of each block (``forEachBlock(of:passing:_:)``).
    @inline(__always)
    static func forEachRow<Test: RowTest>(of range: Range<Int>, passing test: Test, _ body: (Int) -> Void) {
        if Test.self == EveryRow.self {
            for row in range { body(row) }
            return
        }
        let selection = RowSelection()
        defer { selection.deallocate() }
        selection.forEachBlock(of: range, passing: test) { kept in
            for row in kept { body(row) }
        }
    }
}
