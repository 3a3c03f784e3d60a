import Foundation

/// When a monthly report subscription is due. Its day `d` (1-31) falls on day `min(d, length of the month)` of each
/// month (31 → 31 January, 28 February, 29 February in a leap year, 30 April). From that day until the month ends,
/// the previous calendar month's report is due — so a server that was down on the day sends it when it comes back —
/// provided the subscription existed by the report day (one made later waits for the next month's day).
public enum ReportSchedule {
    /// The local day on which `monthIndex` (year·12 + month − 1) reports, for a subscription's `day`.
    public static func reportDay(monthIndex: Int32, day: Int) -> Int32 {
        let first = firstDay(of: monthIndex)
        let length = Int(firstDay(of: monthIndex + 1) - first)
        return first + Int32(min(max(1, day), length)) - 1
    }

    /// The month (its index) whose report is due on local day `today` for a subscription of `day` created on local day
    /// `createdDay`; nil when none is due yet this month.
    public static func dueMonth(today: Int32, day: Int, createdDay: Int32) -> Int32? {
        let month = LocalCalendar.monthIndex(of: today)
        let reportDay = reportDay(monthIndex: month, day: day)
        guard today >= reportDay, createdDay <= reportDay else { return nil }
        return month - 1
    }

    static func firstDay(of monthIndex: Int32) -> Int32 {
        LocalCalendar.day(parsing: LocalCalendar.label(monthIndex: monthIndex) + "-01") ?? 0
    }
}
