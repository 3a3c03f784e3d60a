import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Issue 23 item 1 through HTTP: a checklist, a plan, results from the API and from the shopper's form (session and
/// anti-forgery header, as the offline queue sends them), scores with n and intervals, pages in both languages.
@Suite struct MysteryShoppingAPITests {
    static var checklist: [String: Any] { [
        "title": "Стандарт обслуживания",
        "items": [
            ["code": "greet", "text": "Поздоровался", "weight": 2, "required_phrase": "Здравствуйте!"],
            ["code": "listen", "text": "Выслушал", "weight": 1],
            ["code": "tidy", "text": "Порядок в зале", "weight": 1, "kind": "score", "max_score": 4, "photo": true],
        ],
    ] }

    @Test func planReportAndScore() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            try await client.execute(uri: "/api/v1/mystery/checklists/std", method: .put, headers: test.auth, body: jsonBody(Self.checklist)) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect((response.json["items"] as? [[String: Any]])?.count == 3)
            }
            let now = Date()
            let from = Timestamp.format(now.addingTimeInterval(-86_400)), to = Timestamp.format(now.addingTimeInterval(6 * 86_400))
            let plan: [String: Any] = ["items": [
                ["id": "v1", "checklist": "std", "location": "L01", "channel": "visit", "from": from, "to": to],
                ["id": "v2", "checklist": "std", "location": "L01", "channel": "call", "from": from, "to": to],
                ["id": "v3", "checklist": "std", "location": "L02", "channel": "visit", "from": from, "to": to],
            ]]
            try await client.execute(uri: "/api/v1/mystery/visits", method: .post, headers: test.auth, body: jsonBody(plan)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/mystery/visits", method: .post, headers: test.auth, body: jsonBody(plan)) { #expect($0.status == .ok) }
            let results: [[String: Any]] = [
                ["visit": "v1", "shopper": "Ольга", "staff": "S01", "answers": ["greet": 1, "listen": 0, "tidy": 3]],  // 68.75
                ["visit": "v2", "shopper": "Ольга", "staff": "S01", "answers": ["greet": 1, "listen": 1, "tidy": 4]],  // 100
            ]
            for result in results {
                try await client.execute(uri: "/api/v1/mystery/results", method: .post, headers: test.auth, body: jsonBody(result)) { response in
                    #expect(response.status == .created, "\(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/mystery/results", method: .post, headers: test.auth, body: jsonBody(["visit": "v2", "shopper": "Ольга", "answers": ["greet": 9]])) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "answers.greet", "\(response.text)")
            }
            // The shopper's form: signed in, JSON with the session's anti-forgery token in a header; sent twice, stored once.
            let cookie = try #require(try await DashboardTests.login(client))
            var headers = DashboardTests.form(cookie)
            headers[.contentType] = "application/json"
            let offline: [String: Any] = ["visit": "v3", "at": Timestamp.format(now.addingTimeInterval(-600)), "answers": ["greet": 0, "listen": 1, "tidy": 2]]  // 100·(0+1+0.5)/4 = 37.5
            try await client.execute(uri: "/mystery/results", method: .post, headers: headers, body: jsonBody(offline)) { response in
                #expect(response.status == .created && response.json["score"] as? Double == 37.5, "\(response.text)")
            }
            try await client.execute(uri: "/mystery/results", method: .post, headers: headers, body: jsonBody(offline)) { #expect($0.status == .ok) }
            var noToken = headers
            noToken[HTTPField.Name(CSRFToken.header)!] = nil
            try await client.execute(uri: "/mystery/results", method: .post, headers: noToken, body: jsonBody(offline)) { #expect($0.status == .forbidden) }

            try await client.execute(uri: "/api/v1/mystery/scores?by=location", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["key"] as? String } == ["L01", "L02"])
                let l01 = try #require(items[0]["score"] as? [String: Any])
                #expect(l01["n"] as? Int == 2 && l01["value"] as? Double == 84.375, "\(l01)")
                // mean 84.375, s = 22.0971, t(0.975, 1) = 12.7062: half-width 198.53 → clamped [0; 100]
                #expect(l01["ci_low"] as? Double == 0 && l01["ci_high"] as? Double == 100)
                #expect((response.json["definition"] as? String)?.contains("Student's t") == true)
            }
            try await client.execute(uri: "/api/v1/mystery/scores?by=item", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                let greet = try #require(items.first { $0["key"] as? String == "greet" }?["score"] as? [String: Any])
                #expect(greet["n"] as? Int == 3 && abs((greet["value"] as? Double ?? 0) - 200.0 / 3) < 1e-9)
            }
            try await client.execute(uri: "/api/v1/mystery/scores?by=staff", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.map { $0["key"] as? String } == ["S01"])
            }
            try await client.execute(uri: "/api/v1/mystery/scores?by=region", method: .get, headers: test.auth) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/mystery/visits", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.compactMap { $0["reported"] as? Bool } == [true, true, true])
            }
            let localizer = try Localizer(defaultLanguage: "ru")
            let foreign = ["ru": PageLanguageTests.sentences(of: "en", localizer: localizer), "en": PageLanguageTests.sentences(of: "ru", localizer: localizer)]
            for language in ["ru", "en"] {
                for uri in ["/mystery", "/mystery/visits/v1"] {
                    try await client.execute(uri: "\(uri)?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .ok)
                        let visible = PageLanguageTests.visible(response.text)
                        #expect(foreign[language]!.filter { visible.contains($0) }.isEmpty, "\(uri) \(language)")
                        #expect(!visible.contains("Optional(") && !visible.contains(" nil"))
                        if uri == "/mystery" {
                            let figure = language == "ru" ? "84,4 <span class=\"ci\">[0,0; 100,0]</span>" : "84.4 <span class=\"ci\">[0.0; 100.0]</span>"
                            #expect(response.text.contains(figure), "\(response.text)")
                            #expect(response.text.contains("n = 3"), "the week's three checks on the time axis")
                        } else {
                            #expect(response.text.contains("Здравствуйте!") && response.text.contains("/static/mystery.js"))
                        }
                    }
                }
            }
        }
    }
}
