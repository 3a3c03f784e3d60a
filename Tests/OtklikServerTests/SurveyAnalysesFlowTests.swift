import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// A survey with a factor model, a Kano question and SERVQUAL expectation items, answered through the respondent's
/// page in two waves: the manager's page draws the importance-performance matrix (SVG and its table) and the API
/// and page give Kano categories, SERVQUAL gaps and the change between the waves.
@Suite struct SurveyAnalysesFlowTests {
    static var survey: [String: Any] { [
        "code": "ipm", "title_ru": "Отделение", "title_en": "Branch", "max_questions": 8, "link_days": 60,
        "sampling": ["method": "simple", "probability": 1, "fatigue_days": 0, "seed": 3],
        "questions": [
            ["code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": true],
            ["code": "fast", "type": "likert", "text_ru": "Вы согласны, что быстро?", "text_en": "Were you served quickly?", "factor": "speed"],
            ["code": "kind", "type": "likert", "text_ru": "Вы согласны, что вежливо?", "text_en": "Was the staff polite?", "factor": "care"],
            ["code": "neat", "type": "likert", "text_ru": "Вы согласны, что в зале чисто?", "text_en": "Was the hall tidy?", "factor": "tangibles"],
            ["code": "e_kind", "type": "likert", "text_ru": "Хороший банк вежлив", "text_en": "A good bank is polite", "expectation_of": "kind"],
            ["code": "wifi", "type": "kano", "text_ru": "Если в отделении будет Wi-Fi, как вы к этому отнесётесь?",
             "text_en": "If the branch has Wi-Fi, how do you feel?", "dysfunctional_ru": "Если Wi-Fi не будет, как вы к этому отнесётесь?",
             "dysfunctional_en": "If the branch has no Wi-Fi, how do you feel?"],
        ],
    ] }

    static func iso(_ daysAgo: Double) -> String { Timestamp.format(Date().addingTimeInterval(-daysAgo * 86_400)) }
    static func day(_ daysAgo: Double) -> String { String(iso(daysAgo).prefix(10)) }

