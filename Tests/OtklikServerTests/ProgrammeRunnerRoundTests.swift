import Foundation
import OtklikApplication
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// The programmes' round runs the triggers that have no event (issue 19 item 2): a schedule's latest occurrence once
/// (after three days of downtime, one run, not three; nothing before the programme existed), and a prediction's daily
/// evaluation once per day of the organisation's calendar, on the scores the server gives (a model without scores
/// waits), with the segments it names evaluated by the server.
@Suite struct ProgrammeRunnerRoundTests {
    static let template = #"{"ru": {"subject": "Тема", "body": "Текст"}, "en": {"subject": "Subject", "body": "Text"}}"#

    static func seed(_ database: AppDatabase, customers: Int, at now: Date) async throws {
        _ = try await database.feedback.insert((0..<customers).map { index in
            Feedback(id: "rr-\(index)", ts: now.addingTimeInterval(-86_400), channel: .qrWeb, kind: .informative, location: "L01",
                customer: "rr-\(index)", nps: 8, contact: "rr\(index)@example.ru")
        }, createMissingReferences: true)
        try await database.consents.record((0..<customers).map {
            Consent(id: "rr-\($0)", customer: "rr-\($0)", purpose: .service, channel: "email", source: "form", givenAt: now.addingTimeInterval(-2 * 86_400))
        })
    }

    static func zone(_ database: AppDatabase) async throws -> TimeZone {
        TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
    }

    /// `hour`:00 on the day `days` after 2026-03-02 in `zone`.
    static func at(days: Int, hour: Int, _ zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: 3, day: 2 + days, hour: hour))!
    }

    @Test func aMissedScheduleRunsOnceAndOnlyAfterTheProgrammeWasCreated() async throws {
        // Without the server's own programmes round, which would run today's occurrence at the real time.
        try await TestApp.withRouter(background: false) { test, _ in
            let database = test.app.database
            let zone = try await Self.zone(database)
            try await Self.seed(database, customers: 5, at: Self.at(days: 0, hour: 8, zone))
            let programme = try ProgrammeDefinition.parse(Data("""
                {"code": "daily", "name": "Daily", "trigger": {"kind": "schedule", "every": "day", "at": "10:00"},
                 "action": {"kind": "message", "channels": ["email"], "template": \(Self.template)}, "limits": {"max_contacts": 10},
                 "holdout": 0.01, "outcome": "retention"}
                """.utf8))
            // Created at 11:00 on day 0: that day's 10:00 is before it.
            try await database.programmes.create(programme, now: Self.at(days: 0, hour: 11, zone))
            let runner = ProgrammeRunner(database: database)
            #expect(try await runner.runScheduled(now: Self.at(days: 0, hour: 12, zone)).isEmpty)
            // Down from day 0 to day 3 at 15:00: one run, of day 3's 10:00.
            let ran = try await runner.runScheduled(now: Self.at(days: 3, hour: 15, zone))
            #expect(ran["daily"] == 5)
            #expect(try await database.programmes.occurrences(programme: "daily").map { $0.occurrence } == ["2026-03-05T10:00"])
            #expect(try await runner.runScheduled(now: Self.at(days: 3, hour: 16, zone)).isEmpty)
            // The next day's occurrence runs at its time, not before.
            #expect(try await runner.runScheduled(now: Self.at(days: 4, hour: 9, zone)).isEmpty)
            #expect(try await runner.runScheduled(now: Self.at(days: 4, hour: 10, zone))["daily"] == 5)
            let keys = try await database.programmes.actions(programme: "daily", limit: 100).map(\.triggerKey)
            #expect(keys.count == 10 && Set(keys).count == 10)
            #expect(keys.allSatisfy { $0.hasPrefix("schedule:2026-03-05T10:00:") || $0.hasPrefix("schedule:2026-03-06T10:00:") })
            // Paused: its occurrences do not run.
            try await database.programmes.setStatus(code: "daily", .paused, reason: "manual")
            #expect(try await runner.runScheduled(now: Self.at(days: 5, hour: 10, zone)).isEmpty)
        }
    }

    @Test func aPredictionIsEvaluatedOnceADayOnTheServersScoresWithItsSegments() async throws {
        try await TestApp.withRouter(background: false) { test, _ in
            let database = test.app.database
            let zone = try await Self.zone(database)
            try await Self.seed(database, customers: 3, at: Self.at(days: 0, hour: 8, zone))
            try await database.segments.define(
                [Segment(code: "watched", nameRu: "Под наблюдением", nameEn: "Watched", rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(0))])],
                now: Self.at(days: 0, hour: 8, zone))
            let programme = try ProgrammeDefinition.parse(Data("""
                {"code": "risk", "name": "Risk", "trigger": {"kind": "prediction", "score": "churn_risk", "above": 0.6, "reset_below": 0.4},
                 "segments": ["watched"], "action": {"kind": "message", "channels": ["email"], "template": \(Self.template)},
                 "limits": {"max_contacts": 10}, "holdout": 0.01, "outcome": "retention"}
                """.utf8))
            try await database.programmes.create(programme, now: Self.at(days: 0, hour: 8, zone))
            let scores = ScoreBoard()
            let signals = ProgrammeSignals(
                segmentMembers: { codes, _ in Dictionary(uniqueKeysWithValues: codes.map { ($0, Set(["rr-0", "rr-1"])) }) },
                scores: { score, _ in score == .churnRisk ? await scores.current : nil })
            let runner = ProgrammeRunner(database: database, signals: signals)
            // No scores yet (the model cannot be fitted): the day waits.
            #expect(try await runner.runScheduled(now: Self.at(days: 1, hour: 10, zone)).isEmpty)
            await scores.set(["rr-0": 0.7, "rr-1": 0.2, "rr-2": 0.9])
            #expect(try await runner.runScheduled(now: Self.at(days: 1, hour: 11, zone))["risk"] == 2)
            // Later the same day: not again, whatever the scores.
            await scores.set(["rr-0": 0.1, "rr-1": 0.9, "rr-2": 0.9])
            #expect(try await runner.runScheduled(now: Self.at(days: 1, hour: 20, zone)).isEmpty)
            let actions = Dictionary(uniqueKeysWithValues: try await database.programmes.actions(programme: "risk").map { ($0.customer, $0) })
            #expect(actions["rr-0"]?.status == "done")
            // rr-2 crossed but is outside the segment: recorded, not contacted.
            #expect(actions["rr-2"]?.status == "not_in_audience" && actions["rr-2"]?.reason == "segment:watched")
            #expect(actions["rr-1"] == nil)
            // The next day rr-1 crosses; rr-0 fell below 0.4 and is armed again.
            #expect(try await runner.runScheduled(now: Self.at(days: 2, hour: 11, zone))["risk"] == 1)
            #expect(try await database.programmes.predictionState(programme: "risk", customer: "rr-0")?.armed == true)
        }
    }
}

actor ScoreBoard {
    var current: [String: Double]? = nil
    func set(_ scores: [String: Double]) { current = scores }
}
