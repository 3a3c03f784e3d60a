/// Per-day counts of one dimension's codes, kept up to date as rows are appended: the histograms a
/// dense scan would count (``HistogramLayout``), one set per (local day, code). A query that asks
/// only for whole local days, filters and groups only by that dimension or by time and needs only
/// the measures counted here is answered by summing days × codes instead of reading rows — a year
/// of 200 locations is 73,000 cells whatever the number of records.
///
/// Memory grows with days × codes, not with records: 4 bytes per histogram slot (``bytes``).
struct DayRollup: Sendable {
    /// One of location, staff, service, channel, kind.
    let dimension: GroupDimension
    let measures: TallyMeasures
    let layout: HistogramLayout
    /// Slot of a code = its id + `bias` (dictionary ids start at −1 for "none"; enumerations at 0).
    let bias: Int
    private(set) var firstDay: Int32 = 0
    private(set) var dayCount = 0
    /// Code slots per day.
    private(set) var codeCount = 0
    /// [day][code][histogram slot]; counts fit 32 bits (a code's records on one day).
    private(set) var slots: [UInt32] = []

    init(dimension: GroupDimension, measures: TallyMeasures) {
        precondition([.location, .staff, .service, .channel, .kind].contains(dimension), "no day rollup by \(dimension)")
        self.dimension = dimension
        self.measures = measures
        layout = HistogramLayout(measures)
        bias = dimension == .channel || dimension == .kind ? 0 : 1
    }

    var bytes: Int { slots.capacity * MemoryLayout<UInt32>.stride }

    /// Counts one row: its code id for the dimension, its local day and its scores (as the columns hold them).
    @inline(__always)
    mutating func add(id: Int32, day: Int32, nps: Int8, csat: Int8, ces: Int8, button: UInt8) {
        let code = Int(id) + bias
        if code >= codeCount || dayCount == 0 || day < firstDay || Int(day - firstDay) >= dayCount {
            grow(toHold: code, day: day)
        }
        let base = ((Int(day - firstDay) * codeCount) + code) * layout.width
        slots.withUnsafeMutableBufferPointer { slots in
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

    /// Re-lays the counters so that `code` and `day` fit, with room to spare (doubling codes, a month of days).
    private mutating func grow(toHold code: Int, day: Int32) {
        let newCodes = code >= codeCount ? max(code + 1, codeCount * 2, 8) : codeCount
        let low = dayCount == 0 ? day : min(firstDay, day)
        let oldHigh = dayCount == 0 ? day : firstDay + Int32(dayCount) - 1
        var high = max(oldHigh, day)
        if day > oldHigh || dayCount == 0 { high = day + 31 }
        let newFirst = day < firstDay && dayCount > 0 ? low - 31 : low
        let newDays = Int(high - newFirst) + 1
        let width = layout.width
        var fresh = [UInt32](repeating: 0, count: newDays * newCodes * width)
        for dayIndex in 0..<dayCount {
            let target = Int(firstDay - newFirst) + dayIndex
            for codeIndex in 0..<codeCount {
                let from = (dayIndex * codeCount + codeIndex) * width
                let to = (target * newCodes + codeIndex) * width
                for slot in 0..<width { fresh[to + slot] = slots[from + slot] }
            }
        }
        slots = fresh
        firstDay = newFirst
        dayCount = newDays
        codeCount = newCodes
    }

    /// The days held, or nil before the first row.
    var days: ClosedRange<Int32>? {
        dayCount == 0 ? nil : firstDay...(firstDay + Int32(dayCount) - 1)
    }

    /// Adds the counters of every (day, code) in `days` × `codes` into `cells`, at `width` slots per
    /// cell; `cell(day, code)` names the cell (−1 to skip).
    func sum(days: ClosedRange<Int32>, codes: [Int], into cells: inout [Int], cell: (Int32, Int) -> Int) {
        guard let held = self.days, days.overlaps(held) else { return }
        let width = layout.width
        let range = max(days.lowerBound, held.lowerBound)...min(days.upperBound, held.upperBound)
        slots.withUnsafeBufferPointer { slots in
            cells.withUnsafeMutableBufferPointer { cells in
                for day in range {
                    let dayBase = Int(day - firstDay) * codeCount
                    for code in codes where code < codeCount {
                        let target = cell(day, code)
                        guard target >= 0 else { continue }
                        let from = (dayBase + code) * width, to = target * width
                        for slot in 0..<width { cells[to + slot] &+= Int(slots[from + slot]) }
                    }
                }
            }
        }
    }
}
