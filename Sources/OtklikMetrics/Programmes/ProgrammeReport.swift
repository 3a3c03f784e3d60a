import Foundation
import OtklikCore

/// A programme measured against its hold-out (`otklik programme report CODE --format json`): treated and hold-out n
/// and value, the effect (treated − hold-out) with its 1 − α interval and p-value from the experiment tests
/// (``ExperimentAnalysis``: two-proportion z for retention and complaints, the trinomial z for NPS, Welch's t for
/// revenue and CLV), the minimum detectable effect at the current sizes (``ProgrammeMDE``), and whether the effect is
/// significantly harmful (worse for the customer or the business at α: fewer retained, more complaints, lower NPS,
/// revenue or CLV). `effect`, `ci_low`, `ci_high` and `p_value` are null until each arm has two customers with a varying
/// outcome.
public struct ProgrammeReport: Sendable, Equatable, Encodable {
    public struct Arm: Sendable, Equatable, Encodable {
        public var n: Int
        public var value: Double?

        public init(n: Int, value: Double?) {
            self.n = n
            self.value = value
        }
    }

    public var programme: String
    public var outcome: ProgrammeOutcome
    public var test: String?
    public var alpha: Double
    public var treated: Arm
    public var holdout: Arm
    public var effect: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var pValue: Double?
    public var mde: Double?
    public var harmful: Bool
    /// The review-link offers' uptake, for a programme whose messages carry `{review_link}`; nil otherwise.
    public var uptake: ProgrammeUptake? = nil

    enum CodingKeys: String, CodingKey {
        case programme, outcome, test, alpha, treated, holdout, effect, ciLow = "ci_low", ciHigh = "ci_high", pValue = "p_value", mde, harmful, uptake
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(programme, forKey: .programme)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(test, forKey: .test)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(treated, forKey: .treated)
        try container.encode(holdout, forKey: .holdout)
        try container.encode(effect, forKey: .effect)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(pValue, forKey: .pValue)
        try container.encode(mde, forKey: .mde)
        try container.encode(harmful, forKey: .harmful)
        try container.encode(uptake, forKey: .uptake)
    }

    /// The metric the experiment tests use for an outcome.
    public static func metric(_ outcome: ProgrammeOutcome) -> ExperimentMetric {
        switch outcome {
        case .retention, .complaints: .proportion
        case .nps: .nps
        case .revenue, .clv: .mean
        }
    }

    /// Whether a larger value of the outcome is better (complaints: smaller is better).
    public static func higherIsBetter(_ outcome: ProgrammeOutcome) -> Bool { outcome != .complaints }

    /// The report from each customer's arm and outcome (already coded: 0/1, ±1/0 for NPS, an amount for revenue
    /// and CLV).
    public static func compute(
        programme: String, outcome: ProgrammeOutcome, observations: [(arm: HoldoutAssignment.Arm, outcome: Double)], holdoutShare: Double,
        alpha: Double = 0.05
    ) -> ProgrammeReport {
        let metric = metric(outcome)
        let treated = ArmSummary(observations.filter { $0.arm == .treated }.map(\.outcome))
        let held = ArmSummary(observations.filter { $0.arm == .holdout }.map(\.outcome))
        func value(_ arm: ArmSummary) -> Double? { arm.n > 0 ? metric.scale * arm.mean : nil }
        var report = ProgrammeReport(
            programme: programme, outcome: outcome, test: nil, alpha: alpha, treated: Arm(n: treated.n, value: value(treated)),
            holdout: Arm(n: held.n, value: value(held)), effect: nil, ciLow: nil, ciHigh: nil, pValue: nil,
            mde: ProgrammeMDE.mde(metric: metric, treated: treated, holdout: held, holdoutShare: holdoutShare, alpha: alpha), harmful: false)
        let design = ExperimentDesign(metric: metric, alpha: alpha, controlShare: holdoutShare)
        guard let result = ExperimentAnalysis.compare(control: held, treatment: treated, design: design) else { return report }
        report.test = result.test
        report.effect = result.effect
        report.ciLow = result.ciLow
        report.ciHigh = result.ciHigh
        report.pValue = result.pValue
        report.harmful = result.significant && (higherIsBetter(outcome) ? result.effect < 0 : result.effect > 0)
        return report
    }
}
