import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Issue 23 item 4, end to end: a generated stream goes through the store and the analytics engine; the API and the
/// pages measure each initiative's effect. The figures are those of `python3 scripts/reference/initiative_did.py`
/// (seed 7919): the planted +8 NPS points are recovered as 6.800000 [0.917146; 12.682854] and the initiative without
/// an effect measures −0.333333 [−6.262944; 5.596277].
@Suite struct InitiativeEffectTests {
    static let day0 = ISO8601DateFormatter().date(from: "2026-01-01T12:00:00Z")!

    /// The script's stream as feedback: service SV1 carries the planted effect, SV2 the same draws without it.
    static func stream(planted: Bool, service: String) -> [Feedback] {
        var state: UInt64 = 7919
        var items: [Feedback] = []
        for day in 0..<60 {
            for location in 1...10 {
                for k in 0..<20 {
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    let u = Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
                    var p = 0.40 + 0.01 * Double(location) + 0.002 * Double(day)
                    var d = 0.30 - 0.005 * Double(location) - 0.001 * Double(day)
                    if planted && location <= 5 && day >= 30 {
                        p += 0.04
                        d -= 0.04
                    }
                    let code = String(format: "L%02d", location)
                    items.append(Feedback(
                        id: "\(service)-\(code)-\(day)-\(k)", ts: day0.addingTimeInterval(Double(day) * 86_400 + Double(k) * 60), channel: .terminal,
                        kind: .surveyResponse, location: code, service: service, nps: u < p ? 10 : (u < p + d ? 3 : 8)))
                }
            }
        }
        return items
    }

    static func seed(_ test: TestApp) async throws {
        for location in 3...10 {
            let code = String(format: "L%02d", location)
            try await test.app.database.reference.save(Location(code: code, name: "Офис \(location)", region: "R1"))
            try await test.app.analytics.setRegion("R1", ofLocation: code)
        }
        try await test.app.database.reference.save(Service(code: "SV2", name: "Кредит"))
        let all = stream(planted: true, service: "SV1") + stream(planted: false, service: "SV2")
        for start in stride(from: 0, to: all.count, by: 1_000) {
            _ = try await test.app.ingest.ingest(Array(all[start..<min(start + 1_000, all.count)]))
        }
    }

    static func initiative(_ id: String, service: String, budget: Int, locations: [String] = ["L01", "L02", "L03", "L04", "L05"]) -> [String: Any] {
        [
            "id": id, "title": "Очередь по записи (\(service))", "owner": "Ирина", "goal_metric": "nps",
            "locations": locations, "services": [service], "budget": budget,
            "start": "2026-01-31T00:00:00Z", "end": "2026-03-02T00:00:00Z", "themes": ["queue"],
        ]
    }

    static func close(_ value: Any?, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let number = value as? Double else { return false }
        return abs(number - expected) < tolerance
    }

