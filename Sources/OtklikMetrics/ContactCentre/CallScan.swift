import Dispatch
import Foundation
import OtklikCore

/// One KPI over the contact columns: the query's filters resolved to masks over codes, its dimensions to
/// small integer keys, then one fused pass (split across threads) that counts each row into its cell's
/// histogram. Key spaces too large for flat arrays fall back to a hash map of the cells that occur.
struct CallScan: Sendable {
    let table: CallTable
    let metric: CallMetric
    let query: ProcessQuery
    let keys: [CallKey]
    let masks: CallMasks

    init(table: CallTable, metric: CallMetric, query: ProcessQuery, regionOfLocation: [String: String]) {
        self.table = table
        self.metric = metric
        self.query = query
        keys = query.dimensions.map { CallKey($0, table: table, regionOfLocation: regionOfLocation) }
        masks = CallMasks(query, table: table, regionOfLocation: regionOfLocation)
    }

    /// The largest flat histogram array (cells × codes) a scan allocates per thread.
    static let maximumDenseSlots = 4_000_000

    /// The tallies of the groups that occur (keyed by their labels) and of every admitted contact.
    func run(_ options: ScanOptions) -> (groups: [[String]: CallTally], overall: CallTally) {
        switch metric.kind {
        case .sl, .abandonment:
            let (threshold, shortLimit) = (metric.threshold, metric.shortAbandon)
            switch table.wait.width {
            case .float(let wait): return run(ServiceLevelMeasure(flags: table.flags.base, wait: wait, threshold: threshold, shortLimit: shortLimit), options)
            case .double(let wait): return run(ServiceLevelMeasure(flags: table.flags.base, wait: wait, threshold: threshold, shortLimit: shortLimit), options)
            }
        case .asa:
            switch table.wait.width {
            case .float(let wait): return run(WaitMeasure(flags: table.flags.base, wait: wait), options)
            case .double(let wait): return run(WaitMeasure(flags: table.flags.base, wait: wait), options)
            }
        case .aht:
            switch table.handle.width {
            case .float(let handle): return run(HandleMeasure(flags: table.flags.base, handle: handle), options)
            case .double(let handle): return run(HandleMeasure(flags: table.flags.base, handle: handle), options)
            }
        case .transfer:
            return run(TransferMeasure(flags: table.flags.base), options)
        case .fcr:
            let window = Int32(clamping: metric.fcrDays * 86_400)
            return run(RepeatMeasure(flags: table.flags.base, gap: table.repeatGap.base, window: window), options)
        }
    }

    private func run<Measure: CallMeasure>(_ measure: Measure, _ options: ScanOptions) -> (groups: [[String]: CallTally], overall: CallTally) {
        defer { withExtendedLifetime(self) {} }
        let cells = keys.reduce(1) { $0 * $1.count }
        let cellTallies: [(cell: Int, tally: CallTally)]
        if masks.isEmpty || table.count == 0 {
            cellTallies = []
        } else if keys.isEmpty {
            cellTallies = [(0, ungrouped(measure, options))]
        } else if cells <= options.denseLimit && cells * Measure.width <= Self.maximumDenseSlots {
            cellTallies = dense(measure, cells: cells, options)
        } else {
            cellTallies = sparse(measure)
        }
        var overall = CallTally()
        var groups: [[String]: CallTally] = [:]
        let stride = keys.count == 2 ? keys[1].count : 1
        for (cell, tally) in cellTallies {
            overall.merge(tally)
            guard !keys.isEmpty else { continue }
            let label = keys.count == 1 ? [keys[0].labels[cell]] : [keys[0].labels[cell / stride], keys[1].labels[cell % stride]]
            groups[label, default: CallTally()].merge(tally)
        }
        return (groups, overall)
    }

    /// No dimension: each thread's rows tallied in local variables (``CallMeasure/tally(_:test:)``), merged in
    /// row order.
    private func ungrouped<Measure: CallMeasure>(_ measure: Measure, _ options: ScanOptions) -> CallTally {
        let rows = table.count
        let parts = max(1, min(options.parallelism, rows / options.rowsPerThread))
        let share = (rows + parts - 1) / parts
        let tallies = UnsafeMutablePointer<CallTally>.allocate(capacity: parts)
        defer { tallies.deinitialize(count: parts); tallies.deallocate() }
        tallies.initialize(repeating: CallTally(), count: parts)
        let block = CallTallyBlock(tallies: tallies, measure: measure)
        let work: @Sendable (Int) -> Void = { [self] part in
            let range = (part * share)..<min(rows, (part + 1) * share)
            let tally = masks.filters ? block.measure.tally(range, test: masks.test(table)) : block.measure.tally(range, test: EveryRow())
            block.tallies[part] = tally
        }
        if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        var overall = CallTally()
        for part in 0..<parts { overall.merge(tallies[part]) }
        return overall
    }