    @Test func matrixKanoServqualAndWaves() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey)) { #expect($0.status == .created) }
            // 12 visits 20 days ago (baseline wave) and 12 two days ago.
            let visits: [String: Any] = ["items": (0..<24).map { i in ["id": "v\(i)", "at": Self.iso(i < 12 ? 20 : 2), "location": "L01"] }]
            let links: [String] = try await client.execute(uri: "/api/v1/surveys/ipm/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                (response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["link"] as? String }
            }
            #expect(links.count == 24)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

            // The Kano question: the functional form as the question's legend, the dysfunctional one in a nested fieldset.
            let first = SurveyFlowTests.token(links[0])
            try await client.execute(uri: "/s/\(first)?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("If the branch has Wi-Fi, how do you feel?") && response.text.contains("<legend>If the branch has no Wi-Fi, how do you feel?</legend>"))
                #expect(response.text.contains("name=\"q.wifi.functional\"") && response.text.contains("name=\"q.wifi.dysfunctional\""))
                #expect(response.text.contains("<label for=\"q-wifi-dysfunctional-4\">I dislike it</label>"))
            }
            try await client.execute(uri: "/s/\(first)?lang=en", method: .post, headers: form, body: ByteBuffer(string: "q.nps=9&q.wifi.functional=like&action=submit")) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("Answer both parts of the question"))
                #expect(response.text.contains("value=\"like\" checked"), "the half given is kept")
            }

            // Everyone answers: care drives NPS, speed a little, tidiness not at all; care is rated low.
            let kano = [["like", "neutral"], ["like", "dislike"], ["must-be", "dislike"]]
            for (i, link) in links.enumerated() {
                let care = 1 + (i * 3 + 1) % 5, speed = 1 + (i * 2) % 5, tidy = 1 + (i * 7 + 3) % 5
                let late = i >= 12 ? 2 : 0
                let nps = min(10, max(0, 2 * care + speed / 2 - 2 + late))
                let pair = kano[i % 3 == 0 ? 0 : (i % 3 == 1 ? 0 : 2)]
                let body = "q.nps=\(nps)&q.fast=\(speed)&q.kind=\(min(care, 4))&q.neat=\(tidy)&q.e_kind=5"
                    + "&q.wifi.functional=\(pair[0])&q.wifi.dysfunctional=\(pair[1])&action=submit"
                let token = SurveyFlowTests.token(link)
                try await client.execute(uri: "/s/\(token)?lang=en", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/s/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: body)) { #expect($0.status == .ok) }
            }

            let window = "compare_from=\(Self.day(25))&compare_to=\(Self.day(10))&from=\(Self.day(10))"
            try await client.execute(uri: "/api/v1/surveys/ipm/results?\(window)", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let factors = response.json["factors"] as? [[String: Any]] ?? []
                #expect(factors.map { $0["factor"] as? String } == ["speed", "care", "tangibles"], "the expectation item is not a factor")
                #expect(factors.allSatisfy { $0["quadrant"] is String && $0["share"] is Double })
                let kanoResult = (response.json["kano"] as? [[String: Any]] ?? []).first ?? [:]
                #expect(kanoResult["feature"] as? String == "wifi" && kanoResult["n"] as? Int == 12 && kanoResult["category"] as? String == "A")
                // In this wave 8 A, 4 M: Better = 8/12, Worse = −4/12.
                #expect(abs((kanoResult["better"] as? Double ?? 0) - 16.0 / 24) < 1e-9 && abs((kanoResult["worse"] as? Double ?? 0) - -8.0 / 24) < 1e-9)
                let servqual = response.json["servqual"] as? [String: Any] ?? [:]
                let dimension = (servqual["dimensions"] as? [[String: Any]] ?? []).first ?? [:]
                #expect(dimension["dimension"] as? String == "care")
                let gap = dimension["gap"] as? [String: Any] ?? [:]
                #expect(gap["n"] as? Int == 12 && (gap["value"] as? Double ?? 0) < 0 && gap["ci_low"] is Double)
                // Only this slice (the second wave) in the figures, the baseline in `change`.
                #expect((response.json["outcomes"] as? [String: Any])?["total"] as? Int == 12)
                let change = response.json["change"] as? [String: Any] ?? [:]
                #expect(change["figure"] as? String == "nps" && (change["baseline"] as? [String: Any])?["n"] as? Int == 12)
                #expect((change["current"] as? [String: Any])?["n"] as? Int == 12 && (change["difference"] as? Double ?? 0) > 0)
                #expect(change["p"] is Double && change["ci_low"] is Double && change["significant"] is Bool)
            }
            try await client.execute(uri: "/api/v1/surveys/ipm/results?compare_from=later", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "compare_from")
            }

            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/ipm?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("<svg class=\"chart ipm\"") && html.contains("role=\"img\""))
                #expect(html.contains("<title id=\"ipm-title\">Importance-performance matrix</title>") && html.contains("<desc id=\"ipm-desc\">"))
                #expect(html.contains("stroke-dasharray"), "quadrant lines at the means")
                // A factor with a name in the resource files is labelled by it (issue 15 item 9), others by their code.
                for factor in ["speed", "care", "Tangibles"] {
                    #expect(html.contains("<th scope=\"row\">\(factor)</th><td>"), "the data table has \(factor)")
                    #expect(html.contains(">\(factor)</text>"), "the chart labels \(factor)")
                }
                #expect(html.contains("<table class=\"ipm-data\"><caption>Importance-performance matrix</caption>"))
                #expect(html.contains("possible overkill") && html.contains("concentrate here"))
                #expect(html.contains("attractive (A)") && html.contains("SERVQUAL gaps") && !html.contains("Change against the baseline wave"))
            }
            try await client.execute(uri: "/surveys/ipm?lang=ru&\(window)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Матрица") && response.text.contains("Изменение относительно базовой волны"))
                #expect(response.text.contains("Базовая волна") && response.text.contains("Модель Кано") && response.text.contains("Разрывы SERVQUAL"))
            }
        }
    }
}
