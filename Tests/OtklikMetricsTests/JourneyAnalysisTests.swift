import Foundation
import OtklikCore
@testable import OtklikMetrics
import Testing

/// Issue 20 item 4: a journey's stage figures on a hand-made timeline, each number worked out by hand below, and the
/// journey's validation naming the path of the bad field.
@Suite struct JourneyAnalysisTests {
    static let day0 = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z")!
    static func day(_ d: Double) -> Date { day0.addingTimeInterval(d * 86_400) }

    /// Stages A (0), B (1), C (2); period days [0, 100), computed on day 125, window 30 days, minimum n 2.
    static let events: [JourneyEvent] = [
        JourneyEvent(stage: 0, key: "f1", customer: "c1", at: day(1), csat: 5),
        JourneyEvent(stage: 1, key: "r1", customer: "c1", at: day(3)),
        JourneyEvent(stage: 2, key: "r1c", customer: "c1", at: day(10)),
        JourneyEvent(stage: 0, key: "f2", customer: "c2", at: day(2), csat: 2),
        JourneyEvent(stage: 0, key: "f3", customer: "c2", at: day(5)),
        JourneyEvent(stage: 0, key: "f3", customer: "c2", at: day(5)),  // the same event twice counts once
        JourneyEvent(stage: 0, key: "f4", customer: "c3", at: day(4), csat: 4, ces: 6),
        JourneyEvent(stage: 2, key: "r3c", customer: "c3", at: day(50)),  // after c3's window: c3 dropped off at A
        JourneyEvent(stage: 1, key: "r4", customer: "c4", at: day(90)),
        JourneyEvent(stage: 2, key: "r4c", customer: "c4", at: day(105)),  // after the period, inside c4's window
        JourneyEvent(stage: 0, key: "f5", customer: nil, at: day(6), csat: 3),  // anonymous: volume and CSAT only
        JourneyEvent(stage: 0, key: "f6", customer: "c5", at: day(99)),  // window ends day 129 > 125: censored
        JourneyEvent(stage: 0, key: "f7", customer: "c6", at: day(150)),  // outside the period
    ]

    static func analysis(target: Double? = 80) -> JourneyAnalysis {
        JourneyAnalysis.compute(stageCount: 3, events: events, from: day(0), to: day(100), asOf: day(125), minimumN: 2, satisfactionTarget: target)
    }

    @Test func stageFiguresByHand() throws {
        let result = Self.analysis()
        let a = result.stages[0], b = result.stages[1], c = result.stages[2]
        // A: f1, f2, f3, f4, f5, f6 in the period; known customers c1, c2, c3, c5.
        #expect(a.volume == 6 && a.customers == 4)
        // CSAT 5, 2, 4, 3: two of four satisfied, Wilson interval.
        #expect(a.satisfaction.n == 4 && a.satisfaction.count == 2 && a.satisfaction.value == 50)
        let wilson = try #require(ProportionInterval.wilson(successes: 2, n: 4))
        #expect(abs(a.satisfaction.interval!.low - 100 * wilson.low) < 1e-9)
        // One CES answer: below the minimum n, n shown without a value.
        #expect(a.effort.n == 1 && a.effort.value == nil)
        // c5 censored; of c1, c2, c3 only c1 went on (to B after 48 h): drop-off 2 of 3.
        #expect(a.censored == 1)
        #expect(a.dropOff?.n == 3 && a.dropOff?.count == 2 && abs((a.dropOff?.value ?? 0) - 200.0 / 3) < 1e-9)
        #expect(a.hoursToNext?.n == 1 && a.hoursToNext?.value == nil)
        // B: c1 (day 3 → C day 10, 168 h) and c4 (day 90 → C day 105, 360 h, after the period but inside the window).
        #expect(b.volume == 2 && b.dropOff?.n == 2 && b.dropOff?.count == 0 && b.dropOff?.value == 0)
        #expect(b.hoursToNext?.n == 2 && b.hoursToNext?.value == 264 && b.hoursToNext?.interval == nil)
        // C: the last stage has no drop-off and no next stage; c4's day-105 event is outside the period.
        #expect(c.volume == 2 && c.dropOff == nil && c.hoursToNext == nil)
    }

