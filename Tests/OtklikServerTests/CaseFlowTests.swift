import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// A complaint from the QR form becomes a case a manager works through the pages and the API.
@Suite struct CaseFlowTests {
    @Test func complaintOpensACaseThatAManagerResolves() async throws {
        try await TestApp.withRouter { test, client in
            let talk: [String: Any] = [
                "id": "talk-1", "location": "L01", "staff": "S01", "started_at": Timestamp.format(Date().addingTimeInterval(-300)),
                "ended_at": Timestamp.format(Date().addingTimeInterval(-60)), "lang": "ru",
                "turns": [["speaker": "customer", "text": "Почему комиссия 500 рублей?"], ["speaker": "staff", "text": "Так положено"]],
            ]
            for expected in [HTTPResponse.Status.created, .ok] {
                try await client.execute(uri: "/api/v1/transcripts", method: .post, headers: test.auth, body: jsonBody(["items": [talk]])) {
                    #expect($0.status == expected)
                }
            }
            var bad = talk
            bad["id"] = "talk-2"
            bad["turns"] = [["speaker": "robot", "text": "beep"]]
            try await client.execute(uri: "/api/v1/transcripts", method: .post, headers: test.auth, body: jsonBody(["items": [bad]])) {
                #expect($0.errorField == "items[0].turns[0].speaker")
            }
            let playbooks: [String: Any] = ["items": [
                ["event": "complaint", "title_ru": "Жалоба", "title_en": "Complaint", "tasks": ["Перезвонить за 4 часа"], "phrases": ["Давайте разберёмся"]],
                ["event": "negative_press", "title_ru": "Красная кнопка", "title_en": "Red button", "tasks": ["Подойти к окну"], "phrases": []],
            ]]
            try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(playbooks)) {
                #expect(($0.json["items"] as? [[String: Any]])?.count == 2)
            }
            let badPlaybook: [String: Any] = ["items": [["event": "birthday", "title_ru": "x", "title_en": "x", "tasks": ["x"], "phrases": []]]]
            try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(badPlaybook)) {
                #expect($0.errorField == "items[0].event")
            }
            let answer: [String: Any] = [
                "id": "c-1", "ts": Timestamp.format(Date().addingTimeInterval(-10)), "channel": "qr_web", "location": "L01", "staff": "S01",
                "csat": 1, "comment": "Нагрубили <b>на кассе</b>", "contact": "+7 900 111-22-33", "consent": true,
            ]
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: jsonBody(["items": [answer]])) {
                #expect($0.status == .created)
            }
            let earlier: [String: Any] = [
                "id": "c-0", "ts": Timestamp.format(Date().addingTimeInterval(-86_400)), "channel": "qr_web", "location": "L02", "csat": 2,
                "comment": "Опять очередь", "contact": "+7 900 111-22-33", "consent": true,
            ]
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: jsonBody(["items": [earlier]])) {
                #expect($0.status == .created)
            }
            var caseID = ""
            try await client.execute(uri: "/api/v1/cases?status=new&location=L01", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
                caseID = items.first?["id"] as? String ?? ""
                #expect(items.first?["feedback_id"] as? String == "qr-c-1")
                #expect(items.first?["overdue"] as? Bool == false)
            }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(caseID))
            }
            try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("+7 900 111-22-33"), "a manager sees the contact to call back")
                #expect(response.text.contains("Нагрубили &lt;b&gt;на кассе&lt;/b&gt;"), "customer text is escaped")
                #expect(response.text.contains("Почему комиссия 500 рублей?"), "the conversation before the complaint is shown with it")
                #expect(response.text.contains("Опять очередь") && response.text.contains("/cases/case-qr-c-0"), "the customer's earlier complaint is on the case")
                #expect(response.text.contains("Перезвонить за 4 часа") && response.text.contains("«Давайте разберёмся»"), "the service standard is on the case")
            }
            try await client.execute(uri: "/api/v1/feedback/qr-c-1/playbook", method: .get, headers: test.auth) {
                #expect($0.json["event"] as? String == "complaint")
            }
            try await client.execute(uri: "/api/v1/feedback/qr-c-1/conversation", method: .get, headers: test.auth) {
                #expect($0.json["id"] as? String == "talk-1")
            }
            let form: HTTPFields = DashboardTests.form(cookie)
            try await client.execute(uri: "/cases/\(caseID)", method: .post, headers: form, body: ByteBuffer(string: "action=resolve&resolution_code=bogus")) {
                #expect($0.status == .unprocessableContent)
                #expect($0.text.contains("role=\"alert\""))
            }
            try await client.execute(uri: "/cases/\(caseID)", method: .post, headers: form, body: ByteBuffer(string: "action=callback&text=%D0%B8%D0%B7%D0%B2%D0%B8%D0%BD%D0%B8%D0%BB%D0%B8%D1%81%D1%8C")) {
                #expect($0.status == .seeOther)
            }
            let resolve: [String: Any] = ["action": "resolve", "resolution_code": "compensated", "text": "вернули комиссию"]
            try await client.execute(uri: "/api/v1/cases/\(caseID)/actions", method: .post, headers: test.auth, body: jsonBody(resolve)) {
                #expect($0.json["status"] as? String == "resolved")
            }
            try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: test.auth) { response in
                let events = (response.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(events == ["opened", "called_back", "resolved"])
                #expect(response.json["first_response_at"] != nil && response.json["escalation_level"] as? Int == 0)
                #expect(response.json["called_back_at"] != nil)
            }
        }
    }
}
