import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import Testing

/// Issue 20 item 8: the page editor offers every item type the API accepts — a Kano pair, a SERVQUAL dimension
/// (perception items with the dimension as factor, expectation items naming them), stated-importance items — and skip
/// logic, with each error beside its field in the right row and nothing saved until the whole survey is valid.
@Suite struct SurveyEditorItemTypesTests {
    static let full: [String: String] = [
        "code": "bank", "title_ru": "Банк", "purpose": "measurement", "target": "70", "max_questions": "7", "method": "simple",
        "probability": "1", "fatigue_days": "0", "interval": "5", "integral": "0",
        "q0.code": "nps", "q0.type": "nps", "q0.text_ru": "Порекомендуете?",
        "q1.code": "wifi", "q1.type": "kano", "q1.text_ru": "Если в отделении будет Wi-Fi?", "q1.dysfunctional_ru": "Если Wi-Fi не будет?",
        // Row 2 left empty: the rows after it are questions 2… of the survey.
        "q3.code": "p_rel", "q3.type": "likert", "q3.text_ru": "Банк выполняет обещания", "q3.factor": "reliability",
        "q4.code": "e_rel", "q4.type": "likert", "q4.text_ru": "Хороший банк выполняет обещания", "q4.expectation_of": "p_rel",
        "q5.code": "imp_rel", "q5.type": "likert", "q5.text_ru": "Насколько важна надёжность?", "q5.importance_of": "reliability",
        "q6.code": "why", "q6.type": "multiple", "q6.text_ru": "Что не так?", "q6.options": "queue; Очередь; Queue\nrude; Грубость; Rudeness",
        "q6.show_if_question": "nps", "q6.show_if_op": "at_most", "q6.show_if_value": "6",
        "q7.code": "wait", "q7.type": "text", "q7.text_ru": "Сколько ждали?",
        "q7.show_if_question": "why", "q7.show_if_op": "in", "q7.show_if_value": "queue, rude",
    ]

    static func post(_ client: any TestClientProtocol, _ headers: HTTPFields, _ fields: [String: String], action: String, lang: String = "ru")
        async throws -> (HTTPResponse.Status, String)
    {
        var fields = fields
        fields["action"] = action
        return try await client.execute(uri: "/surveys?lang=\(lang)", method: .post, headers: headers, body: SurveyEditorPageTests.body(fields)) {
            ($0.status, $0.text)
        }
    }

