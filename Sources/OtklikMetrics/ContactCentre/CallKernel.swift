/// The parts of the contact scan's row loop as small value types, so that the loop is compiled once for
/// each KPI, key and filter shape with no per-row decisions left but the data's own (as ``DenseScan`` does
/// for feedback). A row adds one to its cell's histogram at the code its measure gives it; the mean KPIs
/// also add the row's value and its square.

/// What one KPI counts of a contact: a small code (bits 0-1 always the outcome) and, for the means, a value.
protocol CallMeasure {
    /// Codes are in `0..<width`.
    static var width: Int { get }
    /// Whether ``value(_:)`` is summed.
    static var valued: Bool { get }
    func code(_ row: Int) -> Int
    /// The value summed (0 for a row the mean does not count).
    func value(_ row: Int) -> Double
    /// Adds `count` contacts with `code` to a tally.
    static func fold(code: Int, count: Int, into tally: inout CallTally)
    /// Adds the sums of the values and of their squares to a tally.
    static func fold(sum: Double, squares: Double, into tally: inout CallTally)
    /// The ungrouped scan of `rows`: the tally of those passing `test`, counted in local variables (registers)
    /// rather than a histogram in memory.
    func tally<Test: RowTest>(_ rows: Range<Int>, test: Test) -> CallTally
}

extension CallMeasure {
    static var valued: Bool { false }
    func value(_ row: Int) -> Double { 0 }
    static func fold(sum: Double, squares: Double, into tally: inout CallTally) {}

    /// The ungrouped scan through the histogram, in four lanes by row so that consecutive rows do not wait on
    /// each other's increment of the same counter (for the KPIs without a tally of their own).
    func tally<Test: RowTest>(_ rows: Range<Int>, test: Test) -> CallTally {
        let width = Self.width
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * width) { counts in
            counts.initialize(repeating: 0)
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { sums in
                sums.initialize(repeating: 0)
                scanCalls(rows, key: LaneCell(), test: test, measure: self, counts: counts.baseAddress!, sums: sums.baseAddress!)
                var tally = CallTally()
                for code in 0..<width {
                    let n = (0..<4).reduce(0) { $0 + Int(counts[$1 * width + code]) }
                    if n > 0 { Self.fold(code: code, count: n, into: &tally) }
                }
                if Self.valued {
                    Self.fold(sum: (0..<4).reduce(0.0) { $0 + sums[$1 * 2] }, squares: (0..<4).reduce(0.0) { $0 + sums[$1 * 2 + 1] }, into: &tally)
                }
                return tally
            }
        }
    }

    /// The counts every KPI shares: offered, answered, abandoned (IVR-only contacts are not offered).
    @inline(__always)
    static func foldOutcome(code: Int, count: Int, into tally: inout CallTally) -> UInt8 {
        let outcome = UInt8(code & 3)
        switch outcome {
        case CallTable.Flags.answered: tally.offered += count; tally.answered += count
        case CallTable.Flags.abandoned: tally.offered += count; tally.abandoned += count
        default: break
        }
        return outcome
    }
}

/// Service level and abandonment: outcome, wait ≤ T (bit 2), wait ≤ the short-abandon limit (bit 3). The limits
/// are held at the column's width (``StoredSeconds/atMost(_:)``), so a comparison reads 4 bytes a row for a
/// column of floats and answers as the comparison in `Double` would.
struct ServiceLevelMeasure<Seconds: StoredSeconds>: CallMeasure {
    let flags: UnsafePointer<UInt8>, wait: UnsafePointer<Seconds>
    let threshold: Seconds, shortLimit: Seconds
    static var width: Int { 16 }

    init(flags: UnsafePointer<UInt8>, wait: UnsafePointer<Seconds>, threshold: Double, shortLimit: Double) {
        self.flags = flags
        self.wait = wait
        self.threshold = Seconds.atMost(threshold)
        self.shortLimit = Seconds.atMost(shortLimit)
    }

    @inline(__always) func code(_ row: Int) -> Int {
        let w = wait[row]
        return Int(flags[row] & 3) | (w <= threshold ? 4 : 0) | (w <= shortLimit ? 8 : 0)
    }

    static func fold(code: Int, count: Int, into tally: inout CallTally) {
        switch foldOutcome(code: code, count: count, into: &tally) {
        case CallTable.Flags.answered:
            if code & 4 != 0 { tally.answeredWithin += count }
        case CallTable.Flags.abandoned:
            if code & 4 != 0 { tally.abandonedWithin += count }
            if code & 8 != 0 { tally.shortAbandoned += count }
        default: break
        }
    }

