import Dispatch

/// One fused pass over the columns for a query whose groups fit in a flat array: each row is
/// filtered, given its group cell and counted into that cell's histograms, without materialising
/// row lists. The rows are split across threads, each with counters of its own, merged at the end.
struct DenseScan: Sendable {
    let table: FeedbackTable
    /// The stretches of rows to read (from the zone map), each saying whether times still need testing.
    let runs: [TimeZoneMap.Run]
    let filter: RowMasks
    let keys: [KeySource]
    let measures: TallyMeasures
    let cells: Int

    /// Tallies per cell (cell = Σ key·stride, last dimension fastest).
    func run(_ options: ScanOptions) -> [Tally] {
        let layout = measures.layout
        let width = layout.width
        let total = runs.reduce(0) { $0 + $1.rows.count }
        let parts = max(1, min(options.parallelism, total / options.rowsPerThread))
        let slotsPerPart = cells * width
        let counters = UnsafeMutablePointer<UInt32>.allocate(capacity: slotsPerPart * parts)
        defer { counters.deallocate() }
        counters.initialize(repeating: 0, count: slotsPerPart * parts)
        let shares = Self.split(runs, into: parts)
        let block = CounterBlock(pointer: counters)
        let work: @Sendable (Int) -> Void = { part in
            for run in shares[part] { scan(run, into: block.pointer + part * slotsPerPart) }
        }
        if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        var merged = [Int](repeating: 0, count: slotsPerPart)
        for part in 0..<parts {
            let source = counters + part * slotsPerPart
            for slot in 0..<slotsPerPart { merged[slot] &+= Int(source[slot]) }
        }
        return merged.withUnsafeBufferPointer { merged in
            (0..<cells).map { cell in
                Tally(slots: UnsafeBufferPointer(rebasing: merged[(cell * width)..<((cell + 1) * width)]), layout: layout, measures: measures)
            }
        }
    }

    /// Cuts the runs into `parts` shares of (nearly) equal rows.
    static func split(_ runs: [TimeZoneMap.Run], into parts: Int) -> [[TimeZoneMap.Run]] {
        let total = runs.reduce(0) { $0 + $1.rows.count }
        let share = (total + parts - 1) / max(1, parts)
        var shares = [[TimeZoneMap.Run]](repeating: [], count: parts)
        var part = 0, room = share
        for run in runs {
            var rest = run.rows
            while !rest.isEmpty {
                if room == 0 && part < parts - 1 { part += 1; room = share }
                let taken = part == parts - 1 ? rest.count : min(room, rest.count)
                shares[part].append(TimeZoneMap.Run(rows: rest.lowerBound..<(rest.lowerBound + taken), testTime: run.testTime))
                rest = (rest.lowerBound + taken)..<rest.upperBound
                room -= taken
            }
        }
        return shares
    }

    /// Resolves the query's shape into concrete key, test and counter types, so that the row loops
    /// (``scanSelectedRows``, ``scanPassingRows``) are compiled for it with no per-row decisions
    /// about the query.
    private func scan(_ run: TimeZoneMap.Run, into counters: UnsafeMutablePointer<UInt32>) {
        keys.withCellKey(DenseScanLoop(scan: self, part: run.rows, testTime: run.testTime, counters: counters))
    }

    fileprivate func withTest<Key: CellKey>(_ part: Range<Int>, key: Key, testTime: Bool, _ counters: UnsafeMutablePointer<UInt32>) {
        let filtered = testTime || filter.locations != nil || filter.staff != nil || filter.services != nil
            || filter.channels != nil || filter.kinds != nil || filter.customers != nil
        guard filtered else { return withCounter(part, key: key, test: EveryRow(), selective: false, counters) }
        let test = MaskedRows(
            ts: testTime ? table.ts.base : nil, from: filter.from, to: filter.to,
            location: table.location.base, locationMask: filter.locations?.base,
            staff: table.staffColumn.base, staffMask: filter.staff?.base,
            service: table.service.base, serviceMask: filter.services?.base,
            channel: table.channel.base, channelMask: filter.channels?.base,
            kind: table.kind.base, kindMask: filter.kinds?.base,
            customer: table.customer.base, customerMask: filter.customers?.base)
        withCounter(part, key: key, test: test, selective: filter.isSelective, counters)
    }

