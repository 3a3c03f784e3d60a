import OtklikCore

/// The organisation's working days: Monday to Friday, except the listed holidays, plus the listed
/// weekend days worked in their place (Russia's production calendar transfers days this way).
public struct WorkingCalendar: Sendable, Equatable {
    /// Local day number → working or not, for the days that differ from the Monday-Friday rule.
    private var exceptions: [Int32: Bool] = [:]

    public init(_ days: [CalendarDay] = []) {
        for day in days {
            if let number = LocalCalendar.day(parsing: day.date) { exceptions[number] = day.working }
        }
    }

    public var exceptionCount: Int { exceptions.count }

    public func isWorking(_ day: Int32) -> Bool {
        if let exception = exceptions[day] { return exception }
        let weekday = ((Int(day) + 3) % 7 + 7) % 7  // 0 = Monday
        return weekday < 5
    }

    /// The `count`-th working day after `day` (the day itself not counted, as deadlines in days are
    /// counted from the day after receipt). With `count` 0, `day` itself.
    public func workingDay(_ count: Int, after day: Int32) -> Int32 {
        var current = day
        var remaining = count
        var guardDays = 0
        while remaining > 0 && guardDays < 3660 {
            current += 1
            guardDays += 1
            if isWorking(current) { remaining -= 1 }
        }
        return current
    }
}
