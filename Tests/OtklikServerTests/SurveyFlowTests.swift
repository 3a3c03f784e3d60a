import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// A survey end to end over HTTP: created by the API, interactions sampled into invitations with links, the
/// respondent's page (validation, partial save, completion, decline, used and unknown links), results, CSV, the
/// manager's pages and the invitation outbox.
@Suite struct SurveyFlowTests {
    static var survey: [String: Any] { [
        "code": "visit", "title_ru": "Визит в офис", "title_en": "Office visit", "max_questions": 3,
        "sampling": ["method": "simple", "probability": 1, "seed": 5],
        "questions": [
            ["code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": true],
            ["code": "fast", "type": "likert", "text_ru": "Вы согласны, что вас обслужили быстро?", "text_en": "Were you served quickly?", "factor": "speed"],
            ["code": "kind", "type": "likert", "text_ru": "Вы согласны, что сотрудник был вежлив?", "text_en": "Was the staff member polite?", "factor": "care"],
            ["code": "why", "type": "multiple", "text_ru": "Зачем приходили?", "text_en": "What for?",
             "options": [["code": "card", "label_ru": "Карта", "label_en": "Card"], ["code": "loan", "label_ru": "Кредит", "label_en": "Loan"]]],
        ],
    ] }

    static func token(_ link: String) -> String { String(link.split(separator: "/").last ?? "") }