    @Test func everyItemTypeAndSkipLogicAreSavedFromThePage() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let headers = DashboardTests.form(cookie)
            try await client.execute(uri: "/surveys/new?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("<option value=\"kano\""))
                #expect(response.text.contains("name=\"q0.dysfunctional_ru\"") && response.text.contains("name=\"q0.expectation_of\""))
                #expect(response.text.contains("name=\"q0.importance_of\"") && response.text.contains("name=\"q0.show_if_question\""))
            }
            let (previewStatus, preview) = try await Self.post(client, headers, Self.full, action: "preview", lang: "en")
            #expect(previewStatus == .ok)
            #expect(preview.contains("Если Wi-Fi не будет?") && preview.contains("I expect it"), "the Kano pair with its five answers")
            #expect(preview.contains("SERVQUAL expectation of «Банк выполняет обещания»"))
            #expect(preview.contains("Kano (feature, both forms)</span>") && !preview.contains("NPS 0-10, 0–10"), "no stray comma, no scale said twice")
            #expect(preview.contains("Shown only if the answer to «Порекомендуете?» is at most 6"))
            #expect(preview.contains("Shown only if the answer to «Что не так?» is one of «Queue», «Rudeness»"))
            #expect(try await test.app.database.surveys.survey(code: "bank") == nil, "a preview saves nothing")

            let (status, _) = try await Self.post(client, headers, Self.full, action: "create")
            #expect(status == .seeOther)
            let survey = try #require(try await test.app.database.surveys.survey(code: "bank"))
            #expect(survey.questions.map(\.code) == ["nps", "wifi", "p_rel", "e_rel", "imp_rel", "why", "wait"])
            #expect(survey.question("wifi")?.type == .kano && survey.question("wifi")?.dysfunctional("en") == "Если Wi-Fi не будет?")
            #expect(survey.servqualPairs.map { [$0.perception.code, $0.expectation.code] } == [["p_rel", "e_rel"]])
            #expect(survey.importanceItems(of: "reliability").map(\.code) == ["imp_rel"])
            #expect(survey.question("why")?.showIf == ShowCondition(question: "nps", atMost: 6))
            #expect(survey.question("wait")?.showIf == ShowCondition(question: "why", in: [.option("queue"), .option("rude")]))
            #expect(survey.question("nps")?.integral == true)

            // The edit page starts from exactly this survey: its fields posted back unchanged change nothing (Kano forms,
            // pairings, conditions and the plan's seed included).
            try await client.execute(uri: "/surveys/bank/edit?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("value=\"Если Wi-Fi не будет?\"") && response.text.contains("value=\"p_rel\""))
                #expect(response.text.contains("<option value=\"at_most\" selected>") && response.text.contains("value=\"queue, rude\""))
            }
            var components = URLComponents()
            components.queryItems = (SurveyEditorForm.fields(of: survey).pairs + [("action", "create")]).map { URLQueryItem(name: $0.0, value: $0.1) }
            let unchanged = ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
            try await client.execute(uri: "/surveys/bank/edit", method: .post, headers: headers, body: unchanged) { #expect($0.status == .seeOther) }
            #expect(try await test.app.database.surveys.survey(code: "bank") == survey)
        }
    }

    @Test func errorsStandBesideTheirFieldInTheirRowAndNothingIsSaved() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let headers = DashboardTests.form(cookie)
            func rowOf(_ page: String) -> String? {
                // The fieldset marked as wrong, by its id.
                page.firstMatch(of: /<fieldset class="has-error" id="(row-\d+)"/).map { String($0.1) }
            }
            var unknownFactor = Self.full
            unknownFactor["q5.importance_of"] = "speed"
            var (status, page) = try await Self.post(client, headers, unknownFactor, action: "create")
            #expect(status == .unprocessableContent)
            #expect(rowOf(page) == "row-5", "question 4 of the survey is row 5 of the editor (row 2 is empty)")
            #expect(page.contains("Заявленная важность"))
            #expect(page.contains("<details class=\"advanced\" open>"), "the row's advanced part opens on its error")

            var noDysfunctional = Self.full
            noDysfunctional["q1.dysfunctional_ru"] = ""
            (status, page) = try await Self.post(client, headers, noDysfunctional, action: "create")
            #expect(status == .unprocessableContent && rowOf(page) == "row-1" && page.contains("обратная форма"))

            var notAPerception = Self.full
            notAPerception["q4.expectation_of"] = "nps"
            (status, page) = try await Self.post(client, headers, notAPerception, action: "create", lang: "en")
            #expect(status == .unprocessableContent && rowOf(page) == "row-4" && page.contains("SERVQUAL expectation:"))

            var laterQuestion = Self.full
            laterQuestion["q6.show_if_question"] = "wait"
            (status, page) = try await Self.post(client, headers, laterQuestion, action: "create", lang: "en")
            #expect(status == .unprocessableContent && rowOf(page) == "row-6")
            #expect(page.contains("show_if.question names a question asked earlier"))

            var offScale = Self.full
            offScale["q6.show_if_value"] = "12"
            (status, page) = try await Self.post(client, headers, offScale, action: "create")
            #expect(status == .unprocessableContent && rowOf(page) == "row-6" && page.contains("Условие показа"))

            var notANumber = Self.full
            notANumber["q6.show_if_value"] = "low"
            (status, page) = try await Self.post(client, headers, notANumber, action: "create", lang: "en")
            #expect(status == .unprocessableContent && rowOf(page) == "row-6" && page.contains("whole number"))

            var wrongType = Self.full
            wrongType["q7.importance_of"] = "reliability"
            (status, page) = try await Self.post(client, headers, wrongType, action: "create", lang: "en")
            #expect(status == .unprocessableContent && rowOf(page) == "row-7", "a field filled in for another type is named, not dropped")
            #expect(try await test.app.database.surveys.survey(code: "bank") == nil, "nothing half-saved")
            // The values typed are all still there.
            #expect(page.contains("value=\"queue, rude\"") && page.contains("value=\"p_rel\""))
        }
    }

    @Test func moreRowsAreAddedWithoutLosingWhatWasTyped() async throws {
        try await TestApp.withRouter { _, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, page) = try await Self.post(client, DashboardTests.form(cookie), Self.full, action: "more")
            #expect(status == .ok)
            #expect(page.contains("name=\"q11.code\"") && !page.contains("name=\"q12.code\""), "8 rows and 4 more")
            #expect(page.contains("name=\"rows\" value=\"12\""))
            #expect(page.contains("id=\"q8-code\" name=\"q8.code\" value=\"\" size=\"12\" maxlength=\"64\" autofocus"), "the keyboard lands on the first new row")
            #expect(page.contains("value=\"Если Wi-Fi не будет?\""))
            #expect(!page.contains("role=\"alert\""), "adding rows is not an error")
        }
    }
}
