import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Personal data on every engine: the export holds everything about a customer; an erasure removes the contacts and
/// identities everywhere (invitations, their messages, delivery records, webhook events) while every anonymous figure
/// stays the same; retention periods clear what is older; the audit log filters and pages; the per-account login
/// limit is shared by every connection to the database.
@Suite struct PersonalDataContractTests {
    typealias Merge = CustomerMergeContractTests
    static let customer = CustomerMergeContractTests.phoneCustomer

    /// The merge contract's seed plus a webhook event per feedback and a delivery record of the customer's invitation.
    static func seed(_ database: AppDatabase) async throws -> String {
        _ = try await database.webhooks.create(url: "https://hooks.example.ru/otklik", eventTypes: ["feedback.received"])
        try await Merge.seed(database)
        _ = try await database.webhooks.queueFromFeed(consumer: "webhooks-test", limit: 100)
        let invitation = try #require(try await database.sql.query("SELECT id FROM survey_invitations WHERE customer_id = ?", [.text(customer)]).first?.text("id"))
        _ = try await database.deliveries.record(
            DeliveryAttempt(
                id: "md-1", kind: "survey_invitation", subject: invitation, channel: "sms", recipient: "+79123456789", template: "survey_invitation_sms",
                language: "ru", provider: "gateway", outcome: .sent(providerId: "gw-1")), now: Date())
        return invitation
    }

    /// The anonymous figures: counts and score sums of every fact table, which must not change on erasure.
    static func figures(_ database: AppDatabase) async throws -> [String] {
        var lines: [String] = []
        for (table, expression) in [
            ("feedback", "COUNT(*) AS n, SUM(nps) AS s"), ("interactions", "COUNT(*) AS n, 0 AS s"), ("service_requests", "COUNT(*) AS n, 0 AS s"),
            ("survey_invitations", "COUNT(*) AS n, 0 AS s"), ("message_deliveries", "COUNT(*) AS n, SUM(attempts) AS s"), ("outbox", "COUNT(*) AS n, 0 AS s"),
            ("webhook_deliveries", "COUNT(*) AS n, 0 AS s"), ("cases", "COUNT(*) AS n, 0 AS s"),
        ] {
            let row = try #require(try await database.sql.query("SELECT \(expression) FROM \(table)").first)
            lines.append("\(table) n=\(row.int64("n") ?? -1) s=\(row.int64("s") ?? 0)")
        }
        return lines
    }

    @Test(arguments: TestEngine.available)
    func theExportHoldsEverythingAboutTheCustomer(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let invitation = try await Self.seed(database)
            try await database.consents.record([
                Consent(id: "cn-1", customer: Self.customer, purpose: .survey, channel: "sms", source: "form", givenAt: Merge.Fixture.t0)
            ])
            let export = try #require(try await PersonalDataExport.load(Self.customer, database: database.sql))
            #expect(export.customerIds == [Self.customer])
            #expect(export.sections["feedback"]?.compactMap { $0["id"] } == [.text("f1"), .text("f3")])
            #expect(export.sections["feedback"]?.first?["contact"] == .text("8 (912) 345-67-89"), "the export carries the contact as stored")
            #expect(export.sections["identities"]?.first?["kind"] == .text("phone"))
            #expect(export.sections["consents"]?.count == 1)
            #expect(export.sections["invitations"]?.first?["id"] == .text(invitation))
            #expect(export.sections["deliveries"]?.first?["recipient_masked"] == .text("***89"), "deliveries masked as stored")
            #expect(export.sections["customers"]?.first?["search_name"] == nil)
            #expect(try await PersonalDataExport.load("nobody", database: database.sql) == nil)

            _ = try await database.customerMerges.merge(survivor: "C1", absorbed: Self.customer, evidence: ["rule": "manual"], actor: "admin")
            let merged = try #require(try await PersonalDataExport.load("C1", database: database.sql))
            #expect(merged.customerIds == ["C1", Self.customer], "a survivor's export includes the customers merged into it")
            #expect(Set(merged.sections["feedback"]?.compactMap { $0["id"] } ?? []) == [.text("f1"), .text("f2"), .text("f3")])
            #expect(merged.sections["merges"]?.count == 1 && merged.sections["interactions"]?.count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func anErasureReachesEveryTraceAndKeepsTheFigures(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let invitation = try await Self.seed(database)
            let before = try await Self.figures(database)
            let payloadsBefore = try await database.sql.query("SELECT payload FROM outbox ORDER BY id").compactMap { $0.text("payload") }
            #expect(payloadsBefore.count == 4 && payloadsBefore.filter { $0.contains("\"customer\":\"C1\"") }.count == 1,
                "the webhook event of f2 names its customer C1")

