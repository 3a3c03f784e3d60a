import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Migrations keep their order and never run on a database a newer binary has migrated.
@Suite struct MigrationTests {
    @Test func idsAreUniqueAndInOrder() {
        let ids = Migrations.all.map(\.id)
        #expect(Set(ids).count == ids.count, "a migration id appears twice")
        #expect(ids == ids.sorted(), "migrations are listed in the order of their ids")
        #expect(ids.allSatisfy { $0.range(of: #"^\d{4}[a-z]?_[a-z0-9_]+$"#, options: .regularExpression) != nil })
    }

    /// One file a migration, named after its id.
    @Test func eachMigrationHasItsOwnFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OtklikStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("M0") }.sorted()
        #expect(files == Migrations.all.map { "M\($0.id).swift" })
    }

    /// Migration 0064: the feedback indexes by contact and by customer hold only the records that have one (a new record
    /// without either no longer rewrites a page of each), and the lookups by a contact or a customer still use them.
    @Test(arguments: TestEngine.available)
    func feedbackIndexesByContactAndCustomerHoldOnlyRecordsThatHaveOne(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let definitions = try await database.sql.query(
                database.sql.dialect == .sqlite
                    ? "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND name IN ('feedback_contact', 'feedback_customer')"
                    : "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE indexname IN ('feedback_contact', 'feedback_customer')")
            let byName = Dictionary(uniqueKeysWithValues: definitions.map { ($0.text("name") ?? "", $0.text("definition") ?? "") })
            #expect(byName["feedback_contact"]?.range(of: #"WHERE \(?contact IS NOT NULL"#, options: .regularExpression) != nil, "\(byName)")
            #expect(byName["feedback_customer"]?.range(of: #"WHERE \(?customer_id IS NOT NULL"#, options: .regularExpression) != nil, "\(byName)")
            let t0 = Date(timeIntervalSince1970: 1_772_000_000)
            let items = (0..<6).map { n in
                Feedback(id: "f\(n)", ts: t0.addingTimeInterval(Double(n)), channel: .qrWeb, kind: .informative,
                         customer: n % 2 == 0 ? "C-1" : nil, nps: n, contact: n % 3 == 0 ? "a@example.org" : nil)
            }
            _ = try await database.feedback.insert(items, createMissingReferences: true)
            // Through the index and through every row (an expression no index serves): the same records.
            for (column, value) in [("customer_id", "C-1"), ("contact", "a@example.org")] {
                let indexed = try await database.sql.query("SELECT id FROM feedback WHERE \(column) = ? ORDER BY id", [.text(value)])
                let scanned = try await database.sql.query("SELECT id FROM feedback WHERE \(column) || '' = ? ORDER BY id", [.text(value)])
                #expect(indexed.compactMap { $0.text("id") } == scanned.compactMap { $0.text("id") })
                #expect(indexed.count >= 2, "\(column)")
            }
            if database.sql.dialect == .sqlite {
                for (sql, index) in [
                    ("SELECT COUNT(*) FROM feedback WHERE customer_id = ?", "feedback_customer"),
                    ("SELECT id FROM feedback WHERE contact = ?", "feedback_contact"),
                ] {
                    let plan = try await database.sql.query("EXPLAIN QUERY PLAN " + sql, [.text("x")])
                    #expect(plan.contains { ($0.text("detail") ?? "").contains(index) }, "\(plan)")
                }
            }
        }
    }

    /// Migration 0065: the interaction indexes by customer and by service request and the survey invitations' by customer
    /// hold only the rows that have one; the lookups the code makes still use them and find what a scan finds.
    @Test(arguments: TestEngine.available)
    func interactionAndInvitationIndexesHoldOnlyRowsThatHaveAValue(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let partial = [
                "interactions_customer": "customer_id", "interactions_request": "request_id",
                "survey_invitations_customer_id": "customer_id", "survey_invitations_customer": "customer",
            ]
            let names = partial.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let definitions = try await database.sql.query(
                database.sql.dialect == .sqlite
                    ? "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND name IN (\(names))"
                    : "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE indexname IN (\(names))")
            let byName = Dictionary(uniqueKeysWithValues: definitions.map { ($0.text("name") ?? "", $0.text("definition") ?? "") })
            for (index, column) in partial {
                #expect(byName[index]?.range(of: #"WHERE \(?"# + column + " IS NOT NULL", options: .regularExpression) != nil, "\(index): \(byName)")
            }
            let t0 = Date(timeIntervalSince1970: 1_772_000_000)
            let calls = (0..<6).map { n in
                Interaction(id: "i\(n)", channel: .callCenter, queue: "Q", customer: n % 2 == 0 ? "C-1" : nil, topic: "billing",
                            arrivedAt: t0.addingTimeInterval(Double(n)), outcome: .answered)
            }
            _ = try await database.interactions.insert(calls, createMissingReferences: true)
            let indexed = try await database.sql.query("SELECT id FROM interactions WHERE customer_id = ? ORDER BY id", [.text("C-1")])
            let scanned = try await database.sql.query("SELECT id FROM interactions WHERE customer_id || '' = ? ORDER BY id", [.text("C-1")])
            #expect(indexed.compactMap { $0.text("id") } == ["i0", "i2", "i4"] && scanned.compactMap { $0.text("id") } == ["i0", "i2", "i4"])
            if database.sql.dialect == .sqlite {
                for (sql, index) in [
                    ("SELECT COUNT(*) FROM interactions WHERE customer_id = ?", "interactions_customer"),
                    ("SELECT id FROM interactions WHERE customer_id = ? ORDER BY arrived_at DESC LIMIT 5", "interactions_customer"),
                    ("SELECT id FROM interactions WHERE request_id = ?", "interactions_request"),
                    ("SELECT id FROM survey_invitations WHERE customer_id = ?", "survey_invitations_customer_id"),
                    ("SELECT MAX(invited_at) AS last FROM survey_invitations WHERE customer = ?", "survey_invitations_customer"),
                ] {
                    let plan = try await database.sql.query("EXPLAIN QUERY PLAN " + sql, [.text("x")])
                    #expect(plan.contains { ($0.text("detail") ?? "").contains(index) }, "\(sql): \(plan)")
                }
            }
        }
    }

    /// The analytics snapshot's stamp is a fingerprint of the migrations that may rewrite facts: one that only rebuilds
    /// indexes (0064, 0065) leaves it as it was, so the first start after such an upgrade reads the snapshot, not every
    /// row; any other changes it — also one added later, which a count would not tell from an older binary's count
    /// that included 0064.
    @Test(arguments: TestEngine.available)
    func indexOnlyMigrationsLeaveTheSnapshotsStampAsItWas(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let indexOnly = Migrations.all.filter(\.keepsFacts).map(\.id)
            #expect(indexOnly == ["0064_partial_contact_indexes", "0065_partial_interaction_invitation_indexes"])
            let all = try await database.feed.factMigrationsFingerprint()
            try await database.sql.execute("DELETE FROM otklik_migrations WHERE id = ?", [.text("0065_partial_interaction_invitation_indexes")])
            #expect(try await database.feed.factMigrationsFingerprint() == all, "a store before 0065: the same stamp")
            try await database.sql.execute("DELETE FROM otklik_migrations WHERE id = ?", [.text("0063_unread_notices")])
            let before63 = try await database.feed.factMigrationsFingerprint()
            #expect(before63 != all, "0063 may have rewritten facts")
            // A later migration added where an earlier one is missing: the same count, another stamp.
            try await database.sql.execute("INSERT INTO otklik_migrations (id, applied_at) VALUES ('0066_later', 0)")
            #expect(try await database.feed.factMigrationsFingerprint() != all)
            try await database.sql.execute("DELETE FROM otklik_migrations WHERE id = '0066_later'")
            #expect(try await database.feed.factMigrationsFingerprint() == before63, "the same ids, the same stamp")
        }
    }

    @Test(arguments: TestEngine.available)
    func refusesADatabaseNewerThanTheBinary(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.sql.execute("INSERT INTO otklik_migrations (id, applied_at) VALUES ('9999_from_the_future', 0)")
            await #expect(throws: StoreError.self) { try await Migrator().migrate(database.sql, logger: TestEngine.logger) }
            do {
                try await Migrator().migrate(database.sql, logger: TestEngine.logger)
            } catch {
                #expect("\(error)".contains("9999_from_the_future"))
            }
        }
    }
}
