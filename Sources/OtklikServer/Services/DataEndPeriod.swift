import Foundation
import OtklikMetrics

/// Every page's default period when none is asked for: the 90 days ending at the data's last day — today while the
/// data run to today, the last day with data when they end before (a demo, an import not yet refreshed), so a page does
/// not open on an empty period, and the page says so. A period asked for (`from` or `to`, even empty) is kept. The
/// dashboard, the KPI pages, `/surveys` and a survey's page, the dissatisfaction page, bonuses and "My results", a
/// journey and employee experience take their default here, each with its own data's last day.
enum DataEndPeriod {
    static let days: Int32 = 90

    /// Whether the request asks for a period (then the page's data's last day need not be read).
    static func asked(_ parameters: [String: String]) -> Bool { parameters["from"] != nil || parameters["to"] != nil }

    /// The default period's last day, or nil when a period was asked for or there is no data.
    static func end(_ parameters: [String: String], last: Int32?, today: Int32) -> Int32? {
        guard !asked(parameters), let last else { return nil }
        return min(last, today)
    }

    /// Sets an inclusive `to` (a page whose `from` defaults to 90 days before it) to the data's last day when it is
    /// before today; returns the page's sentence then.
    static func applyInclusive(_ parameters: inout [String: String], last: Int32?, today: Int32, text: [String: String]) -> String? {
        guard let end = end(parameters, last: last, today: today), end < today else { return nil }
        parameters["to"] = LocalCalendar.label(day: end)
        return sentence(end, text: text)
    }

    /// Sets `from` and `to` (a survey page's invitation dates, the last day included) to the 90 days ending at the
    /// data's last day; returns the page's sentence when that day is before today.
    static func applyRange(_ parameters: inout [String: String], last: Int32?, today: Int32, text: [String: String]) -> String? {
        guard let end = end(parameters, last: last, today: today) else { return nil }
        parameters["from"] = LocalCalendar.label(day: end - days + 1)
        parameters["to"] = LocalCalendar.label(day: end)
        return end < today ? sentence(end, text: text) : nil
    }

    /// "The period ends at the last data, 22 Nov 2026." in the page's language.
    static func sentence(_ day: Int32, text: [String: String]) -> String {
        (text["kpi_data_end"] ?? "The period ends at the last data, {date}.")
            .replacingOccurrences(of: "{date}", with: PageDate.day(LocalCalendar.label(day: day), text: text))
    }
}
