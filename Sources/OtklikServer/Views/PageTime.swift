import Foundation

/// How a moment is written on pages: `2026-11-02 14:05` in the organisation's time zone.
enum PageTime {
    static func minute(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
