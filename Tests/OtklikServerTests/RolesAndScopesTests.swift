import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3 over a real socket: API key scopes (read cannot write; the audit log is admin-only), location and
/// region scopes on feedback, metrics and cases (another location's record is 404), and the pages of a location
/// manager and a viewer.
///
/// The data, by hand: L01 (R1) NPS answers 10, 9, 3 → 2 promoters, 1 detractor, n 3, NPS (2 − 1) / 3 = +33.3;
/// L02 (R1) 0, 6 → 2 detractors; L03 (R2) 10. R1 together: 2 promoters, 3 detractors, n 5, NPS (2 − 3) / 5 = −20.0.
/// The whole organisation: n 6. One complaint (CSAT 1 with a comment) at each location opens a case there.
@Suite struct RolesAndScopesTests {
    struct Keys {
        var read = "", l01 = "", r1 = "", write = "", writeL01 = ""
    }

    static func seed(_ test: TestApp, _ client: any TestClientProtocol) async throws -> Keys {
        try await test.app.database.reference.save(Region(code: "R2", name: "Казань"))
        try await test.app.database.reference.save(Location(code: "L03", name: "Баумана", region: "R2"))
        try await test.app.analytics.setRegion("R2", ofLocation: "L03")
        let now = Date()
        func at(_ minutes: Int) -> String { Timestamp.format(now.addingTimeInterval(Double(-60 * minutes))) }
        let answers: [(String, String, Int)] = [("a1", "L01", 10), ("a2", "L01", 9), ("a3", "L01", 3), ("b1", "L02", 0), ("b2", "L02", 6), ("c1", "L03", 10)]
        var items: [[String: Any]] = answers.enumerated().map { index, answer in
            ["id": answer.0, "ts": at(index + 10), "channel": "terminal", "location": answer.1, "nps": answer.2]
        }
        for (index, location) in ["L01", "L02", "L03"].enumerated() {
            items.append(["id": "complaint-\(location)", "ts": at(index + 1), "channel": "qr_web", "location": location, "csat": 1,
                          "comment": "Долго ждал", "contact": "+7 900 000-00-0\(index)"])
        }
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
            #expect($0.status == .created)
        }
        let access = test.app.database.access
        var keys = Keys()
        keys.read = try await access.createApiKey(name: "bi", scope: .read, area: .organisation).secret
        keys.l01 = try await access.createApiKey(name: "l01", scope: .read, area: .locations(["L01"])).secret
        keys.r1 = try await access.createApiKey(name: "r1", scope: .read, area: .regions(["R1"])).secret
        keys.write = try await access.createApiKey(name: "etl", scope: .write, area: .organisation).secret
        keys.writeL01 = try await access.createApiKey(name: "kiosks-l01", scope: .write, area: .locations(["L01"])).secret
        let hash = try await test.app.hasher.hash(TestApp.password)
        try await access.createUser(username: "olga", passwordHash: hash, role: .locationManager, scope: .locations(["L01"]))
        try await access.createUser(username: "vera", passwordHash: hash, role: .viewer)
        return keys
    }

    static func headers(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)", .contentType: "application/json"] }

    static func live(_ body: @escaping @Sendable (TestApp, any TestClientProtocol, Keys) async throws -> Void) async throws {
        let test = try await TestApp.make(minimumN: 1)
        do {
            try await test.app.buildApplication().test(.live) { client in
                let keys = try await Self.seed(test, client)
                try await body(test, client, keys)
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// The case opened for a location's complaint, read with the admin key.
    static func caseId(at location: String, _ test: TestApp, _ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/api/v1/cases?location=\(location)", method: .get, headers: test.auth) { response in
            let items = response.json["items"] as? [[String: Any]] ?? []
            return try #require(items.first?["id"] as? String, "a case at \(location)")
        }
    }

    @Test func aReadKeyReadsButCannotWrite() async throws {
        try await Self.live { test, client, keys in
            let read = Self.headers(keys.read)
            try await client.execute(uri: "/api/v1/feedback?limit=5", method: .get, headers: read) { #expect($0.status == .ok) }
            let item = jsonBody(["id": "r-1", "channel": "terminal", "location": "L01", "nps": 9])
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: read, body: item) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("write_feedback"))
            }
            try await client.execute(uri: "/api/v1/feedback/r-1", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing written") }
            let id = try await Self.caseId(at: "L01", test, client)
            try await client.execute(
                uri: "/api/v1/cases/\(id)/actions", method: .post, headers: read, body: jsonBody(["action": "comment", "text": "x"])
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/themes", method: .put, headers: read, body: jsonBody(["themes": []])) {
                #expect($0.status == .forbidden)
            }
            // A write key writes data and works cases.
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: Self.headers(keys.write), body: item) { #expect($0.status == .created) }
        }
    }

    @Test func theAuditLogIsForAdminKeysOnly() async throws {
        try await Self.live { test, client, keys in
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: test.auth) { #expect($0.status == .ok, "an admin key") }
            for key in [keys.write, keys.read, keys.l01] {
                try await client.execute(uri: "/api/v1/audit", method: .get, headers: Self.headers(key)) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.errorCode == "forbidden")
                }
            }
        }
    }

    @Test func aKeyScopedToALocationSeesOnlyThatLocation() async throws {
        try await Self.live { test, client, keys in
            let l01 = Self.headers(keys.l01)
            try await client.execute(uri: "/api/v1/feedback?limit=100", method: .get, headers: l01) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(Set(items.compactMap { $0["id"] as? String }) == ["a1", "a2", "a3", "complaint-L01"])
            }
            try await client.execute(uri: "/api/v1/feedback?location=L02", method: .get, headers: l01) { response in
                #expect((response.json["items"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/feedback/b1", method: .get, headers: l01) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/feedback/b1", method: .get, headers: test.auth) { #expect($0.status == .ok, "it exists") }
            try await client.execute(uri: "/api/v1/metrics?metric=nps", method: .get, headers: l01) { response in
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["n"] as? Int == 3)
                #expect(abs((overall["value"] as? Double ?? 0) - 100.0 / 3) < 0.01, "NPS (2 − 1) / 3")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps", method: .get, headers: test.auth) { response in
                #expect((response.json["overall"] as? [String: Any])?["n"] as? Int == 6, "the organisation")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&location=L02", method: .get, headers: l01) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorField == "location")
            }
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: l01) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                #expect(Set(items.compactMap { $0["location"] as? String }) == ["L01"])
            }
            let other = try await Self.caseId(at: "L02", test, client)
            try await client.execute(uri: "/api/v1/cases/\(other)", method: .get, headers: l01) { #expect($0.status == .notFound) }
            // A route that does not filter by location is refused to a scoped key, saying why, rather than open to every location.
            try await client.execute(uri: "/api/v1/customers/at-risk", method: .get, headers: l01) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: l01) {
                #expect($0.status == .unprocessableContent && $0.errorField == "scope_customers")
            }
            try await client.execute(uri: "/api/v1/feedback/b1/conversation", method: .get, headers: l01) { #expect($0.status == .notFound, "L02's feedback") }
        }
    }

    @Test func aKeyScopedToARegionSeesEveryLocationOfIt() async throws {
        try await Self.live { test, client, keys in
            try await client.execute(uri: "/api/v1/metrics?metric=nps&by=location", method: .get, headers: Self.headers(keys.r1)) { response in
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.compactMap { ($0["key"] as? [String: String])?["location"] } == ["L01", "L02"])
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["n"] as? Int == 5)
                #expect(abs((overall["value"] as? Double ?? 0) - -20) < 0.01, "NPS (2 − 3) / 5")
            }
            let other = try await Self.caseId(at: "L03", test, client)
            try await client.execute(uri: "/api/v1/cases/\(other)", method: .get, headers: Self.headers(keys.r1)) { #expect($0.status == .notFound) }
            let mine = try await Self.caseId(at: "L02", test, client)
            try await client.execute(uri: "/api/v1/cases/\(mine)", method: .get, headers: Self.headers(keys.r1)) { #expect($0.status == .ok) }
        }
    }

    @Test func aWriteKeyScopedToALocationWritesOnlyThere() async throws {
        try await Self.live { test, client, keys in
            let batch = jsonBody(["items": [
                ["id": "w-1", "channel": "terminal", "location": "L01", "nps": 9],
                ["id": "w-2", "channel": "terminal", "location": "L02", "nps": 9],
            ]])
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: Self.headers(keys.writeL01), body: batch) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorField == "items[1].location")
            }
            try await client.execute(uri: "/api/v1/feedback/w-1", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing of the batch") }
        }
    }

    @Test func aLocationManagersPagesShowTheirLocationOnly() async throws {
        try await Self.live { test, client, keys in
            let cookie = try #require(try await NotificationPageTests.login(client, user: "olga"))
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            try await client.execute(uri: "/?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("n = 3"), "L01's NPS answers")
                #expect(!html.contains("n = 6"), "not the organisation's")
                #expect(html.contains("<option value=\"L01\"") && !html.contains("<option value=\"L02\""), "only their locations to choose")
                #expect(html.contains("id=\"scope-note\"") && html.contains("Your service points") && html.contains("Офис на Тверской"), "says whose figures")
                #expect(!html.contains("href=\"/journeys\"") && !html.contains("href=\"/programmes\""), "no link to a page closed to them")
                #expect(html.contains("href=\"/dissatisfaction\"") && html.contains("href=\"/mystery\""), "pages filtered to their locations (ScopedRoutesTests)")
                #expect(html.contains("href=\"/bonus\""), "the bonus page is their staff's (ScopedRoutesTests)")
                #expect(html.contains("href=\"/cases\""))
            }
            let director = try #require(try await NotificationPageTests.login(client, user: "manager"))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: director, .accept: "text/html"]) { response in
                #expect(!response.text.contains("id=\"scope-note\"") && response.text.contains("href=\"/bonus\""), "the whole organisation")
                #expect(response.text.contains("n = 6"), "every location's NPS answers")
            }
            try await client.execute(uri: "/?location=L02", method: .get, headers: page) { #expect($0.status == .notFound) }
            let mine = try await Self.caseId(at: "L01", test, client)
            let other = try await Self.caseId(at: "L02", test, client)
            try await client.execute(uri: "/cases?status=all", method: .get, headers: page) { response in
                let ids = CaseListPageTests.ids(response.text)
                #expect(ids.contains(mine) && !ids.contains(other))
            }
            try await client.execute(uri: "/cases/\(mine)", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"act-h\""), "a location manager works their cases")
            }
            try await client.execute(uri: "/cases/\(other)", method: .get, headers: page) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/cases/\(other)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=comment&text=x")
            ) { #expect($0.status == .notFound) }
            // The customers' review queue is the organisation's: refused saying why (ScopedWritesTests).
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_customers")
            }
        }
    }

    @Test func aViewerSeesNoActionsAndIsRefusedThePost() async throws {
        try await Self.live { test, client, keys in
            let cookie = try #require(try await NotificationPageTests.login(client, user: "vera"))
            let id = try await Self.caseId(at: "L02", test, client)
            try await client.execute(uri: "/cases/\(id)", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("id=\"act-h\""))
            }
            try await client.execute(
                uri: "/cases/\(id)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=comment&text=x")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: test.auth) { response in
                let events = (response.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(!events.contains("comment"), "nothing was done")
            }
        }
    }
}
