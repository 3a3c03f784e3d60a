import Foundation
import OtklikCore
import OtklikStore
import Testing

/// The import's two traps, with hand-made records, on both engines (issue 18 item 1, docs/methods.md "Customer
/// identity"): a phone on five or more anchored customers (a shared office phone) is a super-node that links, merges
/// and is attached to no one, and stays one in later imports; a record carrying a device another customer owns and an
/// e-mail nobody owns is a new customer (two people on one tablet), the pair queued for review, while a record with
/// only the device, or a device whose customer holds nothing else, still joins. Each import is idempotent on retry.
@Suite struct CustomerImportTrapsContractTests {
    static func id(_ kind: IdentityKind, _ value: String) -> CustomerIdentity { CustomerIdentity(kind: kind, value: value) }
    static let office = id(.phone, "+74951234567")
    static func email(_ n: Int) -> CustomerIdentity { id(.email, "p\(n)@mail.ru") }
    static func customerOf(_ identity: CustomerIdentity) -> String { CustomerResolver.customerID(identity) }

    static func owners(_ sql: any SQLDatabase) async throws -> [String: String] {
        var found: [String: String] = [:]
        for row in try await sql.query("SELECT kind, value, customer_id FROM customer_identities", []) {
            found["\(row.text("kind") ?? ""):\(row.text("value") ?? "")"] = row.text("customer_id")
        }
        return found
    }

    static func count(_ sql: any SQLDatabase, _ query: String) async throws -> Int64 {
        try await sql.query(query, []).first?.int64("n") ?? -1
    }

