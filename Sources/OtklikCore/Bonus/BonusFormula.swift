import Foundation

/// The organisation's rule that turns a staff member's representative survey scores into a bonus (seed 002: front-staff
/// bonuses tied to perceived quality measured on a representative sample, never on spontaneous feedback).
///
/// The score is the weighted mean of the figures the staff member has: `nps_weight × NPS + csat_weight × CSAT %`
/// divided by the sum of the weights of the figures present (NPS −100…100, CSAT % the share of 4-5 answers, 0…100).
/// The bonus is the percentage of the highest tier whose threshold the score reaches; none below the lowest tier.
/// Below `minimum_n` respondents no figure is given, and so no score and no bonus.
public struct BonusFormula: Sendable, Codable, Equatable {
    public struct Tier: Sendable, Codable, Equatable {
        /// The score from which the tier applies.
        public var threshold: Double
        /// The bonus, percent of the base pay.
        public var bonusPercent: Double

        public init(threshold: Double, bonusPercent: Double) {
            self.threshold = threshold
            self.bonusPercent = bonusPercent
        }

        enum CodingKeys: String, CodingKey { case threshold, bonusPercent = "bonus_percent" }
    }

    public var minimumN: Int
    public var npsWeight: Double
    public var csatWeight: Double
    /// Ascending thresholds.
    public var tiers: [Tier]

    public init(minimumN: Int, npsWeight: Double, csatWeight: Double, tiers: [Tier]) {
        self.minimumN = minimumN
        self.npsWeight = npsWeight
        self.csatWeight = csatWeight
        self.tiers = tiers
    }

    enum CodingKeys: String, CodingKey { case minimumN = "minimum_n", npsWeight = "nps_weight", csatWeight = "csat_weight", tiers }

    /// Until the organisation sets its own: 30 respondents at least (an NPS interval of about ±30 points at n = 30
    /// is already wide), NPS and CSAT % weighted equally, 5 % from a score of 50, 10 % from 70.
    public static let standard = BonusFormula(
        minimumN: 30, npsWeight: 0.5, csatWeight: 0.5, tiers: [Tier(threshold: 50, bonusPercent: 5), Tier(threshold: 70, bonusPercent: 10)])

    public func validate() throws(OtklikError) {
        guard (5...10_000).contains(minimumN) else { throw .invalid("minimum_n", "minimum_n is 5-10000 respondents") }
        for (field, weight) in [("nps_weight", npsWeight), ("csat_weight", csatWeight)] where !(weight.isFinite && weight >= 0 && weight <= 100) {
            throw .invalid(field, "\(field) is a number from 0 to 100")
        }
        guard npsWeight + csatWeight > 0 else { throw .invalid("nps_weight", "at least one weight must be above 0") }
        guard (1...20).contains(tiers.count) else { throw .invalid("tiers", "a formula has 1-20 tiers") }
        for (index, tier) in tiers.enumerated() {
            guard tier.threshold.isFinite, (-100...100).contains(tier.threshold) else {
                throw .invalid("tiers[\(index)].threshold", "a threshold is a score from -100 to 100")
            }
            guard tier.bonusPercent.isFinite, (0...100).contains(tier.bonusPercent) else {
                throw .invalid("tiers[\(index)].bonus_percent", "a bonus is 0-100 percent")
            }
            if index > 0, tier.threshold <= tiers[index - 1].threshold {
                throw .invalid("tiers[\(index)].threshold", "thresholds must rise from tier to tier")
            }
        }
    }

    /// The weighted score of the figures present (nil when none is).
    public func score(nps: Double?, csatPercent: Double?) -> Double? {
        var total = 0.0, weights = 0.0
        if let nps, npsWeight > 0 {
            total += npsWeight * nps
            weights += npsWeight
        }
        if let csatPercent, csatWeight > 0 {
            total += csatWeight * csatPercent
            weights += csatWeight
        }
        return weights > 0 ? total / weights : nil
    }

    /// The bonus percentage a score earns: the highest tier reached, 0 below the lowest.
    public func bonusPercent(score: Double) -> Double {
        tiers.last { score >= $0.threshold }?.bonusPercent ?? 0
    }
}
