import Foundation

/// ISO-8601 times as Otklik reads and writes them: `2026-03-02T09:15:00Z`, `…00.123+03:00`,
/// or a bare date `2026-03-02` meaning local midnight in a given time zone.
public enum Timestamp {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    public static func parse(_ text: String, dateOnlyZone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        if let date = parseCommonForm(text) { return date }
        let trimmed = text.trimmingWhitespace(newlines: false)
        // The parser rolls an impossible date over (30 February becomes 2 March): refuse it instead.
        guard isCalendarValid(trimmed) else { return nil }
        if trimmed.count == 10, trimmed.dropFirst(4).first == "-" {
            var style = Date.ISO8601FormatStyle(timeZone: dateOnlyZone).year().month().day()
            style.timeZone = dateOnlyZone
            return try? style.parse(trimmed)
        }
        if let date = try? fractional.parse(trimmed) { return date }
        return try? whole.parse(trimmed)
    }

    /// The common forms `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` read straight from their digits, about twenty times
    /// faster than the format style (a large import reads millions); nil for anything else, which the format style
    /// then reads as before. `TimestampFastPathTests` holds this to the format style's answer on every form.
    static func parseCommonForm(_ text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            let n = bytes.count
            guard n >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
            else { return nil }
            func digits(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for i in start..<(start + count) {
                    let d = Int(bytes[i]) - 48
                    guard d >= 0, d <= 9 else { return nil }
                    value = value * 10 + d
                }
                return value
            }
            guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), let hour = digits(11, 2),
                let minute = digits(14, 2), let second = digits(17, 2), year >= 1, (1...12).contains(month), day >= 1,
                hour <= 23, minute <= 59, second <= 59
            else { return nil }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard day <= days else { return nil }
            var i = 19
            var milliseconds = 0
            if bytes[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < n, let d = digits(i, 1) {
                    milliseconds = milliseconds * 10 + d
                    i += 1
                }
                // The format style keeps milliseconds; more digits are left to it.
                guard i > start, i - start <= 3 else { return nil }
                for _ in (i - start)..<3 { milliseconds *= 10 }
            }
            var offset = 0
            if i == n - 1, bytes[i] == UInt8(ascii: "Z") {
                offset = 0
            } else if i == n - 6, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: ":"),
                let hours = digits(i + 1, 2), let minutes = digits(i + 4, 2), hours <= 23, minutes <= 59
            {
                offset = (hours * 3600 + minutes * 60) * (bytes[i] == UInt8(ascii: "+") ? 1 : -1)
            } else {
                return nil
            }
            // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let epochDays = era * 146_097 + doe - 719_468
            let seconds = epochDays * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(milliseconds) / 1000)
        } ?? nil
    }

    /// Whether the text's date (`YYYY-MM-DD`) exists and its time of day (`THH:MM[:SS]`) is on the clock.
    static func isCalendarValid(_ text: String) -> Bool {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return false }
        guard digits.count > 10 else { return true }
        guard let hour = number(11..<13), let minute = number(14..<16), hour <= 23, minute <= 59 else { return false }
        if digits.count > 16, digits[16] == UInt8(ascii: ":") {
            guard let second = number(17..<19), second <= 59 else { return false }
        }
        return true
    }

    /// Formats with milliseconds in UTC: `2026-03-02T09:15:00.000Z`.
    public static func format(_ date: Date) -> String {
        fractional.format(date)
    }
}
