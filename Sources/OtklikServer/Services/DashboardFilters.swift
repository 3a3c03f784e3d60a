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
    /// A segment's code (issue 18 item 7): the figures are of its members' records.
    var segment: String?
    /// The customer ids the chosen segment selects (``SegmentSlice/customers``), set by the controller once it has
    /// evaluated the segment; nil without a segment.
    var segmentCustomers: Set<String>?
    /// The signed-in user's locations (their access scope); nil for the whole organisation.
    var scopeLocations: Set<String>?

    /// What is wrong with the filters a user entered; the page keeps the form and says it in its language.
    enum Problem: Error, Equatable {
        /// `from` or `to` is not a real date YYYY-MM-DD (30 February included).
        case badDate(field: String, value: String)
        /// `from` is later than `to`.
        case reversed(from: String, to: String)
        case unknownChannel(String)
        /// No stored segment has this code.
        case unknownSegment(String)

        /// The message in the page's language (keys `dashboard_error_*`).
        func message(_ text: [String: String]) -> String {
            switch self {
            case .badDate(let field, let value):
                (text["dashboard_error_date"] ?? "“{field}”: “{value}” is not a date YYYY-MM-DD.")
                    .replacingOccurrences(of: "{field}", with: text[field] ?? field).replacingOccurrences(of: "{value}", with: value)
            case .reversed(let from, let to):
                (text["dashboard_error_reversed"] ?? "The period starts ({from}) after it ends ({to}): swap the dates.")
                    .replacingOccurrences(of: "{from}", with: from).replacingOccurrences(of: "{to}", with: to)
            case .unknownChannel(let value):
                (text["dashboard_error_channel"] ?? "Unknown channel “{value}”.").replacingOccurrences(of: "{value}", with: value)
            case .unknownSegment(let value):
                (text["dashboard_error_segment"] ?? "Unknown segment “{value}”.").replacingOccurrences(of: "{value}", with: value)
            }
        }
    }

    /// Reads `from`, `to` (YYYY-MM-DD), `region`, `location`, `service`, `channel`, `segment`; the default period is the last
    /// 90 days.
    init(query: [String: String], timeZone: TimeZone, now: Date = Date()) throws(Problem) {
        let today = LocalCalendar.day(of: now, in: timeZone)
        func day(_ key: String) throws(Problem) -> Int32? {
            guard let text = query[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = LocalCalendar.day(parsing: text), LocalCalendar.label(day: value) == text else {
                throw .badDate(field: key, value: text)
            }
            return value
        }
        toDay = try day("to") ?? today
        fromDay = try day("from") ?? (toDay - 89)
        guard fromDay <= toDay else { throw .reversed(from: LocalCalendar.label(day: fromDay), to: LocalCalendar.label(day: toDay)) }
        func code(_ key: String) -> String? { query[key].flatMap { $0.isEmpty ? nil : $0 } }
        region = code("region")
        location = code("location")
        service = code("service")
        segment = code("segment")
        if let text = code("channel") {
            guard let value = Channel(rawValue: text) else { throw .unknownChannel(text) }
            channel = value
        }
    }

    /// The engine query for these filters, grouped by `dimensions`.
    func query(timeZone: TimeZone, groupBy dimensions: [GroupDimension]) -> FeedbackQuery {
        FeedbackQuery(
            from: Self.start(of: fromDay, in: timeZone), to: Self.start(of: toDay + 1, in: timeZone),
            regions: Set([region].compactMap { $0 }), locations: scopedLocations,
            services: Set([service].compactMap { $0 }), channels: Set([channel].compactMap { $0 }),
            customers: segmentCustomers, groupBy: dimensions)
    }

    /// The chosen location narrowed to the scope. A scope that leaves nothing becomes a code no location has, which
    /// the engine matches with nothing (an empty set would mean every location).
    var scopedLocations: Set<String> {
        let chosen = Set([location].compactMap { $0 })
        guard let scopeLocations else { return chosen }
        let narrowed = chosen.isEmpty ? scopeLocations : chosen.intersection(scopeLocations)
        return narrowed.isEmpty ? [Self.noLocation] : narrowed
    }

    /// A location code no reference data can hold (codes are letters, digits, '-' and '_').
    static let noLocation = "\u{1}outside-scope"

    /// Local midnight that starts a day.
    static func start(of day: Int32, in zone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
        let offset = zone.secondsFromGMT(for: utcMidnight)
        return utcMidnight.addingTimeInterval(TimeInterval(-offset))
    }

    /// Length of the period in days.
    var days: Int { Int(toDay - fromDay) + 1 }

    /// The same filters over the period of equal length that ends the day before this one starts.
    var previous: DashboardFilters {
        var other = self
        other.toDay = fromDay - 1
        other.fromDay = fromDay - Int32(days)
        return other
    }

    /// The same filters over another period.
    func over(_ from: Int32, _ to: Int32) -> DashboardFilters {
        var other = self
        other.fromDay = from
        other.toDay = to
        return other
    }

    /// The period presets of the form, each with the link that keeps the other filters: the last 7, 30 and 90
    /// days and the last year (365 days) to `today`, this calendar quarter to `today`, and the chosen period a
    /// year earlier (the same calendar dates).
    func presets(today: Int32) -> [(key: String, filters: DashboardFilters)] {
        let parts = LocalCalendar.label(day: today).split(separator: "-").compactMap { Int($0) }
        let quarterStart = LocalCalendar.day(parsing: String(format: "%04d-%02d-01", parts[0], (parts[1] - 1) / 3 * 3 + 1)) ?? today
        return [
            ("preset_7", over(today - 6, today)), ("preset_30", over(today - 29, today)), ("preset_90", over(today - 89, today)),
            ("preset_quarter", over(quarterStart, today)), ("preset_year", over(today - 364, today)),
            ("preset_last_year", over(Self.yearEarlier(fromDay), Self.yearEarlier(toDay))),
        ]
    }

    /// The same calendar date a year earlier (29 February becomes 28 February).
    static func yearEarlier(_ day: Int32) -> Int32 {
        let parts = LocalCalendar.label(day: day).split(separator: "-").compactMap { Int($0) }
        let text = String(format: "%04d-%02d-%02d", parts[0] - 1, parts[1], parts[2])
        if let earlier = LocalCalendar.day(parsing: text), LocalCalendar.label(day: earlier) == text { return earlier }
        return LocalCalendar.day(parsing: String(format: "%04d-%02d-28", parts[0] - 1, parts[1])) ?? day - 365
    }

    /// The query string of these filters.
    var link: String { link(setting: "", to: nil) }

    /// The query string that reproduces these filters with one value changed.
    func link(setting key: String, to value: String?) -> String {
        var items: [(String, String)] = [("from", LocalCalendar.label(day: fromDay)), ("to", LocalCalendar.label(day: toDay))]
        let current: [String: String?] = [
            "region": region, "location": location, "service": service, "channel": channel?.rawValue, "segment": segment,
        ]
        for name in ["region", "location", "service", "channel", "segment"] {
            let chosen = name == key ? value : current[name] ?? nil
            if let chosen { items.append((name, chosen)) }
        }
        var components = URLComponents()
        components.path = "/"
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? "/"
    }
}
