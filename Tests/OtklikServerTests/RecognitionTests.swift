import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// Recognition: thanks between colleagues over the API and the page, and customer praise passed on once per feedback.
@Suite struct RecognitionTests {
    static func seed(_ test: TestApp) async throws {
        try await test.app.database.reference.save(staff: [
            Staff(code: "S02", name: "Борис", location: "L01"), Staff(code: "S03", name: "Вера", location: "L02"),
            Staff(code: "M01", name: "Мария, руководитель", location: "L01", role: "manager"),
        ])
    }

    @Test func thanksAreIdempotentAndCheckedByField() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seed(test)
            let thanks: [String: Any] = ["id": "t-1", "from": "S01", "to": "S02", "text": "Спасибо за помощь с клиентом"]
            try await client.execute(uri: "/api/v1/recognitions", method: .post, headers: test.auth, body: jsonBody(thanks)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/recognitions", method: .post, headers: test.auth, body: jsonBody(thanks)) { response in
                #expect(response.status == .ok)
                #expect(response.json["repeated"] as? Bool == true)
            }
            var other = thanks
            other["text"] = "Другое"
            try await client.execute(uri: "/api/v1/recognitions", method: .post, headers: test.auth, body: jsonBody(other)) { #expect($0.status == .conflict) }
            for (change, field) in [(["id": "t-2", "to": "S01"], "to"), (["id": "t-3", "from": "S77"], "from"), (["id": "t-4", "text": " "], "text")] {
                let body = thanks.merging(change) { $1 }
                try await client.execute(uri: "/api/v1/recognitions", method: .post, headers: test.auth, body: jsonBody(body)) { response in
                    #expect(response.status == .unprocessableContent, "\(change)")
                    #expect(response.errorField == field)
                }
            }
            try await client.execute(uri: "/api/v1/recognitions?staff=S02", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
                #expect(items.first?["from"] as? String == "S01" && items.first?["kind"] as? String == "thanks")
            }
        }
    }

    @Test func positiveFeedbackNamingAStaffMemberIsPassedOnOnce() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            try await Self.seed(test)
            let items: [[String: Any]] = [
                ["id": "pr-1", "channel": "qr_web", "location": "L01", "staff": "S02", "nps": 10, "comment": "Борис всё объяснил"],
                ["id": "pr-2", "channel": "terminal", "location": "L01", "staff": "S02", "csat": 5],
                ["id": "pr-3", "channel": "terminal", "location": "L01", "staff": "S02", "nps": 3, "comment": "Долго"],
                ["id": "pr-4", "channel": "terminal", "location": "L01", "nps": 10],
                ["id": "pr-5", "channel": "terminal", "location": "L02", "staff": "S03", "csat": 4],
            ]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { #expect($0.status == .created) }
            try await test.app.textAnalysis.catchUp()
            let sql = test.app.database.sql
            _ = try await CustomerPraiseFeedStep.run(database: sql, limit: 500)
            // Read again from the start (as after a crash before the position moved): nothing is added twice.
            try await sql.execute("UPDATE feed_consumers SET position = 0 WHERE name = ?", [.text(CustomerPraiseFeedStep.consumer)])
            _ = try await CustomerPraiseFeedStep.run(database: sql, limit: 500)
            let rows = try await sql.query("SELECT id, to_staff, basis FROM recognitions ORDER BY id")
            #expect(rows.map { $0.text("id") ?? "" } == ["praise-pr-1", "praise-pr-2"])
            #expect(rows.map { $0.text("basis") ?? "" } == ["nps", "csat"])
            try await client.execute(uri: "/api/v1/recognitions?staff=S02", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 2)
                #expect(items.contains { $0["text"] as? String == "Борис всё объяснил" && $0["kind"] as? String == "customer_praise" })
            }
            // The location's manager sees it on the recognition page, as does Boris.
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "maria", passwordHash: hash, role: .cxDirector)
            try await test.app.database.access.setStaff(username: "maria", staff: "M01")
            let cookie = try #require(try await NotificationPageTests.login(client, user: "maria"))
            try await client.execute(uri: "/recognition?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Your location&#39;s staff") || response.text.contains("Your location's staff"))
                #expect(response.text.contains("Борис всё объяснил"))
                #expect(response.text.contains("a customer (NPS 9-10)"))
            }
            // Thanking through the form: from the signed-in user's staff member; a resend of the same form adds nothing.
            let form = DashboardTests.form(cookie)
            for _ in 0..<2 {
                try await client.execute(uri: "/recognition", method: .post, headers: form, body: ByteBuffer(string: "id=thx-1&to=S02&text=Спасибо")) {
                    #expect($0.status == .seeOther)
                }
            }
            let thanks = try await sql.query("SELECT from_staff, to_staff FROM recognitions WHERE kind = 'thanks'")
            #expect(thanks.count == 1 && thanks.first?.text("from_staff") == "M01")
        }
    }

    @Test func praiseBasisPrefersTheScore() {
        #expect(Recognition.praiseBasis(nps: 9, csat: nil, sentiment: "neutral") == .nps)
        #expect(Recognition.praiseBasis(nps: 10, csat: nil, sentiment: "negative") == nil, "a negative comment is never praise")
        #expect(Recognition.praiseBasis(nps: nil, csat: 5, sentiment: nil) == .csat)
        #expect(Recognition.praiseBasis(nps: 6, csat: nil, sentiment: "positive") == nil, "a low score is not praise whatever the words")
        #expect(Recognition.praiseBasis(nps: nil, csat: nil, sentiment: "positive") == .sentiment)
        #expect(Recognition.praiseBasis(nps: nil, csat: 4, sentiment: "neutral") == nil)
    }
}
