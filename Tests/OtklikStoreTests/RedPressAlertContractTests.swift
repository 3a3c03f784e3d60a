import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Red-press alerts on both engines: one alert per negative press or low rating without a contact, never more on a
/// retry; the duty staff notified in the same transaction; acknowledging and closing with what was done.
@Suite struct RedPressAlertContractTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T10:00:00Z")!

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Location(code: "L1", name: "Офис"))
        try await database.reference.save(Location(code: "L2", name: "Второй офис"))
        try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
        try await database.reference.save(Staff(code: "D1", name: "Дежурный", location: "L1", role: "duty"))
        try await database.reference.save(Staff(code: "F1", name: "Кассир", location: "L1", role: "front office"))
        try await database.reference.save(Staff(code: "F2", name: "Операционист", location: "L2", role: "front office"))
        try await database.reference.save(Staff(code: "F3", name: "Консультант", location: "L2"))
    }

    static func press(_ id: String, _ button: ButtonPress, location: String = "L1", ago: TimeInterval = 5) -> Feedback {
        Feedback(id: id, ts: now.addingTimeInterval(-ago), channel: .button, kind: .impulse, location: location, device: nil, button: button)
    }

    /// The server's consumer takes at most ``SQLAlertRepository/recordsPerStep`` records a step (a short hold of the
    /// writer), and steps on until it has opened every alert.
    @Test(arguments: TestEngine.available)
    func aStepTakesAtMostItsRecordsAndTheConsumerStepsOnToEveryAlert(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let alerts = SQLAlertRepository(database: database.sql)
            // Past the reference data's events first.
            while try await !alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 100, now: Self.now).caughtUp {}
            // Ten writes of ten presses: ten events of ten records.
            for write in 0..<10 {
                _ = try await database.feedback.insert(
                    (0..<10).map { Self.press("b\(write)-\($0)", .negative, ago: 30) }, createMissingReferences: false)
            }
            let first = try await alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 100, records: 32, now: Self.now)
            #expect(first.opened == 30 && !first.caughtUp, "three events of ten records: the fourth would pass 32")
            var steps = 1, opened = first.opened, caughtUp = first.caughtUp
            while !caughtUp, steps < 20 {
                let step = try await alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 100, records: 32, now: Self.now)
                opened += step.opened
                caughtUp = step.caughtUp
                steps += 1
            }
            #expect(opened == 100 && steps == 4)
            #expect(try await alerts.alerts(locations: nil, openOnly: true, from: nil, to: nil, limit: 1_000).count == 100)
        }
    }

    @Test(arguments: TestEngine.available)
    func aNegativePressOpensOneAlertAndNotifiesTheDutyStaff(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let alerts = SQLAlertRepository(database: database.sql)
            let lowScore = Feedback(id: "f-nps", ts: Self.now, channel: .web, kind: .impulse, location: "L2", nps: 4)
            var contactable = Feedback(id: "f-contact", ts: Self.now, channel: .web, kind: .impulse, location: "L2", nps: 2)
            contactable.contact = "+7 900 000-00-00"
            let items = [Self.press("p1", .negative), Self.press("p2", .positive), Self.press("p3", .neutral), lowScore, contactable,
                         Feedback(id: "f-csat", ts: Self.now, channel: .web, kind: .impulse, location: "L2", csat: 3),
                         Self.press("p-old", .negative, ago: 7_200)]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = try await alerts.open(for: items, now: Self.now)
            #expect(opened.map(\.feedbackId).sorted() == ["f-nps", "p1"], "a negative press and NPS 4 without a contact; not NPS 2 with a contact, CSAT 3 or a press 2 h old")
            #expect(opened.first { $0.feedbackId == "p1" }?.event == "negative_press")
            #expect(opened.first { $0.feedbackId == "f-nps" }?.event == "low_score" && opened.first { $0.feedbackId == "f-nps" }?.rating == "nps 4")
            // A retry (the device never saw the answer) opens none more and notifies nobody again.
            #expect(try await alerts.open(for: items, now: Self.now.addingTimeInterval(3)).isEmpty)
            #expect(try await alerts.alerts(locations: nil, openOnly: true, from: nil, to: nil, limit: 100).count == 2)
            // L1 has a duty role: only D1 is told. L2 has none: all its staff are.
            #expect(try await database.notifications.notifications(for: .staff("D1"), unreadOnly: true, limit: 10).map(\.kind) == [.alertOpened])
            #expect(try await database.notifications.notifications(for: .staff("M1"), unreadOnly: true, limit: 10).isEmpty)
            #expect(try await database.notifications.notifications(for: .staff("F2"), unreadOnly: true, limit: 10).count == 1)
            #expect(try await database.notifications.notifications(for: .staff("F3"), unreadOnly: true, limit: 10).first?.href == "/alerts")

            let alert = try #require(opened.first { $0.feedbackId == "p1" })
            let acknowledged = try await alerts.acknowledge(id: alert.id, by: "D1", now: Self.now.addingTimeInterval(40))
            #expect(acknowledged.status == "acknowledged" && acknowledged.reactionSeconds == 40)
            let again = try await alerts.acknowledge(id: alert.id, by: "F1", now: Self.now.addingTimeInterval(90))
            #expect(again.acknowledgedBy == "D1" && again.reactionSeconds == 40, "the first acknowledgement counts")
            await #expect(throws: OtklikError.self) { _ = try await alerts.close(id: alert.id, by: "D1", action: "   ", outcome: .turnedRound, now: Self.now) }
            await #expect(throws: OtklikError.self) { _ = try await alerts.acknowledge(id: "alr_none", by: "D1", now: Self.now) }
            let closed = try await alerts.close(id: alert.id, by: "D1", action: "Выслушала, заменили карту", outcome: .turnedRound, now: Self.now.addingTimeInterval(300))
            #expect(closed.status == "closed" && closed.outcome == .turnedRound && closed.closedBy == "D1" && closed.action == "Выслушала, заменили карту")
            let retried = try await alerts.close(id: alert.id, by: "D1", action: "Выслушала, заменили карту", outcome: .turnedRound, now: Self.now.addingTimeInterval(400))
            #expect(retried.closedAt == closed.closedAt, "a retried close changes nothing")
            do {
                _ = try await alerts.close(id: alert.id, by: "F1", action: "другое", outcome: .customerGone, now: Self.now.addingTimeInterval(500))
                Issue.record("closing a closed alert differently must be refused")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
            }
            // Closed without an acknowledgement: the close is the reaction.
            let other = try #require(opened.first { $0.feedbackId == "f-nps" })
            let direct = try await alerts.close(id: other.id, by: "F2", action: "Клиент ушёл до нас", outcome: .customerGone, now: Self.now.addingTimeInterval(120))
            #expect(direct.reactionSeconds == 120 && direct.acknowledgedBy == "F2")
            #expect(try await alerts.alerts(locations: nil, openOnly: true, from: nil, to: nil, limit: 100).isEmpty)
            #expect(try await alerts.alerts(locations: ["L2"], openOnly: false, from: nil, to: nil, limit: 100).map(\.id) == [other.id])
            // A press stored while no server ran: the `red-press-alerts` consumer opens it from the change feed, once —
            // the presses alerted above are skipped (their alerts exist), and reading the feed again opens nothing.
            _ = try await database.feedback.insert([Self.press("p-lost", .negative, location: "L2", ago: 60)], createMissingReferences: false)
            #expect(try await alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 100, now: Self.now).opened == 1)
            #expect(try await alerts.openAlertsFromFeed(consumer: "red-press-alerts", limit: 100, now: Self.now).opened == 0)
            #expect(try await alerts.openAlertsFromFeed(consumer: "red-press-alerts-replay", limit: 100, now: Self.now).opened == 0)
            let lost = try #require(try await alerts.alerts(locations: ["L2"], openOnly: true, from: nil, to: nil, limit: 5).first)
            #expect(lost.feedbackId == "p-lost")
            _ = try await alerts.close(
                id: lost.id, by: "F2", action: "Клиента уже не было", outcome: .customerGone, now: lost.openedAt.addingTimeInterval(200))
            let report = AlertReactionReport(alerts: try await alerts.alerts(locations: nil, openOnly: false, from: nil, to: nil, limit: 100))
            #expect(report.overall.n == 3 && report.overall.medianSeconds == 120 && report.overall.interval == nil, "median of 40, 120 and 200 s; n < 6 has no interval")
            #expect(report.rows.map(\.location) == ["L1", "L2"] && report.rows[1].outcomes == ["customer_gone": 2])
        }
    }

    @Test(arguments: TestEngine.available)
    func aBatchOfPressesTellsEachDutyStaffMemberOncePerLocation(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let alerts = SQLAlertRepository(database: database.sql)
            let presses = (1...30).map { Self.press("b\($0)", .negative, location: $0 % 3 == 0 ? "L1" : "L2", ago: Double(60 - $0)) }
            _ = try await database.feedback.insert(presses, createMissingReferences: false)
            let opened = try await alerts.open(for: presses, now: Self.now)
            #expect(opened.count == 30, "every press has its alert")
            // L2's two staff and L1's duty member are told once each, at the location's first press; /alerts lists all 30.
            for (staff, location) in [("F2", "L2"), ("F3", "L2"), ("D1", "L1")] {
                let notes = try await database.notifications.notifications(for: .staff(staff), unreadOnly: true, limit: 100)
                #expect(notes.count == 1 && notes.first?.detail == location && notes.first?.href == "/alerts", "\(staff)")
                let first = opened.filter { $0.location == location }.map(\.openedAt).min()
                #expect(notes.first?.createdAt.timeIntervalSince1970.rounded() == first?.timeIntervalSince1970.rounded())
            }
            #expect(try await database.notifications.notifications(for: .staff("F1"), unreadOnly: true, limit: 100).isEmpty, "L1 names a duty role")
        }
    }

    @Test(arguments: TestEngine.available)
    func aStreamOfPressesIsOneNotificationUntilItIsRead(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let alerts = SQLAlertRepository(database: database.sql)
            func run(_ id: String, _ location: String, at seconds: TimeInterval) async throws -> Int {
                let press = Self.press(id, .negative, location: location, ago: 30 - seconds)
                _ = try await database.feedback.insert([press], createMissingReferences: false)
                return try await alerts.open(for: [press], now: Self.now).count
            }
            func all(_ staff: String) async throws -> [AppNotification] {
                try await database.notifications.notifications(for: .staff(staff), unreadOnly: false, limit: 100)
            }
            // Three runs at L2, one alert each: F2 and F3 are told once, by the first.
            #expect(try await run("s1", "L2", at: 0) == 1)
            #expect(try await run("s2", "L2", at: 5) == 1)
            #expect(try await run("s3", "L2", at: 10) == 1)
            #expect(try await all("F2").count == 1)
            #expect(try await all("F3").count == 1)
            #expect(try await alerts.alerts(locations: ["L2"], openOnly: true, from: nil, to: nil, limit: 100).count == 3, "every press has its alert")
            // An unread notice about L2 does not hold back one about L1.
            #expect(try await run("s4", "L1", at: 12) == 1)
            #expect(try await all("D1").count == 1)
            // F2 reads theirs: the next run at L2 tells F2 again; F3, who has not read, is not told twice.
            #expect(try await database.notifications.markAllRead(for: .staff("F2"), at: Self.now) == 1)
            #expect(try await run("s5", "L2", at: 20) == 1)
            let f2 = try await all("F2")
            #expect(f2.count == 2 && f2.filter { $0.readAt == nil }.count == 1 && f2.allSatisfy { $0.detail == "L2" })
            #expect(try await all("F3").count == 1)
        }
    }

    /// Whether duty staff already have an unread alert notice is read from the unread notices of that kind only: a
    /// history of read notices and of case notices (thousands in a real office) is neither returned nor walked —
    /// through the recipients' whole history, the check took 15 ms on the demo's duty staff while the writer waited.
    @Test(arguments: TestEngine.available)
    func theUnreadNoticeCheckReadsOnlyUnreadNoticesOfItsKind(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let history = (1...200).map { i -> [SQLValue] in
                let kind = i % 2 == 0 ? NotificationKind.caseOpened.rawValue : NotificationKind.alertOpened.rawValue
                return [.text("h\(i)"), .text("D1"), .text(kind), .text("L1"), .int(Int64(i)), i % 3 == 0 ? .null : .int(Int64(i))]
            }
            try await database.sql.transaction { tx in
                try await tx.insertRows("notifications", columns: ["id", "recipient", "kind", "detail", "created_at", "read_at"], rows: history)
            }
            // Of D1's 200 notices, the unread alert notices (odd i, a multiple of 3) are the ones to find: 33, all about L1.
            let rows = try await database.sql.query(
                SQLAlertRepository.unreadNoticesQuery(SQLMarks.list(2)), [.text("D1"), .text("M1"), .text(NotificationKind.alertOpened.rawValue)])
            #expect(rows.count == 33 && rows.allSatisfy { $0.text("recipient") == "D1" && $0.text("detail") == "L1" })
            if database.sql.dialect == .sqlite {
                let plan = try await database.sql.query(
                    "EXPLAIN QUERY PLAN " + SQLAlertRepository.unreadNoticesQuery(SQLMarks.list(2)),
                    [.text("D1"), .text("M1"), .text(NotificationKind.alertOpened.rawValue)])
                #expect(plan.contains { ($0.text("detail") ?? "").contains("notifications_unread") }, "\(plan)")
            }
            // D1, L1's duty staff, has unread alert notices about L1: a new alert there tells no one again; one at L2
            // (no duty role) tells all of its staff.
            let presses = [Self.press("u1", .negative), Self.press("u2", .negative, location: "L2")]
            _ = try await database.feedback.insert(presses, createMissingReferences: false)
            #expect(try await SQLAlertRepository(database: database.sql).open(for: presses, now: Self.now).count == 2)
            let told = try await database.sql.query(
                "SELECT recipient FROM notifications WHERE kind = ? AND id NOT LIKE 'h%' ORDER BY recipient", [.text(NotificationKind.alertOpened.rawValue)])
            #expect(told.compactMap { $0.text("recipient") } == ["F2", "F3"], "\(told)")
        }
    }
}