    private func withCounter<Key: CellKey, Test: RowTest>(
        _ part: Range<Int>, key: Key, test: Test, selective: Bool, _ counters: UnsafeMutablePointer<UInt32>
    ) {
        let width = measures.layout.width
        switch measures {
        case .nps: loop(part, key: key, test: test, counter: histograms().0, width: width, selective: selective, counters)
        case .csat: loop(part, key: key, test: test, counter: histograms().1, width: width, selective: selective, counters)
        case .ces: loop(part, key: key, test: test, counter: histograms().2, width: width, selective: selective, counters)
        case .all:
            let (n, c, e, b, f) = histograms()
            loop(part, key: key, test: test, counter: BothCounters(first: BothCounters(first: BothCounters(first: n, second: c), second: e),
                second: BothCounters(first: b, second: f)), width: width, selective: selective, counters)
        case [.nps, .csat, .ces, .button]:
            let (n, c, e, b, _) = histograms()
            loop(part, key: key, test: test, counter: BothCounters(first: BothCounters(first: n, second: c), second: BothCounters(first: e, second: b)),
                width: width, selective: selective, counters)
        case [.nps, .button]:
            let (n, _, _, b, _) = histograms()
            loop(part, key: key, test: test, counter: BothCounters(first: n, second: b), width: width, selective: selective, counters)
        case .flags:
            let (_, _, _, _, f) = histograms()
            loop(part, key: key, test: test, counter: f, width: width, selective: selective, counters)
        default:
            let counter = AnyMeasuresCounter(table: table, layout: measures.layout)
            loop(part, key: key, test: test, counter: counter, width: width, selective: selective, counters)
        }
    }

    /// Each code's histogram counter at its place in the layout (meaningful for the codes it counts).
    private func histograms() -> (HistogramCounter<ScoreCode>, HistogramCounter<ScoreCode>, HistogramCounter<ScoreCode>,
                                  HistogramCounter<PressCode>, HistogramCounter<FlagCode>) {
        let layout = measures.layout
        func offset(_ code: HistogramLayout.Code) -> Int { layout.offset[code.rawValue] }
        return (HistogramCounter(source: ScoreCode(scores: table.nps.base), offset: offset(.nps)),
                HistogramCounter(source: ScoreCode(scores: table.csat.base), offset: offset(.csat)),
                HistogramCounter(source: ScoreCode(scores: table.ces.base), offset: offset(.ces)),
                HistogramCounter(source: PressCode(presses: table.button.base), offset: offset(.button)),
                HistogramCounter(source: FlagCode(table: table), offset: offset(.flags)))
    }

    private func loop<Key: CellKey, Test: RowTest, Counter: RowCounter>(
        _ part: Range<Int>, key: Key, test: Test, counter: Counter, width: Int, selective: Bool, _ counters: UnsafeMutablePointer<UInt32>
    ) {
        if selective {
            scanPassingRows(part, key: key, test: test, counter: counter, width: width, into: counters)
        } else {
            scanSelectedRows(part, key: key, test: test, counter: counter, width: width, into: counters)
        }
    }
}

/// The row loops of ``DenseScan`` for one stretch of rows, run once its key's type is known.
private struct DenseScanLoop: CellKeyBody {
    let scan: DenseScan
    let part: Range<Int>
    let testTime: Bool
    let counters: UnsafeMutablePointer<UInt32>

    @inline(__always) func callAsFunction<Key: CellKey>(_ key: Key) {
        scan.withTest(part, key: key, testTime: testTime, counters)
    }
}

/// The scan's counters, shared by the threads of one scan: each writes only its own part's slots.
private struct CounterBlock: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt32>
}

/// A query's filters as masks over codes, for the row loop: ids are shifted by one so that
/// "no value" (−1) reads mask[0], which is false.
struct RowMasks: Sendable {
    var from: Int64
    var to: Int64
    var locations: Column<UInt8>?
    var staff: Column<UInt8>?
    var services: Column<UInt8>?
    var channels: Column<UInt8>?
    var kinds: Column<UInt8>?
    var customers: Column<UInt8>?
    /// Whether the code masks let through less than a tenth of the codes they cover (an estimate of
    /// the rows kept that assumes codes equally frequent): then skipping rows beats counting them with weight 0.
    var isSelective: Bool

    init(_ filter: CompiledFilter) {
        from = filter.from
        to = filter.to
        func bytes(_ mask: [Bool]) -> Column<UInt8> { Column(mask.map { $0 ? 1 : 0 }) }
        func shifted(_ mask: [Bool]?) -> Column<UInt8>? { mask.map { bytes([false] + $0) } }
        locations = shifted(filter.locations)
        staff = shifted(filter.staff)
        services = shifted(filter.services)
        channels = filter.channels.map(bytes)
        kinds = filter.kinds.map(bytes)
        customers = shifted(filter.customers)
        let kept = [filter.locations, filter.staff, filter.services, filter.channels, filter.kinds, filter.customers].compactMap { $0 }
            .reduce(1.0) { share, mask in share * Double(mask.filter { $0 }.count) / Double(max(1, mask.count)) }
        isSelective = kept < 0.1
    }
}
