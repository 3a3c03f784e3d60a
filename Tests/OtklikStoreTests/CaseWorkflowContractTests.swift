import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Priorities, SLA policies by priority, bulk actions and assignment rules — on both engines.
@Suite struct CaseWorkflowContractTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    static func item(_ id: String, kind: FeedbackKind = .complaint, location: String = "L1", csat: Int, reasons: [String] = []) -> Feedback {
        Feedback(id: id, ts: monday, channel: .qrWeb, kind: kind, location: location, csat: csat, reasons: reasons, comment: "x", contact: "+7 \(id)")
    }

    static func setUp(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
        try await database.reference.save(Location(code: "L2", name: "Офис 2", region: "R1"))
        try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
        try await database.reference.save(Staff(code: "Q1", name: "Очередь", location: "L1"))
        try await database.reference.save(Staff(code: "VIP", name: "Старший", location: "L2"))
    }

    @Test(arguments: TestEngine.available)
    func prioritiesBySLAPolicyAndByHand(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            try await database.slaPolicies.replaceAll([
                SLAPolicy(name: "Срочные и высокие жалобы", caseType: .complaint, priority: .high, firstResponseHours: 1, resolutionHours: 4),
                SLAPolicy(name: "Все жалобы", caseType: .complaint, firstResponseHours: 4, resolutionHours: 8),
            ])
            #expect(try await database.slaPolicies.policies().first?.priority == .high)
            var schedule = Self.schedule
            schedule.policies = try await database.slaPolicies.policies()
            let items = [Self.item("h", csat: 1), Self.item("n", csat: 3), Self.item("l", kind: .informative, csat: 2)]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = Dictionary(uniqueKeysWithValues: try await database.cases.openCases(forFeedback: ["h", "n", "l"], schedule: schedule, now: Self.monday)
                .map { ($0.feedbackId ?? "", $0) })
            #expect(opened["h"]?.priority == .high && opened["n"]?.priority == .normal && opened["l"]?.priority == .low)
            #expect(opened["h"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-02T14:00:00Z"), "the high-priority policy: 4 h")
            #expect(opened["n"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-02T18:00:00Z"), "first match wins: 8 h, the rest of Monday")
            #expect(opened["l"]?.dueAt == ISO8601DateFormatter().date(from: "2026-03-03T17:00:00Z"), "no policy: the 16 h default")
            let raised = try await database.cases.apply(.setPriority(.urgent), to: "case-n", actor: "anna", now: Self.monday, schedule: schedule)
            #expect(raised.priority == .urgent && raised.dueAt == opened["n"]?.dueAt, "re-planned: urgent matches \"Все жалобы\" again, 8 h")
            await #expect(throws: OtklikError.self) {
                _ = try await database.cases.apply(.setPriority(.urgent), to: "case-n", actor: "anna", now: Self.monday, schedule: schedule)
            }
            #expect(try await database.cases.cases(CaseFilter(priorities: [.urgent, .high])).map(\.id).sorted() == ["case-h", "case-n"])
            #expect(try #require(try await database.cases.get(id: "case-n")).1.suffix(2).map(\.kind) == [.priority, .replanned])
        }
    }

    @Test(arguments: TestEngine.available)
    func bulkActionsAreAllOrNothingAndIdempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            let items = (1...3).map { Self.item("b\($0)", csat: 2) }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.monday)
            let ids = ["case-b1", "case-b2", "case-b3"]
            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-b3", actor: "anna", now: Self.monday, schedule: Self.schedule)
            // Escalating a resolved case is refused, so nothing is escalated.
            do {
                _ = try await database.cases.applyBulk(.escalate(reason: nil), to: ids, actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
                Issue.record("a bulk action with an impossible step must fail")
            } catch let error as OtklikError {
                #expect(error.field == "ids[2]")
            }
            #expect(try await database.cases.cases(CaseFilter()).allSatisfy { $0.escalationLevel == 0 })
            await #expect(throws: OtklikError.self) {
                _ = try await database.cases.applyBulk(.assign(owner: "Q1"), to: ["case-b1", "case-none"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
            }
            await #expect(throws: OtklikError.self) {
                _ = try await database.cases.applyBulk(.assign(owner: "Q1"), to: ["case-b1", "case-b1"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
            }
            #expect(try await database.cases.get(id: "case-b1")?.0.owner == "M1", "refused requests change nothing")
            let first = try await database.cases.applyBulk(
                .assign(owner: "Q1"), to: ["case-b1", "case-b2"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
            #expect(first.changed == ["case-b1", "case-b2"] && first.unchanged.isEmpty)
            let again = try await database.cases.applyBulk(
                .assign(owner: "Q1"), to: ["case-b1", "case-b2"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
            #expect(again.changed.isEmpty && again.unchanged == ["case-b1", "case-b2"], "assigning the same owner again changes nothing")
            #expect(try #require(try await database.cases.get(id: "case-b1")).1.filter { $0.kind == .assigned }.count == 1)
            // A request id makes even escalation idempotent.
            let escalated = try await database.cases.applyBulk(
                .escalate(reason: "массовая"), to: ["case-b1", "case-b2"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: "req-1")
            let repeated = try await database.cases.applyBulk(
                .escalate(reason: "массовая"), to: ["case-b1", "case-b2"], actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: "req-1")
            #expect(escalated.changed == ["case-b1", "case-b2"] && !escalated.repeated && repeated.repeated && repeated.changed == escalated.changed)
            #expect(try await database.cases.cases(CaseFilter(statuses: [.inProgress])).allSatisfy { $0.escalationLevel == 1 })
            let priorities = try await database.cases.applyBulk(
                .setPriority(.urgent), to: ids, actor: "anna", now: Self.monday, schedule: Self.schedule, requestId: nil)
            #expect(priorities.changed == ids, "a priority can change on a resolved case too")
        }
    }

    @Test(arguments: TestEngine.available)
    func assignmentRulesNameTheOwnerFirstMatchWins(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.setUp(database)
            try await database.assignmentRules.replaceAll([
                AssignmentRule(name: "Очереди в L1", location: "L1", reason: "waiting_time", owner: "Q1"),
                AssignmentRule(name: "Срочное — старшему", caseType: .complaint, priority: .high, owner: "VIP"),
            ])
            await #expect(throws: OtklikError.self) { try await database.assignmentRules.replaceAll([AssignmentRule(name: "x", owner: "NOBODY")]) }
            await #expect(throws: OtklikError.self) { try await database.assignmentRules.replaceAll([AssignmentRule(name: "", owner: "Q1")]) }
            await #expect(throws: OtklikError.self) { try await database.assignmentRules.replaceAll([AssignmentRule(name: "x", location: "L9", owner: "Q1")]) }
            #expect(try await database.assignmentRules.rules().count == 2, "a refused list changes nothing")
            let items = [
                Self.item("q", csat: 1, reasons: ["waiting_time"]),  // both match: the first rule wins
                Self.item("v", location: "L2", csat: 1),  // high priority complaint
                Self.item("m", csat: 3, reasons: ["politeness"]),  // nothing matches: the location's manager
                Self.item("u", location: "L2", csat: 3),  // nothing matches, no manager: unassigned
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let owners = Dictionary(uniqueKeysWithValues: try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.monday)
                .map { ($0.feedbackId ?? "", $0.owner ?? "-") })
            #expect(owners == ["q": "Q1", "v": "VIP", "m": "M1", "u": "-"])
        }
    }
}
