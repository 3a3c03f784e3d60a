import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// Programmes that run on rounds, on every engine (issue 19 item 2): a scheduled occurrence reaches each customer of
/// the audience once (a second run of it does nothing, a round cut short replays without a second message, the next
/// occurrence reaches them again); named segments narrow the audience; a prediction's hysteresis state is stored per
/// customer and programme across days (up, jitter, down, up again: two firings); a programme's messages are listed
/// with the address masked, by status, a page at a time.
@Suite struct ProgrammeRoundsContractTests {
    typealias Base = ProgrammeContractTests
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Base.t0, now = Base.now, moscow = Base.moscow
    static let template = ProgrammeActionKindsContractTests.template

    static func message(_ code: String, trigger: ProgrammeTrigger, schedule: ProgrammeSchedule? = nil, prediction: PredictionThreshold? = nil,
        segments: [String] = []) -> Programme
    {
        Programme(
            code: code, name: "Programme \(code)", trigger: trigger, action: ProgrammeAction(kind: .message, template: Self.template),
            limits: ContactLimits(purpose: .service, maxContacts: 10, windowDays: 7), holdoutShare: 0.1, outcome: .retention,
            segments: segments, schedule: schedule, prediction: prediction)
    }

    /// Customers with an e-mail address and a consent to service e-mail: `treated` the programme treats, one it holds out.
    static func seedCustomers(_ database: AppDatabase, programme: String, treated: Int) async throws -> (treated: [String], held: String) {
        let customers = Base.customers(.treated, programme: programme, count: treated), held = Base.customers(.holdout, programme: programme, count: 1)[0]
        let all = customers + [held]
        _ = try await database.feedback.insert(
            all.enumerated().map { index, customer in
                Feedback(id: "seed-\(index)", ts: t0.addingTimeInterval(-3_600), channel: .qrWeb, kind: .complaint, location: "L01", customer: customer,
                    nps: 8, contact: "c\(index)@example.ru")
            }, createMissingReferences: false)
        try await database.consents.record(all.map { ProgrammeActionKindsContractTests.consent($0, "email") })
        return (customers, held)
    }

    static func messageCount(_ database: AppDatabase, _ code: String) async throws -> Int {
        try await database.sql.query("SELECT COUNT(*) AS n FROM programme_messages WHERE programme_code = ?", [.text(code)]).first?.int("n") ?? 0
    }

    @Test(arguments: TestEngine.available)
    func aScheduledOccurrenceReachesEachCustomerOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.message("weekly", trigger: .schedule, schedule: ProgrammeSchedule(every: .day, atMinute: 600))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let (treated, held) = try await Self.seedCustomers(database, programme: "weekly", treated: 3)
            let candidates = try await programmes.roundCandidates()
            #expect(Set(candidates) == Set(treated + [held]))

            let first = try await programmes.runOccurrence(programme, occurrence: "2026-03-02T10:00", candidates: candidates, organisationZone: Self.moscow, now: Self.now)
            #expect(first == 4)
            #expect(try await Self.messageCount(database, "weekly") == 3)
            let actions = try await programmes.actions(programme: "weekly")
            #expect(actions.count == 4 && actions.filter { $0.status == "held_out" }.map(\.customer) == [held])
            #expect(Set(actions.map(\.triggerKey)) == Set((treated + [held]).map { "schedule:2026-03-02T10:00:\($0)" }))
            #expect(try await programmes.hasRun(programme: "weekly", occurrence: "2026-03-02T10:00"))

            // The same occurrence again: nothing.
            #expect(try await programmes.runOccurrence(programme, occurrence: "2026-03-02T10:00", candidates: candidates, organisationZone: Self.moscow, now: Self.now) == nil)
            // A round cut short before the occurrence was recorded runs it again: the stored actions make it a replay.
            try await database.sql.execute("DELETE FROM programme_occurrences", [])
            #expect(try await programmes.runOccurrence(programme, occurrence: "2026-03-02T10:00", candidates: candidates, organisationZone: Self.moscow, now: Self.now) == 4)
            #expect(try await Self.messageCount(database, "weekly") == 3)
            #expect(try await programmes.actions(programme: "weekly").count == 4)