    @Test(arguments: TestEngine.available)
    func anOfficePhoneOfFiveAnchoredCustomersLinksNoOne(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            let importer = SQLCustomerImport(database: sql)
            // Five people leave the office phone beside their own e-mail; one of them also on a record of their own.
            var rows = (0..<5).map { CustomerImportRow(identities: [Self.office, Self.email($0)]) }
            rows.append(CustomerImportRow(identities: [Self.email(0), Self.id(.external, "C0")]))
            let summary = try await importer.importRows(rows)
            // C0's record makes C0 a customer, which then takes in the one p0@mail.ru made (a strong identity): one merge.
            #expect(summary.created == 6 && summary.merges.count == 1 && summary.reviewed == 0 && summary.superNodes == 1, "\(summary)")
            let owners = try await Self.owners(sql)
            #expect(owners["phone:+74951234567"] == nil, "the office phone is attached to no one")
            #expect(Set((0..<5).compactMap { owners["email:p\($0)@mail.ru"] }).count == 5, "five customers, one an e-mail each")
            #expect(owners["external:C0"] == "C0" && owners["email:p0@mail.ru"] == "C0")
            let node = try await sql.query("SELECT kind, value, customers FROM customer_super_nodes", [])
            #expect(node.count == 1 && node.first?.text("value") == "+74951234567" && node.first?.int64("customers") == 5)

            // A retry stores nothing new; a later import of one more record on the phone links it to no one either.
            let again = try await importer.importRows(rows)
            #expect(again.created == 0 && again.merges.isEmpty && again.reviewed == 0 && again.superNodes == 1)
            #expect(try await Self.owners(sql) == owners)
            let later = try await importer.importRows([CustomerImportRow(identities: [Self.office, Self.email(9)])])
            #expect(later.created == 1 && later.merges.isEmpty && later.superNodes == 1)
            let after = try await Self.owners(sql)
            #expect(after["phone:+74951234567"] == nil && after["email:p9@mail.ru"] == Self.customerOf(Self.email(9)))
            #expect(try await Self.count(sql, "SELECT count(*) AS n FROM customers WHERE merged_into IS NULL") == 6)
            #expect(try await Self.count(sql, "SELECT count(*) AS n FROM customer_super_nodes") == 1)

            // Records written one by one (feedback) leave the recorded office phone alone too: one carrying only the
            // phone has no customer, one with an e-mail beside it is that e-mail's customer, and the phone stays unowned.
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await database.feedback.insert([
                Feedback(id: "sn1", ts: at, channel: .qrWeb, kind: .organic, location: "L01", nps: 9, contact: "+7 495 123-45-67"),
                Feedback(id: "sn2", ts: at, channel: .qrWeb, kind: .organic, location: "L01", nps: 3, contact: "+7 (495) 123 45 67"),
            ], createMissingReferences: true)
            #expect(try await Self.owners(sql)["phone:+74951234567"] == nil, "a feedback does not make the office phone someone's")
            let linked = try await sql.query("SELECT id, customer_id FROM feedback WHERE id IN ('sn1', 'sn2') ORDER BY id", [])
            #expect(linked.count == 2 && linked.allSatisfy { $0.text("customer_id") == nil }, "the two callers are not one customer")
        }
    }

    @Test(arguments: TestEngine.available)
    func fourAnchoredCustomersOnAPhoneAreNoSuperNode(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // Two of the five records are one person (one e-mail): four anchored groups, below the threshold of five.
            var rows = (0..<4).map { CustomerImportRow(identities: [Self.office, Self.email($0)]) }
            rows.append(CustomerImportRow(identities: [Self.office, Self.email(3)]))
            let summary = try await SQLCustomerImport(database: database.sql).importRows(rows)
            #expect(summary.superNodes == 0)
            #expect(try await Self.owners(database.sql)["phone:+74951234567"] != nil, "the phone names a customer")
            #expect(try await Self.count(database.sql, "SELECT count(*) AS n FROM customer_super_nodes") == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func aStoredAnchoredOwnerCountsAsOneOfTheFive(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let importer = SQLCustomerImport(database: database.sql)
            let first = try await importer.importRows([CustomerImportRow(identities: [Self.office, Self.id(.external, "C100")])])
            #expect(first.created == 1 && first.superNodes == 0)
            #expect(try await Self.owners(database.sql)["phone:+74951234567"] == "C100")
            // Four more anchored customers on the phone: with the stored C100, five.
            let summary = try await importer.importRows((1...4).map { CustomerImportRow(identities: [Self.office, Self.email($0)]) })
            #expect(summary.superNodes == 1 && summary.created == 4 && summary.merges.isEmpty, "\(summary)")
            let owners = try await Self.owners(database.sql)
            #expect(owners["phone:+74951234567"] == "C100", "the stored owner keeps the phone, which links no one since")
            #expect((1...4).allSatisfy { owners["email:p\($0)@mail.ru"] == Self.customerOf(Self.email($0)) })
            #expect(try await database.sql.query("SELECT customers FROM customer_super_nodes", []).first?.int64("customers") == 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func twoPeopleOnOneTabletStayTwo(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            let importer = SQLCustomerImport(database: sql)
            let tablet = Self.id(.device, "tablet-1")
            let anna = Self.id(.email, "anna@mail.ru"), boris = Self.id(.email, "boris@mail.ru")
            let rows = [
                CustomerImportRow(identities: [anna, tablet]), CustomerImportRow(identities: [boris, tablet]),
                CustomerImportRow(identities: [tablet]),
            ]
            let summary = try await importer.importRows(rows)
            #expect(summary.created == 2 && summary.merges.isEmpty && summary.reviewed == 1, "\(summary)")
            let owners = try await Self.owners(sql)
            let annas = Self.customerOf(anna), boriss = Self.customerOf(boris)
            #expect(owners["email:anna@mail.ru"] == annas && owners["device:tablet-1"] == annas)
            #expect(owners["email:boris@mail.ru"] == boriss, "Boris is a customer of his own")
            let review = try await sql.query("SELECT left_id, right_id, reason, shared_value FROM customer_review", [])
            #expect(review.count == 1 && review.first?.text("reason") == "shared_device" && review.first?.text("shared_value") == "tablet-1")
            #expect(Set([review.first?.text("left_id"), review.first?.text("right_id")]) == Set([annas, boriss]))

            // The same in a later import, against the stored owner; a retry adds nothing.
            let clara = Self.id(.email, "clara@mail.ru")
            let later = try await importer.importRows([CustomerImportRow(identities: [clara, tablet])])
            #expect(later.created == 1 && later.merges.isEmpty && later.reviewed == 1)
            #expect(try await Self.owners(sql)["email:clara@mail.ru"] == Self.customerOf(clara))
            let again = try await importer.importRows(rows + [CustomerImportRow(identities: [clara, tablet])])
            #expect(again.created == 0 && again.merges.isEmpty && again.reviewed == 0, "\(again)")
            #expect(try await Self.count(sql, "SELECT count(*) AS n FROM customers") == 3)
            #expect(try await Self.count(sql, "SELECT count(*) AS n FROM customer_merges") == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeviceWhoseCustomerHoldsNothingElseStillJoins(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let importer = SQLCustomerImport(database: database.sql)
            let kiosk = Self.id(.device, "dev-7"), dina = Self.id(.email, "dina@mail.ru")
            let first = try await importer.importRows([CustomerImportRow(identities: [kiosk])])
            #expect(first.created == 1)
            let summary = try await importer.importRows([CustomerImportRow(identities: [dina, kiosk])])
            #expect(summary.created == 0 && summary.reviewed == 0)
            let owners = try await Self.owners(database.sql)
            #expect(owners["email:dina@mail.ru"] == Self.customerOf(kiosk), "the e-mail joins the device's customer")
        }
    }
}
