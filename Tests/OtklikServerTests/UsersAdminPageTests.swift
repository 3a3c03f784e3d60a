import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Issue 21 item 3: an administrator changes a user's role and scope on `/admin/users` (CSRF-checked, all or nothing,
/// written to the audit log; the last administrator stays one); nobody else may open the page; and a user limited to
/// some locations sees their own location's or region's target beside their figures, never the organisation's.
@Suite struct UsersAdminPageTests {
    static func boss(_ test: TestApp) async throws {
        try await test.app.database.access.createUser(
            username: "boss", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .administrator)
    }

    static func post(_ client: any TestClientProtocol, _ path: String, cookie: String, _ body: String) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: path, method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: body)) {
            ($0.status, $0.text, $0.headers[.location])
        }
    }

    @Test func onlyAnAdministratorSeesTheUsers() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            try await Self.boss(test)
            let cookie = try #require(try await NotificationPageTests.login(client, user: "boss"))
            try await client.execute(uri: "/admin/users?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .ok)
                let html = response.text
                let row = try #require(html.firstRange(of: "<span class=\"code\">olga</span>").map { String(html[$0.lowerBound...].prefix(400)).components(separatedBy: "</tr>")[0] })
                #expect(row.contains("Location manager") && row.contains("Service points: Офис на Тверской"), "\(row)")
                #expect(row.contains("<td>never</td>"), "olga has not signed in: \(row)")
                let own = try #require(html.firstRange(of: "<span class=\"code\">boss</span>").map { String(html[$0.lowerBound...].prefix(400)).components(separatedBy: "</tr>")[0] })
                #expect(own.contains("Administrator") && own.contains("Whole organisation"))
                let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
                // Written the page's way (PageDate): "4 Dec 2026, 17:05", not ISO.
                #expect(!own.contains("never") && own.contains(" \(year), ") && !own.contains("<td>\(year)-"), "boss signed in just now: \(own)")
                #expect(html.contains("href=\"/admin/users\""), "the navigation offers the page to an administrator")
            }
            for user in ["manager", "olga", "vera"] {
                let other = try #require(try await NotificationPageTests.login(client, user: user))
                try await client.execute(uri: "/admin/users", method: .get, headers: [.cookie: other, .accept: "text/html"]) { response in
                    #expect(response.status == .forbidden, "\(user)")
                    #expect(!response.text.contains("users-table") && !response.text.contains("boss"), "\(user) learns nothing of the users")
                    #expect(response.text.contains("class=\"sections\""), "the error page keeps \(user)'s navigation")
                }
                let (status, _, _) = try await Self.post(client, "/admin/users/vera", cookie: other, "role=administrator")
                #expect(status == .forbidden, "\(user) cannot make anyone administrator")
                try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: other, .accept: "text/html"]) { response in
                    #expect(!response.text.contains("href=\"/admin/users\""), "no link for \(user)")
                }
            }
            #expect(try await test.app.database.access.user(username: "vera")?.role == .viewer)
        }
    }

    @Test func anAdministratorChangesARoleAndScopeWithAnAuditEntry() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            try await Self.boss(test)
            let access = test.app.database.access
            let cookie = try #require(try await NotificationPageTests.login(client, user: "boss"))
            try await client.execute(uri: "/admin/users/vera?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"users-edit\"") && response.text.contains("<option value=\"viewer\" selected>Viewer"))
                #expect(response.text.contains("name=\"csrf\""), "the form carries its anti-forgery token")
                #expect(response.text.contains("Office &lt;b&gt;Two&lt;/b&gt;") && !response.text.contains("<b>Two</b>"), "names escaped")
            }
            // Without the token: refused, nothing changed.
            try await client.execute(
                uri: "/admin/users/vera", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "role=administrator")
            ) { #expect($0.status == .forbidden) }
            #expect(try await access.user(username: "vera")?.role == .viewer)

            let (status, _, location) = try await Self.post(client, "/admin/users/vera", cookie: cookie, "role=location_manager&locations=L02")
            #expect(status == .seeOther && location == "/admin/users?saved=vera")
            let vera = try #require(try await access.user(username: "vera"))
            #expect(vera.role == .locationManager && vera.scope == .locations(["L02"]))
            try await client.execute(uri: "/api/v1/audit?action=role", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
                #expect(items.first?["actor"] as? String == "user:boss")
                #expect(items.first?["subject_kind"] as? String == "user" && items.first?["subject_id"] as? String == "vera")
                #expect(items.first?["detail"] as? String == "viewer over organisation → location_manager over locations L02")
            }
            // The change holds on vera's next page: her figures are L02's (n 2), not the organisation's (n 6).
            let veraCookie = try #require(try await NotificationPageTests.login(client, user: "vera"))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: veraCookie, .accept: "text/html"]) { response in
                #expect(response.text.contains("id=\"scope-note\"") && response.text.contains("n = 2") && !response.text.contains("n = 6"))
            }

            // Refusals: named, in the page's language, 422, and nothing changed.
            let refusals: [(String, String, String)] = [
                ("/admin/users/vera?lang=en", "role=location_manager", "This role needs regions or service points"),
                ("/admin/users/vera?lang=en", "role=location_manager&locations=L01&regions=R1", "not both"),
                ("/admin/users/vera?lang=en", "role=location_manager&locations=L99", "L99"),
                ("/admin/users/vera?lang=en", "role=boss", "boss"),
                ("/admin/users/boss?lang=en", "role=viewer", "no administrator left"),
            ]
            for (path, body, says) in refusals {
                let (status, html, _) = try await Self.post(client, path, cookie: cookie, body)
                #expect(status == .unprocessableContent, "\(body)")
                #expect(html.contains("id=\"users-error\"") && html.contains(says), "\(body): \(says)")
            }
            #expect(try await access.user(username: "vera")?.scope == .locations(["L02"]), "unchanged by the refusals")
            #expect(try await access.user(username: "boss")?.role == .administrator, "the last administrator stays one")
            let (missing, _, _) = try await Self.post(client, "/admin/users/nobody", cookie: cookie, "role=viewer")
            #expect(missing == .notFound)
            // A name with a dash and a dot: the list's link opens its form (the name is one path segment).
            try await access.createUser(username: "anna.k-2", passwordHash: "x", role: .viewer)
            try await client.execute(uri: "/admin/users?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.text.contains("href=\"/admin/users/anna.k-2\""), "\(response.text.count)")
            }
            try await client.execute(uri: "/admin/users/anna.k-2?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .ok && response.text.contains("id=\"users-edit\""))
            }
            try await client.execute(uri: "/admin/users/anna%2Ek%2D2", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .ok, "an encoded name reads the same")
            }
            // Back to the whole organisation: no box ticked.
            _ = try await Self.post(client, "/admin/users/vera", cookie: cookie, "role=viewer")
            #expect(try await access.user(username: "vera")?.scope == .organisation)
        }
    }

    /// Targets, by hand: the organisation's NPS target 50, region R1's 10, location L01's 20 (each for this year).
    /// A location manager of L01 sees 20; a regional manager of R1 (L01 and L02: the whole region) sees 10; a location
    /// manager of L03 (no target of its own) sees none — never the organisation's 50. The director sees 50.
    @Test func aScopedUserSeesTheTargetOfWhatTheySee() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            func target(_ scope: KPITarget.Scope, _ code: String?, _ goal: Double) -> KPITarget {
                KPITarget(metric: .nps, scope: scope, code: code, from: "\(year)-01-01", to: "\(year)-12-31", target: goal, kind: .absolute)
            }
            _ = try await test.app.database.targets.upsert(
                [target(.organisation, nil, 50), target(.region, "R1", 10), target(.location, "L01", 20)], at: Date())
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "rita", passwordHash: hash, role: .regionalManager, scope: .regions(["R1"]))
            try await test.app.database.access.createUser(username: "lev", passwordHash: hash, role: .locationManager, scope: .locations(["L03"]))
            func npsTarget(_ user: String) async throws -> String? {
                let cookie = try #require(try await NotificationPageTests.login(client, user: user))
                return try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                    let html = response.text
                    guard let start = html.firstRange(of: "<span class=\"target-goal\">") else { return nil }
                    // The first target on the page is NPS's (the first KPI card).
                    return String(html[start.upperBound...].prefix { $0 != "<" })
                }
            }
            #expect(try await npsTarget("manager") == "Target: 50.0", "the organisation's")
            #expect(try await npsTarget("olga") == "Target: 20.0", "L01's own")
            #expect(try await npsTarget("rita") == "Target: 10.0", "the region's")
            #expect(try await npsTarget("lev") == nil, "none rather than the organisation's")
        }
    }
}
