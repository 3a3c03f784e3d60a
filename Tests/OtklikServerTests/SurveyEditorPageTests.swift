import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 15 item 15 (and 9): the survey editor says its errors in words beside the field, needs no English,
/// previews the survey; the results say K in words, give no verdict without invitations and show open answers.
@Suite struct SurveyEditorPageTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func body(_ fields: [String: String]) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
    }

    static let russianOnly: [String: String] = [
        "code": "visit-ru", "title_ru": "Визит в офис", "purpose": "measurement", "target": "70", "max_questions": "5", "method": "simple",
        "probability": "0.2", "fatigue_days": "183", "interval": "5", "integral": "0",
        "q0.code": "nps", "q0.type": "nps", "q0.text_ru": "Порекомендуете ли вы нас?",
        "q1.code": "improve", "q1.type": "text", "q1.text_ru": "Что улучшить?",
    ]

    @Test func aRussianSurveyWithoutEnglishPreviewsAndSaves() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let headers = DashboardTests.form(cookie)
            var preview = Self.russianOnly
            preview["action"] = "preview"
            try await client.execute(uri: "/surveys?lang=ru", method: .post, headers: headers, body: Self.body(preview)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"preview\""))
                #expect(response.text.contains("Порекомендуете ли вы нас?"))
                #expect(response.text.contains("Каждый респондент отвечает на все вопросы (2)"))
            }
            #expect(try await test.app.database.surveys.survey(code: "visit-ru") == nil)
            var create = Self.russianOnly
            create["action"] = "create"
            try await client.execute(uri: "/surveys?lang=ru", method: .post, headers: headers, body: Self.body(create)) { response in
                #expect(response.status == .seeOther)
            }
            for language in ["ru", "en"] {
                try await client.execute(uri: "/surveys/visit-ru?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Визит в офис"))
                    #expect(!response.text.contains("K:"))
                    #expect(!response.text.contains("class=\"flag\""))
                    #expect(response.text.contains(language == "ru" ? "Приглашений ещё нет" : "No invitations yet"))
                    #expect(response.text.contains(language == "ru" ? "Открытые ответы" : "Open answers"))
                }
            }
            try await client.execute(uri: "/surveys?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("class=\"weak\""))
            }
        }
    }

    @Test func fieldErrorsAreSentencesBesideTheField() async throws {
        try await TestApp.withRouter { _, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let headers = DashboardTests.form(cookie)
            var noTitle = Self.russianOnly
            noTitle["title_ru"] = ""
            noTitle["action"] = "create"
            try await client.execute(uri: "/surveys?lang=ru", method: .post, headers: headers, body: Self.body(noTitle)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("id=\"e-s-title-ru\""))
                #expect(response.text.contains("Нужно название анкеты"))
                #expect(!response.text.contains("title_ru:"))
                #expect(!response.text.contains("characters"))
            }
            var noText = Self.russianOnly
            noText["q1.text_ru"] = ""
            noText["action"] = "create"
            try await client.execute(uri: "/surveys?lang=ru", method: .post, headers: headers, body: Self.body(noText)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("class=\"has-error\""))
                #expect(response.text.contains("Нужен текст вопроса"))
                #expect(!response.text.contains("questions[1]"))
            }
        }
    }

    @Test func openAnswersAreReadableOnTheResultsPage() async throws {
        try await TestApp.withRouter { test, client in
            let survey = Survey(
                code: "open", titleRu: "Открытый", titleEn: "", maxQuestions: 2, sampling: .everyone,
                questions: [
                    SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "", integral: true),
                    SurveyQuestion(code: "improve", type: .text, textRu: "Что улучшить?", textEn: ""),
                ])
            _ = try await test.app.database.surveys.create(survey, now: Date())
            let (invitation, _) = try await test.app.database.surveys.invite(
                survey: "open", SurveyInteraction(id: "i-1", at: Date(), location: "L01", contact: "a@example.org"), now: Date(), deliver: false)
            _ = try await test.app.database.surveys.recordShown(invitation: invitation.id, questions: ["nps", "improve"])
            try await test.app.database.surveys.respond(
                invitation: invitation.id, answers: [SurveyAnswer(question: "nps", score: 4), SurveyAnswer(question: "improve", text: "Очередь у кассы слишком длинная")],
                status: .completed, now: Date())
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/open?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("<span class=\"open-answer-text\">Очередь у кассы слишком длинная</span>"))
                #expect(response.text.contains("Что улучшить?"))
            }
        }
    }
}