            try await database.customerErasure.erase(Self.customer)
            try await database.customerErasure.erase("C1")

            #expect(try await Self.figures(database) == before, "counts and scores unchanged")
            let payloads = try await database.sql.query("SELECT payload FROM outbox ORDER BY id").compactMap { $0.text("payload") }
            #expect(!payloads.contains { $0.contains("\"customer\":\"C1\"") }, "webhook events no longer name the customer")
            #expect(payloads.filter { $0.contains("\"customer_erased\":true") }.count == 1)
            let message = try #require(try await database.sql.query("SELECT recipient, token FROM survey_outbox WHERE invitation_id = ?", [.text(invitation)]).first)
            #expect(message.text("recipient") == nil && message.text("token") == nil)
            #expect(try await database.sql.query("SELECT customer FROM survey_invitations WHERE id = ?", [.text(invitation)]).first?.text("customer") == nil)
            let delivery = try #require(try await database.deliveries.delivery(id: "md-1"))
            #expect(delivery.recipientHash == nil && delivery.recipientMasked == nil && delivery.status == .sent)
            let kinds = try await database.sql.query("SELECT kind FROM change_feed").compactMap { $0.text("kind") }
            #expect(!kinds.isEmpty)
            // Text columns only: a time in milliseconds may hold the digits 912 by chance.
            for column in try await database.sql.query("SELECT * FROM change_feed").flatMap(\.values) {
                if case .text(let text) = column { #expect(!text.contains("912"), "feed events carry no contact") }
            }
            let export = try #require(try await PersonalDataExport.load(Self.customer, database: database.sql))
            let text = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
            #expect(!text.contains("912345") && !text.contains("345-67-89") && !text.contains("***89"), "nothing of the phone is left")
        }
    }

    @Test(arguments: TestEngine.available)
    func retentionClearsWhatIsOlderAndKeepsTheFigures(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            _ = try await Self.seed(database)
            let before = try await Self.figures(database)
            let later = Merge.Fixture.t0.addingTimeInterval(3 * 86_400)
            #expect(try await SQLRetention(database: database.sql).apply(RetentionPolicy(), now: later).isEmpty, "the default keeps everything")
            let kept = try await SQLRetention(database: database.sql).apply(RetentionPolicy(commentsDays: 30, contactsDays: 30), now: later)
            #expect(kept["comments"] == 0 && kept["contacts"] == 0, "nothing is older than 30 days")
            let touched = try await SQLRetention(database: database.sql).apply(RetentionPolicy(commentsDays: 1, contactsDays: 2), now: later)
            #expect(touched["comments"] == 4, "the four comments")
            #expect((touched["contacts"] ?? 0) >= 3, "the three contacts on feedback and more on the invitation")
            #expect(try await database.sql.query("SELECT id FROM feedback WHERE comment IS NOT NULL OR contact IS NOT NULL").isEmpty)
            #expect(try await Self.figures(database) == before)
            let far = Date().addingTimeInterval(10 * 86_400)
            let deliveries = try await SQLRetention(database: database.sql).apply(RetentionPolicy(deliveriesDays: 5), now: far)
            #expect(deliveries["deliveries"] == 1)
            #expect(try await database.sql.query("SELECT id FROM message_deliveries").isEmpty)
            #expect(try await database.sql.query("SELECT COUNT(*) AS n FROM feedback").first?.int64("n") == 4, "the records stay")
        }
    }

    @Test(arguments: TestEngine.available)
    func theAuditLogFiltersAndPages(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let log = SQLAuditLog(database: database.sql)
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<5 {
                try await log.record("view", by: "user:anna", customer: "C\(index % 2)", at: t0.addingTimeInterval(Double(index)))
            }
            try await log.record("erase", by: "api:crm", customer: "C1", detail: .erased(customers: ["C1"]), at: t0.addingTimeInterval(10))
            let all = try await log.list(AuditFilter(limit: 4))
            #expect(all.total == 6 && all.entries.count == 4 && all.entries.first?.action == "erase", "newest first")
            #expect(try await log.list(AuditFilter(offset: 4, limit: 4)).entries.count == 2)
            #expect(try await log.list(AuditFilter(subjectId: "C1")).total == 3)
            #expect(try await log.list(AuditFilter(actor: "api:crm")).entries.map(\.detail) == ["customers C1"])
            #expect(try await log.list(AuditFilter(action: "view", since: t0.addingTimeInterval(2))).total == 3)
            #expect(try await log.list(AuditFilter(until: t0.addingTimeInterval(1))).total == 1)
            #expect(try await log.prune(before: t0.addingTimeInterval(5)) == 5)
            #expect(try await log.list(AuditFilter()).total == 1)
        }
    }

    /// Issue 21 item 4: each kind of detail is stored as data (`facts`, JSON) beside its English words and reads back
    /// the same; an entry written before migration 0059 (words only) reads back as facts when its words are one of the
    /// fixed forms, and as its words alone otherwise; facts of a kind this version does not know fall back to the words.
    @Test(arguments: TestEngine.available)
    func theAuditDetailRoundTrips(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let log = SQLAuditLog(database: database.sql)
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            for (index, (action, facts, _)) in AuditDetailTests.kinds.enumerated() {
                try await log.record(AuditEntry(
                    id: "new\(100 + index)", at: t0.addingTimeInterval(Double(index)), actor: "user:anna", action: action,
                    subjectKind: action == "role" ? "user" : "customer", subjectId: "C1", facts: facts))
            }
            let stored = try await log.list(AuditFilter(limit: 100)).entries.reversed()
            #expect(stored.map(\.facts) == AuditDetailTests.kinds.map(\.1))
            #expect(stored.map(\.detail) == AuditDetailTests.kinds.map(\.2), "the English words as before")
            let raw = try await database.sql.query("SELECT facts FROM audit_log WHERE id = ?", [.text("new106")]).first?.text("facts")
            #expect(raw == #"{"absorbed":"c2","kind":"merged","merge":"m1","review":null}"#, "the column holds the JSON")

            // Rows as a version before 0059 wrote them: no facts.
            let old: [(String, String, String?)] = [
                ("old1", "erase", "customers c1,c2"), ("old2", "role", "viewer over organisation → location_manager over locations L02"),
                ("old3", "merge", "merged by hand, see ticket 12"), ("old4", "view", nil),
            ]
            for (id, action, detail) in old {
                try await database.sql.execute(
                    "INSERT INTO audit_log (id, at, actor, action, subject_kind, subject_id, detail) VALUES (?, ?, 'cli', ?, 'customer', NULL, ?)",
                    [.text(id), .int(1_700_000_000_000), .text(action), SQLValue(detail)])
            }
            try await database.sql.execute(
                "INSERT INTO audit_log (id, at, actor, action, subject_kind, subject_id, detail, facts) VALUES ('old5', 1700000000000, 'cli', 'review', 'customer', NULL, ?, ?)",
                [.text("review r9 kept apart"), .text(#"{"kind":"teleported","to":"moon"}"#)])
            let read = Dictionary(uniqueKeysWithValues: try await log.list(AuditFilter(until: t0, limit: 100)).entries.map { ($0.id, $0) })
            #expect(read.count == 5)
            #expect(read["old1"]?.facts == .erased(customers: ["c1", "c2"]) && read["old1"]?.detail == "customers c1,c2")
            #expect(read["old2"]?.facts == .roleChanged(
                from: AuditRoleGrant(role: "viewer", scope: "organisation"), to: AuditRoleGrant(role: "location_manager", scope: "locations", codes: ["L02"])))
            #expect(read["old3"]?.facts == nil && read["old3"]?.detail == "merged by hand, see ticket 12", "not one of the forms: the words alone")
            #expect(read["old4"]?.facts == nil && read["old4"]?.detail == nil)
            #expect(read["old5"]?.facts == .keptApart(review: "r9"), "an unknown kind of facts: read from the words")
        }
    }

    @Test(arguments: TestEngine.available)
    func theLoginLimitPerAccountIsSharedAndBacksOff(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let one = SQLLoginFailures(database: database.sql)
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<9 { try await one.recordFailure("anna", now: t0.addingTimeInterval(Double(index))) }
            #expect(try await one.lockedUntil("anna", now: t0.addingTimeInterval(9)) == nil, "nine failures: still free")
            try await one.recordFailure("anna", now: t0.addingTimeInterval(9))
            #expect(try await one.lockedUntil("anna", now: t0.addingTimeInterval(10)) == t0.addingTimeInterval(69), "the tenth: a minute")
            try await one.recordFailure("anna", now: t0.addingTimeInterval(70))
            #expect(try await one.lockedUntil("anna", now: t0.addingTimeInterval(71)) == t0.addingTimeInterval(190), "the eleventh: two minutes")
            #expect(try await one.lockedUntil("boris", now: t0) == nil, "other accounts are free")
            #expect(try await one.failures("anna", now: t0.addingTimeInterval(100)) == 11)
            try await one.clear("anna")
            #expect(try await one.failures("anna", now: t0.addingTimeInterval(100)) == 0)
            // A pause longer than the run's window starts a new run.
            try await one.recordFailure("boris", now: t0)
            try await one.recordFailure("boris", now: t0.addingTimeInterval(2 * 3600))
            #expect(try await one.failures("boris", now: t0.addingTimeInterval(2 * 3600)) == 1)
        }
    }
}
