import Foundation
import OtklikCore
import OtklikMetrics

/// What a process page (`/contact-centre`, `/public-services`, `/case-reports`) was asked for: the period (local
/// dates, both ends inclusive, the last 90 days by default, as on the dashboard) and its filters, and the metrics-API
/// parameters that ask the same question — so a page's figure and the API's are one computation.
struct KPIPageQuery: Sendable {
    let filters: DashboardFilters
    /// The page's own parameters beyond the period (queue, threshold…), as given.
    let parameters: [String: String]
    /// The dates as typed when they were wrong: the form shows them again beside the message.
    var entered: (from: String, to: String)?
    /// A scoped user's locations (nil: the whole organisation): every question the page asks the metrics API names
    /// them as its `location` (the one chosen, when the page lets them choose one of theirs).
    var scope: Set<String>?
    /// Said under the presets when the default period ends at the data's last day rather than today
    /// (``KPIPagesController``'s `lastData`).
    var dataEnd: String?

    /// The `location` parameter as a set (empty: none chosen).
    var requestedLocations: Set<String> {
        Set((parameters["location"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// The form's date fields: as typed when wrong, otherwise the period's.
    var formFrom: String { entered?.from ?? fromLabel }
    var formTo: String { entered?.to ?? toLabel }

    var fromLabel: String { LocalCalendar.label(day: filters.fromDay) }
    var toLabel: String { LocalCalendar.label(day: filters.toDay) }

    /// `from` and `to` for the API: `to` is exclusive there, so the day after the last.
    func apiParameters(_ extra: [String: String], keeping keys: [String]) -> [String: String] {
        var result = ["from": fromLabel, "to": LocalCalendar.label(day: filters.toDay + 1)]
        for key in keys { if let value = parameters[key], !value.isEmpty { result[key] = value } }
        if let scope {
            let chosen = requestedLocations.isEmpty ? scope : requestedLocations.intersection(scope)
            result["location"] = chosen.sorted().joined(separator: ",")
        }
        return result.merging(extra) { _, new in new }
    }

    /// `/api/v1/metrics?…` with the parameters in a stable order.
    static func apiLink(_ parameters: [String: String]) -> String {
        var components = URLComponents()
        components.path = "/api/v1/metrics"
        components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? "/api/v1/metrics"
    }

    /// A link to `path` with these parameters and `changes` applied (nil removes one).
    func link(_ path: String, _ changes: [String: String?] = [:]) -> String {
        var items = parameters.filter { $0.key != "lang" && $0.key != "format" && $0.key != "table" }
        items["from"] = fromLabel
        items["to"] = toLabel
        for (key, value) in changes { items[key] = value }
        var components = URLComponents()
        components.path = path
        components.queryItems = items.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? path
    }

    /// The period presets of the dashboard, as links to `path` that keep the page's other parameters.
    func presets(_ path: String, text: [String: String], today: Int32) -> [DashboardPage.Preset] {
        filters.presets(today: today).map { preset in
            DashboardPage.Preset(
                label: text[preset.key] ?? preset.key,
                href: link(path, ["from": LocalCalendar.label(day: preset.filters.fromDay), "to": LocalCalendar.label(day: preset.filters.toDay)]),
                current: preset.filters.fromDay == filters.fromDay && preset.filters.toDay == filters.toDay)
        }
    }

    /// The tables with their CSV download links (`?format=csv&table=<id>` on the same page and period).
    func withCSV(_ tables: [KPIBreakdown], path: String) -> [KPIBreakdown] {
        tables.map { table in
            var table = table
            table.csv = table.hasRows ? link(path, ["format": "csv", "table": table.id]) : nil
            return table
        }
    }
}
