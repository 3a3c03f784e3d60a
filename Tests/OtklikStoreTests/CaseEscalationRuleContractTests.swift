import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Rule-based escalation, deadlines re-planned by a priority change, and what counts as the first response — on
/// both engines, with the clock given to every call.
@Suite struct CaseEscalationRuleContractTests {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "Z")! }
    static let monday = at("2026-03-02T10:00:00")
    /// 09:00-18:00 UTC, Monday-Friday; 4 h to first response, 16 h to resolve by default.
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    static func item(_ id: String, location: String = "L1", csat: Int, reasons: [String] = []) -> Feedback {
        Feedback(id: id, ts: monday, channel: .qrWeb, kind: .complaint, location: location, csat: csat, reasons: reasons, comment: "x", contact: "+7 \(id)")
    }

    static func setUp(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
        try await database.reference.save(Location(code: "L2", name: "Офис 2", region: "R1"))
        try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
        try await database.reference.save(Staff(code: "Q1", name: "Очередь", location: "L1"))
        try await database.reference.save(Staff(code: "RM", name: "Регион", location: "L2", role: "regional_manager"))
        try await database.reference.save(Staff(code: "CX", name: "Директор", location: "L2", role: "cx_director"))
    }

    static func refusedField(_ rules: [EscalationRule], _ database: AppDatabase) async -> String? {
        do {
            try await database.escalationRules.replaceAll(rules)
            return nil
        } catch let error as OtklikError {
            return error.field
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: TestEngine.available)
    func rulesEscalateAtOpeningAndOnPriorityChange(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["case.escalated"])
            #expect(await Self.refusedField([EscalationRule(name: "всё", escalateTo: "manager")], database) == "items[0].name", "no criterion")
            #expect(await Self.refusedField([EscalationRule(name: "x", priority: .urgent, escalateTo: "boss")], database) == "items[0].escalate_to")
            #expect(await Self.refusedField([EscalationRule(name: "x", location: "L9", escalateTo: "manager")], database) == "items[0].location")
            #expect(await Self.refusedField([EscalationRule(name: "x", csatAtMost: 7, escalateTo: "manager")], database) == "items[0].csat_at_most")
            #expect(try await database.escalationRules.rules().isEmpty, "a refused list changes nothing")
            let rules = [
                EscalationRule(name: "CSAT 1 — региону", caseType: .complaint, csatAtMost: 1, escalateTo: "regional_manager"),
                EscalationRule(name: "Срочные — директору", priority: .urgent, escalateTo: "cx_director"),
                EscalationRule(name: "Очереди — руководителю", reason: "waiting_time", escalateTo: "manager"),
            ]
            try await database.escalationRules.replaceAll(rules)
            #expect(try await database.escalationRules.rules() == rules, "stored in order")

            let items = [Self.item("a", csat: 1), Self.item("b", csat: 3, reasons: ["waiting_time"]), Self.item("c", csat: 3)]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = Dictionary(
                uniqueKeysWithValues: try await database.cases.openCases(forFeedback: ["a", "b", "c"], schedule: Self.schedule, now: Self.monday)
                    .map { ($0.feedbackId ?? "", $0) })
            #expect(opened["a"]?.escalationLevel == 2 && opened["a"]?.owner == "RM", "CSAT 1: straight to the regional manager")
            #expect(opened["b"]?.escalationLevel == 1 && opened["b"]?.owner == "M1", "a complaint about waiting: to the manager")
            #expect(opened["c"]?.escalationLevel == 0 && opened["c"]?.owner == "M1", "no rule matches")
            let history = try #require(try await database.cases.get(id: "case-a"))
            #expect(history.0.escalationLevel == 2, "stored")
            #expect(history.1.map(\.kind) == [.opened, .escalated])
            #expect(history.1.last?.actor == "otklik" && history.1.last?.text?.contains("rule 'CSAT 1 — региону'") == true)
            try await database.followCaseLines()
            let told = try await database.sql.query("SELECT recipient FROM notifications WHERE case_id = 'case-a' AND kind = 'case.escalated'")
            #expect(told.compactMap { $0.text("recipient") } == ["RM"])
            #expect(try await database.sql.query("SELECT type FROM outbox").compactMap { $0.text("type") } == ["case.escalated", "case.escalated"])

            // Raising a priority runs the rules again: urgent goes to the director …
            let urgent = try await database.cases.apply(.setPriority(.urgent), to: "case-c", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: Self.schedule)
            #expect(urgent.escalationLevel == 3 && urgent.owner == "CX")
            #expect(try #require(try await database.cases.get(id: "case-c")).1.suffix(3).map(\.kind) == [.priority, .replanned, .escalated])
            // … but the first matching rule wins (case a still matches "CSAT 1", level 2), and a case never goes down.
            let stays = try await database.cases.apply(.setPriority(.urgent), to: "case-a", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: Self.schedule)
            #expect(stays.escalationLevel == 2 && stays.owner == "RM")
            let lowered = try await database.cases.apply(.setPriority(.low), to: "case-b", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: Self.schedule)
            #expect(lowered.escalationLevel == 1)

            // The time-based escalation carries on from where a rule left the case: past its deadline, a up to the director.
            let breached = try await database.cases.supervise(now: Self.at("2026-03-04T10:00:00"), schedule: Self.schedule)
            let a = try #require(breached.first { $0.id == "case-a" })
            #expect(a.breachedAt != nil && a.escalationLevel == 3 && a.owner == "CX")

            // Employee issues match by topic.
            let (issueCase, _, _) = try await database.employeeVoice.submit(
                EmployeeIssue(id: "e1", kind: .issue, location: "L1", topic: "waiting_time", text: "Очередь в зале"), schedule: Self.schedule, now: Self.monday)
            #expect(issueCase.escalationLevel == 1 && issueCase.owner == "M1")
            #expect(try #require(try await database.cases.get(id: issueCase.id)).1.map(\.kind) == [.opened, .escalated])
        }
    }

    @Test(arguments: TestEngine.available)
    func priorityChangeReplansDeadlines(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            try await database.slaPolicies.replaceAll([
                SLAPolicy(name: "Срочные", priority: .urgent, firstResponseHours: 1, resolutionHours: 2),
                SLAPolicy(name: "Низкие", priority: .low, firstResponseHours: 8, resolutionHours: 40),
            ])
            var schedule = Self.schedule
            schedule.policies = try await database.slaPolicies.policies()
            let items = ["p1", "p2", "p3", "p4", "p5"].map { Self.item($0, csat: 3) }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: schedule, now: Self.monday)

            // p1: answered by asking the customer at 11:00, who answered at 12:00 (a business hour of pause).
            _ = try await database.cases.apply(.setStatus(.waitingForCustomer), to: "case-p1", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
            let resumed = try await database.cases.apply(.setStatus(.inProgress), to: "case-p1", actor: "anna", now: Self.at("2026-03-02T12:00:00"), schedule: schedule)
            #expect(resumed.dueAt == Self.at("2026-03-03T18:00:00"), "16 h from Monday 10:00 plus the hour of pause")
            let p1 = try await database.cases.apply(.setPriority(.urgent), to: "case-p1", actor: "anna", now: Self.at("2026-03-02T12:30:00"), schedule: schedule)
            #expect(p1.dueAt == Self.at("2026-03-02T13:00:00"), "the urgent policy's 2 h from the opening, plus the pause")
            #expect(p1.firstResponseDueAt == Self.at("2026-03-02T14:00:00"), "a first response already given keeps its target")
            let line = try #require(try await database.cases.get(id: "case-p1")).1.last
            #expect(line?.kind == .replanned && line?.text == "policy 'Срочные'; resolution by 2026-03-02T13:00:00Z")

            // p2: not answered yet; urgent re-plans both deadlines, stored.
            _ = try await database.cases.apply(.setPriority(.urgent), to: "case-p2", actor: "anna", now: Self.at("2026-03-02T10:10:00"), schedule: schedule)
            let stored = try #require(try await database.cases.get(id: "case-p2")).0
            #expect(stored.firstResponseDueAt == Self.at("2026-03-02T11:00:00") && stored.dueAt == Self.at("2026-03-02T12:00:00"))
            // Warned at 80 % of the new 2 h; lowering the priority moves the deadline out and withdraws the warning.
            let warned = try await database.cases.supervise(now: Self.at("2026-03-02T11:40:00"), schedule: schedule)
            #expect(warned.first { $0.id == "case-p2" }?.warnedAt != nil)
            let low = try await database.cases.apply(.setPriority(.low), to: "case-p2", actor: "anna", now: Self.at("2026-03-02T11:45:00"), schedule: schedule)
            #expect(low.dueAt == Self.at("2026-03-06T14:00:00"), "40 business hours: Monday 8, Tuesday-Thursday 27, Friday 5")
            #expect(low.firstResponseDueAt == Self.at("2026-03-02T18:00:00") && low.warnedAt == nil)
            #expect(try #require(try await database.cases.get(id: "case-p2")).1.last?.text?.hasPrefix("policy 'Низкие'") == true)

            // p3: reopened on Tuesday 10:00, so the resolution deadline counts from the reopening.
            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-p3", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
            let reopened = try await database.cases.apply(.reopen(reason: "не помогло"), to: "case-p3", actor: "anna", now: Self.at("2026-03-03T10:00:00"), schedule: schedule)
            #expect(reopened.dueAt == Self.at("2026-03-04T17:00:00"))
            let p3 = try await database.cases.apply(.setPriority(.urgent), to: "case-p3", actor: "anna", now: Self.at("2026-03-03T10:30:00"), schedule: schedule)
            #expect(p3.dueAt == Self.at("2026-03-03T12:00:00"))

            // p5: re-planned while waiting for the customer; the running pause moves the new deadline when it ends.
            _ = try await database.cases.apply(.setStatus(.waitingForCustomer), to: "case-p5", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
            let paused = try await database.cases.apply(.setPriority(.urgent), to: "case-p5", actor: "anna", now: Self.at("2026-03-02T11:30:00"), schedule: schedule)
            #expect(paused.dueAt == Self.at("2026-03-02T12:00:00") && paused.pausedAt == Self.at("2026-03-02T11:00:00"))
            let back = try await database.cases.apply(.setStatus(.inProgress), to: "case-p5", actor: "anna", now: Self.at("2026-03-02T12:30:00"), schedule: schedule)
            #expect(back.dueAt == Self.at("2026-03-02T13:30:00"), "12:00 plus the 1.5 h of pause")

            // p4: resolved, its deadlines are history.
            let done = try await database.cases.apply(.resolve(code: "fixed", note: nil), to: "case-p4", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
            let later = try await database.cases.apply(.setPriority(.urgent), to: "case-p4", actor: "anna", now: Self.at("2026-03-02T12:00:00"), schedule: schedule)
            #expect(later.dueAt == done.dueAt && later.firstResponseDueAt == done.firstResponseDueAt)
            #expect(try #require(try await database.cases.get(id: "case-p4")).1.last?.kind == .priority, "no re-planning line")
        }
    }

    @Test(arguments: TestEngine.available)
    func triageIsNotTheFirstResponse(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            let items = ["t1", "t2", "t3", "t4"].map { Self.item($0, csat: 3) }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.monday)
            let triage: [CaseAction] = [
                .assign(owner: "Q1"), .note("разобраться"), .setPriority(.high), .escalate(reason: "важный клиент"),
                .recordFollowUp(.notReached, note: "не берёт трубку"),
            ]
            for action in triage {
                let after = try await database.cases.apply(action, to: "case-t1", actor: "anna", now: Self.at("2026-03-02T10:30:00"), schedule: Self.schedule)
                #expect(after.firstResponseAt == nil, "\(action) is triage, not a response")
            }
            let answered = try await database.cases.apply(.comment("Добрый день, разбираемся"), to: "case-t1", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: Self.schedule)
            #expect(answered.firstResponseAt == Self.at("2026-03-02T11:00:00"))
            let later = try await database.cases.apply(.comment("ещё"), to: "case-t1", actor: "anna", now: Self.at("2026-03-02T12:00:00"), schedule: Self.schedule)
            #expect(later.firstResponseAt == Self.at("2026-03-02T11:00:00"), "the first one counts")
            let called = try await database.cases.apply(.recordFollowUp(.calledBack, note: nil), to: "case-t2", actor: "anna", now: Self.at("2026-03-02T10:20:00"), schedule: Self.schedule)
            #expect(called.firstResponseAt == Self.at("2026-03-02T10:20:00"))
            _ = try await database.cases.apply(.setStatus(.inProgress), to: "case-t3", actor: "anna", now: Self.at("2026-03-02T10:20:00"), schedule: Self.schedule)
            let resolved = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-t3", actor: "anna", now: Self.at("2026-03-02T10:40:00"), schedule: Self.schedule)
            #expect(resolved.firstResponseAt == Self.at("2026-03-02T10:40:00"), "in progress is not an answer; the resolution is")
            let asked = try await database.cases.apply(.setStatus(.waitingForCustomer), to: "case-t4", actor: "anna", now: Self.at("2026-03-02T10:50:00"), schedule: Self.schedule)
            #expect(asked.firstResponseAt == Self.at("2026-03-02T10:50:00"))
        }
    }
}
