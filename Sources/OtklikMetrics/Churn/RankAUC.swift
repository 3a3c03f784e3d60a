import Foundation

/// The area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive scores above a
/// random negative, ties counting one half (mid-ranks). Nil when either class is empty.
public enum RankAUC {
    public static func auc(scores: [Double], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count)
        let nPositive = positives.filter { $0 }.count, nNegative = positives.count - nPositive
        guard nPositive > 0, nNegative > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for position in start...end where positives[order[position]] { rankSum += midRank }
            start = end + 1
        }
        let u = rankSum - Double(nPositive) * Double(nPositive + 1) / 2
        return u / (Double(nPositive) * Double(nNegative))
    }
}
