/// What a segment rule reads of a customer (``CustomerProfile``), as of the day the segment is evaluated. Numbers are
/// compared with `gte`, `lte`, `between`, `eq` and `in`; texts (bands, groups, codes) with `eq` and `in`.
public enum SegmentAttribute: String, Sendable, Codable, CaseIterable {
    /// Purchases (transactions with a positive amount) on record.
    case purchases
    /// The sum of all transaction amounts (refunds subtract).
    case monetary
    /// Days since the last purchase (absent for a customer who never bought).
    case recencyDays = "recency_days"
    /// Days since the first purchase, or since the first feedback for one who never bought.
    case tenureDays = "tenure_days"
    /// Complaints left (feedback of kind `complaint`).
    case complaints
    /// Days since the latest complaint (absent without one).
    case complaintDays = "complaint_days"
    /// NPS answers given.
    case npsAnswers = "nps_answers"
    /// The latest NPS answer's group: `promoter` (9-10), `passive` (7-8), `detractor` (0-6).
    case npsGroup = "nps_group"
    /// The mean CES answer (1-7).
    case ces
    /// The channel of the latest feedback.
    case channel
    /// The location of the latest feedback that names one.
    case location
    /// The churn model's band for a scored customer: `low` (p < 0.3), `medium` (0.3 ≤ p < 0.6), `high` (p ≥ 0.6).
    case churnBand = "churn_band"
    /// The customer's CLV band among the customers the value model values: `top` (top fifth), `middle`, `bottom` (lowest fifth).
    case clvBand = "clv_band"

    public var isText: Bool {
        switch self {
        case .npsGroup, .channel, .location, .churnBand, .clvBand: return true
        default: return false
        }
    }

    /// The values a text attribute can take, where they are a closed list.
    public var choices: [String]? {
        switch self {
        case .npsGroup: return ["promoter", "passive", "detractor"]
        case .churnBand: return ["low", "medium", "high"]
        case .clvBand: return ["top", "middle", "bottom"]
        default: return nil
        }
    }
}
