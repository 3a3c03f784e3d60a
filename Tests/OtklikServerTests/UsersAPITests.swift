import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21: `GET /api/v1/users` and `PUT /api/v1/users/{name}/role` for administrators' keys — the same checks as
/// `otklik user role` and `/admin/users` (``RoleAssignment`` and the store), each refusal naming its field with nothing
/// changed, the last administrator kept, one audit entry `role` by `api:KEY` per change and none for a repeat.
@Suite struct UsersAPITests {
    @Test func administratorsListAndChangeUsersRolesThroughTheAPI() async throws {
        try await TestApp.withRouter { test, client in
            let access = test.app.database.access
            try await access.createUser(username: "boss", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .administrator)
            let (_, readKey) = try await access.createApiKey(name: "bi", scope: .read, area: .organisation)
            let (_, writeKey) = try await access.createApiKey(name: "etl", scope: .write, area: .organisation)
            try await client.execute(uri: "/api/v1/users", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["username"] as? String } == ["boss", "manager"])
                let manager = try #require(items.last)
                #expect(manager["role"] as? String == "cx_director")
                #expect((manager["scope"] as? [String: Any])?["kind"] as? String == "organisation")
                #expect(!response.text.contains("password") && !response.text.contains("$2"), "no password hash")
            }
            for key in [readKey, writeKey] {
                try await client.execute(uri: "/api/v1/users", method: .get, headers: RolesAndScopesTests.headers(key)) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/api/v1/users/manager/role", method: .put, headers: RolesAndScopesTests.headers(key), body: jsonBody(["role": "viewer"])
                ) { #expect($0.status == .forbidden) }
            }
            let refusals: [([String: Any], String, String?)] = [
                (["role": "boss"], "role", "'boss'"),
                ([:], "role", nil),
                (["role": "location_manager"], "locations", "needs locations"),
                (["role": "regional_manager"], "regions", "needs regions"),
                (["role": "location_manager", "locations": ["L01", "L99"]], "locations", "L99"),
                (["role": "location_manager", "regions": ["R1"], "locations": ["L01"]], "regions", "not both"),
            ]
            for (body, field, words) in refusals {
                try await client.execute(uri: "/api/v1/users/manager/role", method: .put, headers: test.auth, body: jsonBody(body)) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(body): \(response.text)")
                    if let words { #expect(response.text.contains(words), "\(body): \(response.text)") }
                }
            }
            try await client.execute(uri: "/api/v1/users/nobody/role", method: .put, headers: test.auth, body: jsonBody(["role": "viewer"])) {
                #expect($0.status == .notFound && $0.errorField == "username")
            }
            #expect(try await access.user(username: "manager")?.role == .cxDirector, "nothing changed by the refusals")
            #expect(try await Self.roleEntries(test).isEmpty)

            let change = jsonBody(["role": "location_manager", "locations": ["L01"]])
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/users/manager/role", method: .put, headers: test.auth, body: change) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["role"] as? String == "location_manager")
                    #expect((response.json["scope"] as? [String: Any])?["codes"] as? [String] == ["L01"])
                }
            }
            let manager = try #require(try await access.user(username: "manager"))
            #expect(manager.role == .locationManager && manager.scope == .locations(["L01"]))
            let entries = try await Self.roleEntries(test)
            #expect(entries.count == 1, "one entry; the repeat changed nothing: \(entries)")
            #expect(entries.first?.actor == "api:tests" && entries.first?.detail == "cx_director over organisation → location_manager over locations L01")

            try await client.execute(uri: "/api/v1/users/boss/role", method: .put, headers: test.auth, body: jsonBody(["role": "viewer"])) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "role")
                #expect(response.text.contains("last administrator"))
            }
            #expect(try await access.user(username: "boss")?.role == .administrator)
        }
    }

    static func roleEntries(_ test: TestApp) async throws -> [AuditEntry] {
        try await SQLAuditLog(database: test.app.database.sql).list(AuditFilter(action: UserRoleAudit.action)).entries
    }
}
