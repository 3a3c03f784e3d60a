import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// A survey with stated-importance items («Насколько для вас важно…», `importance_of`), answered through the
/// respondent's page by too few respondents to derive importance: the API gives each factor's stated importance with n
/// and its interval, and the manager's page shows it in the factors table and places the importance-performance
/// matrix by it.
@Suite struct StatedImportanceFlowTests {
    static var survey: [String: Any] { [
        "code": "stated", "title_ru": "Важность", "title_en": "Importance", "max_questions": 8, "link_days": 60,
        "sampling": ["method": "simple", "probability": 1, "fatigue_days": 0, "seed": 5],
        "questions": [
            ["code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": true],
            ["code": "fast", "type": "likert", "text_ru": "Вы согласны, что быстро?", "text_en": "Were you served quickly?", "factor": "speed"],
            ["code": "kind", "type": "likert", "text_ru": "Вы согласны, что вежливо?", "text_en": "Was the staff polite?", "factor": "care"],
            ["code": "i_fast", "type": "likert", "importance_of": "speed", "text_ru": "Насколько для вас важно, чтобы обслужили быстро?",
             "text_en": "How important is being served quickly?"],
            ["code": "i_kind", "type": "likert", "importance_of": "care", "text_ru": "Насколько для вас важна вежливость?",
             "text_en": "How important is polite staff?"],
        ],
    ] }

    @Test func statedImportanceInTheApiAndOnThePage() async throws {
        try await TestApp.withRouter { test, client in
            var bad = Self.survey
            var questions = bad["questions"] as? [[String: Any]] ?? []
            questions[4]["importance_of"] = "queue"
            bad["questions"] = questions
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "questions[4].importance_of", "an unknown factor")
            }
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey)) { #expect($0.status == .created) }
            let visits: [String: Any] = ["items": (0..<3).map { i in ["id": "v\(i)", "location": "L01"] }]
            let links: [String] = try await client.execute(uri: "/api/v1/surveys/stated/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                (response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["link"] as? String }
            }
            #expect(links.count == 3)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            // Stated importance: speed 5, 4, 4 → 13/3; care 2, 3, 1 → 2. Satisfaction: speed 2, 3, 2; care 4, 5, 4.
            let bodies = [
                "q.nps=6&q.fast=2&q.kind=4&q.i_fast=5&q.i_kind=2", "q.nps=8&q.fast=3&q.kind=5&q.i_fast=4&q.i_kind=3",
                "q.nps=7&q.fast=2&q.kind=4&q.i_fast=4&q.i_kind=1",
            ]
            for (link, body) in zip(links, bodies) {
                let token = SurveyFlowTests.token(link)
                try await client.execute(uri: "/s/\(token)?lang=ru", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("Насколько для вас важно, чтобы обслужили быстро?"))
                }
                try await client.execute(uri: "/s/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: body + "&action=submit")) {
                    #expect($0.status == .ok)
                }
            }

            try await client.execute(uri: "/api/v1/surveys/stated/results", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let factors = response.json["factors"] as? [[String: Any]] ?? []
                #expect(factors.map { $0["factor"] as? String } == ["speed", "care"], "importance items are not factors")
                let speed = factors.first ?? [:], care = factors.last ?? [:]
                #expect(speed["importance_items"] as? [String] == ["i_fast"] && speed["items"] as? [String] == ["fast"])
                let stated = speed["stated_importance"] as? [String: Any] ?? [:]
                #expect(abs((stated["value"] as? Double ?? 0) - 13.0 / 3) < 1e-9 && stated["n"] as? Int == 3 && stated["ci_low"] is Double)
                #expect(((care["stated_importance"] as? [String: Any])?["value"] as? Double).map { abs($0 - 2) < 1e-9 } == true)
                #expect(abs(((speed["satisfaction"] as? [String: Any])?["value"] as? Double ?? 0) - 7.0 / 3) < 1e-9)
                #expect(speed["share"] == nil && response.json["drivers"] == nil, "three respondents: no derived importance")
                #expect(response.json["quadrant_basis"] as? String == "stated")
                #expect(speed["quadrant"] as? String == "concentrate-here" && care["quadrant"] as? String == "possible-overkill")
            }

            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/stated?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("<th scope=\"col\">Stated importance (1-5)</th>") && html.contains("<th scope=\"col\">r with the integral score</th>"))
                #expect(html.contains("<td>4.33</td><td>3</td>"), "speed's stated importance and its n")
                #expect(html.contains("<svg class=\"chart ipm\"") && html.contains("Stated importance, 0-100"))
                #expect(html.contains("the matrix uses the importance respondents stated") && html.contains("concentrate here"))
            }
            try await client.execute(uri: "/surveys/stated?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Заявленная важность") && response.text.contains("сосредоточиться"))
            }
        }
    }
}
