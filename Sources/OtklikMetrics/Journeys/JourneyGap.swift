import Foundation

/// A stage's distance in satisfaction from the journey's target (or, without one, from its best stage), in percentage
/// points with a 95 % interval; stages ranked by it, largest first.
public struct JourneyGap: Sendable, Equatable {
    public enum Reference: String, Sendable {
        case target
        case bestStage = "best_stage"
    }

    public var stage: Int
    public var reference: Reference
    /// The reference satisfaction, per cent.
    public var referenceValue: Double
    /// Reference − stage, percentage points.
    public var gap: Double
    public var interval: Interval?
    /// The stage's CSAT n.
    public var n: Int

    /// Ranks the stages with a satisfaction figure. From a target T the gap is T − p with the interval T − the Wilson
    /// bounds; from the best stage b it is p_b − p with Newcombe's hybrid score interval (method 10) for the
    /// difference of two independent shares. Stages below the minimum n are not ranked.
    public static func rank(_ stages: [JourneyStageFigures], target: Double?) -> [JourneyGap] {
        let measured = stages.filter { $0.satisfaction.value != nil }
        guard !measured.isEmpty else { return [] }
        var gaps: [JourneyGap] = []
        if let target {
            for stage in measured {
                let value = stage.satisfaction.value!
                gaps.append(JourneyGap(
                    stage: stage.stage, reference: .target, referenceValue: target, gap: target - value,
                    interval: stage.satisfaction.interval.map { Interval(low: target - $0.high, high: target - $0.low) }, n: stage.satisfaction.n))
            }
        } else {
            let best = measured.max { ($0.satisfaction.value!, -$0.stage) < ($1.satisfaction.value!, -$1.stage) }!
            for stage in measured {
                let p1 = best.satisfaction.value! / 100, p2 = stage.satisfaction.value! / 100
                var interval: Interval?
                if stage.stage == best.stage {
                    interval = Interval(low: 0, high: 0)
                } else if let w1 = best.satisfaction.interval, let w2 = stage.satisfaction.interval {
                    let (l1, u1, l2, u2) = (w1.low / 100, w1.high / 100, w2.low / 100, w2.high / 100)
                    let d = p1 - p2
                    interval = Interval(
                        low: 100 * (d - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()),
                        high: 100 * (d + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()))
                }
                gaps.append(JourneyGap(
                    stage: stage.stage, reference: .bestStage, referenceValue: 100 * p1, gap: 100 * (p1 - p2), interval: interval, n: stage.satisfaction.n))
            }
        }
        return gaps.sorted { $0.gap != $1.gap ? $0.gap > $1.gap : $0.stage < $1.stage }
    }
}
