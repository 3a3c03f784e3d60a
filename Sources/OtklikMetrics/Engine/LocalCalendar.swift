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
        // A label as the engine writes it (YYYY-MM-DD) is read from its bytes: the dashboard parses one per location
        // and day of its period (78,000 for a year), and splitting each into substrings was a tenth of the page's time.
        if let parts = isoDigits(text) { return day(year: parts.year, month: parts.month, dayOfMonth: parts.day) }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return day(year: parts[0], month: parts[1], dayOfMonth: parts[2])
    }

    /// The year, month and day of exactly `DDDD-DD-DD` (ASCII digits), without allocating; nil for any other text.
    private static func isoDigits(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date; nil when the month or day is out of range.
    private static func day(year: Int, month: Int, dayOfMonth: Int) -> Int32? {
        guard (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        let (y, m, d) = (year - (month <= 2 ? 1 : 0), month, dayOfMonth)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }
}
