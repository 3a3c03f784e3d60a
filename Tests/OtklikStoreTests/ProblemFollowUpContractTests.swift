import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Issue 17 item 2: the webhooks and notifications of problems are written by two durable consumers of the change feed
/// (`problem-webhooks`, `problem-notifications`) from what each problem history line carries (migration 0062), not by
/// the detection's or the action's own transaction — on both engines. Each line's webhook has a stable message id and
/// its notification a stable id, so a step done again (or by two servers at once) stores nothing twice; the payload
/// is the problem as of the line.
///
/// The expected ids are computed independently (Python's hashlib), for the problem
/// `prb-L1-waiting_time-1772445660000` (detected at 2026-03-02T10:01:00Z):
/// `"msg_" + sha256("problem.opened:prb-L1-waiting_time-1772445660000:1").hexdigest()[:30]`,
/// `"msg_" + sha256("problem.updated:prb-L1-waiting_time-1772445660000:2").hexdigest()[:30]` (and `:3`),
/// `"ntf_" + sha256("problem:prb-L1-waiting_time-1772445660000:1").hexdigest()[:30]`.
@Suite struct ProblemFollowUpContractTests {
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!
    static let rule = ProblemRule(threshold: 3, windowDays: 7)
    static let problemId = "prb-L1-waiting_time-1772445660000"
    static let openedMessage = "msg_ac34898a625d2f70b7e426cc906fb2"
    static let assignedMessage = "msg_60af08a6dcd7b2bd1ed953838f4e64"
    static let fixedMessage = "msg_38f1afa1a3a77cfe32c3472e19dc12"
    static let openedNotice = "ntf_938a19683e620684d67eb6eadae7fd"

    /// A location with a manager on record (with an address) and three complaints on one theme with their cases.
    static func seed(_ database: AppDatabase, location: String = "L1", count: Int = 3) async throws {
        try await database.reference.save(Location(code: location, name: "Офис"))
        try await database.reference.save(Staff(code: "M-\(location)", name: "Руководитель", location: location, role: "manager", email: "m@bank.example"))
        let items = (1...count).map { index in
            Feedback(
                id: "\(location)-p\(index)", ts: monday, channel: .qrWeb, kind: .complaint, location: location, csat: 1, reasons: ["waiting_time"],
                comment: "x", contact: "+7 \(location) \(index)")
        }
        _ = try await database.feedback.insert(items, createMissingReferences: false)
        _ = try await database.cases.openCases(forFeedback: items.map(\.id), schedule: schedule, now: monday)
    }

    static func count(_ sql: String, _ database: AppDatabase) async throws -> Int {
        try await database.sql.query(sql).first?.int("n") ?? -1
    }

    /// What the problem consumers have stored: `problem.*` messages and their deliveries, problem notifications and their
    /// e-mails.
    static func stored(_ database: AppDatabase) async throws -> [Int] {
        [try await count("SELECT COUNT(*) AS n FROM outbox WHERE type LIKE 'problem.%'", database),
         try await count("SELECT COUNT(*) AS n FROM webhook_deliveries d JOIN outbox o ON o.id = d.message_id WHERE o.type LIKE 'problem.%'", database),
         try await count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'problem.opened'", database),
         try await count("SELECT COUNT(*) AS n FROM mail_outbox m JOIN notifications n ON n.id = m.id WHERE n.kind = 'problem.opened'", database)]
    }

    static func payload(_ id: String, _ database: AppDatabase) async throws -> [String: Any] {
        let text = try #require(try await database.sql.query("SELECT payload FROM outbox WHERE id = ?", [.text(id)]).first?.text("payload"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["data"] as? [String: Any])
    }