            // The next occurrence is another trigger event: each treated customer gets a second message.
            let next = Self.now.addingTimeInterval(86_400)
            #expect(try await programmes.runOccurrence(programme, occurrence: "2026-03-03T10:00", candidates: candidates, organisationZone: Self.moscow, now: next) == 4)
            #expect(try await Self.messageCount(database, "weekly") == 6)
            for customer in treated {
                #expect(try await programmes.contacts(of: customer, since: .distantPast).count == 2)
            }
            #expect(try await programmes.contacts(of: held, since: .distantPast).isEmpty)
            #expect(try await programmes.occurrences(programme: "weekly").map { $0.occurrence } == ["2026-03-03T10:00", "2026-03-02T10:00"])
        }
    }

    @Test(arguments: TestEngine.available)
    func namedSegmentsNarrowTheAudience(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            // A segment must exist to be named.
            await #expect {
                try await programmes.create(Self.message("vip-only", trigger: .schedule, schedule: ProgrammeSchedule(every: .day, atMinute: 600), segments: ["vip"]))
            } throws: { ($0 as? OtklikError)?.field == "segments[0]" }
            try await database.segments.define(
                [Segment(code: "vip", nameRu: "VIP", nameEn: "VIP", rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(5))])], now: Self.t0)
            let programme = Self.message("vip-only", trigger: .schedule, schedule: ProgrammeSchedule(every: .day, atMinute: 600), segments: ["vip"])
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await Self.seedCustomers(database, programme: "vip-only", treated: 3)
            let members = ["vip": Set([treated[0], treated[2]])]
            let count = try await programmes.runOccurrence(
                programme, occurrence: "2026-03-02T10:00", candidates: try await programmes.roundCandidates(), segmentMembers: members,
                organisationZone: Self.moscow, now: Self.now)
            #expect(count == 2)
            #expect(Set(try await programmes.actions(programme: "vip-only").map(\.customer)) == [treated[0], treated[2]])
            // An event for a customer outside the segment is recorded as not in the audience, with the segment named.
            let outside = try await programmes.trigger(
                programme, event: .init(key: "feedback:x", customer: treated[1], at: Self.now), organisationZone: Self.moscow, now: Self.now,
                segmentMembers: members)
            #expect(outside.status == "not_in_audience" && outside.reason == "segment:vip")
        }
    }

    /// above 0.6, reset below 0.4. A: 0.30, 0.65 (fires), 0.62, 0.30 (re-arms). B: 0.70 (fires), 0.50 (jitter), 0.35
    /// (re-arms), 0.61 (fires again).
    @Test(arguments: TestEngine.available)
    func aPredictionFiresOncePerCrossingWithItsStateStored(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.message(
                "churn-watch", trigger: .prediction, prediction: PredictionThreshold(score: .churnRisk, fire: 0.6, reset: 0.4))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await Self.seedCustomers(database, programme: "churn-watch", treated: 2)
            let a = treated[0], b = treated[1]
            let days = [("2026-03-02", [a: 0.30, b: 0.70]), ("2026-03-03", [a: 0.65, b: 0.50]), ("2026-03-04", [a: 0.62, b: 0.35]),
                        ("2026-03-05", [a: 0.30, b: 0.61])]
            var fired: [Int?] = []
            for (index, (day, scores)) in days.enumerated() {
                fired.append(try await programmes.evaluatePrediction(
                    programme, day: day, scores: scores.merging(["nobody": 0.99]) { x, _ in x }, organisationZone: Self.moscow,
                    now: Self.now.addingTimeInterval(Double(index) * 86_400)))
            }
            #expect(fired == [1, 1, 0, 1])
            // The same day again: not evaluated twice.
            #expect(try await programmes.evaluatePrediction(programme, day: "2026-03-05", scores: [a: 0.9], organisationZone: Self.moscow, now: Self.now) == nil)
            let keys = Set(try await programmes.actions(programme: "churn-watch").map(\.triggerKey))
            #expect(keys == ["prediction:2026-03-02:\(b)", "prediction:2026-03-03:\(a)", "prediction:2026-03-05:\(b)"])
            #expect(try await Self.messageCount(database, "churn-watch") == 3)
            #expect(try await programmes.predictionState(programme: "churn-watch", customer: a)?.armed == true)
            #expect(try await programmes.predictionState(programme: "churn-watch", customer: b)?.armed == false)
            #expect(try await programmes.predictionState(programme: "churn-watch", customer: "nobody") == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func aProgrammesMessagesAreListedMaskedByStatusAPageAtATime(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.message("news", trigger: .schedule, schedule: ProgrammeSchedule(every: .day, atMinute: 600))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            _ = try await Self.seedCustomers(database, programme: "news", treated: 3)
            try await programmes.runOccurrence(
                programme, occurrence: "2026-03-02T10:00", candidates: try await programmes.roundCandidates(), organisationZone: Self.moscow, now: Self.now)
            let queued = try await programmes.pendingMessages(limit: 10, now: Self.now.addingTimeInterval(60))
            #expect(queued.count == 3)
            try await programmes.markMessageSent(id: queued[0].id, now: Self.now)
            try await programmes.markMessageFailed(id: queued[1].id, error: "550 no such user", now: Self.now, retryAfter: 60, maxAttempts: 1)

            let all = try await programmes.messageLines(programme: "news")
            #expect(all.total == 3 && all.lines.count == 3)
            #expect(all.lines.allSatisfy { !($0.recipientMasked ?? "").contains("c0@") && !($0.recipientMasked ?? "").contains("c1@") })
            let pending = try await programmes.messageLines(programme: "news", status: "pending")
            #expect(pending.total == 1 && pending.lines.first?.id == queued[2].id)
            #expect(pending.lines.first?.recipientMasked?.hasPrefix("c***@example.ru") == true)
            #expect(try await programmes.messageLines(programme: "news", status: "failed").lines.map(\.attempts) == [1])
            #expect(try await programmes.messageLines(programme: "news", status: "sent").lines.map(\.id) == [queued[0].id])
            let second = try await programmes.messageLines(programme: "news", offset: 2, limit: 2)
            #expect(second.total == 3 && second.lines.count == 1)
            await #expect { try await programmes.messageLines(programme: "news", status: "lost") } throws: { ($0 as? OtklikError)?.field == "status" }
        }
    }
}
