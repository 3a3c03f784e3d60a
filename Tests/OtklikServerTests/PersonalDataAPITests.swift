import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Personal data over the API and the pages: the export holds everything and is audited, the erasure removes the
/// contacts from it, every read and change is in `GET /api/v1/audit` with its actor (filters and paging), and no
/// contact given to the import, the API or the pages reaches the log.
@Suite struct PersonalDataAPITests {
    static let customer = CustomerAPITests.phoneCustomer

    @Test func exportErasureAndTheAuditLog() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers?q=%2B79123456789", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)/export", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let sections = response.json["sections"] as? [String: [[String: Any]]] ?? [:]
                #expect(sections["feedback"]?.compactMap { $0["id"] as? String } == ["p1", "p2"])
                #expect(sections["feedback"]?.first?["contact"] as? String == "8 (912) 345-67-89")
                #expect(sections["identities"]?.first?["value"] as? String == "+79123456789")
                #expect(sections["cases"]?.count == 1, "the complaint's case")
                #expect(response.json["customer_ids"] as? [String] == [Self.customer])
            }
            try await client.execute(uri: "/api/v1/customers/nobody/export", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/customers/\(Self.customer)", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }

            try await client.execute(uri: "/api/v1/customers/\(Self.customer)/erase", method: .post, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["erased"] as? [String] == [Self.customer])
            }
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)/export", method: .get, headers: test.auth) { response in
                // The contact's own forms, never a bare "912": millisecond timestamps can hold those digits.
                for form in ["9123456789", "(912)", "345-67-89", "+7"] {
                    #expect(!response.text.contains(form), "no contact is left: \(form)")
                }
                let sections = response.json["sections"] as? [String: [[String: Any]]] ?? [:]
                #expect(sections["feedback"]?.count == 2, "the records stay, anonymous")
            }

            try await client.execute(uri: "/api/v1/audit?customer=\(Self.customer)", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["action"] as? String } == ["export", "erase", "view", "export", "view"], "newest first")
                #expect(items.compactMap { $0["actor"] as? String } == ["api:tests", "api:tests", "user:manager", "api:tests", "api:tests"])
                #expect(response.json["total"] as? Int == 5)
            }
            try await client.execute(uri: "/api/v1/audit?action=search", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["detail"] as? String == "by q", "which parameter, never its value")
            }
            try await client.execute(uri: "/api/v1/audit?limit=2&offset=1", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.count == 2 && response.json["offset"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/audit?action=peek", method: .get, headers: test.auth) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/audit?since=yesterday", method: .get, headers: test.auth) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/audit", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func mergesAndImportsAreAudited() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            let csv = "id,phone,email\nK1,+7 916 555-44-33,olga@example.ru\n"
            var headers = test.auth
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) { #expect($0.status == .ok) }
            let merge = try await client.execute(
                uri: "/api/v1/customers/merges", method: .post, headers: test.auth, body: jsonBody(["survivor": "C1", "absorbed": Self.customer])
            ) { response in
                #expect(response.status == .created)
                return response.json["id"] as? String
            }
            try await client.execute(uri: "/api/v1/customers/merges/\(try #require(merge))", method: .delete, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["action"] as? String } == ["unmerge", "merge", "import"])
                #expect(items.first?["subject_id"] as? String == "C1")
                // The details and facts (not the entries' random ids and times, where "916" may occur by chance) hold no contact.
                let details = items.map { "\($0["detail"] ?? "") \($0["facts"] ?? "")" }.joined(separator: " ")
                #expect(!details.contains("916") && !details.contains("olga") && !details.contains("555"), "the log's details hold no contact: \(details)")
            }
        }
    }

    @Test func noContactReachesTheLogThroughImportExportAndErasure() async throws {
        let capture = CapturedLog()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "t") { _ in CapturingLogHandler(lines: capture) }
        logger.logLevel = .trace
        let app = try await OtklikApp.open(
            AppConfiguration(databaseURL: "sqlite:\(directory.path)/test.sqlite", port: 0), logger: logger, hasher: PasswordHasher(cost: 4))
        try await app.database.reference.save(Location(code: "L01", name: "Офис"))
        try await app.database.reference.save(Location(code: "L02", name: "Офис 2"))
        try await app.database.access.createUser(username: "manager", passwordHash: try await app.hasher.hash(TestApp.password), role: .manager)
        let (_, key) = try await app.database.access.createApiKey(name: "tests")
        let test = TestApp(app: app, apiKey: key, directory: directory)
        try await app.buildApplication().test(.router) { client in
            try await CustomerAPITests.post(test, client)
            var headers = test.auth
            headers[.contentType] = "text/csv"
            let csv = "id,phone,email\nK1,+7 916 555-44-33,olga@example.ru\nK2,not-a-phone-916,\n"
            try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) { _ in }
            try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: "id,phone\nK1,+7 916 555-44-33\n")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/customers?email=olga%40example.ru", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers?phone=%2B79165554433", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)/export", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers/\(Self.customer)/erase", method: .post, headers: test.auth) { #expect($0.status == .ok) }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/customers?q=olga%40example.ru", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
        }
        try await app.database.close()
        let text = capture.text
        #expect(text.contains("/api/v1/customers/import"), "requests are logged")
        for contact in ["9123456789", "345-67", "916 555", "9165554433", "555-44", "olga@", "olga%40"] {
            #expect(!text.contains(contact), "\(contact) in the log")
        }
    }
}
