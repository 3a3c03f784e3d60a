import Foundation

/// An experiment in `/api/v1/experiments` and `otklik experiment list --format json`: its definition's fields
/// (``ExperimentDefinition``), the status, the times of the start and the stop (ISO 8601, null when not yet) and the units planned at the start.
extension Experiment: Encodable {
    enum CodingKeys: String, CodingKey {
        case code, name, hypothesis, unit, variants, metric, outcome, horizonDays = "horizon_days", alpha, sequential
        case prePeriodDays = "pre_period_days", status, startedAt = "started_at", stoppedAt = "stopped_at", plannedUnits = "planned_units"
    }

    struct VariantJSON: Encodable {
        var name: String
        var allocation: Double
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(hypothesis, forKey: .hypothesis)
        try container.encode(unit, forKey: .unit)
        try container.encode(variants.map { VariantJSON(name: $0.name, allocation: $0.allocation) }, forKey: .variants)
        try container.encode(metric, forKey: .metric)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(horizonDays, forKey: .horizonDays)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(sequential, forKey: .sequential)
        try container.encode(prePeriodDays, forKey: .prePeriodDays)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt.map(Timestamp.format), forKey: .startedAt)
        try container.encode(stoppedAt.map(Timestamp.format), forKey: .stoppedAt)
        try container.encode(plannedUnits, forKey: .plannedUnits)
    }
}
