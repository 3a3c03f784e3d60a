import Foundation
import OtklikCore

/// A KPI target (seed 000: "80 % satisfaction", "+5 % a year"): a metric's goal for one scope — the whole
/// organisation, a region, a location or a service — over a period of days (both ends inclusive, `YYYY-MM-DD`).
///
/// `absolute` targets are in the metric's own unit (NPS points, percent, the CES scale, seconds); `relative_change` targets are
/// a change in percent of the baseline: the same metric over the equally long period just before `from`
/// (``baselinePeriod``). NPS can be negative, so its targets are absolute only.
public struct KPITarget: Sendable, Equatable, Hashable, Codable {
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case organisation, region, location, service
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case absolute
        case relativeChange = "relative_change"
    }

    public var metric: TargetMetric
    public var scope: Scope
    /// The region, location or service code; nil for the organisation.
    public var code: String?
    public var from: String
    public var to: String
    public var target: Double
    public var kind: Kind

    public init(metric: TargetMetric, scope: Scope, code: String?, from: String, to: String, target: Double, kind: Kind) {
        self.metric = metric
        self.scope = scope
        self.code = code
        self.from = from
        self.to = to
        self.target = target
        self.kind = kind
    }

    /// The metrics a target can be set for (``TargetMetric``).
    public static let metrics = TargetMetric.allCases

    /// Whether a higher value is better (``TargetMetric/higherIsBetter``).
    public var higherIsBetter: Bool { metric.higherIsBetter }

    /// Two targets are the same target when they name the same metric, scope, code and period.
    public var key: String { [metric.rawValue, scope.rawValue, code ?? "", from, to].joined(separator: "|") }

    public func validate() throws(OtklikError) {
        guard Self.metrics.contains(metric) else {
            throw .invalid("metric", "targets can be set for \(Self.metrics.map(\.rawValue).joined(separator: ", "))")
        }
        switch (scope, code?.isEmpty ?? true) {
        case (.organisation, false): throw .invalid("code", "the organisation's target takes no code")
        case (.region, true), (.location, true), (.service, true): throw .invalid("code", "a \(scope.rawValue) target needs the \(scope.rawValue)'s code")
        default: break
        }
        guard CalendarDay.validDate(from) != nil else { throw .invalid("from", "from must be a date YYYY-MM-DD") }
        guard CalendarDay.validDate(to) != nil else { throw .invalid("to", "to must be a date YYYY-MM-DD") }
        guard from <= to else { throw .invalid("to", "to must not be before from") }
        guard target.isFinite else { throw .invalid("target", "target must be a number") }
        switch kind {
        case .absolute:
            let range = metric.range
            guard range.contains(target) else {
                throw .invalid("target", "a \(metric.rawValue) target must lie in \(Self.number(range.lowerBound))…\(Self.number(range.upperBound))")
            }
        case .relativeChange:
            guard metric != .nps else {
                throw .invalid("kind", "NPS can be negative, so a change in percent of it means nothing: set an absolute NPS target")
            }
            guard metric != .responseRate else {
                throw .invalid("kind", "a response rate is a survey's, over its own invitations, with no baseline period: set an absolute response_rate target")
            }
            guard (-100...1000).contains(target) else { throw .invalid("target", "a relative change must lie in −100…1000 percent") }
        }
    }

    /// The baseline of a `relative_change` target: as many days as the target's period, ending the day before `from`.
    public var baselinePeriod: (from: String, to: String) {
        let first = fromDay, length = toDay - fromDay + 1
        return (LocalCalendar.label(day: first - length), LocalCalendar.label(day: first - 1))
    }

    /// The first and last day of the period as local day numbers (``LocalCalendar``); valid targets only.
    public var fromDay: Int32 { LocalCalendar.day(parsing: from) ?? 0 }
    public var toDay: Int32 { LocalCalendar.day(parsing: to) ?? 0 }

    /// The value to reach: the target itself, or the baseline changed by the target's percent.
    public func goal(baseline: Double?) -> Double? {
        switch kind {
        case .absolute: target
        case .relativeChange: baseline.map { $0 * (1 + target / 100) }
        }
    }

    /// `80`, `80.5`: a target as written in CSV.
    public static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