    @Test func fromInteractionToResults() async throws {
        try await TestApp.withRouter { test, client in
            var bad = Self.survey
            bad["code"] = "bad code"
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "code")
            }
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey)) { #expect($0.status == .ok) }

            let visits: [String: Any] = ["items": (1...3).map { ["id": "v\($0)", "at": "2026-11-20T10:00:0\($0)Z", "location": "L01", "channel": "terminal"] }]
            let links: [String] = try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                #expect(response.status == .created)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["outcome"] as? String } == ["invited", "invited", "invited"])
                return items.compactMap { $0["link"] as? String }
            }
            #expect(links.count == 3 && links.allSatisfy { $0.contains("/s/") })
            try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                #expect(response.status == .ok)
                #expect((response.json["items"] as? [[String: Any]] ?? []).allSatisfy { $0["duplicate"] as? Bool == true })
            }

            // The respondent's page: the integral question and K − 1 = 2 of the 3 pool questions, in fieldsets.
            let token = Self.token(links[0])
            try await client.execute(uri: "/s/\(token)?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<fieldset") && response.text.contains("<legend>"))
                #expect(response.text.contains("Would you recommend us?"))
                #expect(response.text.components(separatedBy: "<fieldset").count - 1 == 3)
                #expect(response.text.contains("name=\"action\" value=\"decline\""))
            }
            // The questions shown are recorded at the first visit.
            let (invitationID, shown): (String, [String]) = try await client.execute(uri: "/api/v1/surveys/visit/invitations", method: .get, headers: test.auth) { response in
                let items = (response.json["items"] as? [[String: Any]] ?? []).filter { $0["shown"] != nil }
                #expect(items.count == 1)
                return (items.first?["id"] as? String ?? "", items.first?["shown"] as? [String] ?? [])
            }
            #expect(shown.count == 3 && shown.first == "nps")
            let likert = try #require(shown.first { $0 == "fast" || $0 == "kind" })
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/s/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: "q.\(likert)=4&action=submit")) { response in
                #expect(response.status == .unprocessableContent, "the integral question is required")
                #expect(response.text.contains("role=\"alert\"") && response.text.contains("aria-invalid=\"true\""))
                #expect(response.text.contains("value=\"4\" checked"), "answers given are kept")
            }
            try await client.execute(uri: "/s/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: "q.nps=42&action=submit")) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/s/\(token)", method: .post, headers: form, body: ByteBuffer(string: "q.nps=9&action=save")) {
                #expect($0.status == .ok && $0.text.contains("сохранены"))
            }
            try await client.execute(uri: "/api/v1/surveys/visit/invitations/\(invitationID)", method: .get, headers: test.auth) { response in
                #expect(response.json["status"] as? String == "partial")
            }
            var body = "q.nps=10&action=submit"
            for code in shown where code == "fast" || code == "kind" { body += "&q.\(code)=5" }
            if shown.contains("why") { body += "&q.why=card&q.why=loan" }
            try await client.execute(uri: "/s/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: body)) {
                #expect($0.status == .ok && $0.text.contains("Thank you"))
            }
            try await client.execute(uri: "/s/\(token)?lang=en", method: .get) { #expect($0.status == .gone && $0.text.contains("already answered")) }
            try await client.execute(uri: "/s/not-a-token", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/s/\(Self.token(links[1]))", method: .post, headers: form, body: ByteBuffer(string: "action=decline")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/surveys/visit/invitations/\(invitationID)", method: .get, headers: test.auth) { response in
                #expect(response.json["status"] as? String == "completed")
                let answers = response.json["answers"] as? [[String: Any]] ?? []
                #expect(answers.contains { $0["question"] as? String == "nps" && $0["score"] as? Int == 10 })
                if shown.contains("why") { #expect(answers.contains { ($0["choices"] as? [String]) == ["card", "loan"] }) }
            }

            try await client.execute(uri: "/api/v1/surveys/visit/results", method: .get, headers: test.auth) { response in
                let outcomes = response.json["outcomes"] as? [String: Any] ?? [:]
                #expect(outcomes["completed"] as? Int == 1 && outcomes["refused"] as? Int == 1 && outcomes["invited"] as? Int == 1)
                let rates = response.json["response_rates"] as? [String: Any] ?? [:]
                #expect(rates["rr1"] as? Double == 1.0 / 3 && rates["n"] as? Int == 3 && rates["below_target"] as? Bool == true)
                let nps = response.json["nps"] as? [String: Any] ?? [:]
                #expect((nps["respondents_only"] as? [String: Any])?["value"] as? Double == 100)
                #expect((nps["nonresponders_as_detractors"] as? [String: Any])?["n"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/surveys/visit/results?location=L02", method: .get, headers: test.auth) { response in
                #expect((response.json["outcomes"] as? [String: Any])?["total"] as? Int == 0, "a slice by location")
            }
            try await client.execute(uri: "/api/v1/surveys/visit/results?location=L01&from=2026-11-20&to=2026-11-21", method: .get, headers: test.auth) { response in
                #expect((response.json["outcomes"] as? [String: Any])?["total"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/surveys/visit/results?from=yesterday", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "from")
            }
            try await client.execute(uri: "/api/v1/surveys/visit/responses.csv", method: .get, headers: test.auth) { response in
                let lines = response.text.split(separator: "\n")
                #expect(lines.count == 4 && lines[0].hasSuffix("shown,nps,fast,kind,why"))
            }

            // The manager's pages.
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("Office visit") && response.text.contains("33.3 %"))
            }
            try await client.execute(uri: "/surveys/visit?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("non-responders as detractors") && response.text.contains("below the target"))
            }
            try await client.execute(uri: "/surveys/visit?lang=en&location=L01", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("A slice of the survey") && response.text.contains("<option value=\"L01\" selected>"))
            }
            try await client.execute(uri: "/surveys/new?lang=ru", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok && $0.text.contains("Новый опрос")) }
            let editor: HTTPFields = DashboardTests.form(cookie)
            let created = "code=pulse&title_ru=%D0%9F%D1%83%D0%BB%D1%8C%D1%81&title_en=Pulse&purpose=feedback&target=70&max_questions=2&method=simple&probability=1&fatigue_days=0"
                + "&integral=0&q0.code=csat&q0.type=csat&q0.text_ru=%D0%94%D0%BE%D0%B2%D0%BE%D0%BB%D1%8C%D0%BD%D1%8B%3F&q0.text_en=Satisfied%3F"
                + "&q1.code=more&q1.type=text&q1.text_ru=%D0%95%D1%89%D1%91%3F&q1.text_en=More%3F"
            try await client.execute(uri: "/surveys", method: .post, headers: editor, body: ByteBuffer(string: created)) {
                #expect($0.status == .seeOther && $0.headers[.location] == "/surveys/pulse")
            }
            try await client.execute(uri: "/surveys", method: .post, headers: editor, body: ByteBuffer(string: "code=x&title_ru=&title_en=X&target=70&max_questions=2&probability=1")) {
                #expect($0.status == .unprocessableContent && $0.text.contains("title_ru"))
            }
            try await client.execute(uri: "/surveys/pulse?lang=en", method: .get, headers: [.cookie: cookie]) {
                #expect($0.text.contains("Feedback, not measurement"))
            }
        }
    }

    @Test func theOutboxDeliversThroughTheSender() async throws {
        let test = try await TestApp.make()
        do {
            let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: Self.survey))
            try await test.app.database.surveys.create(survey, now: Date())
            let results = try await test.app.database.surveys.sample(
                survey: "visit", [SurveyInteraction(id: "c1", at: Date(), contact: "+7 900 000-00-00")], now: Date(), deliver: true)
            #expect(results.first?.outcome == "invited")
            let sender = RecordingSender()
            var app = test.app
            app.invitationSender = sender
            let dispatcher = app.invitationDispatcher
            let task = Task { try await dispatcher.run() }
            // Delivered once the outbox row is marked sent (the sender is called first).
            var pending = true
            for _ in 0..<100 where pending {
                try await Task.sleep(for: .milliseconds(100))
                pending = !(try await test.app.database.surveys.pendingMessages(limit: 5, now: Date().addingTimeInterval(60)).isEmpty)
            }
            task.cancel()
            #expect(!pending, "the outbox row is marked sent")
            let links = await sender.links
            #expect(links.count == 1 && links[0].hasSuffix("/s/\(results[0].token ?? "?")"))
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}

actor RecordingSender: InvitationSender {
    var links: [String] = []
    nonisolated func send(_ message: InvitationMessage, link: String) async throws { await record(link) }
    func record(_ link: String) { links.append(link) }
}
