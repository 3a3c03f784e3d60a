import Foundation

/// ISO-8601 times as Otklik reads and writes them: `2026-03-02T09:15:00Z`, `…00.123+03:00`,
/// or a bare date `2026-03-02` meaning local midnight in a given time zone.
public enum Timestamp {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    public static func parse(_ text: String, dateOnlyZone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
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
