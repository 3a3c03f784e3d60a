import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import Testing

/// Issue 20 item 8: a survey once created can be edited — anything before its first answer, only the wording after
/// (409 naming what else changed) — and closed: no new invitations or answers, and its links say it is closed.
@Suite struct SurveyEditAndCloseTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func answerOne(_ test: TestApp, _ client: any TestClientProtocol) async throws -> [String] {
        try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(SurveyFlowTests.survey)) { #expect($0.status == .created) }
        let visits: [String: Any] = ["items": (1...2).map { ["id": "v\($0)", "at": "2026-11-20T10:00:0\($0)Z", "location": "L01"] }]
        let tokens: [String] = try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
            ((response.json["items"] as? [[String: Any]]) ?? []).compactMap { ($0["link"] as? String).map(SurveyFlowTests.token) }
        }
        return tokens
    }

    static func edited(_ change: (inout [String: Any], inout [[String: Any]]) -> Void) -> ByteBuffer {
        var survey = SurveyFlowTests.survey
        var questions = survey["questions"] as! [[String: Any]]
        change(&survey, &questions)
        survey["questions"] = questions
        return jsonBody(survey)
    }

    @Test func beforeAnswersAnythingChangesAfterOnlyTheWording() async throws {
        try await TestApp.withRouter { test, client in
            let tokens = try await Self.answerOne(test, client)
            // No answers yet: a new question type is accepted.
            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: Self.edited { _, q in q[1]["type"] = "csat"; q[1]["factor"] = nil }) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: jsonBody(SurveyFlowTests.survey)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/s/\(tokens[0])", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=8&action=submit")) { #expect($0.status == .ok) }

            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: Self.edited { s, q in
                s["title_en"] = "Your office visit"
                q[0]["text_en"] = "Would you recommend our office?"
                var options = q[3]["options"] as! [[String: Any]]
                options[0]["label_en"] = "A card"
                q[3]["options"] = options
            }) { #expect($0.status == .ok) }
            let stored = try #require(try await test.app.database.surveys.survey(code: "visit"))
            #expect(stored.titleEn == "Your office visit" && stored.questions[0].textEn == "Would you recommend our office?")
            #expect(stored.questions[3].options[0].labelEn == "A card")

            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: Self.edited { _, q in q[1]["type"] = "csat"; q[1]["factor"] = nil }) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("only its wording can change now, not the type of question 'fast'"))
            }
            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: Self.edited { _, q in q.removeLast() }) {
                #expect($0.status == .conflict && $0.text.contains("the questions"))
            }
            try await client.execute(uri: "/api/v1/surveys/visit", method: .put, headers: test.auth, body: Self.edited { s, _ in s["code"] = "other" }) {
                #expect($0.status == .unprocessableContent && $0.errorField == "code")
            }
            #expect(try await test.app.database.surveys.survey(code: "visit")?.questions[1].type == .likert, "nothing half-saved")

            // The page: the editor starts from the survey as stored; a change of type is refused in words, the wording saved.
            let cookie = try #require(try await DashboardTests.login(client))
            let page: String = try await client.execute(uri: "/surveys/visit/edit?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("value=\"Would you recommend our office?\"") && response.text.contains("readonly"))
                #expect(response.text.contains("action=\"/surveys/visit/edit\""))
                return response.text
            }
            #expect(page.contains("card; Карта; A card"))
            var fields = SurveyEditorForm.fields(of: stored).pairs
            fields = fields.map { $0.0 == "q1.type" ? ($0.0, "csat") : $0 }
            func body(_ pairs: [(String, String)]) -> ByteBuffer {
                var components = URLComponents()
                components.queryItems = pairs.map { URLQueryItem(name: $0.0, value: $0.1) }
                return ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
            }
            try await client.execute(uri: "/surveys/visit/edit?lang=ru", method: .post, headers: DashboardTests.form(cookie), body: body(fields + [("action", "create")])) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("уже есть ответы"))
            }
            let wording = SurveyEditorForm.fields(of: stored).pairs.map { $0.0 == "title_ru" ? ($0.0, "Визит в наш офис") : $0 }
            try await client.execute(uri: "/surveys/visit/edit", method: .post, headers: DashboardTests.form(cookie), body: body(wording + [("action", "create")])) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/surveys/visit")
            }
            let after = try #require(try await test.app.database.surveys.survey(code: "visit"))
            #expect(after.titleRu == "Визит в наш офис")
            #expect(after.sampling == stored.sampling, "the plan's seed is kept")
        }
    }

    @Test func aClosedSurveyTakesNoNewInvitationsOrAnswers() async throws {
        try await TestApp.withRouter { test, client in
            let tokens = try await Self.answerOne(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/visit?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("id=\"survey-close\"") && response.text.contains("href=\"/surveys/visit/edit\""))
            }
            try await client.execute(uri: "/surveys/visit/close", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer()) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/surveys/visit?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("id=\"survey-closed\"") && response.text.contains("Закрыта"))
                #expect(!response.text.contains("id=\"survey-close\""))
            }
            try await client.execute(uri: "/surveys?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("(закрыта)"), "the list says which surveys are closed")
            }
            try await client.execute(uri: "/s/\(tokens[0])?lang=en", method: .get) { response in
                #expect(response.status == .gone && response.text.contains("This survey is closed"))
            }
            try await client.execute(uri: "/s/\(tokens[0])?lang=ru", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=9&action=submit")) { response in
                #expect(response.status == .gone && response.text.contains("Опрос закрыт"))
            }
            let visits: [String: Any] = ["items": [["id": "v9", "at": "2026-11-21T10:00:00Z"]]]
            try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                #expect(response.status == .conflict && response.text.contains("closed"))
            }
            try await client.execute(uri: "/api/v1/surveys/visit/close", method: .post, headers: test.auth) { response in
                #expect(response.status == .ok && (response.json["closed_at"] as? String ?? "").hasPrefix("20"))
            }
            try await client.execute(uri: "/api/v1/surveys/visit/results", method: .get, headers: test.auth) { response in
                #expect((response.json["outcomes"] as? [String: Any])?["completed"] as? Int == 0)
                #expect((response.json["outcomes"] as? [String: Any])?["total"] as? Int == 2, "the results stay")
            }
        }
    }
}
