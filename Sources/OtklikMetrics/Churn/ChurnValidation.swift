import Foundation

/// How well churn probabilities ranked and matched what happened on a later window: AUC (``RankAUC``), the AUC of
/// recency alone (days since the last purchase as the score), the lift of the top decile (the churn rate of the tenth of
/// customers with the highest probability over the overall rate) and calibration in ten equal-count bins by probability.
public struct ChurnValidation: Sendable, Equatable, Codable {
    public struct Bin: Sendable, Equatable, Codable {
        public var bin: Int
        public var predicted: Double
        public var observed: Double
        public var n: Int
    }

    public var auc: Double?
    /// The AUC's 95 % interval by Hanley and McNeil's (1982) standard error.
    public var aucInterval: [Double]?
    public var recencyAUC: Double?
    public var topDecileLift: Double?
    public var churnRate: Double
    public var calibration: [Bin]
    public var n: Int
    public var churned: Int
    /// The dates the model was fitted and validated on (set by ``ChurnAnalysis``).
    public var window: ChurnWindow?
    /// How many customers the model that was validated was fitted on.
    public var trainN: Int?

    enum CodingKeys: String, CodingKey {
        case auc, aucInterval = "auc_interval", recencyAUC = "recency_auc", topDecileLift = "top_decile_lift", churnRate = "churn_rate", calibration, n, churned, window
        case trainN = "train_n"
    }

    /// `probabilities[i]` and `recency[i]` belong to the customer whose outcome is `churned[i]`.
    public static func measure(probabilities: [Double], recency: [Double], churned: [Bool]) -> ChurnValidation {
        let n = churned.count
        let positives = churned.filter { $0 }.count
        let rate = n > 0 ? Double(positives) / Double(n) : 0
        let order = probabilities.indices.sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
        var lift: Double?
        if n > 0, rate > 0 {
            let top = order.prefix(max(1, Int((Double(n) / 10).rounded(.up))))
            lift = (Double(top.filter { churned[$0] }.count) / Double(top.count)) / rate
        }
        var bins: [Bin] = []
        let ascending = order.reversed() as ReversedCollection<[Int]>
        let sorted = Array(ascending)
        for b in 0..<10 {
            let lower = b * n / 10, upper = (b + 1) * n / 10
            guard upper > lower else { continue }
            let members = sorted[lower..<upper]
            let predicted = members.reduce(0) { $0 + probabilities[$1] } / Double(members.count)
            let observed = Double(members.filter { churned[$0] }.count) / Double(members.count)
            bins.append(Bin(bin: b + 1, predicted: predicted, observed: observed, n: members.count))
        }
        let auc = RankAUC.auc(scores: probabilities, positives: churned)
        return ChurnValidation(
            auc: auc, aucInterval: auc.map { hanleyMcNeil($0, positives: positives, negatives: n - positives) }, recencyAUC: RankAUC.auc(scores: recency, positives: churned),
            topDecileLift: lift, churnRate: rate, calibration: bins, n: n, churned: positives)
    }

    /// AUC ± 1.96 × SE with SE² = (A(1 − A) + (n₁ − 1)(Q₁ − A²) + (n₀ − 1)(Q₂ − A²)) / (n₁ n₀), Q₁ = A / (2 − A),
    /// Q₂ = 2A² / (1 + A); clamped to [0, 1].
    static func hanleyMcNeil(_ a: Double, positives: Int, negatives: Int) -> [Double] {
        let n1 = Double(positives), n0 = Double(negatives)
        let q1 = a / (2 - a), q2 = 2 * a * a / (1 + a)
        let variance = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0)
        let half = 1.96 * max(variance, 0).squareRoot()
        return [max(0, a - half), min(1, a + half)]
    }
}
