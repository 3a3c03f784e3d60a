import Dispatch

/// One fused pass over the columns for a query whose groups fit in a flat array: each row is
/// filtered, given its group cell and counted into that cell's histograms, without materialising
/// row lists. The rows are split across threads, each with counters of its own, merged at the end.
struct DenseScan: Sendable {
    let table: FeedbackTable
    let rows: Range<Int>
    let filter: RowMasks
    let keys: [KeySource]
    let measures: TallyMeasures
    let cells: Int

    /// Tallies per cell (cell = Σ key·stride, last dimension fastest).
    func run(_ options: ScanOptions) -> [Tally] {
        let width = measures.layout.width
        let parts = max(1, min(options.parallelism, rows.count / options.rowsPerThread))
        let slotsPerPart = cells * width
        let counters = UnsafeMutablePointer<UInt32>.allocate(capacity: slotsPerPart * parts)
        defer { counters.deallocate() }
        counters.initialize(repeating: 0, count: slotsPerPart * parts)
        let chunk = (rows.count + parts - 1) / parts
        let block = CounterBlock(pointer: counters)
        let work: @Sendable (Int) -> Void = { part in
            let low = rows.lowerBound + part * chunk
            let high = min(rows.upperBound, low + chunk)
            if low < high { scan(low..<high, into: block.pointer + part * slotsPerPart) }
        }
        if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        var merged = [Int](repeating: 0, count: slotsPerPart)
        for part in 0..<parts {
            let source = counters + part * slotsPerPart
            for slot in 0..<slotsPerPart { merged[slot] &+= Int(source[slot]) }
        }
        return merged.withUnsafeBufferPointer { merged in
            (0..<cells).map { cell in
                Tally(slots: UnsafeBufferPointer(rebasing: merged[(cell * width)..<((cell + 1) * width)]), measures: measures)
            }
        }
    }

    /// The row loop. Every loop-invariant decision is hoisted into a local; per-row work is loads,
    /// compares and counter increments.
    private func scan(_ part: Range<Int>, into counters: UnsafeMutablePointer<UInt32>) {
        let layout = measures.layout
        let width = layout.width
        let ts = table.ts.base, location = table.location.base, staff = table.staffColumn.base
        let service = table.service.base, channel = table.channel.base, kind = table.kind.base
        let nps = table.nps.base, csat = table.csat.base, ces = table.ces.base, button = table.button.base
        let (from, to, byTime) = (filter.from, filter.to, filter.byTime)
        let locationMask = filter.locations?.base, staffMask = filter.staff?.base, serviceMask = filter.services?.base
        let channelMask = filter.channels?.base, kindMask = filter.kinds?.base
        let first = keys.first, second = keys.count > 1 ? keys[1] : nil
        let ints0 = first?.ints?.base, bytes0 = first?.bytes?.base, lookup0 = first?.lookup.base, bias0 = first?.bias ?? 0
        let ints1 = second?.ints?.base, bytes1 = second?.bytes?.base, lookup1 = second?.lookup.base, bias1 = second?.bias ?? 0
        let stride0 = second?.count ?? 1
        let (npsAt, csatAt, cesAt, buttonAt, flagsAt) = (layout.nps, layout.csat, layout.ces, layout.button, layout.flags)
        let npsFlags = Column(Tally.npsFlags), csatFlags = Column(Tally.csatFlags), buttonFlags = Column(Tally.buttonFlags)
        let npsFlag = npsFlags.base, csatFlag = csatFlags.base, buttonFlag = buttonFlags.base
        for row in part {
            if byTime {
                let t = ts[row]
                if t < from || t >= to { continue }
            }
            if let locationMask, !locationMask[Int(location[row]) + 1] { continue }
            if let staffMask, !staffMask[Int(staff[row]) + 1] { continue }
            if let serviceMask, !serviceMask[Int(service[row]) + 1] { continue }
            if let channelMask, !channelMask[Int(channel[row])] { continue }
            if let kindMask, !kindMask[Int(kind[row])] { continue }
            var cell = 0
            if let lookup0 {
                let raw = ints0.map { Int($0[row]) } ?? Int(bytes0.unsafelyUnwrapped[row])
                cell = Int(lookup0[raw - bias0]) * stride0
            }
            if let lookup1 {
                let raw = ints1.map { Int($0[row]) } ?? Int(bytes1.unsafelyUnwrapped[row])
                cell += Int(lookup1[raw - bias1])
            }
            let slots = counters + cell * width
            let n = Int(nps[row]) + 1, c = Int(csat[row]) + 1, b = Int(button[row])
            if npsAt >= 0 { slots[npsAt + n] &+= 1 }
            if csatAt >= 0 { slots[csatAt + c] &+= 1 }
            if cesAt >= 0 { slots[cesAt + Int(ces[row]) + 1] &+= 1 }
            if buttonAt >= 0 { slots[buttonAt + b] &+= 1 }
            if flagsAt >= 0 { slots[flagsAt + Int(npsFlag[n] | csatFlag[c] | buttonFlag[b])] &+= 1 }
        }
        withExtendedLifetime((npsFlags, csatFlags, buttonFlags)) {}
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
    /// Whether rows still need the time test (false when the row range already is the time range).
    var byTime: Bool
    var locations: Column<Bool>?
    var staff: Column<Bool>?
    var services: Column<Bool>?
    var channels: Column<Bool>?
    var kinds: Column<Bool>?

    init(_ filter: CompiledFilter, byTime: Bool) {
        from = filter.from
        to = filter.to
        self.byTime = byTime
        func shifted(_ mask: [Bool]?) -> Column<Bool>? { mask.map { Column([false] + $0) } }
        locations = shifted(filter.locations)
        staff = shifted(filter.staff)
        services = shifted(filter.services)
        channels = filter.channels.map(Column.init)
        kinds = filter.kinds.map(Column.init)
    }
}
