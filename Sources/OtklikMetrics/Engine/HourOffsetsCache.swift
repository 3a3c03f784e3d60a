import Foundation

/// The ``HourOffsets`` of one time zone, kept between reports: made for the hours first asked for, extended (only the
/// new hours looked up) when a report asks for hours outside them. A zone's offsets never change, so what is kept is
/// never stale; safe to share across threads (a lock around the table).
final class HourOffsetsCache: @unchecked Sendable {
    let timeZone: TimeZone
    private let lock = NSLock()
    private var table = HourOffsets(firstHour: 0, offsets: [])

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The offsets of at least the hours `range`.
    func offsets(covering range: Range<Int64>) -> HourOffsets {
        lock.withLock {
            let held = table.hours
            if held.lowerBound <= range.lowerBound && range.upperBound <= held.upperBound { return table }
            let wanted = held.isEmpty ? range : min(held.lowerBound, range.lowerBound)..<max(held.upperBound, range.upperBound)
            let offsets = wanted.map { hour in
                held.contains(hour) ? table.offsets[Int(hour - held.lowerBound)] : UTCOffsetCache.offset(in: timeZone, hour: hour)
            }
            table = HourOffsets(firstHour: wanted.lowerBound, offsets: offsets)
            return table
        }
    }
}