    func tally<Test: RowTest>(_ rows: Range<Int>, test: Test) -> CallTally {
        var answered = 0, abandoned = 0, answeredWithin = 0, abandonedWithin = 0, shortAbandoned = 0
        for row in rows {
            let keep = Int(test.weight(row))
            let outcome = flags[row] & 3, w = wait[row]
            let isAnswered = keep & (outcome == CallTable.Flags.answered ? 1 : 0)
            let isAbandoned = keep & (outcome == CallTable.Flags.abandoned ? 1 : 0)
            let within = w <= threshold ? 1 : 0
            answered &+= isAnswered
            abandoned &+= isAbandoned
            answeredWithin &+= isAnswered & within
            abandonedWithin &+= isAbandoned & within
            shortAbandoned &+= isAbandoned & (w <= shortLimit ? 1 : 0)
        }
        var tally = CallTally()
        tally.offered = answered + abandoned
        tally.answered = answered; tally.answeredWithin = answeredWithin
        tally.abandoned = abandoned; tally.abandonedWithin = abandonedWithin; tally.shortAbandoned = shortAbandoned
        return tally
    }
}

/// ASA: the queue wait of answered contacts.
struct WaitMeasure<Seconds: StoredSeconds>: CallMeasure {
    let flags: UnsafePointer<UInt8>, wait: UnsafePointer<Seconds>
    static var width: Int { 4 }
    static var valued: Bool { true }

    @inline(__always) func code(_ row: Int) -> Int { Int(flags[row] & 3) }
    /// The wait times 1 or 0 rather than a choice between the wait and 0, which the compiler turns into a branch
    /// around the load (mispredicted on every answered contact that follows one that was not). Waits are finite (a
    /// missing one is 0; imports accept 0 to 90 days), so the product is the wait or 0.
    @inline(__always) func value(_ row: Int) -> Double { wait[row].seconds * Double(Self.answered(flags[row])) }

    /// 1 for an answered contact's flags, else 0, by bit operations (outcome 1 is answered, 0 and 2 are not): no
    /// comparison for the compiler to turn into a branch.
    @inline(__always) static func answered(_ flags: UInt8) -> Int { Int(flags & ~(flags >> 1) & 1) }

    static func fold(code: Int, count: Int, into tally: inout CallTally) {
        _ = foldOutcome(code: code, count: count, into: &tally)
    }

    static func fold(sum: Double, squares: Double, into tally: inout CallTally) {
        tally.waitSum += sum
        tally.waitSumOfSquares += squares
    }

    func tally<Test: RowTest>(_ rows: Range<Int>, test: Test) -> CallTally {
        var answered = 0, abandoned = 0
        let (sum, squares) = sumsInLanes(rows) { row in
            let keep = Int(test.weight(row))
            let outcome = flags[row] & 3
            let isAnswered = keep & Self.answered(outcome)
            answered &+= isAnswered
            abandoned &+= keep & (outcome == CallTable.Flags.abandoned ? 1 : 0)
            return wait[row].seconds * Double(isAnswered)  // as in value(_:): no branch
        }
        var tally = CallTally()
        tally.offered = answered + abandoned
        tally.answered = answered; tally.abandoned = abandoned
        tally.waitSum = sum; tally.waitSumOfSquares = squares
        return tally
    }
}

/// AHT: the handle time of answered contacts that have one (bit 2: handled).
struct HandleMeasure<Seconds: StoredSeconds>: CallMeasure {
    let flags: UnsafePointer<UInt8>, handle: UnsafePointer<Seconds>
    static var width: Int { 8 }
    static var valued: Bool { true }

    @inline(__always) func code(_ row: Int) -> Int { Int(flags[row] & 3) | (handle[row].isNaN ? 0 : 4) }
    /// The handle time, 0 when none (NaN) — written as "the larger of it and 0", which compiles to one `maxsd` (0 when
    /// the time is NaN) where "NaN ? 0 : h" compiled to a branch, mispredicted on the third of the rows without one
    /// (`perf annotate` of AHT by agent at 10 M calls). Handle times are 0 or more (imports refuse negative ones).
    @inline(__always) func value(_ row: Int) -> Double {
        let h = handle[row].seconds
        return h > 0 ? h : 0
    }

    static func fold(code: Int, count: Int, into tally: inout CallTally) {
        _ = foldOutcome(code: code, count: count, into: &tally)
        if code & 4 != 0 { tally.handled += count }
    }

    static func fold(sum: Double, squares: Double, into tally: inout CallTally) {
        tally.handleSum += sum
        tally.handleSumOfSquares += squares
    }

