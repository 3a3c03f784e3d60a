import Foundation

/// ISO-8601 times as Otklik reads and writes them: `2026-03-02T09:15:00Z`, `…00.123+03:00`,
/// or a bare date `2026-03-02` meaning local midnight in a given time zone.
public enum Timestamp {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    public static func parse(_ text: String, dateOnlyZone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10, trimmed.dropFirst(4).first == "-" {
            var style = Date.ISO8601FormatStyle(timeZone: dateOnlyZone).year().month().day()
            style.timeZone = dateOnlyZone
            return try? style.parse(trimmed)
        }
        if let date = try? fractional.parse(trimmed) { return date }
        return try? whole.parse(trimmed)
    }

    /// Formats with milliseconds in UTC: `2026-03-02T09:15:00.000Z`.
    public static func format(_ date: Date) -> String {
        fractional.format(date)
    }
}
