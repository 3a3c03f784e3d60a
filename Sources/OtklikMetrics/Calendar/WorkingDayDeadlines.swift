/// The deadline of each day of a range in a flat array: the `count`-th working day after it
/// (``WorkingCalendar/workingDay(_:after:)``), made in one walk over the range's days instead of a walk per row.
struct WorkingDayDeadlines: Sendable {
    let firstDay: Int32
    private let deadlines: [Int32]
    private let calendar: WorkingCalendar
    private let count: Int

    /// Days beyond the range looked at for the last days' deadlines; a deadline further off is walked to by the calendar.
    static let lookahead: Int32 = 62

    init(_ calendar: WorkingCalendar, count: Int, days: ClosedRange<Int32>) {
        self.calendar = calendar
        self.count = count
        firstDay = days.lowerBound
        guard count > 0 else {
            deadlines = Array(days)
            return
        }
        // The working days after the first, in order; a day's deadline is the `count`-th of those after it.
        let working = ((days.lowerBound + 1)...(days.upperBound + Self.lookahead)).filter(calendar.isWorking)
        var next = 0
        deadlines = days.map { day in
            while next < working.count && working[next] <= day { next += 1 }
            let index = next + count - 1
            // The calendar gives up after 3,660 days; so does the table, by asking it.
            return index < working.count && working[index] - day <= 3660 ? working[index] : calendar.workingDay(count, after: day)
        }
    }

    /// The deadline of `day` (walked to by the calendar outside the range).
    @inline(__always)
    subscript(day: Int32) -> Int32 {
        let index = Int(day) - Int(firstDay)
        return index >= 0 && index < deadlines.count ? deadlines[index] : calendar.workingDay(count, after: day)
    }
}
