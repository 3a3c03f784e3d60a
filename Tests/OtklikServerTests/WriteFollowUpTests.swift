import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikApplication
import OtklikCore
import OtklikStore
import OtklikTestSupport
import Testing

@testable import OtklikServer

/// A server's default: a write answers at its commit and what follows from it — the comment's analysis, the case a
/// contactable complaint calls for, the red-press alert of a low score without a contact — is done from the change
/// feed by the durable consumers, without another request or a restart. Alone this takes milliseconds; in the full
/// run hundreds of parallel tests share two cores (a test took 145 s there), so the bound here is 10 s, as in
/// `LiveServerTests`.
@Suite struct WriteFollowUpTests {
    @Test func aWriteAnswersAtItsCommitAndItsAnalysisCaseAndAlertFollowWithinASecond() async throws {
        let test = try await TestApp.make(caseWaitSeconds: 0)
        do {
            #expect(test.app.followUp == .answerAtCommit)
            try await test.app.buildApplication().test(.router) { client in
                let items: [[String: Any]] = [
                    ["id": "fu-comment", "channel": "qr_web", "nps": 9, "comment": "Очень вежливый консультант, всё быстро"],
                    ["id": "fu-complaint", "channel": "qr_web", "kind": "complaint", "contact": "+79991234567", "comment": "Потеряли документы"],
                    ["id": "fu-low", "channel": "terminal", "location": "L01", "nps": 2],
                ]
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
                    #expect($0.status == .created)
                }
                // In the metrics at once: the writer's own engine caught up before it answered.
                try await client.execute(uri: "/api/v1/metrics?metric=count", method: .get, headers: test.auth) {
                    #expect(($0.json["overall"] as? [String: Any])?["value"] as? Double == 3)
                }
                var analysed = false, opened = false, alerted = false
                _ = try await eventually {
                    analysed = try await test.app.database.texts.analyses(feedbackIDs: ["fu-comment"])["fu-comment"] != nil
                    opened = try await test.app.database.cases.count(CaseFilter()) == 1
                    alerted = try await !SQLAlertRepository(database: test.app.database.sql)
                        .alerts(locations: nil, openOnly: true, from: nil, to: nil, limit: 10).isEmpty
                    return analysed && opened && alerted
                }
                #expect(analysed, "the comment is analysed from the feed")
                #expect(opened, "the complaint's case is opened from the feed")
                #expect(alerted, "the low score's red-press alert is opened from the feed")
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// Issue 17 item 2: a case action answers at its commit; its `case.updated` webhook and the new owner's notification
    /// are written from the change feed by `case-webhooks` and `case-notifications`, once, with the ids that follow
    /// from the case and the line (computed independently with Python's hashlib:
    /// `"msg_" + sha256("case.updated:case-fu-case:2").hexdigest()[:30]`, `"ntf_" + sha256("case:case-fu-case:2").hexdigest()[:30]`).
    @Test func aCaseActionAnswersAtItsCommitAndItsWebhookAndNotificationFollow() async throws {
        let test = try await TestApp.make(caseWaitSeconds: 0)
        do {
            let hook = try await test.app.database.webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["case.updated"]).0
            try await test.app.buildApplication().test(.router) { client in
                let complaint: [String: Any] = [
                    "id": "fu-case", "channel": "qr_web", "kind": "complaint", "location": "L01", "contact": "+79991234568", "comment": "Не перезвонили",
                ]
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(complaint)) {
                    #expect($0.status == .created)
                }
                let opened = try await eventually { try await test.app.database.cases.get(id: "case-fu-case") != nil }
                #expect(opened, "the case is opened from the feed")
                try await client.execute(
                    uri: "/api/v1/cases/case-fu-case/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": "S01"])
                ) { #expect($0.status == .ok) }
                let message = "msg_0a5bd0e7561032109c885a409c73c5", notification = "ntf_8202ee670f8dcfcf7976dd448205e8"
                let sql = test.app.database.sql
                let followed = try await eventually {
                    let queued = try await !sql.query("SELECT id FROM outbox WHERE id = ?", [.text(message)]).isEmpty
                    let notified = try await !sql.query("SELECT id FROM notifications WHERE id = ?", [.text(notification)]).isEmpty
                    return queued && notified
                }
                #expect(followed, "the webhook and the notification follow from the feed without another request")
                #expect(try await sql.query("SELECT type FROM outbox").compactMap { $0.text("type") } == ["case.updated"], "case.opened is not subscribed")
                #expect(try await sql.query("SELECT webhook_id FROM webhook_deliveries").compactMap { $0.text("webhook_id") } == [hook.id])
                let assigned = try await sql.query("SELECT id, recipient FROM notifications WHERE kind = 'case.assigned'")
                #expect(assigned.map { "\($0.text("id") ?? "") \($0.text("recipient") ?? "")" } == ["\(notification) S01"])
                // Both consumers are on /health, at the feed's head.
                try await client.execute(uri: "/health", method: .get) { response in
                    let head = (response.json["feed"] as? [String: Any])?["head"] as? Int
                    for name in ["case-webhooks", "case-notifications"] {
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

    @Test func theSettingWaitsOnlyWhenItIsAboveZero() {
        #expect(WriteFollowUp.seconds(0) == .answerAtCommit)
        #expect(WriteFollowUp.seconds(10) == .waitAtMost(.seconds(10)))
        #expect(AppConfiguration(databaseURL: "sqlite::memory:", port: 0, minimumN: 2).caseWaitSeconds == 0)
    }
}
