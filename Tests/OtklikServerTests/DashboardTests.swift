import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import Testing

@Suite struct DashboardTests {
    /// Logs in through the form and returns the session cookie.
    static func login(_ client: any TestClientProtocol, password: String = TestApp.password) async throws -> String? {
        try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "username=manager&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2F%3Flang%3Den")
        ) { response in
            guard response.status == .seeOther, let cookie = response.headers[.setCookie] else { return nil }
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(response.headers[.location] == "/?lang=en")
            return String(cookie.split(separator: ";")[0])
        }
    }

    /// Headers of a signed-in form post: the session cookie and its anti-forgery token, as a rendered form sends them.
    static func form(_ cookie: String) -> HTTPFields {
        let session = String(cookie.split(separator: "=", maxSplits: 1).last ?? "")
        return [.cookie: cookie, .contentType: "application/x-www-form-urlencoded", HTTPField.Name(CSRFToken.header)!: CSRFToken.token(forSession: session)]
    }

    static func seed(_ test: TestApp) async throws {
        let now = Date()
        var items: [Feedback] = []
        for index in 0..<60 {
            items.append(Feedback(
                id: "d\(index)", ts: now.addingTimeInterval(-Double(index) * 3600), channel: index % 3 == 0 ? .button : .terminal,
                kind: index % 3 == 0 ? .impulse : .informative, location: index % 2 == 0 ? "L01" : "L02", staff: "S01", service: "SV1",
                nps: index % 3 == 0 ? nil : (index % 2 == 0 ? 10 : 2), csat: index % 3 == 0 ? nil : 4,
                button: index % 3 == 0 ? (index % 2 == 0 ? .positive : .negative) : nil))
        }
        _ = try await test.app.ingest.ingest(items)
    }

    @Test func pagesNeedALogin() async throws {
        try await TestApp.withRouter { _, client in
            try await client.execute(uri: "/?location=L01", method: .get) {
                #expect($0.status == .seeOther)
                #expect($0.headers[.location] == "/login?next=%2F%3Flocation%3DL01")
            }
            try await client.execute(uri: "/login", method: .get) {
                #expect($0.status == .ok)
                #expect($0.text.contains("name=\"password\""))
            }
            #expect(try await Self.login(client, password: "wrong password!") == nil)
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "otklik_session=forged"]) { #expect($0.status == .seeOther) }
        }
    }

    /// Ten wrong passwords for one name from one client, then even the right one waits (429, Retry-After);
    /// another name is not locked out by them.
    @Test func passwordGuessingIsSlowedDown() async throws {
        try await TestApp.withRouter { _, client in
            for _ in 0..<10 { #expect(try await Self.login(client, password: "wrong password!") == nil) }
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=manager&password=\(TestApp.password.replacingOccurrences(of: " ", with: "+"))")
            ) { response in
                #expect(response.status == .tooManyRequests)
                // A minute from the tenth failure: a second or two less on a loaded machine.
                #expect((50...60).contains(Int(response.headers[.retryAfter] ?? "") ?? 0))
                #expect(response.text.contains("role=\"alert\""))
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=someone&password=x")
            ) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func dashboardShowsFiguresWithIntervalsAndEscapesNames() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await Self.login(client))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<html lang=\"en\">"))
                #expect(html.contains("Positive presses"))
                #expect(html.contains("Weak links"))
                #expect(html.contains("Office &lt;b&gt;Two&lt;/b&gt;"), "location names are escaped")
                #expect(!html.contains("<b>Two</b>"))
                #expect(html.contains("n = 40"), "NPS over the 40 terminal answers")
                #expect(html.contains("95% CI"))
                #expect(html.contains("<svg class=\"chart\""))
                #expect(html.contains("Spontaneous feedback"))
                // L02's NPS is −100 against 0 overall: a weak link
                #expect(html.contains("class=\"weak\""))
            }
            try await client.execute(uri: "/?location=L01&lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(html.contains("По сотрудникам"), "drill-down from a location to its staff")
                #expect(html.contains("Анна &lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<script>alert(1)"))
                #expect(response.headers[.setCookie]?.contains("otklik_lang=ru") == true)
            }
            try await client.execute(uri: "/?from=2026-13-01", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("«2026-13-01» — не дата"), "a bad date keeps the form and says so in the page's language")
            }
            try await client.execute(uri: "/logout", method: .post, headers: DashboardTests.form(cookie)) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther) }
        }
    }

    @Test func processSitsBesidePerceptionWhenThereAreCalls() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await Self.login(client))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) {
                #expect(!$0.text.contains("Process beside perception"), "no calls, no panel")
            }
            let now = Date()
            var calls: [Interaction] = []
            for index in 0..<10 {
                let answered = index < 8
                calls.append(Interaction(
                    id: "c\(index)", channel: .callCenter, queue: "Q", arrivedAt: now.addingTimeInterval(-Double(index) * 600),
                    outcome: answered ? .answered : .abandoned, waitSeconds: Double(index * 10), talkSeconds: answered ? 100 : nil))
            }
            _ = try await test.app.database.interactions.insert(calls, createMissingReferences: false)
            try await test.app.follower.catchUp()
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(html.contains("Process beside perception"))
                #expect(html.contains("ASA (average speed of answer)"))
                #expect(html.contains("30.0 %"), "service level, definition 3: 3 of 10 offered answered within 20 s")
                #expect(html.contains("35.0 s"), "ASA over the 8 answered: (0 + 10 + … + 70)/8")
            }
        }
    }

    @Test func smallGroupsShowInsufficientData() async throws {
        try await TestApp.withRouter(minimumN: 1000) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await Self.login(client))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("insufficient data"))
                #expect(response.text.contains("fewer than 1000 answers"))
            }
        }
    }
}
