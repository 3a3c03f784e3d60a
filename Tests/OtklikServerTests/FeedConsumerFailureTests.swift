import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikApplication
import OtklikServer
import OtklikStore
import Testing

/// Case opening and the red-press alerts follow the change feed: when one fails, the write that called for the case has already answered
/// (never a 500 after a durable commit), `/health` shows the consumer failing with its error, and once the cause is
/// gone the consumer opens the case — once, whatever the client retried meanwhile.
@Suite struct FeedConsumerFailureTests {
    static func consumer(_ name: String, in health: [String: Any]) -> [String: Any]? {
        (health["consumers"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test func aFailingCaseOpeningNeverFailsTheWriteAndOpensTheCaseOnceLater() async throws {
        try await TestApp.withRouter { test, client in
            // Any insert into cases fails (SQLite: the test app's engine) — the consumer's whole step rolls back.
            try await test.app.database.sql.execute(
                "CREATE TRIGGER refuse_cases BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'cases refused for the test'); END")
            // At the head first: the test app's reference data is six events, which a loaded machine's first round may
            // not have reached yet (the failing step would then hold them too, and the lag below be 6, not 1).
            try await test.app.caseOpening.catchUp()
            let complaint: [String: Any] = [
                "id": "fail-1", "channel": "qr_web", "kind": "complaint", "location": "L01", "csat": 1, "comment": "Плохо",
                "contact": "+7 900 000-00-01",
            ]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(complaint)) {
                #expect($0.status == .created, "the write is stored and answered although its case could not be opened")
            }
            await #expect(throws: (any Error).self) { try await test.app.caseOpening.catchUp() }
            try await client.execute(uri: "/health", method: .get) { response in
                let cases = Self.consumer("case-opening", in: response.json)
                #expect(cases?["failing"] as? Bool == true)
                #expect((cases?["last_error"] as? String)?.contains("cases refused for the test") == true)
                #expect(cases?["lag_events"] as? Int == 1)
                #expect(Self.consumer("feedback-webhooks", in: response.json) != nil)
            }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(complaint)) {
                #expect($0.status == .ok, "the client's retry is a duplicate, not an error")
            }
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.isEmpty == true)
            }

            try await test.app.database.sql.execute("DROP TRIGGER refuse_cases")
            // A background round that began before the trigger went may still fail once, and a catch-up joins a round
            // in flight: the first clean round is the one that counts.
            for _ in 0..<5 where (try? await test.app.caseOpening.catchUp()) == nil {}
            try await test.app.caseOpening.catchUp()
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: test.auth) {
                let items = $0.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["feedback_id"] as? String } == ["fail-1"], "opened once")
            }
            try await client.execute(uri: "/api/v1/notifications?limit=100", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.count == 1, "one notification")
            }
            try await client.execute(uri: "/health", method: .get) { response in
                let cases = Self.consumer("case-opening", in: response.json)
                #expect(cases?["failing"] as? Bool == false)
                #expect(cases?["lag_events"] as? Int == 0)
            }
        }
    }

    @Test func aFailingAlertOpeningNeverFailsTheWriteAndOpensTheAlertOnceLater() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.sql.execute(
                "CREATE TRIGGER refuse_alerts BEFORE INSERT ON red_press_alerts BEGIN SELECT RAISE(ABORT, 'alerts refused for the test'); END")
            // A low score without a contact at a location: a red-press alert, not a case.
            let low: [String: Any] = ["id": "alert-1", "channel": "web", "kind": "informative", "location": "L01", "nps": 2]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(low)) {
                #expect($0.status == .created, "the write is stored and answered although its alert could not be opened")
            }
            await #expect(throws: (any Error).self) { try await test.app.alertOpening.catchUp() }
            try await client.execute(uri: "/health", method: .get) { response in
                let alerts = Self.consumer("red-press-alerts", in: response.json)
                #expect(alerts?["failing"] as? Bool == true)
                #expect((alerts?["last_error"] as? String)?.contains("alerts refused for the test") == true)
                #expect(alerts?["lag_events"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(low)) {
                #expect($0.status == .ok, "the client's retry is a duplicate, not an error")
            }
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.isEmpty == true)
            }

            try await test.app.database.sql.execute("DROP TRIGGER refuse_alerts")
            for _ in 0..<5 where (try? await test.app.alertOpening.catchUp()) == nil {}
            try await test.app.alertOpening.catchUp()
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: test.auth) {
                let items = $0.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["feedback_id"] as? String } == ["alert-1"], "opened once")
            }
            // A restarted server's consumer reads the same feed again from its stored position: nothing more.
            let again = DurableFeedConsumer(name: "red-press-alerts", database: test.app.database, logger: Logger(label: "t")) {
                try await SQLAlertRepository(database: test.app.database.sql).openAlertsFromFeed(consumer: "red-press-alerts", limit: 100).caughtUp
            }
            try await again.catchUp()
            #expect(try await SQLAlertRepository(database: test.app.database.sql).alerts(locations: nil, openOnly: false, from: nil, to: nil, limit: 10).count == 1)
            try await client.execute(uri: "/health", method: .get) { response in
                let alerts = Self.consumer("red-press-alerts", in: response.json)
                #expect(alerts?["failing"] as? Bool == false)
                #expect(alerts?["lag_events"] as? Int == 0)
            }
        }
    }
}
