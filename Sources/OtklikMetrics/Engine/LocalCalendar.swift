import Foundation

/// Day arithmetic on local calendar days counted from 1970-01-01, without Foundation's Calendar in the hot loop.
public enum LocalCalendar {
    /// Local day number of a moment in a time zone.
    public static func day(of date: Date, in zone: TimeZone) -> Int32 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        return Int32((seconds - (seconds < 0 ? 86_399 : 0)) / 86_400)
    }

    /// The Monday that starts the day's week (1970-01-01 was a Thursday).
    public static func weekStart(of day: Int32) -> Int32 {
        let weekday = ((Int(day) + 3) % 7 + 7) % 7  // 0 = Monday
        return day - Int32(weekday)
    }

    /// Year and month (1-12) of a day, by Howard Hinnant's civil-from-days algorithm.
    public static func civil(_ day: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(day) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Month index (year·12 + month − 1) of a day.
    public static func monthIndex(of day: Int32) -> Int32 {
        let c = civil(day)
        return Int32(c.year * 12 + c.month - 1)
    }

    /// `2026-03-02`.
    public static func label(day: Int32) -> String {
        let c = civil(day)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `2026-03`.
    public static func label(monthIndex: Int32) -> String {
        String(format: "%04d-%02d", Int(monthIndex) / 12, Int(monthIndex) % 12 + 1)
    }

    /// Parses `YYYY-MM-DD` into a local day number.
    public static func day(parsing text: String) -> Int32? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let (y, m, d) = (parts[0] - (parts[1] <= 2 ? 1 : 0), parts[1], parts[2])
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }
}
