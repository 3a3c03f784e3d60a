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
    func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>)
}

/// One measure's codes from one score column (`code = value + 1`, so "none" is 0): NPS alone, CSAT alone, …
struct SingleCounter: RowCounter {
    let scores: UnsafePointer<Int8>

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        slots[Int(scores[row]) &+ 1] &+= 1
    }
}

/// Any set of measures: one increment in the joint histogram, one more for each code counted apart.
struct JointCounter: RowCounter {
    let nps: UnsafePointer<Int8>, csat: UnsafePointer<Int8>, ces: UnsafePointer<Int8>, button: UnsafePointer<UInt8>
    let npsFlag: UnsafePointer<UInt8>, csatFlag: UnsafePointer<UInt8>, buttonFlag: UnsafePointer<UInt8>
    /// Multipliers in the joint histogram (0 = not in it) and offsets of separate histograms (−1 = none),
    /// in the order NPS, CSAT, press, CES, flags.
    let m0: Int, m1: Int, m2: Int, m3: Int, m4: Int
    let s0: Int, s1: Int, s2: Int, s3: Int, s4: Int
    /// Whether the row's flag code is needed at all (in the joint histogram or apart).
    let codesFlags: Bool

    init(table: FeedbackTable, layout: HistogramLayout) {
        (nps, csat, ces, button) = (table.nps.base, table.csat.base, table.ces.base, table.button.base)
        (npsFlag, csatFlag, buttonFlag) = (Self.npsFlags.base, Self.csatFlags.base, Self.buttonFlags.base)
        let (m, s) = (layout.multiplier, layout.separate)
        (m0, m1, m2, m3, m4) = (m[0], m[1], m[2], m[3], m[4])
        (s0, s1, s2, s3, s4) = (s[0], s[1], s[2], s[3], s[4])
        codesFlags = m4 > 0 || s4 >= 0
    }

    /// Flags of each score code (see ``Tally/npsFlags``), at stable addresses for the row loop.
    static let npsFlags = Column(Tally.npsFlags)
    static let csatFlags = Column(Tally.csatFlags)
    static let buttonFlags = Column(Tally.buttonFlags)

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        let n = Int(nps[row]) &+ 1, c = Int(csat[row]) &+ 1, b = Int(button[row]), e = Int(ces[row]) &+ 1
        let f = codesFlags ? Int(npsFlag[n] | csatFlag[c] | buttonFlag[b]) : 0
        slots[n &* m0 &+ c &* m1 &+ b &* m2 &+ e &* m3 &+ f &* m4] &+= 1
        if s0 >= 0 { slots[s0 &+ n] &+= 1 }
        if s1 >= 0 { slots[s1 &+ c] &+= 1 }
        if s2 >= 0 { slots[s2 &+ b] &+= 1 }
        if s3 >= 0 { slots[s3 &+ e] &+= 1 }
        if s4 >= 0 { slots[s4 &+ f] &+= 1 }
    }
}

/// A row's code for one histogram.
protocol CodeSource {
    func code(_ row: Int) -> Int
}

/// A score's code: none → 0, score s → s + 1.
struct ScoreCode: CodeSource {
    let scores: UnsafePointer<Int8>
    @inline(__always) func code(_ row: Int) -> Int { Int(scores[row]) &+ 1 }
}

/// A press's code: none 0, positive 1, neutral 2, negative 3.
struct PressCode: CodeSource {
    let presses: UnsafePointer<UInt8>
    @inline(__always) func code(_ row: Int) -> Int { Int(presses[row]) }
}

/// A record's flags: bit 0 rated, bit 1 negative.
struct FlagCode: CodeSource {
    let nps: UnsafePointer<Int8>, csat: UnsafePointer<Int8>, button: UnsafePointer<UInt8>
    let npsFlag: UnsafePointer<UInt8>, csatFlag: UnsafePointer<UInt8>, buttonFlag: UnsafePointer<UInt8>

    init(table: FeedbackTable) {
        (nps, csat, button) = (table.nps.base, table.csat.base, table.button.base)
        (npsFlag, csatFlag, buttonFlag) = (JointCounter.npsFlags.base, JointCounter.csatFlags.base, JointCounter.buttonFlags.base)
    }

    @inline(__always) func code(_ row: Int) -> Int {
        Int(npsFlag[Int(nps[row]) &+ 1] | csatFlag[Int(csat[row]) &+ 1] | buttonFlag[Int(button[row])])
    }
}

/// One histogram at a fixed offset in the group's slots.
struct HistogramCounter<Source: CodeSource>: RowCounter {
    let source: Source
    let offset: Int
    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        slots[offset &+ source.code(row)] &+= 1
    }
}

/// Two counters, each with histograms of its own (composed at compile time: no per-row checks).
struct BothCounters<First: RowCounter, Second: RowCounter>: RowCounter {
    let first: First
    let second: Second
    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        first.count(row, into: slots)
        second.count(row, into: slots)
    }
}

/// The row loop itself, specialised for each key, test and counter type. A row that fails the
/// filter is counted into a scratch cell instead of its own (a select, not a branch), so the loop
/// has no data-dependent branch and filtered rows do not touch the real counters.
@inline(never)
func scanRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: width)
    defer { scratch.deallocate() }
    scratch.initialize(repeating: 0, count: width)
    for row in rows {
        let cell = counters + key.cell(row) &* width
        counter.count(row, into: test.weight(row) != 0 ? cell : scratch)
    }
}

/// The row loop for a selective filter: rows that fail it are skipped (the branch is then mostly
/// predicted "skip", and the cell and counters of skipped rows are never touched).
@inline(never)
func scanPassingRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    for row in rows where test.weight(row) != 0 {
        counter.count(row, into: counters + key.cell(row) &* width)
    }
}
