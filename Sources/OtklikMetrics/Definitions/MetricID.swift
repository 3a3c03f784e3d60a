/// The feedback metrics of the catalogue (PRODUCT.md, "Metric catalogue").
public enum MetricID: String, Sendable, Codable, CaseIterable {
    /// Net Promoter Score, −100…100.
    case nps
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
