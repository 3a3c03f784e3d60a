import Foundation
import OtklikCore
import OtklikMetrics

/// What a registered experiment can detect (`GET /api/v1/experiments/{code}/plan`, `otklik experiment plan`): the
/// look-back counted — as long as the horizon, ending at the start (or now, for a draft) — and ``ExperimentPlan``'s
/// units, baseline, spread and minimum detectable effect, or null and the reason in words.
public struct ExperimentRunPlan: Sendable, Encodable {
    public var code: String
    public var status: Experiment.Status
    public var unit: Experiment.Unit
    public var metric: Experiment.Metric
    public var outcome: Experiment.Outcome
    public var from: String
    public var to: String
    /// Answers in the look-back whose unit was known and whose outcome was present.
    public var feedback: Int
    /// Distinct units (clusters when clustered) among them.
    public var units: Int
    /// The units frozen at the start (nil for a draft, or when the look-back then held too few).
    public var plannedUnits: Int?
    public var plan: ExperimentPlan?
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case code, status, unit, metric, outcome, from, to, feedback, units, plan, reason
        case plannedUnits = "planned_units"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(status, forKey: .status)
        try container.encode(unit, forKey: .unit)
        try container.encode(metric, forKey: .metric)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(units, forKey: .units)
        try container.encode(plannedUnits, forKey: .plannedUnits)
        try container.encode(plan, forKey: .plan)
        try container.encode(reason, forKey: .reason)
    }
}