    @Test func gapsFromTheTargetAndFromTheBestStage() {
        let fromTarget = Self.analysis(target: 80).gaps
        #expect(fromTarget.count == 1 && fromTarget[0].stage == 0 && fromTarget[0].gap == 30 && fromTarget[0].reference == .target)
        let wilson = ProportionInterval.wilson(successes: 2, n: 4)!
        #expect(abs(fromTarget[0].interval!.high - (80 - 100 * wilson.low)) < 1e-9)

        func stage(_ index: Int, _ k: Int, _ n: Int) -> JourneyStageFigures {
            let w = ProportionInterval.wilson(successes: k, n: n)!
            return JourneyStageFigures(
                stage: index, volume: n, customers: 0,
                satisfaction: .init(n: n, count: k, value: 100 * Double(k) / Double(n), interval: Interval(low: 100 * w.low, high: 100 * w.high)),
                effort: .init(n: 0, value: nil, interval: nil), dropOff: nil, censored: 0, hoursToNext: nil)
        }
        let gaps = JourneyGap.rank([stage(0, 90, 100), stage(1, 60, 100), stage(2, 75, 100)], target: nil)
        #expect(gaps.map(\.stage) == [1, 2, 0] && gaps.map(\.gap).map { ($0 * 1e9).rounded() / 1e9 } == [30, 15, 0])
        // Newcombe's hybrid score interval for 0.90 − 0.60 with n = 100 each (Newcombe 1998, method 10).
        let (l1, u1) = (ProportionInterval.wilson(successes: 90, n: 100)!.low, ProportionInterval.wilson(successes: 90, n: 100)!.high)
        let (l2, u2) = (ProportionInterval.wilson(successes: 60, n: 100)!.low, ProportionInterval.wilson(successes: 60, n: 100)!.high)
        let low = 0.3 - ((0.9 - l1) * (0.9 - l1) + (u2 - 0.6) * (u2 - 0.6)).squareRoot()
        let high = 0.3 + ((u1 - 0.9) * (u1 - 0.9) + (0.6 - l2) * (0.6 - l2)).squareRoot()
        #expect(abs(gaps[0].interval!.low - 100 * low) < 1e-9 && abs(gaps[0].interval!.high - 100 * high) < 1e-9)
        #expect(gaps[0].interval!.low > 17 && gaps[0].interval!.high < 42)
    }

    @Test func discoveredPathsAreTheDirectlyFollowsGraph() {
        let paths = Self.analysis().paths
        // c1 A→B→C, c2 A (A twice, merged), c3 A→C, c4 B (its C is after the period), c5 A; c6 is outside the period.
        #expect(paths.customers == 5 && paths.customersWithTwoOrMore == 3)
        #expect(paths.edges.map { [$0.from, $0.to, $0.count] } == [[0, 1, 1], [0, 2, 1], [1, 2, 1]])
        #expect(paths.top.map(\.stages) == [[0], [0, 1, 2], [0, 2]] && paths.top.allSatisfy { $0.customers == 1 && abs($0.share - 100.0 / 3) < 1e-9 })
    }

    static func journey(_ stages: [JourneyStage]) -> Journey {
        Journey(code: "j1", nameRu: "Путь", nameEn: "Path", owner: JourneyOwner(kind: .staff, id: "S01"), stages: stages)
    }

    @Test func validationNamesThePathOfTheBadField() {
        func field(_ journey: Journey) -> String? {
            do { try journey.validate() } catch { return error.field }
            return nil
        }
        let good = JourneyStage(code: "a", nameRu: "А", nameEn: "A", bindings: [JourneyBinding(source: .request, statuses: ["open"])])
        #expect(field(Self.journey([good])) == nil)
        #expect(field(Self.journey([])) == "stages")
        #expect(field(Self.journey([good, good])) == "stages[1].code")
        var bad = good
        bad.bindings = [JourneyBinding(source: .feedback), JourneyBinding(source: .request, statuses: ["open", "lost"])]
        #expect(field(Self.journey([good, bad])) == "stages[1].bindings[1].statuses[1]")
        bad.bindings = [JourneyBinding(source: .request)]
        #expect(field(Self.journey([bad])) == "stages[0].bindings[0].statuses")
        bad.bindings = [JourneyBinding(source: .feedbackCase, statuses: ["opened", "reopened"])]
        #expect(field(Self.journey([bad])) == "stages[0].bindings[0].statuses[1]")
        bad.bindings = [JourneyBinding(source: .feedback, topics: ["x"])]
        #expect(field(Self.journey([bad])) == "stages[0].bindings[0].topics")
        var target = Self.journey([good])
        target.satisfactionTarget = 120
        #expect(field(target) == "satisfaction_target")
        #expect(JourneyStageReference("getting-service/visit") == JourneyStageReference(journey: "getting-service", stage: "visit"))
        #expect(JourneyStageReference("visit") == nil && JourneyStageReference("a/b/c") == nil && JourneyStageReference("a/") == nil)
    }
}
