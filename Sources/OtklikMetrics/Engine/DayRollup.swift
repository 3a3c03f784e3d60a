/// Per-day counts of one dimension's codes, kept up to date as rows are appended: the histograms a
/// dense scan would count (``HistogramLayout``), one set per (local day, code). A query that asks
/// only for whole local days, filters and groups only by that dimension or by time and needs only
/// the measures counted here is answered by summing days × codes instead of reading rows — a year
/// of 200 locations is 73,000 cells whatever the number of records.
///
/// Days are held sparsely: a block of codes × histogram per day that has rows (each its own array, so a new
/// day never re-allocates the others), in the order days first appear, found through an index. Memory grows with
/// the days that hold data × codes (4 bytes per slot, ``bytes``), never with the time span: one record dated 2000
/// beside this year's adds one day's block, not 25 years of empty ones.
struct DayRollup: Sendable {
    /// One of location, staff, service, channel, kind.
    let dimension: GroupDimension
    let measures: TallyMeasures
    let layout: HistogramLayout
    /// Slot of a code = its id + `bias` (dictionary ids start at −1 for "none"; enumerations at 0).
    let bias: Int
    /// Code slots per day.
    private(set) var codeCount = 0
    /// The block of each day that has rows.
    private var blockOfDay: [Int32: Int] = [:]
    /// The day of each block, in the order blocks were added.
    private var dayOfBlock: [Int32] = []
    /// [block][code × histogram slot]; counts fit 32 bits (a code's records on one day).
    private(set) var blocks: [[UInt32]] = []
    /// The last day looked up and its block: rows mostly arrive day by day.
    private var lastDay: Int32 = .min
    private var lastBlock = 0
    /// The earliest and latest day with rows.
    private(set) var days: ClosedRange<Int32>?

    init(dimension: GroupDimension, measures: TallyMeasures) {
        precondition([.location, .staff, .service, .channel, .kind].contains(dimension), "no day rollup by \(dimension)")
        self.dimension = dimension
        self.measures = measures
        layout = HistogramLayout(measures)
        bias = dimension == .channel || dimension == .kind ? 0 : 1
    }

    var bytes: Int {
        blocks.reduce(0) { $0 + $1.capacity * MemoryLayout<UInt32>.stride } + blocks.capacity * MemoryLayout<[UInt32]>.stride
            + dayOfBlock.capacity * MemoryLayout<Int32>.stride
            + blockOfDay.capacity * (MemoryLayout<Int32>.stride + MemoryLayout<Int>.stride + 1)
    }

    /// Counts one row: its code id for the dimension, its local day and its scores (as the columns hold them).
    @inline(__always)
    mutating func add(id: Int32, day: Int32, nps: Int8, csat: Int8, ces: Int8, button: UInt8) {
        let code = Int(id) + bias
        if code >= codeCount { growCodes(toHold: code) }
        let block = self.block(of: day)
        let base = code * layout.width
        blocks[block].withUnsafeMutableBufferPointer { slots in
            for kind in layout.counted {
                let offset = base + layout.offset[kind.rawValue]
                switch kind {
                case .nps: slots[offset + Int(nps) + 1] &+= 1
                case .csat: slots[offset + Int(csat) + 1] &+= 1
                case .ces: slots[offset + Int(ces) + 1] &+= 1
                case .button: slots[offset + Int(button)] &+= 1
                case .flags:
                    let flags = Tally.npsFlags[Int(nps) + 1] | Tally.csatFlags[Int(csat) + 1] | Tally.buttonFlags[Int(button)]
                    slots[offset + Int(flags)] &+= 1
                }
            }
        }
    }

    /// The block of `day`, added (zeroed) when the day has no rows yet.
    @inline(__always)
    private mutating func block(of day: Int32) -> Int {
        if day == lastDay { return lastBlock }
        let block: Int
        if let found = blockOfDay[day] {
            block = found
        } else {
            block = dayOfBlock.count
            blockOfDay[day] = block
            dayOfBlock.append(day)
            blocks.append([UInt32](repeating: 0, count: codeCount * layout.width))
            days = days.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
        }
        (lastDay, lastBlock) = (day, block)
        return block
    }

    /// Re-lays every day's block so that `code` fits, with room to spare (doubling codes).
    private mutating func growCodes(toHold code: Int) {
        let newCodes = max(code + 1, codeCount * 2, 8)
        let width = layout.width
        for block in blocks.indices {
            // Codes are the outer index within a day: the old counters keep their place, new codes follow.
            blocks[block].reserveCapacity(newCodes * width)
            blocks[block].append(contentsOf: repeatElement(0, count: (newCodes - codeCount) * width))
        }
        codeCount = newCodes
    }

    /// Adds the counters of every (day, code) in `days` × `codes` into `cells`, at `width` slots per
    /// cell; `cell(day, code)` names the cell (−1 to skip).
    func sum(days: ClosedRange<Int32>, codes: [Int], into cells: inout [Int], cell: (Int32, Int) -> Int) {
        guard let held = self.days, days.overlaps(held) else { return }
        let width = layout.width
        cells.withUnsafeMutableBufferPointer { cells in
            for (block, day) in dayOfBlock.enumerated() where days.contains(day) {
                blocks[block].withUnsafeBufferPointer { slots in
                    for code in codes where code < codeCount {
                        let target = cell(day, code)
                        guard target >= 0 else { continue }
                        let from = code * width, to = target * width
                        for slot in 0..<width { cells[to + slot] &+= Int(slots[from + slot]) }
                    }
                }
            }
        }
    }
}
