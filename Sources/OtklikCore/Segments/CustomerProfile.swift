/// What segments and personas read of one customer as of a day: purchases, feedback and (when scored) the churn
/// model's probability. The store fills the facts; the churn probability and spend band are added by the caller.
public struct CustomerProfile: Sendable, Equatable {
    public var customer: String
    public var purchases = 0
    public var monetary = 0.0
    public var recencyDays: Double?
    public var tenureDays: Double?
    public var complaints = 0
    public var complaintDays: Double?
    public var npsAnswers = 0
    public var latestNPS: Int?
    public var cesSum = 0.0
    public var cesCount = 0
    public var channel: String?
    public var location: String?
    /// The feedback answers of this customer, for a segment's figures: NPS promoters and detractors, CSAT top-2-box,
    /// CES sums.
    public var npsPromoters = 0
    public var npsDetractors = 0
    public var csatTop2 = 0
    public var csatCount = 0
    public var cesSumOfSquares = 0.0
    public var churnProbability: Double?
    public var clvBand: String?

    public init(customer: String) {
        self.customer = customer
    }

    public var ces: Double? { cesCount > 0 ? cesSum / Double(cesCount) : nil }

    public var npsGroup: String? {
        latestNPS.map { $0 >= 9 ? "promoter" : $0 >= 7 ? "passive" : "detractor" }
    }

    public var churnBand: String? {
        churnProbability.map { $0 >= 0.6 ? "high" : $0 >= 0.3 ? "medium" : "low" }
    }

    public func number(_ attribute: SegmentAttribute) -> Double? {
        switch attribute {
        case .purchases: return Double(purchases)
        case .monetary: return monetary
        case .recencyDays: return recencyDays
        case .tenureDays: return tenureDays
        case .complaints: return Double(complaints)
        case .complaintDays: return complaintDays
        case .npsAnswers: return Double(npsAnswers)
        case .ces: return ces
        default: return nil
        }
    }

    public func text(_ attribute: SegmentAttribute) -> String? {
        switch attribute {
        case .npsGroup: return npsGroup
        case .channel: return channel
        case .location: return location
        case .churnBand: return churnBand
        case .clvBand: return clvBand
        default: return nil
        }
    }

    /// Each customer's band of a value (the CLV): `top` for the top fifth, `bottom` for the lowest fifth, `middle`
    /// between; equal values share a band.
    public static func bands(_ values: [String: Double]) -> [String: String] {
        let sorted = values.values.sorted()
        guard !sorted.isEmpty else { return [:] }
        let low = sorted[(sorted.count - 1) / 5]
        let high = sorted[min(sorted.count - 1, sorted.count * 4 / 5)]
        return values.mapValues { $0 >= high ? "top" : $0 <= low ? "bottom" : "middle" }
    }
}
