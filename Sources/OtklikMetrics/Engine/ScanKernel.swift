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
    /// Writes the rows of `block` that pass, in order, into `rows` (room for `block.count`) and returns how many;
    /// `marks` is scratch room for `block.count` bytes. By default each row's ``weight(_:)`` in one loop.
    func listPassing(_ block: Range<Int>, into rows: UnsafeMutablePointer<Int>, marks: UnsafeMutablePointer<UInt8>) -> Int
}

extension RowTest {
    @inline(__always)
    func listPassing(_ block: Range<Int>, into rows: UnsafeMutablePointer<Int>, marks: UnsafeMutablePointer<UInt8>) -> Int {
        var kept = 0
        for row in block {
            rows[kept] = row
            kept &+= Int(weight(row))
        }
        return kept
    }
}

/// No filter (or only a time range already turned into a range of rows).
struct EveryRow: RowTest {
    @inline(__always) func weight(_ row: Int) -> UInt32 { 1 }
}

/// Counts a row into its cell's histograms.
protocol RowCounter {
    func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>)
}

/// Any set of measures (the rare ones with no counter composed for them in ``DenseScan``): one
/// increment into each counted histogram, each at its offset (−1 = not counted).
struct AnyMeasuresCounter: RowCounter {
    let nps: ScoreCode, csat: ScoreCode, ces: ScoreCode, button: PressCode, flags: FlagCode
    /// Offsets in the order NPS, CSAT, press, CES, flags.
    let s0: Int, s1: Int, s2: Int, s3: Int, s4: Int

    init(table: FeedbackTable, layout: HistogramLayout) {
        (nps, csat, ces) = (ScoreCode(scores: table.nps.base), ScoreCode(scores: table.csat.base), ScoreCode(scores: table.ces.base))
        (button, flags) = (PressCode(presses: table.button.base), FlagCode(table: table))
        let o = layout.offset
        (s0, s1, s2, s3, s4) = (o[0], o[1], o[2], o[3], o[4])
    }

    @inline(__always) func count(_ row: Int, into slots: UnsafeMutablePointer<UInt32>) {
        if s0 >= 0 { slots[s0 &+ nps.code(row)] &+= 1 }
        if s1 >= 0 { slots[s1 &+ csat.code(row)] &+= 1 }
        if s2 >= 0 { slots[s2 &+ button.code(row)] &+= 1 }
        if s3 >= 0 { slots[s3 &+ ces.code(row)] &+= 1 }
        if s4 >= 0 { slots[s4 &+ flags.code(row)] &+= 1 }
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
        (npsFlag, csatFlag, buttonFlag) = (Self.npsFlags.base, Self.csatFlags.base, Self.buttonFlags.base)
    }

    /// Flags of each score code (see ``Tally/npsFlags``), at stable addresses for the row loop.
    static let npsFlags = Column(Tally.npsFlags)
    static let csatFlags = Column(Tally.csatFlags)
    static let buttonFlags = Column(Tally.buttonFlags)

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

/// The row loop: every row without a filter, else the rows that pass it, listed a block at a time (``RowSelection``)
/// and then counted; rows that fail it cost one test and one store.
@inline(never)
func scanSelectedRows<Key: CellKey, Test: RowTest, Counter: RowCounter>(
    _ rows: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, into counters: UnsafeMutablePointer<UInt32>
) {
    RowSelection.forEachRow(of: rows, passing: test) { row in
        counter.count(row, into: counters + key.cell(row) &* width)
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
