import Foundation

/// For each day of a range, the first second (since 1970, UTC) whose local day is past that day's deadline
/// (``WorkingDayDeadlines``): an e-mail received that day and answered at the moment `reply` (seconds since 1970) is
/// answered in time exactly when `reply < cutoff`, because `⌊reply⌋ ≤ last second of the deadline` and the cutoff is
/// a whole second. One comparison a row replaces the reply's local day (its hour's UTC offset, a floored division).
///
/// The local day of a second is the engine's (``UTCOffsetCache``): the offset at the start of its hour stands for the
/// whole hour. The comparison is exact while the local day never steps back — a clock turned back across midnight
/// would give a second after the cutoff a day within the deadline; ``init(_:days:hours:timeZone:)`` returns nil when
/// that happens near any cutoff, and the scan converts each reply's day as before.
struct ReplyCutoffs: Sendable {
    let firstDay: Int32
    /// The cutoff of each day from `firstDay` on, in seconds since 1970 (whole seconds, exact in a `Double`).
    let cutoffs: [Double]

    /// Every UTC offset is within this many hours of UTC (the zones run from −12 h to +14 h).
    private static let widestOffsetHours: Int64 = 16

    init?(_ deadlines: WorkingDayDeadlines, days: ClosedRange<Int32>, hours: HourOffsets, timeZone: TimeZone) {
        var cutoffs = [Double]()
        cutoffs.reserveCapacity(days.count)
        var known: (day: Int32, start: Int64)?
        for day in days {
            let next = deadlines[day] + 1
            if let known, known.day == next {
                cutoffs.append(Double(known.start))
                continue
            }
            guard let start = Self.firstSecond(of: next, hours: hours, timeZone: timeZone) else { return nil }
            known = (next, start)
            cutoffs.append(Double(start))
        }
        firstDay = days.lowerBound
        self.cutoffs = cutoffs
    }

    /// Whether every day of `days` has its cutoff here.
    func covers(_ days: ClosedRange<Int32>) -> Bool {
        days.lowerBound >= firstDay && Int(days.upperBound) - Int(firstDay) < cutoffs.count
    }

    /// The first second whose local day is `day` or later, or nil when the local day steps back near it.
    static func firstSecond(of day: Int32, hours: HourOffsets, timeZone: TimeZone) -> Int64? {
        let midnight = Int64(day) * 86_400
        let midnightHour = midnight / 3600
        var found: Int64?
        for hour in (midnightHour - widestOffsetHours)...(midnightHour + widestOffsetHours) {
            let offset = Int64(hours.offset(at: hour) ?? UTCOffsetCache.offset(in: timeZone, hour: hour))
            let start = hour * 3600
            if found == nil {
                // Within an hour the offset is one, so the day rises with the second: the first second of this hour at
                // `day` or later, if any, is the later of the hour's start and local midnight.
                if start + 3599 + offset >= midnight { found = max(start, midnight - offset) }
            } else if start + offset < midnight {
                return nil
            }
        }
        return found
    }
}
