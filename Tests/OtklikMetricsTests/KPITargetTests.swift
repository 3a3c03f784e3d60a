import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// Targets: what may be set, which one applies to a view, and how a figure with its interval is judged against it.
@Suite struct KPITargetTests {
    static func target(
        _ metric: TargetMetric = .csat, _ value: Double = 80, scope: KPITarget.Scope = .organisation, code: String? = nil,
        from: String = "2026-01-01", to: String = "2026-12-31", kind: KPITarget.Kind = .absolute
    ) -> KPITarget {
        KPITarget(metric: metric, scope: scope, code: code, from: from, to: to, target: value, kind: kind)
    }

    static func refusal(_ target: KPITarget) -> String? {
        do {
            try target.validate()
            return nil
        } catch {
            return error.field
        }
    }

    @Test func validation() {
        #expect(Self.refusal(Self.target()) == nil)
        #expect(TargetMetric(.count) == nil && TargetMetric(.npsNonrespondersPassive) == nil, "not the count, not the non-responder variants")
        #expect(Self.refusal(Self.target(.asa, 90_000)) == "target", "waiting time in seconds, at most a day")
        #expect(Self.refusal(Self.target(.csat, scope: .organisation, code: "L1")) == "code")
        #expect(Self.refusal(Self.target(.csat, scope: .location)) == "code")
        #expect(Self.refusal(Self.target(from: "2026-02-30")) == "from")
        #expect(Self.refusal(Self.target(from: "2026-12-31", to: "2026-01-01")) == "to")
        #expect(Self.refusal(Self.target(.csat, 120)) == "target")
        #expect(Self.refusal(Self.target(.ces, 0.5)) == "target")
        #expect(Self.refusal(Self.target(.nps, -20)) == nil)
        #expect(Self.refusal(Self.target(.nps, 5, kind: .relativeChange)) == "kind", "NPS can be negative")
        #expect(Self.refusal(Self.target(.csat, 5, kind: .relativeChange)) == nil)
        #expect(Self.refusal(Self.target(.csat, .nan)) == "target")
    }

    /// "+5 % a year": the baseline is the equally long stretch just before; the goal is the baseline × 1.05.
    @Test func relativeTargetsCompareWithTheStretchBefore() {
        let yearly = Self.target(.csat, 5, kind: .relativeChange)
        #expect(yearly.baselinePeriod.from == "2025-01-01")
        #expect(yearly.baselinePeriod.to == "2025-12-31")
        let quarter = Self.target(from: "2026-04-01", to: "2026-06-30")  // 91 days
        #expect(quarter.baselinePeriod.from == "2025-12-31")
        #expect(quarter.baselinePeriod.to == "2026-03-31")
        #expect(yearly.goal(baseline: 80)! == 84)
        #expect(yearly.goal(baseline: nil) == nil)
        #expect(Self.target().goal(baseline: nil) == 80)
    }

    @Test func theMostSpecificTargetInForceApplies() {
        let day = LocalCalendar.day(parsing: "2026-05-15")!
        let targets = [
            Self.target(.csat, 80, scope: .organisation),
            Self.target(.csat, 82, scope: .organisation, from: "2026-04-01", to: "2026-06-30"),
            Self.target(.csat, 78, scope: .region, code: "R1"),
            Self.target(.csat, 85, scope: .location, code: "L1"),
            Self.target(.csat, 70, scope: .service, code: "SV1"),
            Self.target(.csat, 99, scope: .location, code: "L2", from: "2025-01-01", to: "2025-12-31"),
            Self.target(.nps, 40, scope: .organisation),
        ]
        func value(_ view: KPITarget.View, _ metric: TargetMetric = .csat) -> Double? {
            KPITarget.applicable(targets, metric: metric, view: view)?.target
        }
        #expect(value(.init(lastDay: day)) == 82, "the quarter's target before the year's")
        #expect(value(.init(location: "L1", region: "R1", lastDay: day)) == 85)
        #expect(value(.init(location: "L2", region: "R1", lastDay: day)) == 78, "L2's own target was for 2025; its region's applies")
        #expect(value(.init(location: "L3", region: "R2", lastDay: day)) == 82)
        #expect(value(.init(service: "SV1", lastDay: day)) == 70)
        #expect(value(.init(location: "L1", region: "R1", service: "SV1", lastDay: day)) == 85)
        #expect(value(.init(lastDay: day), .nps) == 40)
        #expect(value(.init(lastDay: day), .ces) == nil)
        #expect(value(.init(lastDay: LocalCalendar.day(parsing: "2027-01-01")!)) == nil, "no target in force")
    }

    /// Met or missed only when the whole interval is on one side; the negative share is better when lower.
    @Test func judgedWithTheInterval() {
        func judge(_ target: KPITarget, _ value: Double?, _ low: Double?, _ high: Double?, baseline: Double? = nil) -> TargetAttainment {
            TargetAttainment.judge(
                target, value: MetricValue(value: value, n: 100, ciLow: low, ciHigh: high, insufficient: value == nil),
                baseline: baseline.map { MetricValue(value: $0, n: 100, ciLow: nil, ciHigh: nil, insufficient: false) })
        }
        let csat80 = Self.target()
        #expect(judge(csat80, 84, 80.5, 87).status == .met)
        #expect(judge(csat80, 84, 80, 87).status == .met, "at the goal counts")
        #expect(judge(csat80, 81, 78, 84).status == .undecided, "above the target, but the interval includes it")
        #expect(judge(csat80, 79, 76, 82).status == .undecided)
        #expect(judge(csat80, 75, 72, 79.9).status == .missed)
        #expect(judge(csat80, 75, 72, 79.9).gap == -5)
        #expect(judge(csat80, nil, nil, nil).status == .noData)
        let fewerComplaints = Self.target(.negative, 10)
        #expect(judge(fewerComplaints, 8, 6, 9.5).status == .met)
        #expect(judge(fewerComplaints, 14, 12, 16).status == .missed)
        let plusFive = Self.target(.csat, 5, kind: .relativeChange)
        #expect(judge(plusFive, 86, 85, 87, baseline: 80).status == .met, "goal 84")
        #expect(judge(plusFive, 86, 85, 87, baseline: 80).goal == 84)
        #expect(judge(plusFive, 86, 85, 87, baseline: nil).status == .noBaseline)
    }
}
