import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import OtklikServer
import Testing

/// Issue 15 item 18: dashboard forms carry a token tied to the session, and cross-origin posts are refused.
@Suite struct CSRFTests {
    /// The hidden `csrf` field of the first POST form on a page.
    static func token(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aNormalFormPostWorksAndForgeriesAreRefused() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let page = try await client.execute(uri: "/notifications?lang=en", method: .get, headers: [.cookie: cookie]) { $0.text }
            let token = try #require(Self.token(in: page), "every POST form carries the session's token")
            #expect(!page.contains("<form method=\"post\" action=\"/notifications\">\n"), "the token follows the form tag")
            let plain: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            var sameOrigin = plain
            sameOrigin[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"

            // As the browser sends the rendered form: the token in the body, the own origin.
            try await client.execute(uri: "/notifications", method: .post, headers: sameOrigin, body: ByteBuffer(string: "all=1&csrf=\(token)")) {
                #expect($0.status == .seeOther)
            }
            // A page on another port of the same host, or another site, even with a valid token.
            for origin in ["http://localhost:9999", "http://evil.example", "null"] {
                var headers = plain
                headers[.origin] = origin
                try await client.execute(uri: "/notifications", method: .post, headers: headers, body: ByteBuffer(string: "all=1&csrf=\(token)")) {
                    #expect($0.status == .forbidden, "\(origin)")
                }
            }
            var crossSite = plain
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "same-site"
            try await client.execute(uri: "/notifications", method: .post, headers: crossSite, body: ByteBuffer(string: "all=1&csrf=\(token)")) {
                #expect($0.status == .forbidden)
            }
            // No token, or another session's token: refused.
            for body in ["all=1", "all=1&csrf=\(CSRFToken.token(forSession: "someone-else"))"] {
                try await client.execute(uri: "/notifications", method: .post, headers: plain, body: ByteBuffer(string: body)) {
                    #expect($0.status == .forbidden, "\(body)")
                }
            }
            // A cross-origin login is refused too; API keys are not affected.
            try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost:9999"],
                body: ByteBuffer(string: "username=manager&password=x")
            ) { #expect($0.status == .forbidden) }
            var api = test.auth
            api[.origin] = "http://evil.example"
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: api, body: jsonBody(["id": "c1", "channel": "button", "button": "positive"])) {
                #expect($0.status == .created)
            }
        }
    }

    @Test func theOwnOriginIsTheRequestsHostOrThePublicURL() {
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost:8080", path: "/cases/c1"), body: .init(buffer: ByteBuffer()))
        let middleware = CSRFMiddleware(publicURL: "https://feedback.example.ru")
        #expect(middleware.isOwn(origin: "http://localhost:8080", request: request))
        #expect(middleware.isOwn(origin: "https://feedback.example.ru", request: request))
        #expect(!middleware.isOwn(origin: "http://localhost:9999", request: request))
        #expect(!middleware.isOwn(origin: "http://evil.example", request: request))
        #expect(!middleware.isOwn(origin: "null", request: request))
    }
}
