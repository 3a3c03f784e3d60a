import Foundation
import OtklikCore

/// Reads a contact-centre KPI query from key/value parameters (the API's query string, the CLI's options):
/// `metric`, `threshold`, `short_abandon`, `definition`, `fcr_days` and the slicing of ``ProcessQuery``.
public struct CallMetricQueryParser: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public struct Parsed: Sendable {
        public var metric: CallMetric
        public var query: ProcessQuery
    }

    public func parse(_ parameters: [String: String]) throws(OtklikError) -> Parsed {
        func value(_ key: String) -> String? { parameters[key].flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ key: String, default fallback: Double) throws(OtklikError) -> Double {
            guard let text = value(key) else { return fallback }
            guard let number = Double(text), number >= 0, number < 86_400 else { throw .invalid(key, "\(key) must be a number of seconds ≥ 0") }
            return number
        }
        guard let name = value("metric"), let kind = CallMetric.Kind(rawValue: name) else {
            throw .invalid("metric", "use one of \(CallMetric.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var metric = CallMetric(kind: kind)
        metric.threshold = try number("threshold", default: 20)
        metric.shortAbandon = try number("short_abandon", default: 5)
        if let text = value("fcr_days") {
            guard let days = Int(text), (1...365).contains(days) else { throw .invalid("fcr_days", "fcr_days must be 1-365") }
            metric.fcrDays = days
        }
        if let definition = value("definition") {
            switch kind {
            case .sl:
                guard let parsed = CallMetric.ServiceLevelDefinition(rawValue: definition) else {
                    throw .invalid("definition", "use one of \(CallMetric.ServiceLevelDefinition.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                metric.serviceLevel = parsed
            case .abandonment:
                guard let parsed = CallMetric.AbandonmentDefinition(rawValue: definition) else {
                    throw .invalid("definition", "use all or without_short")
                }
                metric.abandonment = parsed
            default:
                throw .invalid("definition", "definition applies to sl and abandonment only")
            }
        }
        return Parsed(metric: metric, query: try ProcessQuery(parameters: parameters, timeZone: timeZone))
    }
}
