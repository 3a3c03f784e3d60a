import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 15 item 13: a long list of notifications is paged, grouped in a digest, and can be read by kind.
@Suite struct NotificationPageTests {
    static func login(_ client: any TestClientProtocol, user: String) async throws -> String? {
        try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "username=\(user)&password=\(TestApp.password.replacingOccurrences(of: " ", with: "+"))&next=%2F")
        ) { response in response.headers[.setCookie].map { String($0.split(separator: ";")[0]) } }
    }

    @Test func pagedGroupedAndReadByKind() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.access.createUser(username: "boss", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .admin)
            // 230 complaints without a location manager: 230 "new case" notifications for the administrators.
            try await CaseListPageTests.complaints(230, test, client)
            let cookie = try #require(try await Self.login(client, user: "boss"))
            let headers: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            try await client.execute(uri: "/notifications?lang=ru", method: .get, headers: headers) { response in
                let html = response.text
                #expect(html.contains("id=\"notifications-total\">230<"))
                #expect(html.matches(of: /id="n-/).count == 50)
                #expect(html.contains("<strong>230</strong> · Новое обращение"))
                #expect(html.contains("id=\"page-next\""))
                #expect(!html.contains("New case"))
            }
            try await client.execute(uri: "/notifications?page=5", method: .get, headers: headers) { response in
                #expect(response.text.matches(of: /id="n-/).count == 30)
            }
            try await client.execute(
                uri: "/notifications", method: .post, headers: DashboardTests.form(cookie),
                body: ByteBuffer(string: "all=1&kind=case.opened")
            ) { response in
                #expect(response.headers[.location] == "/notifications?done=230")
            }
            try await client.execute(uri: "/notifications?unread=1", method: .get, headers: headers) { response in
                #expect(!response.text.contains("id=\"n-"))
            }
        }
    }
}
