import Foundation
import OtklikCore

/// The mystery-shopping score. A visit's score is the weighted fulfilment of the items answered:
/// 100·Σ wᵢ·fᵢ / Σ wᵢ over the answered items (fᵢ = 1 or 0 for yes/no, score/max for a score), so an item left out
/// neither helps nor hurts. A group's score (a location, a staff member, a week) is the mean of its visits' scores with a
/// Student's t 95 % interval over the visits (the visit is the unit sampled); an item's score is the mean fulfilment·100
/// over the visits that answered it, with the same interval.
public enum MysteryScore {
    public static let definition =
        "Mystery-shopping score = 100·Σ weight·fulfilment / Σ weight over the items answered on a visit (yes 1, no 0, a score over its maximum); "
        + "a group's score is the mean over its visits, 95 % CI Student's t over visits"

    /// The score of one visit, 0-100; nil when no answered item is on the checklist.
    public static func visit(_ answers: [String: Int], checklist: MysteryChecklist) -> Double? {
        var weighted = 0.0, weights = 0.0
        for item in checklist.items {
            guard let answer = answers[item.code], let fulfilment = item.fulfilment(answer) else { continue }
            weighted += item.weight * fulfilment
            weights += item.weight
        }
        return weights > 0 ? 100 * weighted / weights : nil
    }

    /// Mean, n and 95 % interval of a set of scores (0-100); value nil below `minimumN`.
    public static func summary(_ scores: [Double], minimumN: Int = 1) -> MetricValue {
        let n = scores.count
        guard n > 0, n >= max(1, minimumN) else { return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true) }
        let sum = scores.reduce(0, +), squares = scores.reduce(0) { $0 + $1 * $1 }
        let interval = MeanInterval.t(sum: sum, sumOfSquares: squares, n: n)?.clamped(to: 0...100)
        return MetricValue(value: sum / Double(n), n: n, ciLow: interval?.low, ciHigh: interval?.high, insufficient: false)
    }
}
