import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// The durable consumers of what follows a feedback write, on every engine: case opening and the red-press alerts resume
/// after a crash between their work and their position advance without opening a case or an alert twice; the `feedback.received` webhooks are queued once
/// each, with stable ids, by concurrent consumers; webhook deliveries and e-mails are claimed so that concurrent
/// dispatchers never take one item twice, and a stopped dispatcher's claim expires.
@Suite struct FeedConsumerContractTests {
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!

    static func complaint(_ id: String) -> Feedback {
        Feedback(id: id, ts: monday, channel: .qrWeb, kind: .complaint, location: "L1", csat: 1, comment: "x", contact: "+7 \(id)")
    }

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
        try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager", email: "m1@bank.example"))
    }

    static func count(_ sql: String, _ database: AppDatabase) async throws -> Int {
        try await database.sql.query(sql).first?.int("n") ?? -1
    }

    struct Crash: Error {}

    @Test(arguments: TestEngine.available)
    func caseOpeningResumesAfterACrashWithoutDoubling(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            var praise = Self.complaint("p1")
            praise.kind = .informative
            praise.csat = 5
            _ = try await database.feedback.insert([Self.complaint("a1"), Self.complaint("a2"), praise], createMissingReferences: false)
            _ = try await database.feedback.insert([Self.complaint("a3")], createMissingReferences: false)
            let head = try await database.feed.head()

            // The process dies after opening the cases and before its position moves: the transaction holds both, so
            // nothing of the step remains.
            let sql = database.sql
            await #expect(throws: Crash.self) {
                _ = try await FeedbackFeedStep.run(consumer: "case-opening", limit: 500, database: sql, recent: database.recentFeedback) { written, tx in
                    _ = try await SQLCaseRepository.open(written.map(\.feedback).filter(FeedbackCase.opens(for:)), schedule: Self.schedule, now: Self.monday, tx)
                    throw Crash()
                }
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM cases", database) == 0)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM notifications", database) == 0)
            #expect(try await database.feedConsumers.position(of: "case-opening") == 0)

            // Before the feed, a case was opened right after the write: the consumer skips a feedback that has one.
            _ = try await database.cases.openCases(forFeedback: ["a2"], schedule: Self.schedule, now: Self.monday)

            // Restarted, the consumer goes on from its stored position, one feedback event per step.
            var steps = 0
            var opened = 0
            while true {
                let step = try await database.cases.openCasesFromFeed(consumer: "case-opening", limit: 1, schedule: Self.schedule)
                opened += step.opened
                steps += 1
                if step.caughtUp { break }
            }
            #expect(opened == 2, "a1 and a3; a2 had its case, p1 calls for none")
            let events = try await database.feed.events(after: 0, limit: 1_000)
            #expect(events.first?.kind == .reference && events.filter { $0.kind == .feedback }.count == 2)
            // On PostgreSQL the crashed step's case line took a number of the sequence: a gap, across which a step
            // reads the feedback table, finds nothing and goes on.
            #expect(steps == 3, "the reference data's events (a reader of feedback passes them) and the first write, the second, the case lines to the head")
            #expect(try await database.feedConsumers.position(of: "case-opening") == (try await database.feed.head()))
            #expect(try await database.feed.head() > head, "opening the cases appended their history lines' events, which the consumer passed")
            #expect(try await database.cases.openCasesFromFeed(consumer: "case-opening", limit: 500, schedule: Self.schedule).opened == 0)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM cases", database) == 3)
            #expect(try await Self.count("SELECT COUNT(DISTINCT feedback_id) AS n FROM cases", database) == 3)
            try await database.followCaseLines()
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM notifications", database) == 3, "one notification per case")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM mail_outbox", database) == 3, "one e-mail per notification")

            // A case opened from the feed starts at its feedback's time of receipt, not when the consumer got to it.
            let received = try #require(try await database.sql.query("SELECT received_at FROM feedback WHERE id = 'a3'").first?.int64("received_at"))
            let openedAt = try #require(try await database.sql.query("SELECT opened_at FROM cases WHERE feedback_id = 'a3'").first?.int64("opened_at"))
            #expect(openedAt == received)
        }
    }

    @Test(arguments: TestEngine.available)
    func alertOpeningResumesAfterACrashAndOpensOneAlertPerPress(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let now = Date()
            func press(_ id: String, _ button: ButtonPress, ago: TimeInterval = 5) -> Feedback {
                Feedback(id: id, ts: now.addingTimeInterval(-ago), channel: .button, kind: .impulse, location: "L1", button: button)
            }
            _ = try await database.feedback.insert([press("n1", .negative), press("n2", .negative), press("ok", .positive)], createMissingReferences: false)
            _ = try await database.feedback.insert([press("n3", .negative), press("stale", .negative, ago: 7_200)], createMissingReferences: false)
            let head = try await database.feed.head()
            let alerts = SQLAlertRepository(database: database.sql)

            // The process dies after opening the alerts and before its position moves: nothing of the step remains.
            let sql = database.sql
            await #expect(throws: Crash.self) {
                _ = try await FeedbackFeedStep.run(consumer: "red-press-alerts", limit: 500, database: sql, recent: database.recentFeedback) { written, tx in
                    _ = try await SQLAlertRepository.open(
                        written.filter { RedPressAlert.opens(for: $0.feedback, now: now) }.map { ($0.feedback, $0.receivedAt) }, tx)
                    throw Crash()
                }
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM red_press_alerts", database) == 0)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM notifications", database) == 0)
            #expect(try await database.feedConsumers.position(of: "red-press-alerts") == 0)

            // Restarted, the consumer goes on from its stored position, one feedback event per step.
            var steps = 0
            var opened = 0
            var stepsThatOpened = 0
            while true {
                let step = try await alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 1, now: now)
                opened += step.opened
                if step.opened > 0 { stepsThatOpened += 1 }
                steps += 1
                if step.caughtUp { break }
            }
            #expect(opened == 3, "n1, n2 and n3; a positive press and one two hours old alert nobody")
            let kinds = try await database.feed.events(after: 0, limit: 1_000).map(\.kind)
            #expect(kinds.first == .reference && kinds.filter { $0 == .feedback }.count == 2)
            #expect(steps == 3, "the reference data's events (a reader of feedback passes them) and the first write, the second, one that finds none")
            #expect(try await database.feedConsumers.position(of: "red-press-alerts") == head)
            // The same events processed again (another server's consumer, a replay from the start): no second alert.
            #expect(try await alerts.openAlertsFromFeed(consumer: "red-press-alerts-replay", limit: 500, now: now).opened == 0)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM red_press_alerts", database) == 3)
            #expect(try await Self.count("SELECT COUNT(DISTINCT feedback_id) AS n FROM red_press_alerts", database) == 3)
            #expect(stepsThatOpened == 2)
            #expect(
                try await Self.count("SELECT COUNT(*) AS n FROM notifications", database) == 1,
                "L1's one member of staff is told by the first run that opened alerts; the second finds that notice unread")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM mail_outbox", database) == 0, "an alert is for the staff screen and page, not e-mailed")

            // An alert opened from the feed starts at its press's time of receipt, not when the consumer got to it.
            let received = try #require(try await database.sql.query("SELECT received_at FROM feedback WHERE id = 'n3'").first?.int64("received_at"))
            let openedAt = try #require(try await database.sql.query("SELECT opened_at FROM red_press_alerts WHERE feedback_id = 'n3'").first?.int64("opened_at"))
            #expect(openedAt == received)
        }
    }

    @Test(arguments: TestEngine.available)
    func concurrentConsumersQueueEachFeedbackWebhookOnceWithAStableId(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["feedback.received"])
            for batch in 0..<10 {
                let items = (0..<4).map { index -> Feedback in
                    var item = Self.complaint("f\(batch)-\(index)")
                    item.kind = .informative
                    return item
                }
                _ = try await database.feedback.insert(items, createMissingReferences: false)
            }
            // Four consumers of one name at once (one database, several connections on PostgreSQL): each stretch is
            // queued by the one whose position advance wins; the others roll back and read again.
            let webhooks = database.webhooks
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var moved = 0
                        while true {
                            do {
                                if try await webhooks.queueFromFeed(consumer: "feedback-webhooks", limit: 3).caughtUp { return }
                            } catch StoreError.consumerMoved {
                                moved += 1
                                if moved > 1000 { throw StoreError.consumerMoved("feedback-webhooks") }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'feedback.received'", database) == 40)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM webhook_deliveries", database) == 40)
            let ids = try await database.sql.query("SELECT id, payload FROM outbox").compactMap { row -> (String, String)? in
                guard let id = row.text("id"), let payload = row.text("payload"),
                    let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                    let feedback = (object["data"] as? [String: Any])?["id"] as? String
                else { return nil }
                return (id, feedback)
            }
            #expect(ids.count == 40)
            #expect(ids.allSatisfy { $0.0 == Outbox.messageID(type: "feedback.received", about: $0.1) }, "the id follows from the feedback")
            #expect(Set(ids.map(\.0)).count == 40)
        }
    }

    @Test(arguments: TestEngine.available)
    func concurrentDispatchersNeverClaimOneDeliveryTwice(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["*"])
            let items = (0..<30).map { Self.complaint("c\($0)") }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.webhooks.queueFromFeed(consumer: "feedback-webhooks", limit: 500)
            _ = try await database.cases.openCasesFromFeed(consumer: "case-opening", limit: 500, schedule: Self.schedule)
            try await database.followCaseLines()
            let deliveries = try await Self.count("SELECT COUNT(*) AS n FROM webhook_deliveries", database)
            #expect(deliveries == 60, "30 feedback.received and 30 case.opened")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM mail_outbox", database) == 30)
            let now = Date()
            let webhooks = database.webhooks
            let notifications = database.notifications
            // Three dispatchers claim one item at a time until none is left; each records its attempt.
            let taken = try await withThrowingTaskGroup(of: (hooks: [String], mail: [String]).self) { group in
                for server in 0..<3 {
                    group.addTask {
                        var hooks: [String] = []
                        var mail: [String] = []
                        while let delivery = try await webhooks.claimDue(now: now, limit: 1, holder: "srv-\(server)", seconds: 30).first {
                            hooks.append(delivery.messageId + "/" + delivery.webhookId)
                            try await webhooks.record(delivery, delivered: true, status: 200, error: nil, at: now, retryAt: nil)
                        }
                        while let item = try await notifications.claimDueMail(now: now, limit: 1, holder: "srv-\(server)", seconds: 60).first {
                            mail.append(item.notification.id)
                            try await notifications.recordMail(id: item.notification.id, sent: true, error: nil, at: now, retryAt: nil)
                        }
                        return (hooks, mail)
                    }
                }
                return try await group.reduce(into: (hooks: [String](), mail: [String]())) { $0.hooks += $1.hooks; $0.mail += $1.mail }
            }
            #expect(taken.hooks.count == 60 && Set(taken.hooks).count == 60, "every delivery claimed by exactly one dispatcher")
            #expect(taken.mail.count == 30 && Set(taken.mail).count == 30, "every e-mail claimed by exactly one dispatcher")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1", database) == 60)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'sent' AND attempts = 1", database) == 30)
        }
    }

    @Test(arguments: TestEngine.available)
    func aStoppedDispatchersClaimExpiresAndTheDeliveryKeepsItsId(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["feedback.received"])
            _ = try await database.feedback.insert([Self.complaint("k1")], createMissingReferences: false)
            _ = try await database.webhooks.queueFromFeed(consumer: "feedback-webhooks", limit: 500)
            let now = Date()
            let first = try #require(try await database.webhooks.claimDue(now: now, limit: 5, holder: "srv-dead", seconds: 30).first)
            #expect(first.messageId == Outbox.messageID(type: "feedback.received", about: "k1"))
            // The claimer dies before recording; nobody else may take the delivery while its claim runs …
            #expect(try await database.webhooks.claimDue(now: now.addingTimeInterval(29), limit: 5, holder: "srv-new", seconds: 30).isEmpty)
            // … and once it expired, another server sends it again with the same id.
            let again = try #require(try await database.webhooks.claimDue(now: now.addingTimeInterval(31), limit: 5, holder: "srv-new", seconds: 30).first)
            #expect(again.messageId == first.messageId && again.payload == first.payload)
            // A released claim (a failed attempt retried in the same round) is free at once.
            try await database.webhooks.release(again, holder: "srv-new")
            #expect(try await database.webhooks.claimDue(now: now.addingTimeInterval(31), limit: 5, holder: "srv-other", seconds: 30).count == 1)
        }
    }
}
