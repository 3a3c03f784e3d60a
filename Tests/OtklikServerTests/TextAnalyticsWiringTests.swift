import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
import OtklikServer
import OtklikText
import Testing

/// Stored comments analysed on arrival and shown in the feedback JSON, the organisation's taxonomy over the API,
/// the dissatisfaction model (API and page), compliance beside CSAT/NPS and the discovered-themes page.
@Suite struct TextAnalyticsWiringTests {
    static func post(_ client: any TestClientProtocol, _ test: TestApp, _ items: [[String: Any]]) async throws {
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { response in
            #expect(response.status == .created, "\(response.text)")
        }
    }

    static func item(_ id: String, _ location: String, _ comment: String, nps: Int = 2) -> [String: Any] {
        ["id": id, "channel": "terminal", "location": location, "staff": "S01", "service": "SV1", "nps": nps, "comment": comment]
    }

    static var comments: [[String: Any]] {
        [
            item("f1", "L01", "Очень долго ждал в очереди, ужасно"),
            item("f2", "L01", "Сотрудник нагрубил, отвратительно"),
            item("f3", "L02", "Долго ждал, это ужасно"),
            item("f4", "L01", "Спасибо, всё отлично!", nps: 10),
        ]
    }

    @Test func feedbackJSONShowsTheStoredAnalysis() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.post(client, test, Self.comments + [["id": "f5", "channel": "terminal", "location": "L01", "nps": 9]])
            try await client.execute(uri: "/api/v1/feedback/f1", method: .get, headers: test.auth) { response in
                let analysis = response.json["analysis"] as? [String: Any] ?? [:]
                #expect(analysis["label"] as? String == "negative" && analysis["lang"] as? String == "ru")
                #expect((analysis["themes"] as? [String] ?? []).contains("waiting_time"))
                #expect((analysis["score"] as? Double ?? 0) < 0)
            }
            try await client.execute(uri: "/api/v1/feedback/f5", method: .get, headers: test.auth) { response in
                #expect(response.json["analysis"] == nil, "no comment, no analysis")
            }
            try await client.execute(uri: "/api/v1/feedback?limit=10", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                let labels = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", ($0["analysis"] as? [String: Any])?["label"] as? String ?? "-") })
                #expect(labels == ["f1": "negative", "f2": "negative", "f3": "negative", "f4": "positive", "f5": "-"])
            }
            // A retry is still a duplicate (the analysis is not compared).
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": Self.comments])) { response in
                #expect(response.status == .ok)
                #expect((response.json["duplicates"] as? [String])?.count == 4)
            }
        }
    }

    @Test func taxonomyIsValidatedStoredAndUsed() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.post(client, test, [Self.item("a1", "L01", "Банкомат опять не работает, ужасно")])
            try await client.execute(uri: "/api/v1/themes", method: .get, headers: test.auth) { response in
                #expect(response.json["default"] as? Bool == true)
                let themes = response.json["themes"] as? [[String: Any]] ?? []
                #expect(themes.count == 16)
                #expect((themes.first?["stems_ru"] as? [String])?.isEmpty == false)
            }
            let bad: [String: Any] = ["themes": [["code": "atm", "name_ru": "Банкоматы", "name_en": "ATMs", "keywords_ru": ["ATM"]]]]
            try await client.execute(uri: "/api/v1/themes", method: .put, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorField == "themes[0].keywords_ru[0]")
            }
            let twice: [String: Any] = ["themes": [
                ["code": "atm", "name_ru": "Банкоматы", "name_en": "ATMs", "keywords_ru": ["банкомат"]],
                ["code": "atm", "name_ru": "Ещё", "name_en": "Again", "keywords_en": ["atm"]],
            ]]
            try await client.execute(uri: "/api/v1/themes", method: .put, headers: test.auth, body: jsonBody(twice)) { response in
                #expect(response.errorField == "themes[1].code")
            }
            let good: [String: Any] = ["themes": [
                ["code": "atm", "name_ru": "Банкоматы", "name_en": "Cash machines", "keywords_ru": ["банкомат"], "keywords_en": ["cash machine"]],
            ]]
            try await client.execute(uri: "/api/v1/themes", method: .put, headers: test.auth, body: jsonBody(good)) { response in
                #expect(response.status == .ok)
                #expect(response.json["default"] as? Bool == false)
                #expect((response.json["themes"] as? [[String: Any]])?.first?["stems_ru"] as? [String] == ["банкомат"])
            }
            await test.app.waitForReanalysis()
            try await client.execute(uri: "/api/v1/feedback/a1", method: .get, headers: test.auth) { response in
                #expect((response.json["analysis"] as? [String: Any])?["themes"] as? [String] == ["atm"], "stored comments re-analysed")
            }
            try await client.execute(
                uri: "/api/v1/text/themes", method: .post, headers: test.auth, body: jsonBody(["items": [["text": "The cash machines are broken"]]])
            ) { response in
                #expect((response.json["items"] as? [[String: Any]])?.first?["themes"] as? [String] == ["atm"])
            }
            try await client.execute(uri: "/api/v1/themes", method: .delete, headers: test.auth) { response in
                #expect(response.json["default"] as? Bool == true)
            }
            await test.app.waitForReanalysis()
        }
    }

    @Test func dissatisfactionModelByLocation() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.post(client, test, Self.comments)
            try await client.execute(uri: "/api/v1/dissatisfaction?by=location", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["by"] as? String == "location" && json["minimum_n"] as? Int == 2)
                let overall = json["overall"] as? [String: Any] ?? [:]
                #expect(overall["n"] as? Int == 3 && overall["comments"] as? Int == 4)
                let reasons = overall["reasons"] as? [[String: Any]] ?? []
                let waiting = reasons.first { $0["reason"] as? String == "waiting_time" } ?? [:]
                #expect(waiting["count"] as? Int == 2)
                #expect(abs((waiting["share"] as? Double ?? 0) - 200.0 / 3) < 0.001)
                let groups = json["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["key"] as? String } == ["L01", "L02"])
                #expect(groups.first?["name"] as? String == "Офис на Тверской")
                let l01 = (groups.first?["reasons"] as? [[String: Any]] ?? []).first { $0["reason"] as? String == "waiting_time" } ?? [:]
                #expect(groups.first?["n"] as? Int == 2 && l01["count"] as? Int == 1)
                #expect(abs((l01["share"] as? Double ?? 0) - 50) < 0.001)
                #expect(abs((l01["ci_low"] as? Double ?? 0) - 9.4531) < 0.001 && abs((l01["ci_high"] as? Double ?? 0) - 90.5469) < 0.001)
                let l02 = (groups.last?["reasons"] as? [[String: Any]] ?? []).first { $0["reason"] as? String == "waiting_time" } ?? [:]
                #expect(l02["count"] as? Int == 1 && l02["share"] is NSNull, "n = 1 is below the minimum")
                #expect((json["trend"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/dissatisfaction?by=region", method: .get, headers: test.auth) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "by")
            }
            try await client.execute(uri: "/api/v1/dissatisfaction?from=2026-13-01", method: .get, headers: test.auth) { response in
                #expect(response.errorField == "from")
            }
        }
    }

    @Test func complianceBesidePerceivedQuality() async throws {
        try await TestApp.withRouter { test, client in
            let playbooks: [String: Any] = ["items": [[
                "event": "conversation", "title_ru": "Разговор", "title_en": "Conversation", "tasks": ["Поздороваться"],
                "phrases": ["Здравствуйте|Добрый день", "Чем могу помочь"],
            ]]]
            try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(playbooks)) { response in
                #expect(response.status == .ok)
            }
            let start = Date().addingTimeInterval(-3600)
            _ = try await test.app.database.transcripts.insert([
                Transcript(id: "t1", location: "L01", staff: "S01", startedAt: start, lang: "ru",
                           turns: [.init(speaker: .staff, text: "Здравствуйте! Чем могу помочь?"), .init(speaker: .customer, text: "Вклад.")]),
                Transcript(id: "t2", location: "L01", staff: "S01", startedAt: start.addingTimeInterval(60), lang: "ru",
                           turns: [.init(speaker: .staff, text: "Добрый день."), .init(speaker: .customer, text: "Карта.")]),
            ], createMissingReferences: false)
            try await test.app.textAnalysis.catchUp()
            try await client.execute(uri: "/api/v1/compliance?by=staff", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["key"] as? String } == ["S01"])
                let compliance = groups.first?["compliance"] as? [String: Any] ?? [:]
                #expect(compliance["n"] as? Int == 2 && abs((compliance["value"] as? Double ?? 0) - 75) < 0.001, "100 and 50")
            }
            try await client.execute(uri: "/api/v1/compliance?by=service", method: .get, headers: test.auth) { response in
                #expect(response.errorField == "by")
            }
        }
    }

    @Test func pagesShowTheModelAndAddADiscoveredTheme() async throws {
        try await TestApp.withRouter { test, client in
            let atm = (1...4).map { Self.item("m\($0)", "L02", ["Банкомат не работает, ужасно", "Банкомат в отделении опять не работает.", "Банкомат не работает уже неделю, ужасно.", "Банкомат снова не работает, отвратительно"][$0 - 1]) }
            try await Self.post(client, test, Self.comments + atm)
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/dissatisfaction?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"dissatisfaction-table\"") && response.text.contains("Waiting time"))
                #expect(response.text.contains("role=\"img\""), "the chart is an image with a text alternative")
                #expect(response.text.contains("href=\"/dissatisfaction\""), "linked from the navigation")
            }
            try await client.execute(uri: "/dissatisfaction?by=staff&lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("Время ожидания"))
            }
            try await client.execute(uri: "/themes/discovered?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"discovered-table\"") && response.text.lowercased().contains("банкомат"))
            }
            let form: HTTPFields = DashboardTests.form(cookie)
            let bad = "code=Bad+Code&name_ru=%D0%91&name_en=ATM&keywords=atm"
            try await client.execute(uri: "/themes/discovered", method: .post, headers: form, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("role=\"alert\""))
            }
            let good = "code=cash&name_ru=%D0%91%D0%B0%D0%BD%D0%BA%D0%BE%D0%BC%D0%B0%D1%82%D1%8B&name_en=Cash+machines&keywords=%D0%B1%D0%B0%D0%BD%D0%BA%D0%BE%D0%BC%D0%B0%D1%82%2C+cash+machine"
            try await client.execute(uri: "/themes/discovered", method: .post, headers: form, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/themes/discovered?added=cash")
            }
            await test.app.waitForReanalysis()
            try await client.execute(uri: "/api/v1/themes", method: .get, headers: test.auth) { response in
                let themes = response.json["themes"] as? [[String: Any]] ?? []
                #expect(themes.count == 17 && themes.last?["code"] as? String == "cash")
                #expect(themes.last?["keywords_ru"] as? [String] == ["банкомат"] && themes.last?["keywords_en"] as? [String] == ["cash machine"])
            }
            try await client.execute(uri: "/api/v1/feedback/m1", method: .get, headers: test.auth) { response in
                #expect((response.json["analysis"] as? [String: Any])?["themes"] as? [String] == ["cash"])
            }
            // Without a session the form is not reachable.
            try await client.execute(uri: "/themes/discovered", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: good)) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true)
            }
        }
    }

    @Test func labelledCommentsAndTheTrainedModel() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/text/model/train", method: .post, headers: test.auth) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "labels")
            }
            let bad: [String: Any] = ["items": [["id": "x", "text": "Хорошо", "label": "great"]]]
            try await client.execute(uri: "/api/v1/text/labels", method: .post, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "items[0].label")
            }
            let items: [[String: Any]] = (0..<12).flatMap { index -> [[String: Any]] in
                [["id": "n\(index)", "text": "Опять фыва номер \(index)", "label": "negative"],
                 ["id": "p\(index)", "text": "Ролд ролд номер \(index)", "label": "positive"]]
            }
            try await client.execute(uri: "/api/v1/text/labels", method: .post, headers: test.auth, body: jsonBody(["items": items])) { response in
                #expect(response.status == .created && (response.json["inserted"] as? [String])?.count == 24)
            }
            try await client.execute(uri: "/api/v1/text/labels", method: .get, headers: test.auth) { response in
                #expect(response.json["total"] as? Int == 24 && response.json["negative"] as? Int == 12)
            }
            try await client.execute(uri: "/api/v1/text/model/train", method: .post, headers: test.auth) { response in
                #expect(response.status == .ok && response.json["texts"] as? Int == 24)
            }
            await test.app.waitForReanalysis()
            try await client.execute(uri: "/api/v1/text/model", method: .get, headers: test.auth) { response in
                #expect(response.json["classes"] as? [String] == ["negative", "positive"])
            }
            try await client.execute(uri: "/api/v1/text/model", method: .delete, headers: test.auth) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/text/model", method: .get, headers: test.auth) { response in
                #expect(response.status == .notFound)
            }
            await test.app.waitForReanalysis()
        }
    }

    @Test func commentsStoredWithoutAnalysisAreAnalysedAtStart() async throws {
        let test = try await TestApp.make()
        let path = test.directory.appendingPathComponent("test.sqlite").path
        _ = try await test.app.database.feedback.insert(
            [Feedback(id: "old", ts: Date(), channel: .terminal, kind: .informative, location: "L01", nps: 2, comment: "Очень долго ждал, ужасно"),
             Feedback(id: "atm1", ts: Date(), channel: .terminal, kind: .informative, location: "L01", nps: 2, comment: "Банкомат не работает")],
            createMissingReferences: false)
        try await test.app.database.sql.execute("DELETE FROM comment_analysis WHERE feedback_id = 'old'")
        // A taxonomy change whose re-analysis never ran (the server stopped): finished at the next start.
        try await test.app.database.texts.replaceTaxonomy(try ThemeTaxonomy.validate(themes: [
            ("atm", "Банкоматы", "Cash machines", ["банкомат"], []), ("waiting_time", "Ожидание", "Waiting", ["ждал", "долго"], []),
        ]))
        try await test.app.database.close()
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        let reopened = try await OtklikApp.open(AppConfiguration(databaseURL: "sqlite:\(path)", port: 0, minimumN: 2), logger: logger)
        let analysis = try await reopened.database.texts.analyses(feedbackIDs: ["old"])["old"]
        #expect(analysis?.label == .negative && analysis?.themes == ["waiting_time"])
        #expect(try await reopened.database.texts.analyses(feedbackIDs: ["atm1"])["atm1"]?.themes == ["atm"])
        #expect(try await reopened.database.texts.reanalysisPending() == false)
        try await reopened.database.close()
        try? FileManager.default.removeItem(at: test.directory)
    }

    @Test func staffLabelCommentsInTheInterface() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.post(client, test, Self.comments)
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/comments/label?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("id=\"labels-table\"") && response.text.contains("Долго ждал"))
            }
            try await client.execute(uri: "/comments/label?label=positive&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Спасибо") && !response.text.contains("Долго ждал"))
            }
            let form: HTTPFields = DashboardTests.form(cookie)
            try await client.execute(uri: "/comments/label", method: .post, headers: form, body: ByteBuffer(string: "id=f3&label=neutral")) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/comments/label?saved=f3")
            }
            try await client.execute(uri: "/comments/label", method: .post, headers: form, body: ByteBuffer(string: "id=f3&label=negative")) { response in
                #expect(response.status == .seeOther, "a correction replaces the label")
            }
            try await client.execute(uri: "/api/v1/text/labels", method: .get, headers: test.auth) { response in
                #expect(response.json["total"] as? Int == 1 && response.json["negative"] as? Int == 1)
            }
            try await client.execute(uri: "/comments/label", method: .post, headers: form, body: ByteBuffer(string: "id=nope&label=negative")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/comments/label/train?lang=en", method: .post, headers: form, body: ByteBuffer(string: "")) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("role=\"alert\""), "too few labels to train")
            }
        }
    }
}
