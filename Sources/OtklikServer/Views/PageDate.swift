import Foundation
import OtklikMetrics

/// How a calendar day is written in a page's language (the interface text's `lang`): `1 Jan 2026` in English,
/// `1 янв. 2026` in Russian. Written out here, not by the platform's locale data, so every server writes the same.
enum PageDate {
    static let english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let russian = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]

    /// `2026-01-01` as `1 Jan 2026` / `1 янв. 2026`; a text that is not a date stays as it is.
    static func day(_ label: String, text: [String: String]) -> String {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, LocalCalendar.day(parsing: label) != nil else { return label }
        let months = text["lang"] == "ru" ? russian : english
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// A moment as its day and minute in `timeZone`: `4 Dec 2026, 17:05` / `4 дек. 2026, 17:05`.
    static func moment(_ date: Date, timeZone: TimeZone, text: [String: String]) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 1, parts.day ?? 1)
        return self.day(day, text: text) + String(format: ", %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `2026-01-01 – 2026-12-31` in the page's language.
    static func period(_ from: String, _ to: String, text: [String: String]) -> String {
        "\(day(from, text: text)) – \(day(to, text: text))"
    }
}
