import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// Issue 20 item 6: `/assessment` over HTTP — empty, then scored with the form (a manager; a CSRF token required; a
/// viewer refused; a bad score refused with nothing stored), compared with the previous assessment, the radar with its
/// title and table, both languages; a dashboard visit recorded for 3f.
@Suite struct MaturityPageTests {
    static func post(_ client: any TestClientProtocol, _ cookie: String, _ body: String) async throws -> (HTTPResponse.Status, String?, String) {
        try await client.execute(uri: "/assessment", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: body)) { response in
            (response.status, response.headers[.location], response.text)
        }
    }

    static func page(_ client: any TestClientProtocol, _ cookie: String, _ query: String = "?lang=en") async throws -> String {
        try await client.execute(uri: "/assessment\(query)", method: .get, headers: [.cookie: cookie]) { response in
            #expect(response.status == .ok)
            return response.text
        }
    }

    @Test func scoresComparesAndRefuses() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let empty = try await Self.page(client, cookie)
            #expect(empty.contains("id=\"maturity-none\"") && empty.contains("id=\"maturity-form\"") && empty.contains("href=\"/assessment\""))
            #expect(!empty.contains("<svg"))

            // A bad score: refused, nothing stored.
            let (badStatus, _, badPage) = try await Self.post(client, cookie, "scorer=anna&taken_at=2026-06-01&score_1a=7&score_1b=2")
            #expect(badStatus == .unprocessableContent && badPage.contains("id=\"maturity-error\""))
            #expect(try await test.app.maturityRepository.assessments().isEmpty)

            // Without the CSRF token: refused.
            let forged = try await client.execute(
                uri: "/assessment", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "score_1a=3")) { $0.status }
            #expect(forged == .forbidden)

            let (status, location, _) = try await Self.post(client, cookie, "scorer=anna&taken_at=2026-06-01&score_1a=1&score_1b=1&note_1b=%D0%BD%D0%B5%D1%82")
            #expect(status == .seeOther && location?.hasPrefix("/assessment?saved=") == true)
            // The same scores again: nothing new.
            let (_, again, _) = try await Self.post(client, cookie, "scorer=anna&taken_at=2026-06-02&score_1a=1&score_1b=1&note_1b=%D0%BD%D0%B5%D1%82")
            #expect(again?.hasPrefix("/assessment?unchanged=") == true)
            let (_, second, _) = try await Self.post(client, cookie, "scorer=anna&score_1a=3&score_1b=4&score_3h=2&note_3h=%3Cb%3Ebold%3C%2Fb%3E")
            #expect(second?.hasPrefix("/assessment?saved=") == true)
            #expect(try await test.app.maturityRepository.assessments().count == 2)

            let html = try await Self.page(client, cookie)
            // Domain 1: (3 + 4) / 2 → 87.5, before (1 + 1) / 2 → 25, change +62.5; overall (3 + 4 + 2) / 3 → 75: easy to deal with.
            #expect(html.contains("<svg class=\"maturity-radar\"") && html.contains("<title id=\"maturity-radar-title\">") && html.contains("<desc id=\"maturity-radar-desc\">"))
            #expect(html.contains("radar-previous") && html.contains("id=\"maturity-domains\""))
            #expect(html.contains("<td>87.5</td>") && html.contains("<td>+62.5 <span class=\"n\">(before 25.0)</span></td>"))
            #expect(html.contains("id=\"maturity-overall\">75.0<") && html.contains("id=\"maturity-stage\">Easy to deal with<"))
            #expect(html.contains("2 of 9 assessed") && html.contains("3 of 55 assessed"))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>bold</b>"))
            #expect(html.contains("data-item=\"3h\"") && html.contains("Complaints followed up"))
            let russian = try await Self.page(client, cookie, "?lang=ru")
            #expect(russian.contains("С компанией легко иметь дело") && russian.contains("Миссия и лидерство") && russian.contains("оценено 3 из 55"))

            // A dashboard visit is recorded for 3f (the user name and the day).
            _ = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { $0.status }
            let evidence = try await test.app.maturityRepository.evidence(now: Date())
            #expect(evidence.first { $0.itemId == "3f" }?.successes == 1)

            // A viewer reads but cannot score.
            try await test.app.database.access.createUser(username: "viewer", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .viewer)
            let viewerCookie = try #require(try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=viewer&password=correct+horse+battery&next=%2F")) { response in
                    response.headers[.setCookie].map { String($0.split(separator: ";")[0]) }
                })
            let viewerPage = try await Self.page(client, viewerCookie)
            #expect(viewerPage.contains("id=\"maturity-overall\"") && !viewerPage.contains("id=\"maturity-form\""))
            let (viewerStatus, _, _) = try await Self.post(client, viewerCookie, "score_1a=4")
            #expect(viewerStatus == .forbidden)
        }
    }
}
