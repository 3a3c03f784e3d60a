import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// A segment as a survey stratum over HTTP (issue 18 item 7): the segments evaluated as the metrics slice evaluates them
/// (records written through the API, segments defined through the API), a definition naming an unknown segment refused
/// with its field, interactions sampled into segment strata by the survey's order, and the results by stratum in the
/// API and on the results page in both languages.
@Suite struct SurveySegmentStratumHTTPTests {
    static let segments = """
        {"segments": [
         {"code": "complainers", "name_ru": "Жаловались", "name_en": "Complained", "rules": [{"attribute": "complaints", "op": "gte", "value": 1}]},
         {"code": "loyal", "name_ru": "Лояльные", "name_en": "Loyal", "rules": [{"attribute": "nps_group", "op": "eq", "value": "promoter"}]}
        ]}
        """

    /// K1 complained (NPS 2), K2 complained yet would recommend (NPS 10: in both segments), H1-H3 are promoters.
    static func feedback() -> String {
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3_600))
        let rows = [("K1", "complaint", 2), ("K2", "complaint", 10), ("H1", "informative", 10), ("H2", "informative", 9), ("H3", "informative", 10)]
        return #"{"items": ["# + rows.map { customer, kind, nps in
            #"{"id": "f-\#(customer)", "ts": "\#(at)", "channel": "web", "kind": "\#(kind)", "location": "L01", "nps": \#(nps), "customer": "\#(customer)", "contact": "\#(customer.lowercased())@example.org"}"#
        }.joined(separator: ",") + "]}"
    }

    static func survey(_ segments: [String]) -> [String: Any] {
        [
            "code": "strata", "title_ru": "Визит", "title_en": "Visit", "max_questions": 1,
            "sampling": ["method": "quota", "strata": ["segment"], "segments": segments, "targets": ["complainers": 2, "loyal": 1, "other": 1],
                         "default_target": 0, "period": "month", "fatigue_days": 0, "seed": 4],
            "questions": [["code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": true]],
        ]
    }

    @Test func sampledBySegmentAndReportedByStratum() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: Self.feedback())) {
                #expect($0.status == .created, "\($0.text)")
            }
            try await client.execute(uri: "/api/v1/segments", method: .put, headers: test.auth, body: ByteBuffer(string: Self.segments)) {
                #expect($0.status == .ok, "\($0.text)")
            }
            for (segments, field) in [(["complainers", "nope"], "sampling.segments[1]"), ([String](), "sampling.segments"), (["other"], "sampling.segments[0]")] {
                try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey(segments))) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(segments): \(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/surveys/strata", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing half-written") }
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(Self.survey(["complainers", "loyal"]))) { response in
                #expect(response.status == .created, "\(response.text)")
                #expect((response.json["sampling"] as? [String: Any])?["segments"] as? [String] == ["complainers", "loyal"])
            }

            // K2 is in both segments: complainers, listed first. X has no customer, Z9 is unknown: other.
            let at = ISO8601DateFormatter().string(from: Date())
            let visits: [String: Any] = ["items": [("v1", "K1"), ("v2", "K2"), ("v3", "H1"), ("v4", "H2"), ("v5", "H3"), ("v6", nil), ("v7", "Z9")].map { id, customer in
                var item: [String: Any] = ["id": id, "at": at, "location": "L01", "channel": "terminal"]
                if let customer { item["customer"] = customer }
                return item
            }]
            let invitations: [String: String] = try await client.execute(
                uri: "/api/v1/surveys/strata/interactions", method: .post, headers: test.auth, body: jsonBody(visits)
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["stratum"] as? String } == ["complainers", "complainers", "loyal", "loyal", "loyal", "other", "other"])
                #expect(items.map { $0["outcome"] as? String } == ["invited", "invited", "invited", "quota_full", "quota_full", "invited", "quota_full"])
                #expect((items.first?["explanation"] as? String)?.contains("segments as of ") == true)
                return Dictionary(uniqueKeysWithValues: items.compactMap { item in
                    (item["invitation"] as? String).map { ((item["interaction"] as? String) ?? "", $0) }
                })
            }
            // Answers: K1 3 and K2 5 (detractors), H1 10 (promoter), X 8 (passive).
            for (interaction, score) in [("v1", 3), ("v2", 5), ("v3", 10), ("v6", 8)] {
                try await test.app.database.surveys.respond(
                    invitation: try #require(invitations[interaction]), answers: [SurveyAnswer(question: "nps", score: score)], status: .completed, now: Date())
            }

            // 1/π: complainers 2 seen / 2 invited = 1, loyal 3 / 1 = 3, other 2 / 1 = 2. Weighted: P 3, D 1 + 1, passive 2
            // of Σw 7: NPS 100·(3 − 2)/7 = 14.2857, n_eff 7²/(1 + 1 + 9 + 4) = 3.2667.
            try await client.execute(uri: "/api/v1/surveys/strata/results", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let weighted = (response.json["nps"] as? [String: Any])?["design_weighted"] as? [String: Any] ?? [:]
                #expect(abs((weighted["value"] as? Double ?? .nan) - 100.0 / 7) < 1e-9 && abs((weighted["effective_n"] as? Double ?? .nan) - 49.0 / 15) < 1e-9)
                let strata = response.json["strata"] as? [[String: Any]] ?? []
                #expect(strata.map { $0["stratum"] as? String } == ["complainers", "loyal", "other"])
                #expect(strata.map { $0["invitations"] as? Int } == [2, 1, 1] && strata.map { $0["respondents"] as? Int } == [2, 1, 1])
                #expect(strata.map { $0["eligible"] as? Double } == [2, 3, 2])
                let integral = strata.map { $0["integral"] as? [String: Any] ?? [:] }
                #expect(integral.map { $0["value"] as? Double } == [-100, 100, 0] && integral.map { $0["n"] as? Int } == [2, 1, 1])
                #expect(integral.allSatisfy { $0["ci_low"] is Double && $0["ci_high"] is Double }, "each with its interval")
                #expect((response.json["strata_definition"] as? String)?.contains("the first of complainers, loyal the customer was a member of at sampling time") == true)
            }

            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, heading, other, rule, share) in [
                ("en", "By stratum", "other customers", "Segment: the first of “Complained”, “Loyal”", "42.9\u{00A0}%"),
                ("ru", "По стратам", "прочие клиенты", "Сегмент — первый из списка «Жаловались», «Лояльные»", "42,9\u{00A0}%"),
            ] {
                try await client.execute(uri: "/surveys/strata?lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(heading) && html.contains(other) && html.contains(rule), "\(lang)")
                    #expect(html.contains("data-stratum=\"loyal\"") && html.contains(share), "\(lang): loyal's share 3/7")
                    #expect(html.contains(lang == "en" ? "Complained <span class=\"code\">complainers</span>" : "Жаловались <span class=\"code\">complainers</span>"))
                }
            }
        }
    }
}
