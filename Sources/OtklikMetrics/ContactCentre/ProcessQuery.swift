import Foundation
import OtklikCore

/// The slicing part of every process KPI query (contact centre, public services, agent states):
/// `by`, `from`, `to`, the filters `queue`, `agent`, `location`, `region`, `service`, `channel`, and `min_n`.
public struct ProcessQuery: Sendable {
    public var dimensions: [CallDimension] = []
    public var from: Date?
    public var to: Date?
    public var filter = CallFilter()
    public var minimumN: Int?

    public init(dimensions: [CallDimension] = [], from: Date? = nil, to: Date? = nil, filter: CallFilter = CallFilter(), minimumN: Int? = nil) {
        self.dimensions = dimensions
        self.from = from
        self.to = to
        self.filter = filter
        self.minimumN = minimumN
    }

    /// Reads the query from key/value parameters (the API's query string, the CLI's options); dates are local days.
    public init(parameters: [String: String], timeZone: TimeZone) throws(OtklikError) {
        func value(_ key: String) -> String? { parameters[key].flatMap { $0.isEmpty ? nil : $0 } }
        func list(_ key: String) -> Set<String> {
            Set((value(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        func time(_ key: String) throws(OtklikError) -> Date? {
            guard let text = value(key) else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else { throw .invalid(key, "\(key) must be an ISO-8601 time or a date YYYY-MM-DD") }
            return date
        }
        do {
            dimensions = try CallDimension.parseList(value("by") ?? "")
        } catch {
            throw .invalid("by", "\(error)")
        }
        from = try time("from")
        to = try time("to")
        if let from, let to, to <= from { throw .invalid("to", "to must be after from") }
        filter = CallFilter(
            queues: list("queue"), agents: list("agent"), locations: list("location"), regions: list("region"), services: list("service"),
            channels: list("channel"))
        if let text = value("min_n") {
            guard let number = Int(text), number >= 1 else { throw .invalid("min_n", "min_n must be a positive integer") }
            minimumN = number
        }
    }

    /// Whether a moment falls in [from, to).
    @inline(__always)
    func contains(_ date: Date) -> Bool {
        if let from, date < from { return false }
        if let to, date >= to { return false }
        return true
    }
}
