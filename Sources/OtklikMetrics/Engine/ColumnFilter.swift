/// One filter of a query as a pass over a block of rows (see ``MaskedRows/listPassing(_:into:marks:)``): a time range,
/// or a 0/1 mask over the codes of a 32-bit id column (ids shifted by one, so that "no value", −1, reads mask[0],
/// which is 0) or of an 8-bit enumeration column. Each pass is a tight loop with no branch on the data: a load, a mask
/// lookup and an `and` (or a store) a row.
enum ColumnFilter {
    case time(UnsafePointer<Int64>, from: Int64, to: Int64)
    case ids(UnsafePointer<Int32>, mask: UnsafePointer<UInt8>)
    case bytes(UnsafePointer<UInt8>, mask: UnsafePointer<UInt8>)

    /// Sets `marks[i]` to whether row `block.lowerBound + i` passes (`first`), or clears the marks of the rows that
    /// do not.
    @inline(__always) func mark(_ block: Range<Int>, _ marks: UnsafeMutablePointer<UInt8>, first: Bool) {
        switch self {
        case .time(let ts, let from, let to):
            let start = block.lowerBound
            if first {
                for i in 0..<block.count { let t = ts[start &+ i]; marks[i] = (t >= from ? 1 : 0) & (t < to ? 1 : 0) }
            } else {
                for i in 0..<block.count { let t = ts[start &+ i]; marks[i] &= (t >= from ? 1 : 0) & (t < to ? 1 : 0) }
            }
        case .ids(let column, let mask): Self.mark(block, column, mask, shift: 1, marks, first: first)
        case .bytes(let column, let mask): Self.mark(block, column, mask, shift: 0, marks, first: first)
        }
    }

    /// Writes the rows of `block` that pass this filter and, when `marks` is given, are marked, in order, into
    /// `rows`; returns how many. A row costs a store and an add whether it passes or not.
    @inline(__always) func list(_ block: Range<Int>, marks: UnsafeMutablePointer<UInt8>?, into rows: UnsafeMutablePointer<Int>) -> Int {
        switch self {
        case .time(let ts, let from, let to):
            let start = block.lowerBound
            var kept = 0
            if let marks {
                for i in 0..<block.count {
                    let t = ts[start &+ i]
                    rows[kept] = start &+ i
                    kept &+= Int(marks[i] & (t >= from ? 1 : 0) & (t < to ? 1 : 0))
                }
            } else {
                for i in 0..<block.count {
                    let t = ts[start &+ i]
                    rows[kept] = start &+ i
                    kept &+= Int((t >= from ? 1 : 0) & (t < to ? 1 : 0) as UInt8)
                }
            }
            return kept
        case .ids(let column, let mask): return Self.list(block, column, mask, shift: 1, marks: marks, into: rows)
        case .bytes(let column, let mask): return Self.list(block, column, mask, shift: 0, marks: marks, into: rows)
        }
    }

    @inline(__always)
    private static func mark<Code: FixedWidthInteger>(
        _ block: Range<Int>, _ column: UnsafePointer<Code>, _ mask: UnsafePointer<UInt8>, shift: Int,
        _ marks: UnsafeMutablePointer<UInt8>, first: Bool
    ) {
        let start = block.lowerBound
        if first {
            for i in 0..<block.count { marks[i] = mask[Int(column[start &+ i]) &+ shift] }
        } else {
            for i in 0..<block.count { marks[i] &= mask[Int(column[start &+ i]) &+ shift] }
        }
    }

    @inline(__always)
    private static func list<Code: FixedWidthInteger>(
        _ block: Range<Int>, _ column: UnsafePointer<Code>, _ mask: UnsafePointer<UInt8>, shift: Int,
        marks: UnsafeMutablePointer<UInt8>?, into rows: UnsafeMutablePointer<Int>
    ) -> Int {
        let start = block.lowerBound
        var kept = 0
        if let marks {
            for i in 0..<block.count {
                rows[kept] = start &+ i
                kept &+= Int(marks[i] & mask[Int(column[start &+ i]) &+ shift])
            }
        } else {
            for i in 0..<block.count {
                rows[kept] = start &+ i
                kept &+= Int(mask[Int(column[start &+ i]) &+ shift])
            }
        }
        return kept
    }
}
