/// The parts of the dense scan's row loop as small value types, so that the loop is compiled once
/// for each combination a query can take (which key columns, whether any filter, which measures)
/// with no per-row decisions left but the data's own. See ``DenseScan``.

/// A row's group cell.
protocol CellKey {
    func cell(_ row: Int) -> Int
}

/// No grouping: every row in cell 0.
struct NoCell: CellKey {
    @inline(__always) func cell(_ row: Int) -> Int { 0 }
}

/// A key from a column through a lookup table: `lookup[column[row] − bias] · stride`.
struct ColumnCell<Value: FixedWidthInteger>: CellKey {
    let column: UnsafePointer<Value>
    let lookup: UnsafePointer<Int32>
    let bias: Int
    let stride: Int

    @inline(__always) func cell(_ row: Int) -> Int { Int(lookup[Int(column[row]) &- bias]) &* stride }
}

/// Two dimensions: the first's key times the second's key count, plus the second's.
struct PairCell<First: CellKey, Second: CellKey>: CellKey {
    let first: First
    let second: Second

    @inline(__always) func cell(_ row: Int) -> Int { first.cell(row) &+ second.cell(row) }
}

/// Whether a row passes the query's filters, as a weight 0 or 1.
protocol RowTest {
    func weight(_ row: Int) -> UInt32
}

/// No filter (or only a time range already turned into a range of rows).
struct EveryRow: RowTest {
    @inline(__always) func weight(_ row: Int) -> UInt32 { 1 }
}

/// Any combination of filters as 0/1 masks over codes; absent ones are nil and cost a predicted
/// branch. Written without data-dependent branches: a filter that keeps a third of the rows at
/// random would mispredict a branch on every other row.
struct MaskedRows: RowTest {
    let ts: UnsafePointer<Int64>?
    let from: Int64, to: Int64
    let location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?
    let staff: UnsafePointer<Int32>, staffMask: UnsafePointer<UInt8>?
    let service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?
    let channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?
    let kind: UnsafePointer<UInt8>, kindMask: UnsafePointer<UInt8>?

    @inline(__always) func weight(_ row: Int) -> UInt32 {
        var keep: UInt8 = 1
        if let ts {
            let t = ts[row]
            keep &= (t >= from ? 1 : 0) & (t < to ? 1 : 0)
        }
        if let locationMask { keep &= locationMask[Int(location[row]) &+ 1] }
        if let staffMask { keep &= staffMask[Int(staff[row]) &+ 1] }
        if let serviceMask { keep &= serviceMask[Int(service[row]) &+ 1] }
        if let channelMask { keep &= channelMask[Int(channel[row])] }
        if let kindMask { keep &= kindMask[Int(kind[row])] }
        return UInt32(keep)
    }
}

/// Counts a row into its cell's histograms.
protocol RowCounter {
    func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>, weight: UInt32)
}

/// One measure's codes from one score column (`code = value + 1`, so "none" is 0): NPS alone, CSAT alone, …
struct SingleCounter: RowCounter {
    let scores: UnsafePointer<Int8>

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>, weight: UInt32) {
        slots[Int(scores[row]) &+ 1] &+= weight
    }
}

/// Any set of measures: one increment in the joint histogram, one more when CES is counted apart.
struct JointCounter: RowCounter {
    let nps: UnsafePointer<Int8>, csat: UnsafePointer<Int8>, ces: UnsafePointer<Int8>, button: UnsafePointer<UInt8>
    let npsMultiplier: Int, csatMultiplier: Int, buttonMultiplier: Int, cesMultiplier: Int
    let separateCES: Int

    init(table: FeedbackTable, layout: HistogramLayout) {
        (nps, csat, ces, button) = (table.nps.base, table.csat.base, table.ces.base, table.button.base)
        (npsMultiplier, csatMultiplier, buttonMultiplier, cesMultiplier) =
            (layout.npsMultiplier, layout.csatMultiplier, layout.buttonMultiplier, layout.cesMultiplier)
        separateCES = layout.separateCES
    }

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>, weight: UInt32) {
        let e = Int(ces[row]) &+ 1
        let joint = (Int(nps[row]) &+ 1) &* npsMultiplier &+ (Int(csat[row]) &+ 1) &* csatMultiplier
            &+ Int(button[row]) &* buttonMultiplier &+ e &* cesMultiplier
        slots[joint] &+= weight
        if separateCES >= 0 { slots[separateCES &+ e] &+= weight }
    }
}

/// The row loop itself, specialised for each key, test and counter type. Every row is counted with
/// its weight (a filtered-out row adds 0), so the loop has no data-dependent branch.
@inline(never)
func scanRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    for row in rows {
        counter.count(row, into: counters + key.cell(row) &* width, weight: test.weight(row))
    }
}

/// The row loop for a selective filter: rows that fail it are skipped (the branch is then mostly
/// predicted "skip", and the cell and counters of skipped rows are never touched).
@inline(never)
func scanPassingRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    for row in rows where test.weight(row) != 0 {
        counter.count(row, into: counters + key.cell(row) &* width, weight: 1)
    }
}
