import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Issue 20 item 4 through the HTTP API and the pages: PUT creates, then is unchanged, then replaces; a bad field is a
/// 422 naming its path; the stages' figures on a small stream whose numbers are worked out by hand; both pages in
/// Russian and English with the map's SVG and its table.
@Suite struct JourneyAPITests {
    static let t0 = ISO8601DateFormatter().date(from: "2026-03-02T09:00:00Z")!

    static var body: [String: Any] {
        [
        "name_ru": "Получение услуги", "name_en": "Getting a service", "owner": ["kind": "staff", "id": "S01"],
        "north_star": "Заявка за 10 минут", "satisfaction_target": 90,
        "stages": [
            [
                "code": "apply", "name_ru": "Заявка", "name_en": "Apply", "expectation": "Онлайн",
                "touchpoints": [["channel": "web", "service": "SV1"]], "bindings": [["source": "request", "statuses": ["open"]]],
            ],
            [
                "code": "visit", "name_ru": "Визит", "name_en": "Visit", "touchpoints": [["channel": "terminal"]],
                "bindings": [["source": "feedback", "channels": ["terminal"]]],
            ],
        ],
        ]
    }

    @Test func putGetListAndFigures() async throws {
        try await TestApp.withRouter { test, client in
            for (expected, result) in [(HTTPResponse.Status.created, "created"), (.ok, "unchanged")] {
                try await client.execute(uri: "/api/v1/journeys/getting-service", method: .put, headers: test.auth, body: jsonBody(Self.body)) { response in
                    #expect(response.status == expected, "\(response.text)")
                    #expect(response.json["result"] as? String == result)
                }
            }
            var bad = Self.body
            bad["stages"] = [["code": "apply", "name_ru": "Заявка", "bindings": [["source": "request", "statuses": ["lost"]]]]]
            try await client.execute(uri: "/api/v1/journeys/getting-service", method: .put, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorField == "stages[0].bindings[0].statuses[0]", "\(response.text)")
            }
            bad = Self.body
            bad["stages"] = [["code": "apply", "name_ru": "Заявка", "touchpoints": [["channel": "pigeon"]]]]
            try await client.execute(uri: "/api/v1/journeys/getting-service", method: .put, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "stages[0].touchpoints[0].channel", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/journeys/nope", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/journeys", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["code"] as? String == "getting-service")
                #expect(((items.first?["stages"] as? [[String: Any]])?.first?["touchpoints"] as? [[String: Any]])?.first?["service"] as? String == "SV1")
            }

