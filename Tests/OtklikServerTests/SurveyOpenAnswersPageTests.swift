import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 20 item 8: open answers are readable on the results page — each with its sentiment and themes from the
/// organisation's text analyser (as feedback comments), filterable by theme, 20 a page, escaped.
@Suite struct SurveyOpenAnswersPageTests {
    @Test func openAnswersCarryThemesAndSentimentAreFilteredPagedAndEscaped() async throws {
        try await TestApp.withRouter { test, client in
            let survey = Survey(
                code: "open", titleRu: "Открытый", titleEn: "", maxQuestions: 2, sampling: .everyone,
                questions: [
                    SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "", integral: true),
                    SurveyQuestion(code: "improve", type: .text, textRu: "Что улучшить?", textEn: ""),
                ])
            _ = try await test.app.database.surveys.create(survey, now: Date())
            // 22 answers about the queue, 2 about a rude clerk, one rude with markup in it: 25 in all.
            var texts = (1...22).map { "Ужасная очередь, простояли \($0) минут" }
            texts += ["Сотрудник был грубый", "Кассир грубо ответил", "<script>alert(1)</script> грубо"]
            for (index, text) in texts.enumerated() {
                let (invitation, _) = try await test.app.database.surveys.invite(
                    survey: "open", SurveyInteraction(id: "i-\(index)", at: Date()), now: Date(), deliver: false)
                _ = try await test.app.database.surveys.recordShown(invitation: invitation.id, questions: ["nps", "improve"])
                try await test.app.database.surveys.respond(
                    invitation: invitation.id, answers: [SurveyAnswer(question: "nps", score: 3), SurveyAnswer(question: "improve", text: text)],
                    status: .completed, now: Date())
            }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/open?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let page = response.text
                #expect(page.contains("<option value=\"queue\" >Queue (22)</option>"))
                #expect(page.contains("<option value=\"staff_politeness\" >Staff politeness (3)</option>"))
                #expect(page.contains("(25 of 25 answers)"))
                #expect(page.components(separatedBy: "class=\"open-answer-text\"").count - 1 == 20, "20 a page")
                #expect(page.contains("Page 1 of 2") && page.contains("href=\"/surveys/open?open_page=2#h-open\" rel=\"next\""))
                #expect(page.contains("class=\"sentiment-negative\">negative</span> · Waiting time, Queue"), "«минут» is waiting time, «очередь» the queue")
            }
            try await client.execute(uri: "/surveys/open?lang=ru&open_page=2", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.components(separatedBy: "class=\"open-answer-text\"").count - 1 == 5)
                #expect(response.text.contains("Страница 2 из 2") && response.text.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/surveys/open?lang=en&theme=staff_politeness", method: .get, headers: [.cookie: cookie]) { response in
                let page = response.text
                #expect(page.contains("(3 of 25 answers)"), "the count says what it counts")
                #expect(page.components(separatedBy: "class=\"open-answer-text\"").count - 1 == 3)
                #expect(!page.contains("Ужасная очередь") && !page.contains("rel=\"next\""))
                #expect(page.contains("<option value=\"staff_politeness\" selected>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; грубо") && !page.contains("<script>alert(1)"))
            }
        }
    }
}
