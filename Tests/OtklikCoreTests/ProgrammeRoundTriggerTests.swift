import Foundation
import OtklikCore
import Testing

/// The triggers that run on rounds (issue 19 item 2): a schedule's definition and its latest occurrence (hand-computed
/// wall-clock times in Moscow, UTC+3, and across a daylight-saving change in Berlin), a prediction's definition, the
/// hysteresis stepped by hand, and the audience's segments; refused with the field named when wrong.
@Suite struct ProgrammeRoundTriggerTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func definition(trigger: String, extra: String = "") -> Data {
        Data("""
            {"code": "p", "name": "P", "trigger": \(trigger), "action": {"kind": "callback"}, "outcome": "retention"\(extra)}
            """.utf8)
    }

    @Test func aScheduleAndSegmentsAreReadAndWrittenBackUnchanged() throws {
        let programme = try ProgrammeDefinition.parse(Self.definition(
            trigger: #"{"kind": "schedule", "every": "week", "weekday": "friday", "at": "09:30"}"#, extra: #", "segments": ["vip", "lapsed"]"#))
        #expect(programme.trigger == .schedule)
        #expect(programme.schedule == ProgrammeSchedule(every: .week, atMinute: 9 * 60 + 30, weekday: 6))
        #expect(programme.segments == ["vip", "lapsed"])
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(programme)) == programme)
        let json = try JSONSerialization.jsonObject(with: ProgrammeDefinition.json(programme)) as! [String: Any]
        #expect((json["trigger"] as? [String: Any])?["every"] as? String == "week")
        let daily = try ProgrammeDefinition.parse(Self.definition(trigger: #"{"kind": "schedule", "every": "day", "at": "09:00"}"#))
        #expect(daily.schedule == ProgrammeSchedule(every: .day, atMinute: 540))
    }

    @Test func aPredictionIsReadAndWrittenBackUnchanged() throws {
        let churn = try ProgrammeDefinition.parse(Self.definition(trigger: #"{"kind": "prediction", "score": "churn_risk", "above": 0.6, "reset_below": 0.4}"#))
        #expect(churn.trigger == .prediction)
        #expect(churn.prediction == PredictionThreshold(score: .churnRisk, upward: true, fire: 0.6, reset: 0.4))
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(churn)) == churn)
        let alive = try ProgrammeDefinition.parse(Self.definition(trigger: #"{"kind": "prediction", "score": "p_alive", "below": 0.3, "reset_above": 0.5}"#))
        #expect(alive.prediction == PredictionThreshold(score: .pAlive, upward: false, fire: 0.3, reset: 0.5))
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(alive)) == alive)
    }

    @Test(arguments: [
        (#"{"kind": "birthday"}"#, "", "trigger.kind"),
        (#"{"kind": "schedule", "every": "hour", "at": "09:00"}"#, "", "trigger.every"),
        (#"{"kind": "schedule", "every": "day"}"#, "", "trigger.at"),
        (#"{"kind": "schedule", "every": "day", "at": "9:00"}"#, "", "trigger.at"),
        (#"{"kind": "schedule", "every": "day", "at": "09:00", "weekday": "monday"}"#, "", "trigger.weekday"),
        (#"{"kind": "schedule", "every": "week", "at": "09:00", "weekday": "mon"}"#, "", "trigger.weekday"),
        (#"{"kind": "schedule", "every": "month", "at": "09:00", "day": 31}"#, "", "trigger.day"),
        (#"{"kind": "schedule", "every": "day", "at": "09:00", "cron": "* * *"}"#, "", "trigger.cron"),
        (#"{"kind": "prediction", "score": "nps", "above": 0.6, "reset_below": 0.4}"#, "", "trigger.score"),
        (#"{"kind": "prediction", "score": "churn_risk", "above": 0.6}"#, "", "trigger.reset_below"),
        (#"{"kind": "prediction", "score": "churn_risk", "above": 0.6, "reset_below": 0.7}"#, "", "trigger.reset_below"),
        (#"{"kind": "prediction", "score": "churn_risk", "above": 1.5, "reset_below": 0.4}"#, "", "trigger.above"),
        (#"{"kind": "prediction", "score": "churn_risk", "above": "high", "reset_below": 0.4}"#, "", "trigger.above"),
        (#"{"kind": "prediction", "score": "p_alive", "below": 0.3, "reset_above": 0.2}"#, "", "trigger.reset_above"),
        (#"{"kind": "prediction", "score": "p_alive", "above": 0.6, "reset_above": 0.7}"#, "", "trigger.above"),
        (#""detractor_answer""#, #", "segments": "vip""#, "segments"),
        (#""detractor_answer""#, #", "segments": ["VIP clients"]"#, "segments[0]"),
    ])
    func aWrongRoundTriggerNamesItsField(trigger: String, extra: String, field: String) {
        do {
            _ = try ProgrammeDefinition.parse(Self.definition(trigger: trigger, extra: extra))
            Issue.record("accepted: \(trigger)\(extra)")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.field == field, "\(error)")
        }
    }

    /// 2026-12-03 is a Thursday; Moscow is UTC+3 all year.
    @Test func theLatestOccurrenceIsTheLastWallClockTimeAtOrBeforeNow() {
        let daily = ProgrammeSchedule(every: .day, atMinute: 9 * 60)
        // 08:59 in Moscow: yesterday's 09:00; 09:00 exactly: today's.
        #expect(daily.latestOccurrence(atOrBefore: Self.utc("2026-12-03T05:59:00Z"), zone: Self.moscow) == Self.utc("2026-12-02T06:00:00Z"))
        #expect(daily.latestOccurrence(atOrBefore: Self.utc("2026-12-03T06:00:00Z"), zone: Self.moscow) == Self.utc("2026-12-03T06:00:00Z"))
        #expect(daily.occurrenceKey(Self.utc("2026-12-03T06:00:00Z"), zone: Self.moscow) == "2026-12-03T09:00")
        // Weekly on Monday at 09:00: from Thursday back to Monday 30 November; on Monday at 08:00, the Monday before.
        let weekly = ProgrammeSchedule(every: .week, atMinute: 9 * 60, weekday: 2)
        #expect(weekly.latestOccurrence(atOrBefore: Self.utc("2026-12-03T12:00:00Z"), zone: Self.moscow) == Self.utc("2026-11-30T06:00:00Z"))
        #expect(weekly.latestOccurrence(atOrBefore: Self.utc("2026-11-30T05:00:00Z"), zone: Self.moscow) == Self.utc("2026-11-23T06:00:00Z"))
        // Monthly on the 5th at 10:00: on 3 December, 5 November; on 5 December at 10:00, that day.
        let monthly = ProgrammeSchedule(every: .month, atMinute: 10 * 60, day: 5)
        #expect(monthly.latestOccurrence(atOrBefore: Self.utc("2026-12-03T12:00:00Z"), zone: Self.moscow) == Self.utc("2026-11-05T07:00:00Z"))
        #expect(monthly.latestOccurrence(atOrBefore: Self.utc("2026-12-05T07:00:00Z"), zone: Self.moscow) == Self.utc("2026-12-05T07:00:00Z"))
        // January's occurrence looks back into December of the year before.
        #expect(monthly.latestOccurrence(atOrBefore: Self.utc("2027-01-02T00:00:00Z"), zone: Self.moscow) == Self.utc("2026-12-05T07:00:00Z"))
    }

    /// Berlin moves from UTC+2 to UTC+1 on 25 October 2026: 09:00 is 07:00Z before and 08:00Z after.
    @Test func anOccurrenceKeepsItsWallClockTimeAcrossADaylightSavingChange() {
        let daily = ProgrammeSchedule(every: .day, atMinute: 9 * 60)
        #expect(daily.latestOccurrence(atOrBefore: Self.utc("2026-10-24T12:00:00Z"), zone: Self.berlin) == Self.utc("2026-10-24T07:00:00Z"))
        #expect(daily.latestOccurrence(atOrBefore: Self.utc("2026-10-25T12:00:00Z"), zone: Self.berlin) == Self.utc("2026-10-25T08:00:00Z"))
        #expect(daily.latestOccurrence(atOrBefore: Self.utc("2026-10-25T07:30:00Z"), zone: Self.berlin) == Self.utc("2026-10-24T07:00:00Z"))
    }

    /// above 0.6, reset below 0.4, stepped by hand: up (fires), jitter between the bounds and around 0.6 (nothing), down
    /// (re-arms), up again (fires again).
    @Test func theHysteresisFiresOncePerCrossingAndReArmsOnlyBelowTheResetBound() {
        let threshold = PredictionThreshold(score: .churnRisk, fire: 0.6, reset: 0.4)
        let scores = [0.30, 0.55, 0.60, 0.65, 0.58, 0.62, 0.45, 0.70, 0.40, 0.39, 0.50, 0.61, 0.61]
        let expected = [false, false, false, true, false, false, false, false, false, false, false, true, false]
        var armed = true
        var fired: [Bool] = []
        for score in scores {
            let step = PredictionHysteresis.step(armed: armed, score: score, threshold)
            armed = step.armed
            fired.append(step.fires)
        }
        #expect(fired == expected)
        // 0.60 is not above 0.6 and 0.40 not below 0.4: the bounds are strict.
        #expect(PredictionHysteresis.step(armed: true, score: 0.6, threshold) == .init(armed: true, fires: false))
        #expect(PredictionHysteresis.step(armed: false, score: 0.4, threshold) == .init(armed: false, fires: false))
        // A fall: P(alive) below 0.3 fires, re-arms above 0.5.
        let alive = PredictionThreshold(score: .pAlive, upward: false, fire: 0.3, reset: 0.5)
        #expect(PredictionHysteresis.step(armed: true, score: 0.25, alive) == .init(armed: false, fires: true))
        #expect(PredictionHysteresis.step(armed: false, score: 0.45, alive) == .init(armed: false, fires: false))
        #expect(PredictionHysteresis.step(armed: false, score: 0.55, alive) == .init(armed: true, fires: false))
    }
}