    func tally<Test: RowTest>(_ rows: Range<Int>, test: Test) -> CallTally {
        var answered = 0, abandoned = 0, handled = 0
        let (sum, squares) = sumsInLanes(rows) { row in
            let keep = Int(test.weight(row))
            let outcome = flags[row] & 3, h = handle[row]
            answered &+= keep & (outcome == CallTable.Flags.answered ? 1 : 0)
            abandoned &+= keep & (outcome == CallTable.Flags.abandoned ? 1 : 0)
            let counted = keep != 0 && !h.isNaN
            handled &+= counted ? 1 : 0
            return counted ? h.seconds : 0
        }
        var tally = CallTally()
        tally.offered = answered + abandoned
        tally.answered = answered; tally.abandoned = abandoned
        tally.handled = handled; tally.handleSum = sum; tally.handleSumOfSquares = squares
        return tally
    }
}

/// Transfer rate: outcome and the transferred bit (bit 2), counted for answered contacts.
struct TransferMeasure: CallMeasure {
    let flags: UnsafePointer<UInt8>
    static var width: Int { 8 }

    @inline(__always) func code(_ row: Int) -> Int { Int(flags[row] & 7) }

    static func fold(code: Int, count: Int, into tally: inout CallTally) {
        if foldOutcome(code: code, count: count, into: &tally) == CallTable.Flags.answered && code & 4 != 0 { tally.transferred += count }
    }
}

/// FCR: outcome, anonymous (bit 2), followed by the same customer on the same topic within the window (bit 3).
struct RepeatMeasure: CallMeasure {
    let flags: UnsafePointer<UInt8>, gap: UnsafePointer<Int32>
    /// The window in whole seconds.
    let window: Int32
    static var width: Int { 16 }

    @inline(__always) func code(_ row: Int) -> Int {
        let f = flags[row]
        return Int(f & 3) | (f & CallTable.Flags.anonymous != 0 ? 4 : 0) | (gap[row] <= window ? 8 : 0)
    }

    static func fold(code: Int, count: Int, into tally: inout CallTally) {
        guard foldOutcome(code: code, count: count, into: &tally) == CallTable.Flags.answered else { return }
        if code & 4 != 0 {
            tally.anonymousAnswered += count
        } else {
            tally.fcrEligible += count
            if code & 8 == 0 { tally.fcrResolved += count }
        }
    }
}

/// Ungrouped scans count into four lanes by row (merged afterwards), so that consecutive rows do not wait
/// on each other's increment of the same counter.
struct LaneCell: CellKey {
    @inline(__always) func cell(_ row: Int) -> Int { row & 3 }
}

/// The sums of `value` over `rows` and of its square, four rows at a time in the lanes of a vector: in one
/// accumulator each row's addition would wait for the one before it (a double addition takes four cycles), which
/// bounds the ungrouped ASA and AHT scans. `value` is called once for each row, in order (it may count the row too).
/// The lanes are added at the end, so a sum can differ from the one in row order in its last bits (not for whole
/// seconds, which add exactly).
@inline(__always)
func sumsInLanes(_ rows: Range<Int>, _ value: (Int) -> Double) -> (sum: Double, squares: Double) {
    var sums = SIMD4<Double>(repeating: 0), squares = SIMD4<Double>(repeating: 0)
    var row = rows.lowerBound
    while row &+ 4 <= rows.upperBound {
        let v = SIMD4(value(row), value(row &+ 1), value(row &+ 2), value(row &+ 3))
        sums += v
        squares += v * v
        row &+= 4
    }
    var (sum, square) = (sums.sum(), squares.sum())
    while row < rows.upperBound {
        let v = value(row)
        sum += v
        square += v * v
        row &+= 1
    }
    return (sum, square)
}

/// The row loop, specialised for each key, test and measure: every row when nothing is filtered, else only the
/// rows that pass the filter, listed a block at a time (``RowSelection``) and then counted, so rows that fail it
/// cost one test and one store and touch no counter.
@inline(never)
func scanCalls<Key: CellKey, Test: RowTest, Measure: CallMeasure>(
    _ rows: Range<Int>, key: Key, test: Test, measure: Measure,
    counts: UnsafeMutablePointer<UInt32>, sums: UnsafeMutablePointer<Double>
) {
    let width = Measure.width
    RowSelection.forEachRow(of: rows, passing: test) { row in
        let cell = key.cell(row)
        counts[cell &* width &+ measure.code(row)] &+= 1
        if Measure.valued {
            let v = measure.value(row)
            sums[cell &* 2] += v
            sums[cell &* 2 &+ 1] += v * v
        }
    }
}
