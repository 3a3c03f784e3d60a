import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 20 item 8: skip logic over HTTP. A definition whose `show_if` is wrong is a 422 naming the field; the
/// respondent's page (no script) shows a conditional question only once the answers open it — sending answers that
/// open one shows it on the same page before the survey completes; an answer to a question the respondent could not see
/// is dropped; the results count the question's n over those who saw it.
@Suite struct SurveySkipLogicFlowTests {
    static var survey: [String: Any] { [
        "code": "skip", "title_ru": "Визит", "title_en": "Visit", "max_questions": 3,
        "sampling": ["method": "simple", "probability": 1, "seed": 3],
        "questions": [
            ["code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": true],
            ["code": "why", "type": "text", "text_ru": "Что нам исправить?", "text_en": "What should we fix?", "show_if": ["question": "nps", "at_most": 6]],
            ["code": "fast", "type": "likert", "text_ru": "Вас обслужили быстро?", "text_en": "Were you served quickly?", "factor": "speed"],
        ],
    ] }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func aConditionalQuestionOpensOnTheSamePageAndOnlyForThoseItConcerns() async throws {
        try await TestApp.withRouter { test, client in
            var bad = Self.survey
            var questions = bad["questions"] as! [[String: Any]]
            questions[1]["show_if"] = ["question": "fast", "at_most": 3]
            bad["questions"] = questions
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "questions[1].show_if.question", "only earlier questions")
            }
            questions[1]["show_if"] = ["question": "nps", "at_most": 11]
            bad["questions"] = questions
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "questions[1].show_if.at_most", "values on the scale")
            }
            #expect(try await test.app.database.surveys.survey(code: "skip") == nil, "nothing half-saved")
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/surveys/skip", method: .get, headers: test.auth) { response in
                let stored = (response.json["questions"] as? [[String: Any]])?[1]["show_if"] as? [String: Any]
                #expect(stored?["question"] as? String == "nps" && stored?["at_most"] as? Int == 6)
            }
            let visits: [String: Any] = ["items": (1...3).map { ["id": "v\($0)", "at": "2026-11-20T10:00:0\($0)Z"] }]
            let tokens: [String] = try await client.execute(uri: "/api/v1/surveys/skip/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                ((response.json["items"] as? [[String: Any]]) ?? []).compactMap { ($0["link"] as? String)?.split(separator: "/").last.map(String.init) }
            }
            #expect(tokens.count == 3)

            // A detractor: the page first shows NPS and the Likert item, not the follow-up.
            try await client.execute(uri: "/s/\(tokens[0])?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("What should we fix?"))
                #expect(response.text.contains("name=\"seen\" value=\"nps,fast\""))
            }
            // Sending 3 opens the follow-up on the same page, answers kept, nothing completed yet.
            try await client.execute(uri: "/s/\(tokens[0])?lang=en", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=3&q.fast=2&seen=nps%2Cfast&action=submit")) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("What should we fix?"))
                #expect(response.text.contains("id=\"revealed-notice\"") && response.text.contains("href=\"#q-why\""))
                #expect(response.text.contains("value=\"3\" checked"))
                #expect(response.text.contains("name=\"seen\" value=\"nps,why,fast\""))
            }
            try await client.execute(uri: "/api/v1/surveys/skip/results", method: .get, headers: test.auth) { response in
                #expect((response.json["outcomes"] as? [String: Any])?["completed"] as? Int == 0)
            }
            try await client.execute(uri: "/s/\(tokens[0])?lang=en", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=3&q.fast=2&q.why=Queue&seen=nps%2Cwhy%2Cfast&action=submit")) {
                #expect($0.status == .ok && $0.text.contains("Thank you"))
            }
            // A promoter who sends an answer to the follow-up anyway (a crafted form): it is dropped.
            try await client.execute(uri: "/s/\(tokens[1])?lang=en", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=10&q.why=Sneaky&seen=nps%2Cwhy%2Cfast&action=submit")) {
                #expect($0.status == .ok && $0.text.contains("Thank you"))
            }
            // A detractor who saved first sees the follow-up when they come back.
            try await client.execute(uri: "/s/\(tokens[2])?lang=en", method: .post, headers: Self.form, body: ByteBuffer(string: "q.nps=5&seen=nps%2Cfast&action=save")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/s/\(tokens[2])?lang=en", method: .get) { response in
                #expect(response.text.contains("What should we fix?"))
            }

            let invitations: [[String: Any]] = try await client.execute(uri: "/api/v1/surveys/skip/invitations", method: .get, headers: test.auth) { response in
                (response.json["items"] as? [[String: Any]]) ?? []
            }
            var answersByStatus: [String: [String]] = [:]
            for invitation in invitations {
                let id = invitation["id"] as? String ?? ""
                try await client.execute(uri: "/api/v1/surveys/skip/invitations/\(id)", method: .get, headers: test.auth) { response in
                    let status = response.json["status"] as? String ?? ""
                    let answers = (response.json["answers"] as? [[String: Any]]) ?? []
                    let nps = answers.first { $0["question"] as? String == "nps" }?["score"] as? Int ?? -1
                    answersByStatus["\(status)-\(nps)"] = answers.compactMap { $0["question"] as? String }.sorted()
                }
            }
            #expect(answersByStatus["completed-3"] == ["fast", "nps", "why"])
            #expect(answersByStatus["completed-10"] == ["nps"], "the promoter's answer to a question they could not see is not kept")
            #expect(answersByStatus["partial-5"] == ["nps"])
            // Results: "why" was seen by the two detractors (the completed one and the partial one), answered by one.
            try await client.execute(uri: "/api/v1/surveys/skip/results", method: .get, headers: test.auth) { response in
                let why = ((response.json["questions"] as? [[String: Any]]) ?? []).first { $0["code"] as? String == "why" }
                #expect(why?["shown"] as? Int == 2)
                #expect(why?["answered"] as? Int == 1)
                let nps = ((response.json["questions"] as? [[String: Any]]) ?? []).first { $0["code"] as? String == "nps" }
                #expect(nps?["shown"] as? Int == 3)
            }
        }
    }
}
