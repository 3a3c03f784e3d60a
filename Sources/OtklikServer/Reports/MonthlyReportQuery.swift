import Foundation
import OtklikCore
import OtklikMetrics

/// What a monthly report is asked for: a calendar month (`month=YYYY-MM`, by default the last complete month in the
/// organisation's time zone) and optionally one location (`location=CODE`, else the whole organisation). It gives the
/// month's days, the previous calendar month's (the change is against it, not against a period of equal length) and
/// the 12 months that end with it (the trend).
struct MonthlyReportQuery: Sendable, Equatable {
    /// Year·12 + month − 1.
    let monthIndex: Int32
    let location: String?

    init(monthIndex: Int32, location: String?) {
        self.monthIndex = monthIndex
        self.location = location
    }

    /// Reads `month` and `location`; a month that is not YYYY-MM (or before 2000, or after 2999) is refused naming the field.
    init(parameters: [String: String], timeZone: TimeZone, now: Date = Date()) throws(OtklikError) {
        if let text = parameters["month"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let index = Self.parse(text) else { throw .invalid("month", "month must be a calendar month YYYY-MM, e.g. 2026-10 (got '\(text)')") }
            monthIndex = index
        } else {
            monthIndex = LocalCalendar.monthIndex(of: LocalCalendar.day(of: now, in: timeZone)) - 1
        }
        location = parameters["location"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `2026-10` → its month index; nil unless four digits, a dash and two digits naming a month 01-12 of 2000-2999.
    static func parse(_ text: String) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
              (2000...2999).contains(year), (1...12).contains(month)
        else { return nil }
        return Int32(year * 12 + month - 1)
    }

    /// `2026-10`.
    var month: String { LocalCalendar.label(monthIndex: monthIndex) }

    static func firstDay(of monthIndex: Int32) -> Int32 {
        LocalCalendar.day(parsing: LocalCalendar.label(monthIndex: monthIndex) + "-01") ?? 0
    }

    var fromDay: Int32 { Self.firstDay(of: monthIndex) }
    /// The month's last day (inclusive).
    var toDay: Int32 { Self.firstDay(of: monthIndex + 1) - 1 }
    var previousFromDay: Int32 { Self.firstDay(of: monthIndex - 1) }
    var previousToDay: Int32 { fromDay - 1 }
    /// The first day of the trend: the month eleven months before this one.
    var trendFromDay: Int32 { Self.firstDay(of: monthIndex - 11) }
    /// The trend's months, oldest first (`2025-11` … `2026-10`).
    var trendMonths: [String] { (0..<12).map { LocalCalendar.label(monthIndex: monthIndex - 11 + Int32($0)) } }

    /// The dashboard's filters over the month (and the location), so the dashboard's parts compute the report's figures.
    func filters(timeZone: TimeZone) -> DashboardFilters {
        var parameters = ["from": LocalCalendar.label(day: fromDay), "to": LocalCalendar.label(day: toDay)]
        if let location { parameters["location"] = location }
        // Both dates are real dates in order: the filters cannot refuse them.
        return (try? DashboardFilters(query: parameters, timeZone: timeZone))!
    }

    /// The same filters over the previous calendar month.
    func previousFilters(timeZone: TimeZone) -> DashboardFilters {
        filters(timeZone: timeZone).over(previousFromDay, previousToDay)
    }

    /// The query string of this report (`month=2026-10&location=L01`), for its links and downloads.
    var queryString: String {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "month", value: month)] + (location.map { [URLQueryItem(name: "location", value: $0)] } ?? [])
        return components.percentEncodedQuery ?? "month=\(month)"
    }

    /// `otklik-report-2026-10` or `otklik-report-2026-10-L01`: the file name of its downloads, without the extension.
    var fileStem: String {
        let safe = location.map { String($0.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }) }
        return "otklik-report-\(month)" + (safe.map { "-\($0)" } ?? "")
    }
}
