/// A row test made of ``ColumnFilter``s (the feedback ``MaskedRows``, the contacts' ``CallRowMask``, the requests'
/// ``RequestRowMask`` and the tests narrowed from them): the row loop lists a block's passing rows one filter at a time
/// (each filter but the last marks the block's rows in a pass of its own, the last lists the rows it and the marks
/// keep), so the loop over the rows holds no test of which filters the query has. ``RowTest/weight(_:)`` stays for the
/// loops that test rows one by one.
protocol FilteredRows: RowTest {
    /// The filters present; none lets every row through.
    var filters: [ColumnFilter] { get }
}

extension FilteredRows {
    @inline(__always)
    func listPassing(_ block: Range<Int>, into rows: UnsafeMutablePointer<Int>, marks: UnsafeMutablePointer<UInt8>) -> Int {
        let filters = self.filters
        guard let last = filters.last else {
            for (index, row) in block.enumerated() { rows[index] = row }
            return block.count
        }
        for index in 0..<(filters.count - 1) { filters[index].mark(block, marks, first: index == 0) }
        return last.list(block, marks: filters.count > 1 ? marks : nil, into: rows)
    }
}

extension EveryRow: FilteredRows {
    var filters: [ColumnFilter] { [] }
}
