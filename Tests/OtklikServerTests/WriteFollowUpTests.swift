import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikApplication
import OtklikCore
import OtklikStore
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
                let deadline = ContinuousClock.now + .seconds(10)
                var analysed = false, opened = false, alerted = false
                repeat {
                    analysed = try await test.app.database.texts.analyses(feedbackIDs: ["fu-comment"])["fu-comment"] != nil
                    opened = try await test.app.database.cases.count(CaseFilter()) == 1
                    alerted = try await !SQLAlertRepository(database: test.app.database.sql)
                        .alerts(locations: nil, openOnly: true, from: nil, to: nil, limit: 10).isEmpty
                    if analysed && opened && alerted { break }
                    try await Task.sleep(for: .milliseconds(20))
                } while ContinuousClock.now < deadline
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

    @Test func theSettingWaitsOnlyWhenItIsAboveZero() {
        #expect(WriteFollowUp.seconds(0) == .answerAtCommit)
        #expect(WriteFollowUp.seconds(10) == .waitAtMost(.seconds(10)))
        #expect(AppConfiguration(databaseURL: "sqlite::memory:", port: 0, minimumN: 2).caseWaitSeconds == 0)
    }
}
