import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Segments and personas over HTTP (issue 18 item 7) on a generated population with a planted churn signal: a list of
/// definitions is all or nothing with the field named; a segment's size and NPS match a count made straight in SQL; a
/// segment under the minimum size shows no figures but says why; personas cover every customer who bought; the
/// `/segments` page in both languages, and the churn section on the customer page.
@Suite struct SegmentsAPITests {
    static let definitions = """
        {"segments": [
         {"code": "complainers", "name_ru": "Жаловались", "name_en": "Complained", "rules": [{"attribute": "complaints", "op": "gte", "value": 1}]},
         {"code": "tiny", "name_ru": "Очень много покупок", "name_en": "Very many purchases", "rules": [{"attribute": "purchases", "op": "gte", "value": 1000}]},
         {"code": "at-risk", "name_ru": "Под риском", "name_en": "At risk", "rules": [{"attribute": "churn_band", "op": "in", "value": ["medium", "high"]}]}
        ]}
        """

    @Test func segmentsPersonasAndPages() async throws {
        try await TestApp.withRouter { test, client in
            // Written up to a minute ago, not to the end of today: segments are evaluated as of now, and feedback stamped
            // later today would be left out of them but not out of the counts below (CI failed on 352 against 353).
            try await PlantedChurnPopulation(asOf: Date().addingTimeInterval(-60), customers: 400).write(test.app.database)
            // Promoters among them, so the NPS is not all detractors.
            let now = Date()
            let promoters = (0..<120).map { i in
                Feedback(id: "prom-\(i)", ts: now.addingTimeInterval(-Double(i + 1) * 3_600), channel: .web, kind: .informative,
                         customer: String(format: "P%05d", i * 3), nps: 9 + i % 2)
            }
            _ = try await test.app.database.feedback.insert(promoters, createMissingReferences: true)

            let bad = #"{"segments": [{"code": "ok", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "purchases", "op": "gte", "value": 1}]}, {"code": "bad", "name_ru": "x", "name_en": "x", "rules": [{"attribute": "shoe_size", "op": "gte", "value": 1}]}]}"#
            try await client.execute(uri: "/api/v1/segments", method: .put, headers: test.auth, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "segments[1].rules[0].attribute", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/segments", method: .get, headers: test.auth) { response in
                #expect((response.json["segments"] as? [Any])?.isEmpty == true, "nothing of a refused list is written")
            }
            for _ in 0..<2 {  // a retry changes nothing
                try await client.execute(uri: "/api/v1/segments", method: .put, headers: test.auth, body: ByteBuffer(string: Self.definitions)) { response in
                    #expect(response.status == .ok && response.json["defined"] as? [String] == ["complainers", "tiny", "at-risk"], "\(response.text)")
                }
            }
            // The independent count: customers with a complaint, and the NPS of all their feedback, straight in SQL.
            let sql = test.app.database.sql
            let complainers = try await sql.query("SELECT COUNT(DISTINCT customer_id) AS n FROM feedback WHERE kind = 'complaint'").first?.int("n") ?? 0
            let nps = try #require(try await sql.query(
                """
                SELECT SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END) AS p, SUM(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) AS d, COUNT(nps) AS n FROM feedback
                WHERE customer_id IN (SELECT customer_id FROM feedback WHERE kind = 'complaint')
                """).first)
            let (p, d, n) = (nps.int("p") ?? 0, nps.int("d") ?? 0, nps.int("n") ?? 0)
            #expect(complainers > 30 && p > 0 && d > 0)
            try await client.execute(uri: "/api/v1/segments", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                let segments = response.json["segments"] as? [[String: Any]] ?? []
                #expect(segments.map { $0["code"] as? String } == ["at-risk", "complainers", "tiny"])
                let complained = try #require(segments.first { $0["code"] as? String == "complainers" })
                #expect(complained["customers"] as? Int == complainers)
                let figures = complained["figures"] as? [String: Any] ?? [:]
                #expect(figures["shown"] as? Bool == true)
                let score = figures["nps"] as? [String: Any] ?? [:]
                #expect(score["n"] as? Int == n)
                #expect(abs((score["value"] as? Double ?? 0) - 100 * Double(p - d) / Double(n)) < 0.006, "\(score)")
                let low = score["low"] as? Double ?? 0, high = score["high"] as? Double ?? 0
                #expect(low < (score["value"] as? Double ?? 0) && (score["value"] as? Double ?? 0) < high)
                #expect((score["definition"] as? String ?? "").contains("promoters"))
                let tiny = try #require(segments.first { $0["code"] as? String == "tiny" })
                let hidden = tiny["figures"] as? [String: Any] ?? [:]
                #expect(tiny["customers"] as? Int == 0 && hidden["shown"] as? Bool == false && hidden["nps"] == nil)
                #expect((hidden["message"] as? String ?? "").contains("too few customers"))
                let atRisk = try #require(segments.first { $0["code"] as? String == "at-risk" })
                #expect((atRisk["customers"] as? Int ?? 0) > 0, "the churn model scores the active customers")
            }
            try await client.execute(uri: "/api/v1/segments/complainers?limit=5&offset=2", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let members = response.json["members"] as? [[String: Any]] ?? []
                #expect(members.count == 5 && members.allSatisfy { ($0["complaints"] as? Int ?? 0) >= 1 })
                #expect((response.json["segment"] as? [String: Any])?["customers"] as? Int == complainers)
            }
            try await client.execute(uri: "/api/v1/segments/nope", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/segments/complainers?limit=0", method: .get, headers: test.auth) { #expect($0.errorField == "limit") }
            let buyers = try await sql.query("SELECT COUNT(DISTINCT customer_id) AS n FROM transactions WHERE amount > 0").first?.int("n") ?? 0
            try await client.execute(uri: "/api/v1/segments/personas?k=3&lang=ru", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["k"] as? Int == 3 && response.json["chosen_by"] as? String == "given")
                let personas = response.json["personas"] as? [[String: Any]] ?? []
                #expect(personas.count == 3 && personas.reduce(0) { $0 + ($1["size"] as? Int ?? 0) } == buyers)
                #expect(personas.allSatisfy { !($0["words"] as? [String] ?? []).isEmpty })
            }
            try await client.execute(uri: "/api/v1/segments/personas?k=12", method: .get, headers: test.auth) { #expect($0.errorField == "k") }
            try await client.execute(uri: "/api/v1/segments", method: .get) { #expect($0.status == .unauthorized) }

            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, heading, persona) in [("en", "Segments and personas", "Persona 1"), ("ru", "Сегменты и персоны", "Персона 1")] {
                try await client.execute(uri: "/segments?lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(heading) && html.contains(persona), "\(lang)")
                    #expect(html.contains("id=\"segment-complainers\"") && html.contains("n = \(n)"))
                    #expect(html.contains(lang == "en" ? "Too few customers to show figures: 0 &lt; 30" : "Слишком мало клиентов"), "\(lang)")
                }
            }
            try await client.execute(uri: "/customers/P00000?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"customer-churn\"") && response.text.contains("id=\"churn-probability\""))
            }
        }
    }
}
