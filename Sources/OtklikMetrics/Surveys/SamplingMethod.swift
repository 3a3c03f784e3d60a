/// How a plan selects interactions (METHODS.md "Sampling and response"; seed 002: a random sample, not a spontaneous
/// one, is what makes a survey a measurement):
/// - simple random (Bernoulli) sampling: each interaction is invited independently with probability p;
/// - systematic sampling: every k-th eligible interaction from a random start in 1…k, counted globally or per stratum;
/// - quota sampling: a target count per stratum per period (`QuotaDesign`).
public enum SamplingMethod: Sendable, Codable, Equatable {
    case simpleRandom(probability: Double)
    case systematic(interval: Int, strata: [StratumKey])
    case quota(QuotaDesign)

    /// Whether the parameters are usable: 0 ≤ p ≤ 1, k ≥ 1.
    public var isValid: Bool {
        switch self {
        case .simpleRandom(let p): p >= 0 && p <= 1
        case .systematic(let k, _): k >= 1
        case .quota: true
        }
    }

    /// The design's inclusion probability of an eligible interaction where it is fixed in advance (p, or 1/k); nil for
    /// quotas, whose inclusion rate is known only afterwards (invited / seen per stratum, `SamplingState.QuotaFill`).
    public var inclusionProbability: Double? {
        switch self {
        case .simpleRandom(let p): p
        case .systematic(let k, _): 1 / Double(max(k, 1))
        case .quota: nil
        }
    }

    var strata: [StratumKey] {
        switch self {
        case .simpleRandom: []
        case .systematic(_, let keys): keys
        case .quota(let design): design.strata
        }
    }
}
