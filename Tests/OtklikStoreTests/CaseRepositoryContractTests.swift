import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Cases: opened once per complaint, owned by the location's manager, acted on with a history — on both engines.
@Suite struct CaseRepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    /// Opening hours 09:00-18:00 UTC on Monday-Friday; 4 h to first response, 16 h to resolve.
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    static func feedback(_ id: String, kind: FeedbackKind = .informative, csat: Int? = nil, contact: String? = nil) -> Feedback {
        Feedback(id: id, ts: now.addingTimeInterval(-60), channel: .qrWeb, kind: kind, location: "L1", csat: csat, comment: "x", contact: contact)
    }

    @Test(arguments: TestEngine.available)
    func complaintsOpenOneCaseEachWithTheManagerAsOwner(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            let items = [
                Self.feedback("f1", kind: .complaint, csat: 2, contact: "+7 900"),
                Self.feedback("f2", csat: 3, contact: "a@b.c"),  // a low score with a contact
                Self.feedback("f3", csat: 5, contact: "c@d.e"),  // praise: no case
                Self.feedback("f4", csat: 1),  // no contact: no one to answer
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.now)
            #expect(opened.compactMap(\.feedbackId).sorted() == ["f1", "f2"])
            #expect(opened.allSatisfy { $0.owner == "M1" && $0.status == .new && $0.dueAt == Self.schedule.resolutionDue(openedAt: Self.now) })
            #expect(try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.now).isEmpty, "idempotent")
            #expect(try await database.cases.openMissingCases(schedule: Self.schedule, now: Self.now).isEmpty)
            // A complaint stored without its case (a crash between the two) is healed by the sweep.
            _ = try await database.feedback.insert([Self.feedback("f5", kind: .complaint, csat: 1, contact: "+7 901")], createMissingReferences: false)
            #expect(try await database.cases.openMissingCases(schedule: Self.schedule, now: Self.now).map(\.feedbackId) == ["f5"])
            let overdue = try await database.cases.cases(CaseFilter(overdueAt: Self.schedule.resolutionDue(openedAt: Self.now).addingTimeInterval(1)))
            #expect(overdue.compactMap(\.feedbackId).sorted() == ["f1", "f2", "f5"])
        }
    }

    @Test(arguments: TestEngine.available)
    func actionsAreValidatedAndRecorded(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            _ = try await database.feedback.insert([Self.feedback("f1", kind: .complaint, csat: 2, contact: "+7 900")], createMissingReferences: false)
            let id = try #require(try await database.cases.openCases(forFeedback: ["f1"], schedule: Self.schedule, now: Self.now).first?.id)
            #expect(try await database.cases.get(id: id)?.0.owner == nil, "no manager at the location: unassigned")
            let assigned = try await database.cases.apply(.assign(owner: "S7"), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            #expect(assigned.owner == "S7" && assigned.status == .inProgress)
            _ = try await database.cases.apply(.recordFollowUp(.calledBack, note: "извинились"), to: id, actor: "anna", now: Self.now.addingTimeInterval(60), schedule: Self.schedule)
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.resolve(code: "magic", note: nil), to: id, actor: "anna", now: Self.now, schedule: Self.schedule) }
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.setStatus(.closed), to: id, actor: "anna", now: Self.now, schedule: Self.schedule) }
            let resolved = try await database.cases.apply(.resolve(code: "explained", note: "объяснили тариф"), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            #expect(resolved.status == .resolved && resolved.resolutionCode == "explained" && resolved.calledBackAt != nil)
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.resolve(code: "fixed", note: nil), to: id, actor: "anna", now: Self.now, schedule: Self.schedule) }
            _ = try await database.cases.apply(.setStatus(.closed), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            let (final, events) = try #require(try await database.cases.get(id: id))
            #expect(final.status == .closed)
            #expect(events.map(\.kind) == [.opened, .assigned, .calledBack, .resolved, .status])
            #expect(events[3].text == "explained: объяснили тариф" && events[3].actor == "anna")
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.comment("x"), to: "case-none", actor: "anna", now: Self.now, schedule: Self.schedule) }
        }
    }

    @Test(arguments: TestEngine.available)
    func slaPausesWarnsBreachesAndEscalates(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            try await database.reference.save(Location(code: "L2", name: "Офис 2", region: "R1"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            try await database.reference.save(Staff(code: "RM", name: "Регион", location: "L2", role: "regional_manager"))
            try await database.reference.save(Staff(code: "CX", name: "Директор", location: "L2", role: "cx_director"))
            _ = try await database.feedback.insert([Self.feedback("s1", kind: .complaint, csat: 1, contact: "+7")], createMissingReferences: false)
            // Opened Monday 2026-03-02 10:00 UTC: first response due 14:00; 16 business hours to resolve —
            // Monday 10:00-18:00 is 8 h, Tuesday 09:00-17:00 the other 8 h: due Tuesday 17:00.
            let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
            let opened = try #require(try await database.cases.openCases(forFeedback: ["s1"], schedule: Self.schedule, now: monday).first)
            #expect(opened.firstResponseDueAt == ISO8601DateFormatter().date(from: "2026-03-02T14:00:00Z"))
            #expect(opened.dueAt == ISO8601DateFormatter().date(from: "2026-03-03T17:00:00Z"))
            // Waiting for the customer from Monday 16:00 to Tuesday 11:00 pauses 2 + 2 business hours: due Wednesday 12:00.
            let waiting = try await database.cases.apply(
                .setStatus(.waitingForCustomer), to: opened.id, actor: "anna", now: ISO8601DateFormatter().date(from: "2026-03-02T16:00:00Z")!,
                schedule: Self.schedule)
            #expect(waiting.pausedAt != nil && waiting.firstResponseAt != nil)
            #expect(try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-04T18:00:00Z")!, schedule: Self.schedule).isEmpty,
                    "a paused case is not supervised")
            let resumed = try await database.cases.apply(
                .setStatus(.inProgress), to: opened.id, actor: "anna", now: ISO8601DateFormatter().date(from: "2026-03-03T11:00:00Z")!,
                schedule: Self.schedule)
            #expect(resumed.dueAt == ISO8601DateFormatter().date(from: "2026-03-04T12:00:00Z"))
            #expect(resumed.pausedAt == nil)
            // 80 % of the 20 business hours between opening and the deadline (Tuesday 17:00) has passed: warn.
            let warned = try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-04T10:30:00Z")!, schedule: Self.schedule)
            #expect(warned.first?.warnedAt != nil && warned.first?.breachedAt == nil)
            // Past the deadline: breached; the location manager already owns the case, so the escalation goes on up to the
            // regional manager (issue 15 item 11: never "escalated" to its own owner), then by hand to the director.
            let breached = try #require(try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-04T12:01:00Z")!, schedule: Self.schedule).first)
            #expect(breached.breachedAt != nil && breached.escalationLevel == 2 && breached.owner == "RM")
            #expect(try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-05T12:00:00Z")!, schedule: Self.schedule).isEmpty,
                    "a breach is recorded once")
            let director = try await database.cases.apply(.escalate(reason: "клиент звонит снова"), to: opened.id, actor: "RM", now: monday, schedule: Self.schedule)
            #expect(director.escalationLevel == 3 && director.owner == "CX")
            await #expect(throws: OtklikError.self) {
                _ = try await database.cases.apply(.escalate(reason: nil), to: opened.id, actor: "CX", now: monday, schedule: Self.schedule)
            }
            let kinds = try #require(try await database.cases.get(id: opened.id)).1.map(\.kind)
            #expect(kinds == [.opened, .status, .status, .warned, .breached, .escalated, .escalated])
            try await database.followCaseLines()
            let outbox = try await database.sql.query("SELECT COUNT(*) AS n FROM outbox")
            #expect(outbox.first?.int("n") == 0, "no webhook subscribed: nothing queued")
        }
    }

    @Test(arguments: TestEngine.available)
    func followUpsAndInternalNotes(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["case.updated"])
            _ = try await database.feedback.insert([Self.feedback("n1", kind: .complaint, csat: 1, contact: "+7")], createMissingReferences: false)
            let id = try #require(try await database.cases.openCases(forFeedback: ["n1"], schedule: Self.schedule, now: Self.now).first?.id)
            let missed = try await database.cases.apply(.recordFollowUp(.notReached, note: "не берёт трубку"), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            #expect(missed.calledBackAt == nil, "not reached is not a call back")
            let reached = try await database.cases.apply(.recordFollowUp(.messageSent, note: nil), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            #expect(reached.calledBackAt == Self.now)
            _ = try await database.cases.apply(.note("клиент конфликтный, говорить вежливо"), to: id, actor: "anna", now: Self.now, schedule: Self.schedule)
            let events = try #require(try await database.cases.get(id: id)).1
            #expect(events.suffix(3).map(\.kind) == [.followUp, .followUp, .note])
            #expect(events[events.count - 3].text == "not_reached: не берёт трубку")
            try await database.followCaseLines()
            let payloads = try await database.sql.query("SELECT payload FROM outbox ORDER BY created_at, id").compactMap { $0.text("payload") }
            #expect(payloads.count == 3)
            #expect(!payloads.contains { $0.contains("конфликтный") }, "an internal note's text never leaves in a webhook")
        }
    }

    @Test(arguments: TestEngine.available)
    func slaPoliciesByTypeAndLocation(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Флагман"))
            try await database.reference.save(Location(code: "L2", name: "Офис"))
            try await database.slaPolicies.replaceAll([
                SLAPolicy(name: "Флагман: жалобы", caseType: .complaint, location: "L1", firstResponseHours: 1, resolutionHours: 4),
                SLAPolicy(name: "Низкие оценки", caseType: .lowScore, firstResponseHours: 8, resolutionHours: 24),
            ])
            await #expect(throws: OtklikError.self) {
                try await database.slaPolicies.replaceAll([SLAPolicy(name: "x", location: "L9", firstResponseHours: 1, resolutionHours: 2)])
            }
            await #expect(throws: OtklikError.self) {
                try await database.slaPolicies.replaceAll([SLAPolicy(name: "x", firstResponseHours: 5, resolutionHours: 2)])
            }
            #expect(try await database.slaPolicies.policies().count == 2, "a refused list changes nothing")
            var schedule = Self.schedule
            schedule.policies = try await database.slaPolicies.policies()
            let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
            let items = [
                Feedback(id: "k1", ts: monday, channel: .qrWeb, kind: .complaint, location: "L1", csat: 1, comment: "x", contact: "+7"),
                Feedback(id: "k2", ts: monday, channel: .qrWeb, kind: .complaint, location: "L2", csat: 1, comment: "x", contact: "+7"),
                Feedback(id: "k3", ts: monday, channel: .qrWeb, kind: .informative, location: "L2", csat: 2, contact: "+7"),
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = Dictionary(uniqueKeysWithValues: try await database.cases.openCases(forFeedback: ["k1", "k2", "k3"], schedule: schedule, now: monday)
                .map { ($0.feedbackId ?? "", $0) })
            #expect(opened["k1"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-02T14:00:00Z"), "the flagship's complaint policy: 4 h")
            #expect(opened["k2"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-03T17:00:00Z"), "no policy: the 16 h default")
            #expect(opened["k3"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-04T16:00:00Z"), "low scores: 24 h")
            #expect(opened["k3"]?.firstResponseDueAt == ISO8601DateFormatter().date(from: "2026-03-02T18:00:00Z"), "8 h: the whole of Monday")
        }
    }
}
