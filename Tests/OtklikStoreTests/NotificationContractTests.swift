import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// In-app notifications and their e-mails, written with the case and problem events they report — on both engines.
@Suite struct NotificationContractTests {
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!

    static func complaint(_ id: String, location: String, reasons: [String] = []) -> Feedback {
        Feedback(id: id, ts: monday, channel: .qrWeb, kind: .complaint, location: location, csat: 1, reasons: reasons, comment: "x", contact: "+7 \(id)")
    }

    @Test(arguments: TestEngine.available)
    func caseEventsNotifyTheirOwnersAndQueueEmails(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            try await database.reference.save(Location(code: "L2", name: "Без руководителя", region: "R1"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager", email: "m1@bank.example"))
            try await database.reference.save(Staff(code: "RM", name: "Регион", location: "L1", role: "regional_manager"))
            try await database.reference.save(Staff(code: "S2", name: "Сотрудник", location: "L1"))
            _ = try await database.feedback.insert([Self.complaint("a1", location: "L1"), Self.complaint("a2", location: "L2")], createMissingReferences: false)
            let opened = try await database.cases.openCases(forFeedback: ["a1", "a2"], schedule: Self.schedule, now: Self.monday)
            #expect(opened.count == 2)
            try await database.followCaseLines()
            let m1 = try await database.notifications.notifications(for: .staff("M1"), unreadOnly: false, limit: 10)
            #expect(m1.map(\.kind) == [.caseOpened] && m1.first?.caseId == "case-a1" && m1.first?.detail == "L1")
            let admins = try await database.notifications.notifications(for: .user(staff: nil, isAdmin: true), unreadOnly: false, limit: 10)
            #expect(admins.map(\.caseId) == ["case-a2"], "nobody to address: the administrators")
            #expect(try await database.notifications.notifications(for: .user(staff: nil, isAdmin: false), unreadOnly: false, limit: 10).isEmpty,
                    "an unlinked non-administrator sees none")
            // E-mail goes only to those with an address, from the same transaction.
            let mail = try await database.notifications.dueMail(now: Self.monday, limit: 10)
            #expect(mail.map(\.to) == ["m1@bank.example"] && mail.first?.notification.id == m1.first?.id)

            let later = Self.monday.addingTimeInterval(600)
            _ = try await database.cases.apply(.assign(owner: "S2"), to: "case-a1", actor: "boss", now: later, schedule: Self.schedule)
            _ = try await database.cases.apply(.escalate(reason: "клиент недоволен"), to: "case-a1", actor: "boss", now: later, schedule: Self.schedule)
            _ = try await database.cases.apply(.comment("без уведомления"), to: "case-a1", actor: "boss", now: later, schedule: Self.schedule)
            try await database.followCaseLines()
            #expect(try await database.notifications.notifications(for: .staff("S2"), unreadOnly: false, limit: 10).map(\.kind) == [.caseAssigned])
            let m1Now = try await database.notifications.notifications(for: .staff("M1"), unreadOnly: false, limit: 10)
            #expect(Set(m1Now.map(\.kind)) == [.caseOpened, .caseEscalated], "escalated to the location manager")
            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-a1", actor: "boss", now: later, schedule: Self.schedule)
            try await database.followCaseLines()
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 3)
            // Nobody is told about what they did themselves: M1's own login reopening and resolving again.
            try await database.access.createUser(username: "maria", passwordHash: "x", role: .manager)
            try await database.access.setStaff(username: "maria", staff: "M1")
            _ = try await database.cases.apply(.reopen(reason: nil), to: "case-a1", actor: "maria", now: later, schedule: Self.schedule)
            _ = try await database.cases.apply(.resolve(code: "fixed", note: nil), to: "case-a1", actor: "maria", now: later, schedule: Self.schedule)
            try await database.followCaseLines()
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 3)

            // The supervisor's warning and breach reach the owner; the breach's escalation the next level.
            _ = try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-03T15:00:00Z")!, schedule: Self.schedule)
            try await database.followCaseLines()
            #expect(try await database.notifications.notifications(for: .everyone, unreadOnly: true, limit: 50).contains { $0.kind == .caseSLAWarning && $0.caseId == "case-a2" })
            _ = try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-04T10:00:00Z")!, schedule: Self.schedule)
            try await database.followCaseLines()
            let all = try await database.notifications.notifications(for: .everyone, unreadOnly: false, limit: 50)
            #expect(all.contains { $0.kind == .caseBreached && $0.caseId == "case-a2" })
            // No manager at L2: the escalation moved nobody, so nobody is told "escalated to you" (issue 15 item 13).
            #expect(!all.contains { $0.kind == .caseEscalated && $0.caseId == "case-a2" }, "no notice about no change")