    @Test(arguments: TestEngine.available)
    func aProblemIsFollowedOnceFromTheFeedWithStableIds(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.seed(database)
            let opened = try await database.webhooks.create(url: "http://127.0.0.1:9/opened", eventTypes: ["problem.opened"]).0
            let updated = try await database.webhooks.create(url: "http://127.0.0.1:9/updated", eventTypes: ["problem.updated"]).0
            let everything = try await database.webhooks.create(url: "http://127.0.0.1:9/all", eventTypes: ["*"]).0
            _ = try await database.webhooks.create(url: "http://127.0.0.1:9/cases", eventTypes: ["case.opened"])
            let problems = try await database.problems.detect(Self.rule, now: Self.monday.addingTimeInterval(60))
            #expect(problems.map(\.id) == [Self.problemId])
            // The detection stores the problem and its first line only: what follows is the consumers'.
            #expect(try await Self.stored(database) == [0, 0, 0, 0], "nothing is queued or notified in the detection's transaction")
            let line = try #require(try await database.sql.query("SELECT seq, kind, actor, feed_position FROM problem_events WHERE problem_id = ?", [.text(Self.problemId)]).first)
            #expect(line.int("seq") == 1 && line.text("kind") == "opened" && line.text("actor") == "otklik")
            let event = try await database.sql.query("SELECT kind FROM change_feed WHERE position = ?", [.int(line.int64("feed_position") ?? -1)]).first
            #expect(event?.text("kind") == "problem_events", "the line's event is on the feed, appended in the detection's transaction")

            try await database.followProblemLines()
            #expect(try await database.sql.query("SELECT id, type FROM outbox WHERE type LIKE 'problem.%'").map { "\($0.text("id") ?? ""):\($0.text("type") ?? "")" }
                == ["\(Self.openedMessage):problem.opened"])
            #expect(Set(try await database.sql.query("SELECT webhook_id FROM webhook_deliveries WHERE message_id = ?", [.text(Self.openedMessage)])
                .compactMap { $0.text("webhook_id") }) == [opened.id, everything.id], "one delivery per webhook subscribed to problem.opened")
            let data = try await Self.payload(Self.openedMessage, database)
            #expect(data["id"] as? String == Self.problemId && data["location"] as? String == "L1" && data["theme"] as? String == "waiting_time")
            #expect(data["status"] as? String == "open" && data["cases"] as? Int == 3)
            let notices = try await database.notifications.notifications(for: .staff("M-L1"), unreadOnly: false, limit: 10).filter { $0.kind == .problemOpened }
            #expect(notices.map(\.id) == [Self.openedNotice])
            #expect(notices.first?.problemId == Self.problemId && notices.first?.detail == "L1: waiting_time" && notices.first?.createdAt == Self.monday.addingTimeInterval(60))
            #expect(try await database.sql.query("SELECT id, to_address FROM mail_outbox WHERE id = ?", [.text(Self.openedNotice)])
                .map { $0.text("to_address") } == ["m@bank.example"])
            #expect(try await Self.stored(database) == [1, 2, 1, 1])

            // Two actions before the consumers run: assigned (line 2), fixed (line 3).
            _ = try await database.problems.apply(.assign(owner: "M-L1"), to: Self.problemId, actor: "boss", now: Self.monday.addingTimeInterval(120))
            _ = try await database.problems.apply(.markFixed, to: Self.problemId, actor: "boss", now: Self.monday.addingTimeInterval(180))
            #expect(try await Self.stored(database) == [1, 2, 1, 1], "nothing is queued in the action's transaction")
            #expect(try await database.sql.query("SELECT kind, actor FROM problem_events WHERE problem_id = ? ORDER BY seq", [.text(Self.problemId)])
                .map { "\($0.text("kind") ?? "") \($0.text("actor") ?? "")" } == ["opened otklik", "assigned boss", "fixed boss"])
            try await database.followProblemLines()
            #expect(try await database.sql.query("SELECT id FROM outbox WHERE type = 'problem.updated' ORDER BY created_at").compactMap { $0.text("id") }
                == [Self.assignedMessage, Self.fixedMessage])
            #expect(Set(try await database.sql.query("SELECT webhook_id FROM webhook_deliveries WHERE message_id = ?", [.text(Self.assignedMessage)])
                .compactMap { $0.text("webhook_id") }) == [updated.id, everything.id])
            // The payload is the problem as of its line: assigned but still open, then fixed; no case count after opening.
            let assigned = try await Self.payload(Self.assignedMessage, database)
            #expect(assigned["owner"] as? String == "M-L1" && assigned["status"] as? String == "open" && assigned["cases"] == nil)
            #expect(try await Self.payload(Self.fixedMessage, database)["status"] as? String == "fixed")
            let after = try await Self.stored(database)
            #expect(after == [3, 6, 1, 1], "messages 1 + 2; deliveries 2 × 3; an update notifies nobody")

            // A step done again (a crash after the work, before the position moved: here the positions are set back)
            // stores nothing twice.
            try await database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name IN ('problem-webhooks', 'problem-notifications')")
            try await database.followProblemLines()
            #expect(try await Self.stored(database) == after)
            #expect(try await database.feedConsumers.position(of: "problem-webhooks") == (try await database.feed.head()))
            #expect(try await database.feedConsumers.position(of: "problem-notifications") == (try await database.feed.head()))
        }
    }

    /// Two servers (two connection pools on one database) follow the same problem lines at once: each line's webhook
    /// and notification is stored once.
    @Test(arguments: TestEngine.available)
    func twoServersFollowingAtOnceStoreEachOnce(engine: TestEngine) async throws {
        try await ConcurrentRetryTests.withTwoServers(engine) { first, second in
            _ = try await first.webhooks.create(url: "http://127.0.0.1:9/all", eventTypes: ["*"])
            let locations = (0..<8).map { "L\($0)" }
            for location in locations { try await Self.seed(first, location: location) }
            #expect(try await first.problems.detect(Self.rule, now: Self.monday.addingTimeInterval(60)).count == 8)
            for location in locations.prefix(4) {
                _ = try await second.problems.apply(.close, to: "prb-\(location)-waiting_time-1772445660000", actor: nil, now: Self.monday.addingTimeInterval(120))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for database in [first, second, first, second] {
                    group.addTask {
                        for consumer in ["problem-webhooks", "problem-notifications"] {
                            var moved = 0
                            while true {
                                do {
                                    let done = consumer == "problem-webhooks"
                                        ? try await database.problems.queueWebhooksFromFeed(consumer: consumer, limit: 2).caughtUp
                                        : try await database.problems.notifyFromFeed(consumer: consumer, limit: 2).caughtUp
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
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'problem.opened'", first) == 8)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'problem.updated'", first) == 4)
            #expect(try await Self.stored(first) == [12, 12, 8, 8], "one webhook; a notification and an e-mail per opening")
        }
    }
}