            // Three customers apply on day 0; C1 and C2 visit the next day and rate (CSAT 5 and 2), C3 never comes.
            let day = 86_400.0
            _ = try await test.app.database.process.insert(
                ["C1", "C2", "C3"].enumerated().map { index, customer in
                    ServiceRequest(id: "r\(index)", service: "SV1", channel: .web, customer: customer, submittedAt: Self.t0.addingTimeInterval(Double(index) * 3600), status: .open)
                }, createMissingReferences: true)
            _ = try await test.app.ingest.ingest([
                Feedback(id: "f1", ts: Self.t0.addingTimeInterval(day), channel: .terminal, kind: .informative, location: "L01", customer: "C1", csat: 5),
                Feedback(id: "f2", ts: Self.t0.addingTimeInterval(day + 3600), channel: .terminal, kind: .informative, location: "L01", customer: "C2", csat: 2),
            ])
            let query = "from=2026-03-01&to=2026-03-31&as_of=2026-06-01T00:00:00Z"
            try await client.execute(uri: "/api/v1/journeys/getting-service/stages?\(query)", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                let json = response.json
                #expect(json["minimum_n"] as? Int == 2 && json["window_days"] as? Int == 30 && json["as_of"] as? String == "2026-06-01T00:00:00.000Z")
                let stages = json["stages"] as? [[String: Any]] ?? []
                #expect(stages.map { $0["code"] as? String } == ["apply", "visit"])
                #expect(stages.first?["volume"] as? Int == 3 && stages.last?["volume"] as? Int == 2)
                // Drop-off at apply: C3 of three; each who went on took 24 h (C1, 24 h; C2, 24 h): median 24.
                let drop = stages.first?["drop_off"] as? [String: Any] ?? [:]
                #expect(drop["n"] as? Int == 3 && drop["count"] as? Int == 1 && abs((drop["value"] as? Double ?? 0) - 100.0 / 3) < 1e-9)
                let hours = stages.first?["hours_to_next"] as? [String: Any] ?? [:]
                #expect(hours["n"] as? Int == 2 && hours["value"] as? Double == 24)
                let csat = stages.last?["satisfaction"] as? [String: Any] ?? [:]
                #expect(csat["n"] as? Int == 2 && csat["value"] as? Double == 50)
                #expect(stages.last?["drop_off"] == nil, "the last stage has no drop-off")
                let gaps = json["gaps"] as? [[String: Any]] ?? []
                #expect(gaps.count == 1 && gaps.first?["stage"] as? String == "visit" && gaps.first?["gap"] as? Double == 40)
                let paths = json["paths"] as? [String: Any] ?? [:]
                #expect(paths["customers"] as? Int == 3 && paths["customers_with_two_or_more"] as? Int == 2)
                let edges = paths["edges"] as? [[String: Any]] ?? []
                #expect(edges.count == 1 && edges.first?["from"] as? String == "apply" && edges.first?["count"] as? Int == 2)
                #expect((json["definitions"] as? [String: String])?["drop_off"]?.contains("Wilson") == true)
            }
            try await client.execute(uri: "/api/v1/journeys/getting-service/stages?from=2026-04-01&to=2026-03-01", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "from")
            }

            // The pages, signed in, in both languages.
            let cookie = try #require(try await DashboardTests.login(client))
            for (language, heading) in [("ru", "Карта пути"), ("en", "Journey map")] {
                try await client.execute(uri: "/journeys?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("href=\"/journeys/getting-service\""))
                }
                try await client.execute(uri: "/journeys/getting-service?lang=\(language)&from=2026-03-01&to=2026-03-31", method: .get, headers: [.cookie: cookie]) {
                    response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(heading) && html.contains("<svg class=\"journey-map\"") && html.contains("<desc id=\"journey-map-desc\">"))
                    #expect(html.contains("id=\"journey-map-table\"") && html.contains("n = 2") && html.contains(language == "ru" ? "50,0 %" : "50.0 %"))
                    #expect(PageNilTests.leaks(html).isEmpty)
                    // The period in the page's language, not as ISO dates.
                    #expect(html.contains(language == "ru" ? "1 мар. 2026 – 31 мар. 2026" : "1 Mar 2026 – 31 Mar 2026"))
                }
            }
            // An initiative names stages of the journey in its scope; the initiative page lists them as descriptive.
            let initiative: [String: Any] = [
                "id": "queue", "title": "Очередь", "owner": "Ирина", "goal_metric": "csat", "locations": ["L01"], "start": "2026-03-01",
                "journey_stages": ["getting-service/visit"],
            ]
            try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(initiative)) {
                #expect($0.status == .created, "\($0.text)")
            }
            try await client.execute(uri: "/api/v1/initiatives/queue", method: .get, headers: test.auth) {
                #expect($0.json["journey_stages"] as? [String] == ["getting-service/visit"])
            }
            var unknown = initiative
            unknown["id"] = "other"
            unknown["journey_stages"] = ["getting-service/nowhere"]
            try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(unknown)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[0].journey_stages", "\($0.text)")
            }
            try await client.execute(uri: "/initiatives/queue?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("id=\"initiative-journey-stages\"") && response.text.contains("href=\"/journeys/getting-service\""))
                #expect(response.text.contains("is not narrowed to the feedback bound to these stages"))
            }
            try await client.execute(uri: "/journeys/getting-service?from=bad", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.text.contains("id=\"journey-error\""))
            }
        }
    }
}