            // Reading: idempotent, only one's own, all-or-nothing on unknown ids.
            let first = try #require(m1Now.first)
            #expect(try await database.notifications.markRead(ids: [first.id], for: .staff("M1"), at: later) == 1)
            #expect(try await database.notifications.markRead(ids: [first.id], for: .staff("M1"), at: later) == 1)
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 2)
            await #expect(throws: OtklikError.self) {
                _ = try await database.notifications.markRead(ids: [m1Now[1].id, "ntf_none"], for: .staff("M1"), at: later)
            }
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 2, "a refused request marks nothing")
            await #expect(throws: OtklikError.self) { _ = try await database.notifications.markRead(ids: [m1Now[1].id], for: .staff("S2"), at: later) }
            #expect(try await database.notifications.markAllRead(for: .staff("M1"), at: later) == 2)
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 0)
            #expect(try await database.notifications.notifications(for: .staff("M1"), unreadOnly: true, limit: 10).isEmpty)

            // The e-mail outbox: a failure is retried later, a success is final.
            let due = try await database.notifications.dueMail(now: later, limit: 50)
            #expect(due.count >= 2)
            try await database.notifications.recordMail(id: due[0].notification.id, sent: false, error: "421 busy", at: later, retryAt: later.addingTimeInterval(60))
            try await database.notifications.recordMail(id: due[1].notification.id, sent: true, error: nil, at: later, retryAt: nil)
            #expect(try await database.notifications.dueMail(now: later, limit: 50).count == due.count - 2)
            #expect(try await database.notifications.dueMail(now: later.addingTimeInterval(61), limit: 50).count == due.count - 1)
            #expect(try await database.notifications.mailStatus(id: due[1].notification.id)?.status == "sent")
            #expect(try await database.notifications.mailStatus(id: due[0].notification.id)?.attempts == 1)
        }
    }

    /// History loaded after the fact (the demo's year of cases) is read as of its creation: older notifications are
    /// marked read at their own time, newer ones stay unread, and a second call changes nothing.
    @Test(arguments: TestEngine.available)
    func historyIsReadAsOfItsCreation(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            let old = Self.complaint("h-old", location: "L1"), recent = Self.complaint("h-new", location: "L1")
            _ = try await database.feedback.insert([old, recent], createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: [old.id], schedule: Self.schedule, now: Self.monday)
            let week = Self.monday.addingTimeInterval(7 * 86_400)
            _ = try await database.cases.openCases(forFeedback: [recent.id], schedule: Self.schedule, now: week)
            try await database.followCaseLines()
            #expect(try await database.notifications.unreadCount(for: .staff("M1")) == 2)
            #expect(try await database.notifications.markReadAsOfCreation(createdBefore: week) == 1)
            #expect(try await database.notifications.markReadAsOfCreation(createdBefore: week) == 0)
            let notices = try await database.notifications.notifications(for: .staff("M1"), unreadOnly: false, limit: 10)
            #expect(notices.first { $0.caseId == "case-h-old" }?.readAt == Self.monday, "read when it was created")
            #expect(notices.first { $0.caseId == "case-h-new" }?.readAt == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func aNewProblemNotifiesTheLocationManager(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            let items = (1...3).map { Self.complaint("p\($0)", location: "L1", reasons: ["waiting_time"]) }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.monday)
            let problems = try await database.problems.detect(ProblemRule(threshold: 3, windowDays: 7), now: Self.monday.addingTimeInterval(60))
            #expect(problems.count == 1)
            try await database.followCaseLines()
            try await database.followProblemLines()
            let notices = try await database.notifications.notifications(for: .staff("M1"), unreadOnly: true, limit: 10)
            #expect(notices.first?.kind == .problemOpened && notices.first?.problemId == problems.first?.id && notices.first?.detail == "L1: waiting_time")
            #expect(notices.first?.href == "/problems/\(problems[0].id)")
        }
    }

    @Test(arguments: TestEngine.available)
    func usersAreLinkedToStaff(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager", email: "m1@bank.example", team: "front"))
            try await database.access.createUser(username: "anna", passwordHash: "x", role: .manager)
            try await database.access.setStaff(username: "anna", staff: "M1")
            #expect(try await database.access.user(username: "anna")?.staff == "M1")
            await #expect(throws: OtklikError.self, "a staff member a login is linked to cannot be deleted") {
                try await database.reference.delete(.staff, code: "M1")
            }
            await #expect(throws: OtklikError.self) { try await database.access.setStaff(username: "anna", staff: "NOBODY") }
            try await database.access.setStaff(username: "anna", staff: nil)
            #expect(try await database.access.user(username: "anna")?.staff == nil)
            let staff = try #require(try await database.reference.staff().first)
            #expect(staff.email == "m1@bank.example" && staff.team == "front")
            await #expect(throws: OtklikError.self) { try await database.reference.save(Staff(code: "X", name: "X", email: "not an address")) }
        }
    }

    /// The notifications of the staff at some locations (an API key limited to them): L1's manager's and S2's, never
    /// L2's staff member's nor the administrators'; a staff member moved to L2 takes theirs along (read afresh); marking
    /// all read marks only those; no locations: none. By hand: M1 is told of case-a1's opening, S2 of its assignment,
    /// T2 (at L2) of case-a2's assignment, the administrators of case-a2's opening (L2 has no manager).
    @Test(arguments: TestEngine.available)
    func staffAtSomeLocationsReadTheirNotificationsOnly(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            try await database.reference.save(Location(code: "L2", name: "Без руководителя", region: "R1"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            try await database.reference.save(Staff(code: "S2", name: "Сотрудник", location: "L1"))
            try await database.reference.save(Staff(code: "T2", name: "Другой", location: "L2"))
            _ = try await database.feedback.insert([Self.complaint("a1", location: "L1"), Self.complaint("a2", location: "L2")], createMissingReferences: false)
            _ = try await database.cases.openCases(forFeedback: ["a1", "a2"], schedule: Self.schedule, now: Self.monday)
            let later = Self.monday.addingTimeInterval(60)
            _ = try await database.cases.apply(.assign(owner: "S2"), to: "case-a1", actor: "boss", now: later, schedule: Self.schedule)
            _ = try await database.cases.apply(.assign(owner: "T2"), to: "case-a2", actor: "boss", now: later, schedule: Self.schedule)
            let notifications = database.notifications
            try await database.followCaseLines()
            let l1 = try await notifications.notifications(for: .staffAt(locations: ["L1"]), unreadOnly: false, limit: 50)
            #expect(Set(l1.compactMap(\.recipient)) == ["M1", "S2"] && l1.count == 2, "\(l1.map { ($0.recipient, $0.kind) })")
            #expect(try await notifications.unreadCount(for: .staffAt(locations: ["L1"])) == 2)
            #expect(try await notifications.count(for: .staffAt(locations: ["L2"]), unreadOnly: false, kind: nil) == 1, "T2's")
            #expect(try await notifications.count(for: .staffAt(locations: ["L1", "L2"]), unreadOnly: false, kind: nil) == 3, "never the administrators'")
            #expect(try await notifications.count(for: .everyone, unreadOnly: false, kind: nil) == 4)
            #expect(try await notifications.notifications(for: .staffAt(locations: []), unreadOnly: false, limit: 50).isEmpty)
            let t2 = try #require(try await notifications.notifications(for: .staff("T2"), unreadOnly: false, limit: 5).first)
            await #expect(throws: OtklikError.self) { _ = try await notifications.markRead(ids: [t2.id], for: .staffAt(locations: ["L1"]), at: later) }
            #expect(try await notifications.markAllRead(for: .staffAt(locations: ["L1"]), at: later) == 2)
            #expect(try await notifications.unreadCount(for: .staff("T2")) == 1, "L2's stays unread")
            try await database.reference.save(Staff(code: "T2", name: "Другой", location: "L1"))
            #expect(try await notifications.unreadCount(for: .staffAt(locations: ["L1"])) == 1, "T2 moved to L1: theirs come along")
        }
    }
}
