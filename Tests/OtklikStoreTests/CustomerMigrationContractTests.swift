import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Migration 0021b on every engine: a database written before customers were explicit (customer ids on records, stub
/// customer rows, contacts on feedback and survey recipients) ends with the right customers and identities.
@Suite struct CustomerMigrationContractTests {
    static let before = Array(Migrations.all.prefix { $0.id < "0021" })

    @Test func theMigrationsComeInOrder() {
        let ids = Migrations.all.map(\.id)
        let index = ids.firstIndex(of: "0021_customers")
        #expect(index.map { ids[$0 + 1] } == "0021b_customer_identities", "0021b follows 0021 directly")
        #expect(!Self.before.contains { $0.id.hasPrefix("0021") })
    }

    @Test(arguments: TestEngine.available)
    func aDatabaseFromBeforeEndsWithTheRightCustomers(engine: TestEngine) async throws {
        try await engine.withUnmigratedDatabase { sql in
            try await Migrator(migrations: Self.before).migrate(sql, logger: TestEngine.logger)
            for statement in [
                "INSERT INTO locations (code, name) VALUES ('L01', 'Офис')",
                "INSERT INTO customers (id, created_at) VALUES ('C1', 1000), ('00001', 1000), ('0', 1000), ('anonymous', 1000)",
                "INSERT INTO customers (id, phone, created_at) VALUES ('C2', '8 (999) 111-22-33', 1000)",
                """
                INSERT INTO feedback (id, ts, channel, kind, location_code, customer_id, nps, contact, received_at) VALUES
                    ('a', 10, 'qr_web', 'complaint', 'L01', 'C1', 3, '+7 912 345 6789', 10),
                    ('b', 20, 'qr_web', 'complaint', 'L01', NULL, 2, '8 (912) 345-67-89', 20),
                    ('c', 30, 'qr_web', 'complaint', 'L01', NULL, 1, ' Ivan@Mail.RU', 30),
                    ('d', 40, 'qr_web', 'complaint', 'L01', NULL, 1, 'не звоните', 40),
                    ('e', 50, 'qr_web', 'informative', 'L01', '0', 9, NULL, 50),
                    ('f', 60, 'qr_web', 'complaint', 'L01', NULL, 1, '9991112233', 60),
                    ('g', 70, 'qr_web', 'complaint', 'L01', 'anonymous', 1, 'test@example.com', 70)
                """,
                "INSERT INTO interactions (id, channel, customer_id, arrived_at, outcome, received_at) VALUES ('call-1', 'call_center', '00001', 5, 'answered', 5)",
                "INSERT INTO surveys (code, definition, purpose, created_at) VALUES ('visit', '{}', 'measurement', 1)",
                """
                INSERT INTO survey_invitations (id, survey_code, token_hash, customer, status, invited_at, expires_at) VALUES
                    ('inv-1', 'visit', 'h1', 'K7', 'invited', 100, 200), ('inv-2', 'visit', 'h2', NULL, 'invited', 110, 210)
                """,
                "INSERT INTO survey_outbox (id, invitation_id, recipient, status, next_attempt_at, created_at) VALUES ('msg-inv-2', 'inv-2', 'IVAN@mail.ru', 'pending', 1, 1)",
            ] { try await sql.execute(statement) }

            try await Migrator().migrate(sql, logger: TestEngine.logger)

            let phone = CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: "+79123456789"))
            let email = CustomerResolver.customerID(CustomerIdentity(kind: .email, value: "ivan@mail.ru"))
            let customers = try await sql.query("SELECT id FROM customers").compactMap { $0.text("id") }.sorted()
            #expect(customers == ["00001", "C1", "C2", "K7", email].sorted(), "placeholders 0 and anonymous are gone; b's phone is C1's")
            #expect(!customers.contains(phone))
            let identities = try await sql.query("SELECT kind, value, customer_id FROM customer_identities ORDER BY kind, value")
                .map { "\($0.text("kind") ?? ""):\($0.text("value") ?? "")=\($0.text("customer_id") ?? "")" }.sorted()
            #expect(identities == [
                "email:ivan@mail.ru=\(email)", "external:00001=00001", "external:C1=C1", "external:C2=C2", "external:K7=K7",
                "phone:+79123456789=C1", "phone:+79991112233=C2",
            ], "C1's feedback gave C1 the phone; C2's old phone column is its identity")
            let links = try await sql.query("SELECT id, customer_id, customer_link FROM feedback ORDER BY id")
                .map { "\($0.text("id") ?? ""):\($0.text("customer_id") ?? "-"):\($0.text("customer_link") ?? "-")" }
            #expect(links == ["a:C1:external", "b:C1:phone", "c:\(email):email", "d:-:-", "e:-:-", "f:C2:phone", "g:-:-"])
            let invitations = try await sql.query("SELECT id, customer_id, customer_link FROM survey_invitations ORDER BY id")
                .map { "\($0.text("id") ?? ""):\($0.text("customer_id") ?? "-"):\($0.text("customer_link") ?? "-")" }
            #expect(invitations == ["inv-1:K7:external", "inv-2:\(email):email"])

            // The records read back as the clients sent them, and the customer page finds the migrated history.
            let database = AppDatabase(sql: sql)
            #expect(try await database.feedback.get(id: "a")?.customer == "C1")
            #expect(try await database.feedback.get(id: "b")?.customer == nil, "b named no customer: it is linked by its phone")
            let timeline = try await database.customers.timeline(of: "C1", offset: 0, limit: 10)
            #expect(timeline.items.map(\.id) == ["b", "a"])
            #expect(timeline.items.first?.linkedBy == CustomerIdentity(kind: .phone, value: "+79123456789"))
            #expect(try await database.customers.search("+7 (912) 345 67 89", limit: 5).map(\.id) == ["C1"])
            #expect(try await Migrator().migrate(sql, logger: TestEngine.logger).isEmpty, "applied once")
        }
    }
}

extension TestEngine {
    /// A fresh, empty database on this engine (no migration applied), removed afterwards.
    func withUnmigratedDatabase(_ body: (any SQLDatabase) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let sql = try SQLiteDatabase(path: "\(directory.path)/test.sqlite")
            do {
                try await body(sql)
                try await sql.close()
            } catch {
                try? await sql.close()
                throw error
            }
        case .postgres:
            guard let base = Self.postgresURL else { throw TestSetupError("OTKLIK_TEST_POSTGRES_URL is not set") }
            let name = "otklik_m_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try PostgresDatabase(url: base, logger: Self.logger)
            try await admin.execute("CREATE DATABASE \(name)")
            var components = URLComponents(string: base)!
            components.path = "/\(name)"
            let sql = try PostgresDatabase(url: components.string!, logger: Self.logger)
            do {
                try await body(sql)
                try await sql.close()
            } catch {
                try? await sql.close()
                try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                try? await admin.close()
                throw error
            }
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            try await admin.close()
        }
    }
}
