import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

@testable import OtklikServer

/// The red-press alert through HTTP: a press of a console's lowest button opens exactly one alert, a retried batch
/// none more; the public form's low score without a contact opens one, with a contact a case instead; the API
/// acknowledges and closes; the staff page shows it with the playbook in both languages, and closes it by form.
@Suite struct RedPressAlertTests {
    static func device(_ test: TestApp, _ client: any TestClientProtocol) async throws -> HTTPFields {
        let token = try await test.app.database.devices.register(Device(code: "BTN-R", kind: .buttonConsole, location: "L01", staff: "S01"))
        return [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    @Test func aPressOpensExactlyOneAlertAndARetriedBatchNoneMore() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.playbooks.replaceAll([
                Playbook(event: "negative_press", titleRu: "Клиент нажал красную кнопку", titleEn: "The customer pressed the red button",
                         tasks: ["Дать возможность высказаться"], phrases: ["Искренне приношу свои извинения"]),
            ])
            let headers = try await Self.device(test, client)
            let batch = ButtonConsoleTests.batch([(1, 3, "negative"), (2, 2, "positive"), (3, 1, "negative")])
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(batch)) { #expect($0.status == .created) }
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(batch)) { #expect($0.status == .ok) }
            var ids: [String] = []
            try await client.execute(uri: "/api/v1/alerts?status=open", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 2, "two negative presses, each one alert, none more for the retried batch")
                #expect(Set(items.compactMap { $0["feedback_id"] as? String }) == ["BTN-R.0.1", "BTN-R.0.3"])
                #expect(items.allSatisfy { $0["location"] as? String == "L01" && $0["staff"] as? String == "S01" && $0["event"] as? String == "negative_press" })
                let playbook = (response.json["playbooks"] as? [String: Any])?["negative_press"] as? [String: Any]
                #expect(playbook?["tasks"] as? [String] == ["Дать возможность высказаться"])
                ids = items.compactMap { $0["id"] as? String }
            }
            #expect(try await SQLAlertRepository(database: test.app.database.sql).alerts(locations: nil, openOnly: false, from: nil, to: nil, limit: 10).count == 2)
            // A third delivery of the same batch after a while: still two.
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(batch)) { #expect($0.json["duplicates"] as? Int == 3) }
            #expect(try await SQLAlertRepository(database: test.app.database.sql).alerts(locations: nil, openOnly: false, from: nil, to: nil, limit: 10).count == 2)

            let first = try #require(ids.first)
            try await client.execute(uri: "/api/v1/alerts/\(first)", method: .get, headers: test.auth) {
                #expect(($0.json["playbook"] as? [String: Any])?["phrases"] as? [String] == ["Искренне приношу свои извинения"])
            }
            try await client.execute(uri: "/api/v1/alerts/\(first)/acknowledge", method: .post, headers: test.auth, body: jsonBody(["by": "S01"])) {
                #expect($0.status == .ok && $0.json["acknowledged_by"] as? String == "S01" && $0.json["acknowledged_at"] != nil)
            }
            try await client.execute(uri: "/api/v1/alerts/\(first)/close", method: .post, headers: test.auth, body: jsonBody(["by": "S01", "action": "x", "outcome": "maybe"])) {
                #expect($0.status == .unprocessableContent && $0.errorField == "outcome")
            }
            try await client.execute(uri: "/api/v1/alerts/\(first)/close", method: .post, headers: test.auth, body: jsonBody(["by": "S01", "action": "", "outcome": "turned_round"])) {
                #expect($0.status == .unprocessableContent && $0.errorField == "action")
            }
            try await client.execute(
                uri: "/api/v1/alerts/\(first)/close", method: .post, headers: test.auth,
                body: jsonBody(["by": "S01", "action": "Выслушала, оформили заново", "outcome": "turned_round"])
            ) { #expect($0.status == .ok && $0.json["outcome"] as? String == "turned_round" && $0.json["closed_at"] != nil) }
            try await client.execute(
                uri: "/api/v1/alerts/\(first)/close", method: .post, headers: test.auth, body: jsonBody(["by": "S02", "action": "другое", "outcome": "customer_gone"])
            ) { #expect($0.status == .conflict && $0.errorCode == "conflict") }
            try await client.execute(uri: "/api/v1/alerts/alr_nope", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/alerts/reaction", method: .get, headers: test.auth) { response in
                let report = response.json["report"] as? [String: Any]
                let overall = report?["overall"] as? [String: Any]
                #expect(overall?["opened"] as? Int == 2 && overall?["n"] as? Int == 1 && overall?["unanswered"] as? Int == 1)
                #expect((report?["definition"] as? String)?.contains("median") == true)
            }
            try await client.execute(uri: "/api/v1/alerts?status=bogus", method: .get, headers: test.auth) { #expect($0.errorField == "status") }
        }
    }

    @Test func theFormsLowScoreWithoutAContactOpensAnAlertWithOneACase() async throws {
        try await TestApp.withRouter { test, client in
            let now = Date()
            _ = try await test.app.ingest.ingest([
                Feedback(id: "w1", ts: now, channel: .web, kind: .informative, location: "L02", nps: 3),
                Feedback(id: "w2", ts: now, channel: .web, kind: .informative, location: "L02", nps: 3, contact: "client@example.ru"),
                Feedback(id: "w3", ts: now, channel: .web, kind: .informative, location: "L02", csat: 2),
                Feedback(id: "w4", ts: now, channel: .web, kind: .informative, location: "L02", csat: 3),
            ], now: now)
            let alerts = try await SQLAlertRepository(database: test.app.database.sql).alerts(locations: ["L02"], openOnly: true, from: nil, to: nil, limit: 10)
            #expect(Set(alerts.map(\.feedbackId)) == ["w1", "w3"])
            #expect(try await test.app.database.cases.cases(.init(limit: 10)).map(\.feedbackId) == ["w2"])
        }
    }

    @Test func theStaffPageShowsTheAlertAndClosesItInBothLanguages() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.playbooks.replaceAll([
                Playbook(event: "negative_press", titleRu: "Клиент нажал красную кнопку", titleEn: "The customer pressed the red button",
                         tasks: ["Дать возможность высказаться"], phrases: []),
            ])
            let headers = try await Self.device(test, client)
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(ButtonConsoleTests.batch([(7, 1, "negative")]))) {
                #expect($0.status == .created)
            }
            let cookie = try #require(try await DashboardTests.login(client))
            let localizer = try Localizer(defaultLanguage: "ru")
            var alertId = ""
            for language in ["ru", "en"] {
                let foreign = PageLanguageTests.sentences(of: language == "ru" ? "en" : "ru", localizer: localizer)
                for uri in ["/alerts", "/alerts/live"] {
                    try await client.execute(uri: "\(uri)?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .ok)
                        let text = PageLanguageTests.visible(response.text)
                        #expect(text.contains(language == "ru" ? "Красная кнопка" : "Red button"))
                        #expect(text.contains("Дать возможность высказаться"), "the playbook's task")
                        #expect(text.contains("Офис на Тверской"), "the location by name")
                        #expect(!text.contains("nil") && !text.contains("Optional("))
                        let leaks = foreign.filter { text.contains($0) }.sorted()
                        #expect(leaks.isEmpty, "\(uri) in \(language): \(leaks.prefix(5))")
                        #expect(response.text.contains("name=\"csrf\""), "the forms carry the anti-forgery token")
                        if let range = response.text.range(of: #"action="/alerts/alr_[A-Za-z0-9]+/close"#, options: .regularExpression) {
                            alertId = String(response.text[range].dropFirst("action=\"/alerts/".count).dropLast("/close".count))
                        }
                    }
                }
            }
            #expect(alertId.hasPrefix("alr_"))
            try await client.execute(
                uri: "/alerts/\(alertId)/close?location=L01", method: .post, headers: DashboardTests.form(cookie),
                body: SurveyEditorPageTests.body(["action": "Поговорили, клиент доволен", "outcome": "turned_round"])
            ) { #expect($0.status == .seeOther && $0.headers[.location] == "/alerts?location=L01", "back to the list the form was on") }
            let closed = try #require(try await SQLAlertRepository(database: test.app.database.sql).alert(id: alertId))
            #expect(closed.outcome == .turnedRound && closed.closedBy == "manager" && closed.action == "Поговорили, клиент доволен")
            try await client.execute(uri: "/alerts?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                let text = PageLanguageTests.visible(response.text)
                #expect(text.contains("Открытых тревог нет") && text.contains("Ситуацию удалось перевернуть"))
            }
        }
    }
}
