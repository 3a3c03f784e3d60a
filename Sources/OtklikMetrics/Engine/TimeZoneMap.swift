/// The earliest and latest time in each block of 65,536 rows (a zone map). A time range then skips
/// blocks wholly outside it and tests times only in blocks that straddle its ends, whatever order
/// records arrive in: a device that comes back online with last week's presses only widens the
/// blocks it lands in.
struct TimeZoneMap: Sendable {
    static let blockShift = 16
    static var blockSize: Int { 1 << blockShift }

    private(set) var minimum: [Int64] = []
    private(set) var maximum: [Int64] = []

    /// Records the time of row `row` (rows are appended in order).
    mutating func note(_ time: Int64, row: Int) {
        let block = row >> Self.blockShift
        if block == minimum.count {
            minimum.append(time)
            maximum.append(time)
        } else {
            minimum[block] = min(minimum[block], time)
            maximum[block] = max(maximum[block], time)
        }
    }

    /// The earliest and latest time held, nil when empty.
    var span: ClosedRange<Int64>? {
        guard let low = minimum.min(), let high = maximum.max() else { return nil }
        return low...high
    }

    /// A stretch of rows to scan and whether its rows still need the time test.
    struct Run: Sendable, Equatable {
        var rows: Range<Int>
        var testTime: Bool
    }

    /// The runs of `rows` that may hold times in [from, to), adjacent runs of the same kind merged.
    func runs(from: Int64, to: Int64, within rows: Range<Int>) -> [Run] {
        guard !rows.isEmpty else { return [] }
        guard from != .min || to != .max else { return [Run(rows: rows, testTime: false)] }
        var runs: [Run] = []
        for block in (rows.lowerBound >> Self.blockShift)...((rows.upperBound - 1) >> Self.blockShift) {
            if maximum[block] < from || minimum[block] >= to { continue }
            let piece = max(rows.lowerBound, block << Self.blockShift)..<min(rows.upperBound, (block + 1) << Self.blockShift)
            let inside = minimum[block] >= from && maximum[block] < to
            if let last = runs.last, last.rows.upperBound == piece.lowerBound, last.testTime == !inside {
                runs[runs.count - 1].rows = last.rows.lowerBound..<piece.upperBound
            } else {
                runs.append(Run(rows: piece, testTime: !inside))
            }
        }
        return runs
    }
}
