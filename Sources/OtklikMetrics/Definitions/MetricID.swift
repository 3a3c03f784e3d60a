/// The feedback metrics of the catalogue (PRODUCT.md, "Metric catalogue").
public enum MetricID: String, Sendable, Codable, CaseIterable {
    /// Net Promoter Score, −100…100.
    case nps
    /// NPS over everyone asked, counting those who gave no NPS answer as passives: 100·(P − D)/N.
    case npsNonrespondersPassive = "nps_nonresponders_passive"
    /// NPS over everyone asked, counting those who gave no NPS answer as detractors: 100·(P − D − NR)/N.
    case npsNonrespondersDetractors = "nps_nonresponders_detractors"
    /// CSAT top-2-box share, percent.
    case csat
    /// CES 2.0 mean on the 1-7 agree scale.
    case ces
    /// CES 2.0 share of answers 5-7 ("easy"), percent.
    case cesEasy = "ces_easy"
    /// Loyalty-button positive share, percent of presses.
    case button
    /// Share of rated records with a negative rating (negative press, CSAT 1-2, NPS 0-6), percent.
    case negative
    /// Number of feedback records.
    case count
}
