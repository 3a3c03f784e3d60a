import Foundation
import OtklikCore

/// Reads a metric query from key/value parameters: the API's query string and the CLI's options share it.
public struct MetricQueryParser: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public struct Parsed: Sendable {
        public var metric: MetricID
        public var query: FeedbackQuery
        public var minimumN: Int?
    }

    public func parse(_ parameters: [String: String]) throws(OtklikError) -> Parsed {
        func value(_ key: String) -> String? { parameters[key].flatMap { $0.isEmpty ? nil : $0 } }
        func list(_ key: String) -> Set<String> {
            Set((value(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        guard let metricName = value("metric") else {
            throw .invalid("metric", "name a metric: \(MetricCatalogue.allNames.joined(separator: ", "))")
        }
        guard let metric = MetricID(rawValue: metricName) else {
            throw .invalid("metric", MetricCatalogue.unknown(metricName))
        }
        var query = FeedbackQuery()
        do {
            query.groupBy = try GroupDimension.parseList(value("by") ?? "")
        } catch {
            throw .invalid("by", "\(error)")
        }
        for key in ["from", "to"] {
            guard let text = value(key) else { continue }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else {
                throw .invalid(key, "\(key) must be an ISO-8601 time or a date YYYY-MM-DD")
            }
            if key == "from" { query.from = date } else { query.to = date }
        }
        query.regions = list("region")
        query.locations = list("location")
        query.staff = list("staff")
        query.services = list("service")
        for name in list("channel") {
            guard let channel = Channel(rawValue: name) else { throw .invalid("channel", "unknown channel '\(name)'") }
            query.channels.insert(channel)
        }
        for name in list("kind") {
            guard let kind = FeedbackKind(rawValue: name) else { throw .invalid("kind", "unknown kind '\(name)'") }
            query.kinds.insert(kind)
        }
        var minimumN: Int?
        if let text = value("min_n") {
            guard let number = Int(text), number >= 1 else { throw .invalid("min_n", "min_n must be a positive integer") }
            minimumN = number
        }
        return Parsed(metric: metric, query: query, minimumN: minimumN)
    }
}
