import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import OtklikTestSupport
import Testing

@testable import OtklikServer

/// Issue 17 item 2 on a running server: a problem's detection and a manager's action answer at their commit; the
/// `problem.opened` and `problem.updated` webhooks and the manager's notification are written from the change feed by
/// `problem-webhooks` and `problem-notifications`, once, without another request; both consumers are on `/health`
/// (their `/metrics` series are checked by `Tests/cluster/test_kill9.py`: the test process has no metrics backend).
/// Each follow-up is awaited with ``eventually(within:_:)`` (the full parallel run shares two cores).
@Suite struct ProblemFollowUpTests {
    @Test func aProblemAndItsActionAnswerAtTheirCommitAndTheirWebhooksAndNotificationFollow() async throws {
        let test = try await TestApp.make(caseWaitSeconds: 0)
        do {
            try await test.app.database.reference.save(Staff(code: "M01", name: "Мария", location: "L01", role: "manager"))
            let hook = try await test.app.database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["problem.opened", "problem.updated"]).0
            try await test.app.buildApplication().test(.router) { client in
                for index in 1...3 {
                    let complaint: [String: Any] = [
                        "id": "pf-\(index)", "channel": "qr_web", "kind": "complaint", "location": "L01", "csat": 1, "reasons": ["waiting_time"],
                        "contact": "+7999123450\(index)",
                    ]
                    try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(complaint)) {
                        #expect($0.status == .created)
                    }
                }
                let opened = try await eventually { try await test.app.database.cases.count(CaseFilter()) == 3 }
                #expect(opened, "the complaints' cases are opened from the feed")
                // The server's case supervisor detects problems too: on a slow run it may have opened this one first.
                let detected = try await test.app.problems.detect(ProblemRule(), now: Date()).first
                let recorded = try await test.app.database.problems.problems(status: nil).first
                let problem = try #require(detected ?? recorded)
                let sql = test.app.database.sql
                func types() async throws -> [String] {
                    try await sql.query("SELECT o.type FROM webhook_deliveries d JOIN outbox o ON o.id = d.message_id WHERE d.webhook_id = ? ORDER BY o.created_at, o.type", [.text(hook.id)])
                        .compactMap { $0.text("type") }
                }
                let followed = try await eventually {
                    let notified = try await !sql.query("SELECT id FROM notifications WHERE kind = 'problem.opened' AND problem_id = ?", [.text(problem.id)]).isEmpty
                    return try await types() == ["problem.opened"] && notified
                }
                #expect(followed, "the problem.opened webhook and the manager's notification follow from the feed")
                try await client.execute(
                    uri: "/api/v1/problems/\(problem.id)/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": "M01"])
                ) { #expect($0.status == .ok) }
                let updated = try await eventually { try await types() == ["problem.opened", "problem.updated"] }
                let delivered = try await types()
                #expect(updated, "one problem.updated delivery follows the action: \(delivered)")
                #expect(try await sql.query("SELECT actor FROM problem_events WHERE problem_id = ? AND seq = 2", [.text(problem.id)]).first?.text("actor")
                    == "api:tests", "the action's line names its API key")
                let notices = try await sql.query("SELECT recipient FROM notifications WHERE problem_id = ?", [.text(problem.id)]).compactMap { $0.text("recipient") }
                #expect(notices == ["M01"], "one notification, to the location's manager; an update notifies nobody")
                try await client.execute(uri: "/health", method: .get) { response in
                    let head = (response.json["feed"] as? [String: Any])?["head"] as? Int
                    for name in ["problem-webhooks", "problem-notifications"] {
                        let consumer = FeedConsumerFailureTests.consumer(name, in: response.json)
                        #expect(consumer?["position"] as? Int == head && consumer?["failing"] as? Bool == false, "\(name): \(String(describing: consumer))")
                    }
                }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
