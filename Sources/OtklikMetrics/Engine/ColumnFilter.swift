/// One filter of a query as a pass over a block of rows (see ``FilteredRows/listPassing(_:into:marks:)``): a time
/// range (64-bit instants, or `Double` seconds for contacts and requests), a 0/1 mask over the codes of a 32-bit id
/// column (ids shifted by one, so that "no value", −1, reads mask[0], which is 0) or of an 8-bit enumeration column,
/// one value of an 8-bit column, or "has a value" (an id of 0 or more). Each pass is a tight loop with no branch on the
/// data: a load, a test or a mask lookup, and an `and` (or a store) a row.
enum ColumnFilter {
    case time(UnsafePointer<Int64>, from: Int64, to: Int64)
    case seconds(UnsafePointer<Double>, from: Double, to: Double)
    case ids(UnsafePointer<Int32>, mask: UnsafePointer<UInt8>)
    case bytes(UnsafePointer<UInt8>, mask: UnsafePointer<UInt8>)
    case byte(UnsafePointer<UInt8>, equals: UInt8)
    case known(UnsafePointer<Int32>)

    /// Sets `marks[i]` to whether row `block.lowerBound + i` passes (`first`), or clears the marks of the rows that
    /// do not.
    @inline(__always) func mark(_ block: Range<Int>, _ marks: UnsafeMutablePointer<UInt8>, first: Bool) {
        switch self {
        case .time(let ts, let from, let to): Self.mark(block, marks, first: first) { (ts[$0] >= from ? 1 : 0) & (ts[$0] < to ? 1 : 0) }
        case .seconds(let ts, let from, let to): Self.mark(block, marks, first: first) { (ts[$0] >= from ? 1 : 0) & (ts[$0] < to ? 1 : 0) }
        case .ids(let column, let mask): Self.mark(block, marks, first: first) { mask[Int(column[$0]) &+ 1] }
        case .bytes(let column, let mask): Self.mark(block, marks, first: first) { mask[Int(column[$0])] }
        case .byte(let column, let value): Self.mark(block, marks, first: first) { column[$0] == value ? 1 : 0 }
        case .known(let column): Self.mark(block, marks, first: first) { column[$0] >= 0 ? 1 : 0 }
        }
    }

    /// Writes the rows of `block` that pass this filter and, when `marks` is given, are marked, in order, into
    /// `rows`; returns how many. A row costs a store and an add whether it passes or not.
    @inline(__always) func list(_ block: Range<Int>, marks: UnsafeMutablePointer<UInt8>?, into rows: UnsafeMutablePointer<Int>) -> Int {
        switch self {
        case .time(let ts, let from, let to): Self.list(block, marks, rows) { (ts[$0] >= from ? 1 : 0) & (ts[$0] < to ? 1 : 0) }
        case .seconds(let ts, let from, let to): Self.list(block, marks, rows) { (ts[$0] >= from ? 1 : 0) & (ts[$0] < to ? 1 : 0) }
        case .ids(let column, let mask): Self.list(block, marks, rows) { mask[Int(column[$0]) &+ 1] }
        case .bytes(let column, let mask): Self.list(block, marks, rows) { mask[Int(column[$0])] }
        case .byte(let column, let value): Self.list(block, marks, rows) { column[$0] == value ? 1 : 0 }
        case .known(let column): Self.list(block, marks, rows) { column[$0] >= 0 ? 1 : 0 }
        }
    }

    /// The pass of ``mark(_:_:first:)`` with `passes`, 0 or 1 for a row.
    @inline(__always)
    private static func mark(_ block: Range<Int>, _ marks: UnsafeMutablePointer<UInt8>, first: Bool, _ passes: (Int) -> UInt8) {
        let start = block.lowerBound
        if first {
            for i in 0..<block.count { marks[i] = passes(start &+ i) }
        } else {
            for i in 0..<block.count { marks[i] &= passes(start &+ i) }
        }
    }

    /// The pass of ``list(_:marks:into:)`` with `passes`, 0 or 1 for a row.
    @inline(__always)
    private static func list(
        _ block: Range<Int>, _ marks: UnsafeMutablePointer<UInt8>?, _ rows: UnsafeMutablePointer<Int>, _ passes: (Int) -> UInt8
    ) -> Int {
        let start = block.lowerBound
        var kept = 0
        if let marks {
            for i in 0..<block.count {
                rows[kept] = start &+ i
                kept &+= Int(marks[i] & passes(start &+ i))
            }
        } else {
            for i in 0..<block.count {
                rows[kept] = start &+ i
                kept &+= Int(passes(start &+ i))
            }
        }
        return kept
    }
}
