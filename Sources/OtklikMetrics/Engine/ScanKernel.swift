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

/// Whether a row passes the query's filters.
protocol RowTest {
    func passes(_ row: Int) -> Bool
}

/// No filter (or only a time range already turned into a range of rows).
struct EveryRow: RowTest {
    @inline(__always) func passes(_ row: Int) -> Bool { true }
}

/// Any combination of filters; absent ones are nil and cost a predicted branch.
struct MaskedRows: RowTest {
    let ts: UnsafePointer<Int64>?
    let from: Int64, to: Int64
    let location: UnsafePointer<Int32>, locationMask: UnsafePointer<Bool>?
    let staff: UnsafePointer<Int32>, staffMask: UnsafePointer<Bool>?
    let service: UnsafePointer<Int32>, serviceMask: UnsafePointer<Bool>?
    let channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<Bool>?
    let kind: UnsafePointer<UInt8>, kindMask: UnsafePointer<Bool>?

    @inline(__always) func passes(_ row: Int) -> Bool {
        if let ts {
            let t = ts[row]
            if t < from || t >= to { return false }
        }
        if let locationMask, !locationMask[Int(location[row]) &+ 1] { return false }
        if let staffMask, !staffMask[Int(staff[row]) &+ 1] { return false }
        if let serviceMask, !serviceMask[Int(service[row]) &+ 1] { return false }
        if let channelMask, !channelMask[Int(channel[row])] { return false }
        if let kindMask, !kindMask[Int(kind[row])] { return false }
        return true
    }
}

/// Counts a row into its cell's histograms.
protocol RowCounter {
    func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>)
}

/// One measure's codes from one score column (`code = value + 1`, so "none" is 0): NPS alone, CSAT alone, …
struct SingleCounter: RowCounter {
    let scores: UnsafePointer<Int8>

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        slots[Int(scores[row]) &+ 1] &+= 1
    }
}

/// Any set of measures at their layout offsets (−1 = not counted).
struct LayoutCounter: RowCounter {
    let nps: UnsafePointer<Int8>, csat: UnsafePointer<Int8>, ces: UnsafePointer<Int8>, button: UnsafePointer<UInt8>
    let npsFlag: UnsafePointer<UInt8>, csatFlag: UnsafePointer<UInt8>, buttonFlag: UnsafePointer<UInt8>
    let npsAt: Int, csatAt: Int, cesAt: Int, buttonAt: Int, flagsAt: Int

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        let n = Int(nps[row]) &+ 1, c = Int(csat[row]) &+ 1, b = Int(button[row])
        if npsAt >= 0 { slots[npsAt &+ n] &+= 1 }
        if csatAt >= 0 { slots[csatAt &+ c] &+= 1 }
        if cesAt >= 0 { slots[cesAt &+ Int(ces[row]) &+ 1] &+= 1 }
        if buttonAt >= 0 { slots[buttonAt &+ b] &+= 1 }
        if flagsAt >= 0 { slots[flagsAt &+ Int(npsFlag[n] | csatFlag[c] | buttonFlag[b])] &+= 1 }
    }
}

/// The row loop itself, specialised for each key, test and counter type.
@inline(never)
func scanRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    for row in rows where test.passes(row) {
        counter.count(row, into: counters + key.cell(row) &* width)
    }
}
