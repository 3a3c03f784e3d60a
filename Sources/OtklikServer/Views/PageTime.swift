import Foundation

/// How a moment is written on pages: its day in the page's language and the minute, in the organisation's time zone —
/// `2 Nov 2026, 14:05` / `2 нояб. 2026, 14:05` (``PageDate/moment(_:timeZone:text:)``).
enum PageTime {
    static func minute(_ date: Date, in timeZone: TimeZone, text: [String: String]) -> String {
        PageDate.moment(date, timeZone: timeZone, text: text)
    }
}
