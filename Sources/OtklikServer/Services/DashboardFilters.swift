import Foundation
import OtklikCore
import OtklikMetrics

/// The dashboard's filters as chosen in its form: a period of local dates and optional codes.
struct DashboardFilters: Sendable {
    var fromDay: Int32
    /// Inclusive last day.
    var toDay: Int32
    var region: String?
    var location: String?
    var service: String?
    var channel: Channel?

    /// Reads `from`, `to` (YYYY-MM-DD), `region`, `location`, `service`, `channel`; the default period is the last 90 days.
    init(query: [String: String], timeZone: TimeZone, now: Date = Date()) throws(OtklikError) {
        let today = LocalCalendar.day(of: now, in: timeZone)
        func day(_ key: String) throws(OtklikError) -> Int32? {
            guard let text = query[key], !text.isEmpty else { return nil }
            guard let value = LocalCalendar.day(parsing: text) else { throw .invalid(key, "\(key) must be a date YYYY-MM-DD") }
            return value
        }
        toDay = try day("to") ?? today
        fromDay = try day("from") ?? (toDay - 89)
        guard fromDay <= toDay else { throw .invalid("from", "the period starts after it ends") }
        func code(_ key: String) -> String? { query[key].flatMap { $0.isEmpty ? nil : $0 } }
        region = code("region")
        location = code("location")
        service = code("service")
        if let text = code("channel") {
            guard let value = Channel(rawValue: text) else { throw .invalid("channel", "unknown channel '\(text)'") }
            channel = value
        }
    }

    /// The engine query for these filters, grouped by `dimensions`.
    func query(timeZone: TimeZone, groupBy dimensions: [GroupDimension]) -> FeedbackQuery {
        FeedbackQuery(
            from: Self.start(of: fromDay, in: timeZone), to: Self.start(of: toDay + 1, in: timeZone),
            regions: Set([region].compactMap { $0 }), locations: Set([location].compactMap { $0 }),
            services: Set([service].compactMap { $0 }), channels: Set([channel].compactMap { $0 }),
            groupBy: dimensions)
    }

    /// Local midnight that starts a day.
    static func start(of day: Int32, in zone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
        let offset = zone.secondsFromGMT(for: utcMidnight)
        return utcMidnight.addingTimeInterval(TimeInterval(-offset))
    }

    /// Length of the period in days.
    var days: Int { Int(toDay - fromDay) + 1 }

    /// The query string that reproduces these filters with one value changed.
    func link(setting key: String, to value: String?) -> String {
        var items: [(String, String)] = [("from", LocalCalendar.label(day: fromDay)), ("to", LocalCalendar.label(day: toDay))]
        let current: [String: String?] = ["region": region, "location": location, "service": service, "channel": channel?.rawValue]
        for name in ["region", "location", "service", "channel"] {
            let chosen = name == key ? value : current[name] ?? nil
            if let chosen { items.append((name, chosen)) }
        }
        var components = URLComponents()
        components.path = "/"
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? "/"
    }
}
