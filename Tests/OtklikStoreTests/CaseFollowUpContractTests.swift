import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Issue 17 item 2: the webhooks and notifications of case changes are written by two durable consumers of the change
/// feed (`case-webhooks`, `case-notifications`), from what each case history line carries, not by the change's own
/// transaction — on both engines. Each line's webhook has a stable message id and its notification a stable id, so a
/// step done again (or by two servers at once) stores nothing twice; the payload is the case as of the line.
///
/// The expected ids are computed independently (Python's hashlib):
/// `"msg_" + sha256("case.updated:case-c1:2").hexdigest()[:30]` and `"ntf_" + sha256("case:case-c1:2").hexdigest()[:30]`.
@Suite struct CaseFollowUpContractTests {
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))
    /// Monday 2026-03-02 10:00 UTC: due (16 business hours) Tuesday 17:00.
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!

    static let openedMessage = "msg_30224577cb155a7d2a9e4b985749a6"  // case.opened:case-c1:1
    static let assignedMessage = "msg_46fc51ea5c008db17a36446ed9c1c9"  // case.updated:case-c1:2
    static let resolvedMessage = "msg_2e009bde1f1567d105bd486f628dd3"  // case.updated:case-c1:3
    static let breachedMessage = "msg_7649807eb307a7192d2f51816d9e40"  // case.breached:case-c1:2
    static let escalatedMessage = "msg_ff082950140bf85a51d41dd3e31344"  // case.escalated:case-c1:3
    static let openedNotice = "ntf_63c3fff0ba35f116427f0d5f9b9939"  // case:case-c1:1
    static let secondLineNotice = "ntf_578a21ed0cb72f2302de768ad4176c"  // case:case-c1:2
    static let thirdLineNotice = "ntf_6ee042cd75117dc144bbe973fd631f"  // case:case-c1:3

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
        try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager", email: "m1@bank.example"))
        try await database.reference.save(Staff(code: "S2", name: "Сотрудник", location: "L1", email: "s2@bank.example"))
        try await database.reference.save(Staff(code: "RM", name: "Регион", location: "L1", role: "regional_manager"))
        let complaint = Feedback(
            id: "c1", ts: monday, channel: .qrWeb, kind: .complaint, location: "L1", csat: 1, comment: "x", contact: "+7 900 000-00-01")
        _ = try await database.feedback.insert([complaint], createMissingReferences: false)
    }

    static func count(_ sql: String, _ database: AppDatabase) async throws -> Int {
        try await database.sql.query(sql).first?.int("n") ?? -1
    }

    static func payload(_ id: String, _ database: AppDatabase) async throws -> [String: Any] {
        let text = try #require(try await database.sql.query("SELECT payload FROM outbox WHERE id = ?", [.text(id)]).first?.text("payload"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["data"] as? [String: Any])
    }

    /// What both consumers have stored: messages, deliveries, notifications, e-mails.
    static func stored(_ database: AppDatabase) async throws -> [Int] {
        [try await count("SELECT COUNT(*) AS n FROM outbox", database), try await count("SELECT COUNT(*) AS n FROM webhook_deliveries", database),
         try await count("SELECT COUNT(*) AS n FROM notifications", database), try await count("SELECT COUNT(*) AS n FROM mail_outbox", database)]
    }

    @Test(arguments: TestEngine.available)
    func aCaseActionIsFollowedOnceFromTheFeedWithStableIds(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let updates = try await database.webhooks.create(url: "http://127.0.0.1:9/updates", eventTypes: ["case.updated"]).0
            let everything = try await database.webhooks.create(url: "http://127.0.0.1:9/all", eventTypes: ["*"]).0
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/feedback", eventTypes: ["feedback.received"])
            let id = try #require(try await database.cases.openCases(forFeedback: ["c1"], schedule: Self.schedule, now: Self.monday).first?.id)
            #expect(id == "case-c1")
            // The write stores the case and its line only: what follows is the consumers'.
            #expect(try await Self.stored(database) == [0, 0, 0, 0], "nothing is queued or notified in the opening's transaction")
            try await database.followCaseLines()
            #expect(try await database.sql.query("SELECT id, type FROM outbox").map { "\($0.text("id") ?? ""):\($0.text("type") ?? "")" }
                == ["\(Self.openedMessage):case.opened"])
            #expect(try await database.sql.query("SELECT webhook_id FROM webhook_deliveries").compactMap { $0.text("webhook_id") } == [everything.id],
                    "only the webhook subscribed to case.opened (through *)")
            let opened = try await database.notifications.notifications(for: .staff("M1"), unreadOnly: false, limit: 10)
            #expect(opened.map(\.id) == [Self.openedNotice] && opened.first?.kind == .caseOpened && opened.first?.detail == "L1")
            #expect(try await database.sql.query("SELECT id, to_address FROM mail_outbox").map { "\($0.text("id") ?? "") \($0.text("to_address") ?? "")" }
                == ["\(Self.openedNotice) m1@bank.example"])

            // Three lines before the consumers run: assigned (2), resolved (3), an internal note (4).
            _ = try await database.cases.apply(.assign(owner: "S2"), to: id, actor: "boss", now: Self.monday.addingTimeInterval(60), schedule: Self.schedule)
            _ = try await database.cases.apply(
                .resolve(code: "explained", note: "объяснили"), to: id, actor: "boss", now: Self.monday.addingTimeInterval(120), schedule: Self.schedule)
            _ = try await database.cases.apply(.note("клиент конфликтный"), to: id, actor: "boss", now: Self.monday.addingTimeInterval(180), schedule: Self.schedule)
            #expect(try await Self.stored(database) == [1, 1, 1, 1])
            try await database.followCaseLines()
            let updated = try await database.sql.query("SELECT id FROM outbox WHERE type = 'case.updated' ORDER BY created_at").compactMap { $0.text("id") }
            #expect(updated.count == 3 && updated.prefix(2) == [Self.assignedMessage, Self.resolvedMessage])
            #expect(
                try await Self.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE message_id = '\(Self.assignedMessage)'", database) == 2,
                "one delivery per subscribed webhook")
            #expect(Set(try await database.sql.query("SELECT webhook_id FROM webhook_deliveries WHERE message_id = ?", [.text(Self.assignedMessage)])
                .compactMap { $0.text("webhook_id") }) == [updates.id, everything.id])
            // The payload is the case as of its line: the assignment still open, the resolution resolved.
            let assigned = try await Self.payload(Self.assignedMessage, database)
            #expect(assigned["owner"] as? String == "S2" && assigned["status"] as? String != "resolved")
            #expect((assigned["event"] as? [String: Any])?["kind"] as? String == "assigned")
            #expect(try await Self.payload(Self.resolvedMessage, database)["status"] as? String == "resolved")
            let note = try await Self.payload(updated[2], database)
            #expect((note["event"] as? [String: Any])?["kind"] as? String == "note")
            #expect((note["event"] as? [String: Any])?["text"] == nil, "an internal note tells only that one was added")
            let s2 = try await database.notifications.notifications(for: .staff("S2"), unreadOnly: false, limit: 10)
            #expect(Set(s2.map(\.id)) == [Self.secondLineNotice, Self.thirdLineNotice])
            #expect(Set(s2.map(\.kind)) == [.caseAssigned, .caseResolved])
            let after = try await Self.stored(database)
            #expect(after == [4, 7, 3, 3], "messages 1 + 3; deliveries 1 + 2 × 3; notifications and e-mails: opened, assigned, resolved")

            // A step done again (a crash after the work, before the position moved: here the positions are set back)
            // stores nothing twice.
            try await database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name IN ('case-webhooks', 'case-notifications')")
            try await database.followCaseLines()
            #expect(try await Self.stored(database) == after)
            #expect(try await database.feedConsumers.position(of: "case-webhooks") == (try await database.feed.head()))
        }
    }

    @Test(arguments: TestEngine.available)
    func anSLABreachIsFollowedByOneBreachedWebhookAndNotification(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/all", eventTypes: ["case.breached", "case.escalated"])
            _ = try await database.cases.openCases(forFeedback: ["c1"], schedule: Self.schedule, now: Self.monday)
            // Wednesday: past Tuesday 17:00. The manager owns the case, so the escalation goes to the regional manager.
            let changed = try await database.cases.supervise(now: ISO8601DateFormatter().date(from: "2026-03-04T10:00:00Z")!, schedule: Self.schedule)
            #expect(changed.first?.owner == "RM")
            #expect(try #require(try await database.cases.get(id: "case-c1")).1.map(\.kind) == [.opened, .breached, .escalated])
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox", database) == 0)
            try await database.followCaseLines()
            try await database.followCaseLines()
            #expect(Set(try await database.sql.query("SELECT id FROM outbox").compactMap { $0.text("id") }) == [Self.breachedMessage, Self.escalatedMessage])
            let breach = try await database.sql.query("SELECT id, recipient FROM notifications WHERE kind = 'case.breached'")
            #expect(breach.map { "\($0.text("id") ?? "") \($0.text("recipient") ?? "")" } == ["\(Self.secondLineNotice) M1"])
            let escalation = try await database.sql.query("SELECT id, recipient FROM notifications WHERE kind = 'case.escalated'")
            #expect(escalation.map { "\($0.text("id") ?? "") \($0.text("recipient") ?? "")" } == ["\(Self.thirdLineNotice) RM"])
            #expect(try await Self.payload(Self.breachedMessage, database)["breached"] as? Bool == true)
            #expect(try await Self.stored(database) == [2, 2, 3, 2], "notifications: opened, breached, escalated; e-mails to M1 only (RM has no address)")
        }
    }

    /// Two servers (two connection pools on one database) follow the same lines at once: each line's webhook and
    /// notification is stored once.
    @Test(arguments: TestEngine.available)
    func twoServersFollowingAtOnceStoreEachOnce(engine: TestEngine) async throws {
        try await ConcurrentRetryTests.withTwoServers(engine) { first, second in
            try await first.reference.save(Location(code: "L1", name: "Офис"))
            try await first.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager", email: "m1@bank.example"))
            _ = try await first.webhooks.create(url: "http://127.0.0.1:9/all", eventTypes: ["*"])
            let items = (0..<30).map { index in
                Feedback(id: "k\(index)", ts: Self.monday, channel: .qrWeb, kind: .complaint, location: "L1", csat: 1, comment: "x", contact: "+7 \(index)")
            }
            _ = try await first.feedback.insert(items, createMissingReferences: false)
            _ = try await first.cases.openCases(forFeedback: items.map(\.id), schedule: Self.schedule, now: Self.monday)
            for index in 0..<10 {
                _ = try await second.cases.apply(.assign(owner: "S\(index)"), to: "case-k\(index)", actor: "boss", now: Self.monday.addingTimeInterval(60), schedule: Self.schedule)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for database in [first, second, first, second] {
                    group.addTask {
                        for consumer in ["case-webhooks", "case-notifications"] {
                            var moved = 0
                            while true {
                                do {
                                    let done = consumer == "case-webhooks"
                                        ? try await database.cases.queueWebhooksFromFeed(consumer: consumer, limit: 3).caughtUp
                                        : try await database.cases.notifyFromFeed(consumer: consumer, limit: 3).caughtUp
                                    if done { break }
                                } catch StoreError.consumerMoved {
                                    moved += 1
                                    if moved > 1000 { throw StoreError.consumerMoved(consumer) }
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'case.opened'", first) == 30)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'case.updated'", first) == 10)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM webhook_deliveries", first) == 40)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'case.opened'", first) == 30)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'case.assigned'", first) == 10)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM mail_outbox", first) == 30, "M1's openings; S0-S9 are not on record")
        }
    }
}