    @Test func recoversThePlantedEffectThroughTheAPIAndThePages() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seed(test)
            for (item, expected) in [(Self.initiative("planted", service: "SV1", budget: 2_000_000), HTTPResponse.Status.created),
                                     (Self.initiative("none", service: "SV2", budget: 500_000), .created),
                                     (Self.initiative("planted", service: "SV1", budget: 2_000_000), .ok)] {
                try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(item)) {
                    #expect($0.status == expected, "\($0.text)")
                }
            }
            try await client.execute(uri: "/api/v1/initiatives/planted", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let effect = try #require(response.json["effect"] as? [String: Any])
                #expect(effect["status"] as? String == "measured")
                #expect(Self.close(effect["estimate"], 6.8), "\(effect)")
                #expect(Self.close(effect["standard_error"], 3.001511))
                #expect(Self.close(effect["ci_low"], 0.917146) && Self.close(effect["ci_high"], 12.682854), "covers +8, excludes 0")
                #expect(effect["control_locations"] as? [String] == ["L06", "L07", "L08", "L09", "L10"])
                let cells = try #require(effect["cells"] as? [String: [String: Any]])
                for name in ["treated_before", "treated_after", "control_before", "control_after"] { #expect(cells[name]?["n"] as? Int == 3000) }
                #expect(Self.close(cells["treated_before"]?["value"], 20.2333, 1e-4) && Self.close(cells["control_after"]?["value"], 33.2, 1e-9))
                #expect(Self.close(effect["improvement_per_100k"], 0.34), "6.8 per 2,000,000 = 0.34 per 100,000")
                #expect(effect["before_from"] as? String == "2026-01-01T00:00:00.000Z" && effect["after_to"] as? String == "2026-03-02T00:00:00.000Z")
            }
            try await client.execute(uri: "/api/v1/initiatives/none", method: .get, headers: test.auth) { response in
                let effect = try #require(response.json["effect"] as? [String: Any])
                #expect(Self.close(effect["estimate"], -0.333333) && Self.close(effect["ci_low"], -6.262944) && Self.close(effect["ci_high"], 5.596277))
            }
            try await client.execute(uri: "/api/v1/initiatives/portfolio", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? String } == ["planted", "none"])
                #expect(items[0]["rank"] as? Int == 1 && items[0]["verdict"] as? String == "ranked")
                #expect(items[1]["rank"] == nil && items[1]["verdict"] as? String == "interval_spans_zero")
            }
            let cookie = try #require(try await DashboardTests.login(client))
            for language in ["ru", "en"] {
                let decimal = { (figure: String) in language == "ru" ? figure.replacingOccurrences(of: ".", with: ",") : figure }
                try await client.execute(uri: "/initiatives?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let unit = language == "ru" ? "п. NPS" : "NPS points"
                    #expect(response.text.contains(decimal("+6.8") + " \(unit) " + decimal("[0.9; 12.7]")), "\(response.text)")
                    #expect(response.text.contains(decimal("−0.3") + " \(unit) " + decimal("[-6.3; 5.6]")))
                    #expect(response.text.contains("6000 / 6000"))
                    #expect(!response.text.contains("Optional(") && !response.text.contains("nil"))
                }
                try await client.execute(uri: "/initiatives/planted?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("n = 3000"))
                    #expect(response.text.contains(decimal("20.2 <span class=\"ci\">[17.3; 23.2]</span>")), "the scope's before-cell with its interval")
                    #expect(response.text.contains("2026-01-01 – 2026-01-30") || response.text.contains("2026-01-01 – 2026-01-31"))
                }
            }
        }
    }

    @Test func theAPIRefusesBadInitiativesClearly() async throws {
        try await TestApp.withRouter { test, client in
            var item = Self.initiative("a1", service: "SV1", budget: 100, locations: ["L01"])
            try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(item)) { #expect($0.status == .created) }
            item["budget"] = 200
            try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(item)) { response in
                #expect(response.status == .conflict && response.errorField == "items[0].id", "\(response.text)")
            }
            for (field, value, expected) in [("goal_metric", "revenue" as Any, "items[0].goal_metric"), ("locations", ["NOPE"] as Any, "items[0].locations"),
                                             ("start", "2026-02-30" as Any, "items[0].start"), ("themes", ["no_such"] as Any, "items[0].themes"),
                                             ("end", "2026-01-01" as Any, "items[0].end"), ("control", "north" as Any, "items[0].control")] {
                var bad = Self.initiative("b-\(field)", service: "SV1", budget: 1, locations: ["L01"])
                bad[field] = value
                try await client.execute(uri: "/api/v1/initiatives", method: .post, headers: test.auth, body: jsonBody(bad)) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == expected, "\(field): \(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/initiatives/none-such", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/initiatives", method: .get, headers: [:]) { #expect($0.status == .unauthorized) }
            // Without answers in its periods an initiative is not measured and not ranked.
            try await client.execute(uri: "/api/v1/initiatives", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.count == 1 && (items[0]["effect"] as? [String: Any])?["status"] as? String == "insufficient")
                #expect((items[0]["effect"] as? [String: Any])?["control_locations"] as? [String] == ["L02"])
            }
        }
    }

    @Test func aManagerRegistersAnInitiativeOnThePage() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let body = "id=web-1&title=%D0%9E%D1%87%D0%B5%D1%80%D0%B5%D0%B4%D1%8C&owner=Anna&goal_metric=csat&budget=300+000&start=2026-02-01&end="
                + "&control=all&locations=L01&services=SV1&themes=queue"
            try await client.execute(uri: "/initiatives", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/initiatives/web-1", "\(response.text)")
            }
            let stored = try #require(try await test.app.initiatives.repository.initiative(id: "web-1"))
            #expect(stored.budget == 300_000 && stored.control == .all && stored.locations == ["L01"] && stored.goalMetric == "csat" && stored.end == nil)
            // A bad form comes back with the reason and the values kept.
            try await client.execute(
                uri: "/initiatives?lang=en", method: .post, headers: DashboardTests.form(cookie),
                body: ByteBuffer(string: "id=web-2&title=X&owner=Anna&goal_metric=nps&start=2026-02-01&budget=5")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Tick at least one location of the scope"), "\(response.text)")
                #expect(response.text.contains("value=\"web-2\""))
            }
            let localizer = try Localizer(defaultLanguage: "ru")
            let foreign = ["ru": PageLanguageTests.sentences(of: "en", localizer: localizer), "en": PageLanguageTests.sentences(of: "ru", localizer: localizer)]
            #expect(foreign["ru"]!.contains("the interval spans zero"), "the feature's own file is read")
            for language in ["ru", "en"] {
                try await client.execute(uri: "/initiatives/web-1?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains(language == "ru" ? "Слишком мало ответов" : "Too few answers"))
                    #expect(response.text.contains("300\u{202F}000"))
                }
                for uri in ["/initiatives", "/initiatives/web-1"] {
                    try await client.execute(uri: "\(uri)?lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                        let visible = PageLanguageTests.visible(response.text)
                        let found = foreign[language]!.filter { visible.contains($0) }
                        #expect(found.isEmpty, "\(uri) \(language): \(found)")
                        #expect(!visible.contains("Optional(") && !visible.contains(" nil"))
                    }
                }
            }
        }
    }
}
