import Foundation

/// Quota sampling by stratum (METHODS.md "Sampling and response"): a target number of invitations per stratum
/// (location × daypart, or any attribute list) per period; interactions are invited until the stratum's quota fills.
///
/// Filling a quota with the first interactions of each period over-represents whoever comes early (Monday mornings,
/// the first days of a month). With `spreadProbability` q, each eligible interaction of an open stratum is invited
/// only with probability q, so invitations are spread over the period at about q × traffic; choose q so the quota
/// fills near the end of the period, e.g. `QuotaDesign.spreadProbability(target:expectedInteractions:)`. The cost is a
/// quota that may not fill when traffic is lower than expected: the fill per stratum (`SamplingState.quotas`) shows it.
public struct QuotaDesign: Sendable, Codable, Equatable {
    /// The stratification variables; no keys means one quota for all interactions.
    public var strata: [StratumKey]
    /// Target invitations per period by stratum label (`StratumKey.label`).
    public var targets: [String: Int]
    /// The target of a stratum not listed in `targets` (0: such interactions are never invited).
    public var defaultTarget: Int
    public var period: QuotaPeriod
    public var timeZone: TimeZone
    /// nil: invite every eligible interaction until the quota fills; q in (0, 1]: invite each with probability q.
    public var spreadProbability: Double?

    /// nil if a target is negative or the spread probability is outside (0, 1].
    public init?(
        strata: [StratumKey], targets: [String: Int], defaultTarget: Int = 0, period: QuotaPeriod = .day,
        timeZone: TimeZone = .gmt, spreadProbability: Double? = nil
    ) {
        guard defaultTarget >= 0, targets.values.allSatisfy({ $0 >= 0 }) else { return nil }
        if let q = spreadProbability, !(q > 0 && q <= 1) { return nil }
        self.strata = strata
        self.targets = targets
        self.defaultTarget = defaultTarget
        self.period = period
        self.timeZone = timeZone
        self.spreadProbability = spreadProbability
    }

    /// The target of the stratum labelled `stratum`.
    public func target(of stratum: String) -> Int {
        targets[stratum] ?? defaultTarget
    }

    /// A spread probability for a stratum expecting `expectedInteractions` eligible interactions per period:
    /// margin × target / expected, at most 1. With margin 1 the quota is expected to fill only at the very end of the
    /// period (and not at all about half the time); the default 1.25 fills it at about four fifths of the period.
    /// nil when no interactions are expected or the target is not positive.
    public static func spreadProbability(target: Int, expectedInteractions: Double, margin: Double = 1.25) -> Double? {
        guard target > 0, expectedInteractions > 0, margin > 0 else { return nil }
        return min(1, margin * Double(target) / expectedInteractions)
    }
}
