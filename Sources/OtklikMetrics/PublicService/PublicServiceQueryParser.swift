import Foundation
import OtklikCore

/// Reads a public-service or agent-state KPI query: `metric`, `threshold` (phone, seconds, default 60),
/// `working_days` (e-mail, default 3), `online_channels`, and the slicing of ``ProcessQuery``.
public struct PublicServiceQueryParser: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public enum Parsed: Sendable {
        case publicService(PublicServiceKPI, ProcessQuery)
        case agent(AgentMetric, ProcessQuery)
    }

    /// Whether a metric name is one this parser reads.
    public static func handles(_ name: String) -> Bool {
        PublicServiceKPI.Kind(rawValue: name) != nil || AgentMetric.Kind(rawValue: name) != nil
    }

    public func parse(_ parameters: [String: String]) throws(OtklikError) -> Parsed {
        func value(_ key: String) -> String? { parameters[key].flatMap { $0.isEmpty ? nil : $0 } }
        let query = try ProcessQuery(parameters: parameters, timeZone: timeZone)
        let name = value("metric") ?? ""
        if let kind = AgentMetric.Kind(rawValue: name) { return .agent(AgentMetric(kind: kind), query) }
        guard let kind = PublicServiceKPI.Kind(rawValue: name) else {
            throw .invalid("metric", "use one of \((PublicServiceKPI.Kind.allCases.map(\.rawValue) + AgentMetric.Kind.allCases.map(\.rawValue)).joined(separator: ", "))")
        }
        var kpi = PublicServiceKPI(kind: kind)
        if let text = value("threshold") {
            guard let seconds = Double(text), seconds >= 0, seconds < 86_400 else { throw .invalid("threshold", "threshold must be a number of seconds ≥ 0") }
            kpi.phoneThreshold = seconds
        }
        if let text = value("working_days") {
            guard let days = Int(text), (0...60).contains(days) else { throw .invalid("working_days", "working_days must be 0-60") }
            kpi.emailWorkingDays = days
        }
        if let text = value("online_channels") {
            var channels: Set<Channel> = []
            for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                guard let channel = Channel(rawValue: part) else { throw .invalid("online_channels", "unknown channel '\(part)'") }
                channels.insert(channel)
            }
            guard !channels.isEmpty else { throw .invalid("online_channels", "name at least one channel") }
            kpi.onlineChannels = channels
        }
        return .publicService(kpi, query)
    }
}