    /// Flat histograms per thread, merged; the cells with at least one contact (IVR-only ones included, as
    /// the reference makes a group for any contact it sees).
    private func dense<Measure: CallMeasure>(_ measure: Measure, cells: Int, _ options: ScanOptions) -> [(cell: Int, tally: CallTally)] {
        let width = Measure.width
        let rows = table.count
        let parts = max(1, min(options.parallelism, rows / options.rowsPerThread))
        let countsPerPart = cells * width, sumsPerPart = cells * 2
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: countsPerPart * parts)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: sumsPerPart * parts)
        defer { counts.deallocate(); sums.deallocate() }
        counts.initialize(repeating: 0, count: countsPerPart * parts)
        sums.initialize(repeating: 0, count: sumsPerPart * parts)
        let block = CallCounterBlock(counts: counts, sums: sums, measure: measure)
        let share = (rows + parts - 1) / parts
        let work: @Sendable (Int) -> Void = { [self] part in
            let range = (part * share)..<min(rows, (part + 1) * share)
            scan(range, measure: block.measure, counts: block.counts + part * countsPerPart, sums: block.sums + part * sumsPerPart)
        }
        if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        var result: [(cell: Int, tally: CallTally)] = []
        for cell in 0..<cells {
            var tally = CallTally()
            var seen = 0
            for code in 0..<width {
                var n = 0
                for part in 0..<parts { n += Int(counts[part * countsPerPart + cell * width + code]) }
                seen += n
                if n > 0 { Measure.fold(code: code, count: n, into: &tally) }
            }
            guard seen > 0 else { continue }
            if Measure.valued {
                var (sum, squares) = (0.0, 0.0)
                for part in 0..<parts {
                    sum += sums[part * sumsPerPart + cell * 2]
                    squares += sums[part * sumsPerPart + cell * 2 + 1]
                }
                Measure.fold(sum: sum, squares: squares, into: &tally)
            }
            result.append((cell, tally))
        }
        return result
    }

    /// A hash map of the cells that occur, single-threaded: for key spaces too large for flat arrays.
    private func sparse<Measure: CallMeasure>(_ measure: Measure) -> [(cell: Int, tally: CallTally)] {
        var index: [Int: Int] = [:]
        var cellIds: [Int] = []
        var counts: [Int] = []
        var sums: [Double] = []
        let width = Measure.width
        let stride = keys.count == 2 ? keys[1].count : 1
        let test = masks.test(table)
        let first = keys[0], second = keys.count == 2 ? keys[1] : nil
        for row in 0..<table.count where test.weight(row) != 0 {
            let cell = first.index(row) * stride + (second?.index(row) ?? 0)
            let slot: Int
            if let known = index[cell] {
                slot = known
            } else {
                slot = cellIds.count
                index[cell] = slot
                cellIds.append(cell)
                counts.append(contentsOf: repeatElement(0, count: width))
                sums.append(contentsOf: [0, 0])
            }
            counts[slot * width + measure.code(row)] += 1
            if Measure.valued {
                let v = measure.value(row)
                sums[slot * 2] += v
                sums[slot * 2 + 1] += v * v
            }
        }
        return cellIds.enumerated().map { slot, cell in
            var tally = CallTally()
            for code in 0..<width where counts[slot * width + code] > 0 {
                Measure.fold(code: code, count: counts[slot * width + code], into: &tally)
            }
            if Measure.valued { Measure.fold(sum: sums[slot * 2], squares: sums[slot * 2 + 1], into: &tally) }
            return (cell, tally)
        }
    }

    /// Resolves the key shape (``Swift/Array/withCellKey(_:)``) and the filter into concrete types, so that ``scanCalls``
    /// is compiled for them.
    private func scan<Measure: CallMeasure>(
        _ rows: Range<Int>, measure: Measure, counts: UnsafeMutablePointer<UInt32>, sums: UnsafeMutablePointer<Double>
    ) {
        keys.withCellKey(CallScanLoop(rows: rows, test: masks.filters ? masks.test(table) : nil, measure: measure, counts: counts, sums: sums))
    }
}

/// The grouped row loop of a contact scan for one part of the rows, run once its key's type is known.
private struct CallScanLoop<Measure: CallMeasure>: CellKeyBody {
    let rows: Range<Int>
    /// nil when nothing is filtered.
    let test: CallRowMask?
    let measure: Measure
    let counts: UnsafeMutablePointer<UInt32>, sums: UnsafeMutablePointer<Double>

    @inline(__always) func callAsFunction<Key: CellKey>(_ key: Key) {
        if let test {
            scanCalls(rows, key: key, test: test, measure: measure, counts: counts, sums: sums)
        } else {
            scanCalls(rows, key: key, test: EveryRow(), measure: measure, counts: counts, sums: sums)
        }
    }
}

/// The per-thread tallies of an ungrouped scan and the measure's column pointers, shared as ``CallCounterBlock`` is.
private struct CallTallyBlock<Measure>: @unchecked Sendable {
    let tallies: UnsafeMutablePointer<CallTally>
    let measure: Measure
}

/// The scan's counters and the measure's column pointers, shared by its threads: each writes only its own
/// part's slots, and the columns are not changed while the scan holds the table.
private struct CallCounterBlock<Measure>: @unchecked Sendable {
    let counts: UnsafeMutablePointer<UInt32>
    let sums: UnsafeMutablePointer<Double>
    let measure: Measure
}
