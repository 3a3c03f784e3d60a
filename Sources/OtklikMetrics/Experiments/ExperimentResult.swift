import Foundation

/// The analysis of one experiment (`otklik analyze experiment --format json`). Effect = treatment − control on the
/// metric's scale (NPS points, percentage points, or the mean's unit); the interval is 1 − α, always-valid when
/// the test is sequential. Keys are snake_case; absent figures are null, never left out.
public struct ExperimentResult: Sendable, Equatable, Encodable {
    public struct Arm: Sendable, Equatable, Encodable {
        public var n: Int
        public var value: Double
    }

    public struct SampleRatio: Sendable, Equatable, Encodable {
        public struct Expected: Sendable, Equatable, Encodable {
            public var control: Double
            public var treatment: Double
        }

        /// Units (clusters when clustered) each arm should hold under the planned allocation.
        public var expected: Expected
        /// χ² goodness-of-fit test of the observed split (1 degree of freedom).
        public var pValue: Double
        /// p below 0.001: the assignment or the logging is broken; do not trust the effect.
        public var mismatch: Bool

        enum CodingKeys: String, CodingKey { case expected, pValue = "p_value", mismatch }
    }

    public struct Clusters: Sendable, Equatable, Encodable {
        public var control: Int
        public var treatment: Int
        /// `cluster_robust_t` (delta method, t with K − 2 degrees of freedom) or `randomisation` (permutations of
        /// the clusters' arms, for fewer than 20 clusters).
        public var method: String
    }

    public var metric: ExperimentMetric
    public var test: String
    public var alpha: Double
    public var control: Arm
    public var treatment: Arm
    public var effect: Double
    public var standardError: Double
    public var ciLow: Double
    public var ciHigh: Double
    public var pValue: Double
    public var significant: Bool
    /// 1 − Var(CUPED-adjusted outcome)/Var(outcome) ≈ ρ² with the pre-period; nil without one.
    public var varianceReduction: Double?
    public var srm: SampleRatio
    public var clusters: Clusters?
    /// Rows left out because their outcome was empty.
    public var excluded: Int

    enum CodingKeys: String, CodingKey {
        case metric, test, alpha, control, treatment, effect, standardError = "standard_error", ciLow = "ci_low", ciHigh = "ci_high"
        case pValue = "p_value", significant, varianceReduction = "variance_reduction", srm, clusters, excluded
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(test, forKey: .test)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(control, forKey: .control)
        try container.encode(treatment, forKey: .treatment)
        try container.encode(effect, forKey: .effect)
        try container.encode(standardError, forKey: .standardError)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(pValue, forKey: .pValue)
        try container.encode(significant, forKey: .significant)
        try container.encode(varianceReduction, forKey: .varianceReduction)
        try container.encode(srm, forKey: .srm)
        try container.encode(clusters, forKey: .clusters)
        try container.encode(excluded, forKey: .excluded)
    }
}
