import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Life situations over HTTP (issue 19 item 4) on the demo's planted situations: precision and recall against the
/// planted truth as the demo's design gives them (12 × 17 found rightly, 36 look-alikes found wrongly, 36 missed); the
/// catalogue read and written as JSON and as CSV, all or nothing with the field named; the `/life-situations` page in
/// both languages; the detection as a milestone on the customer's page.
@Suite struct LifeSituationsAPITests {
    @Test func plantedSituationsCatalogueAndPages() async throws {
        try await TestApp.withRouter { test, client in
            try await DemoSeeder.prepareReference(test.app.database)
            let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            let scores = try await DemoLifeSituations.seed(test.app, seed: 2026, end: end)
            let all = try #require(scores.first)
            #expect(all.truePositives == 204 && all.falsePositives == 36 && all.falseNegatives == 36, "\(all)")
            #expect(abs((all.precision ?? 0) - 0.85) < 1e-9 && abs((all.recall ?? 0) - 0.85) < 1e-9)

            try await client.execute(uri: "/api/v1/life-situations", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                let situations = response.json["situations"] as? [[String: Any]] ?? []
                #expect(situations.count == 12)
                let birth = try #require(situations.first { $0["code"] as? String == "birth" })
                #expect(birth["detections"] as? Int == 20 && birth["name_ru"] as? String == "Рождение ребёнка")
                let evaluation = response.json["evaluation"] as? [[String: Any]] ?? []
                #expect(evaluation.first?["true_positives"] as? Int == 204)
            }
            // A CSV with one bad row: nothing is written, the line and field are named.
            let badCSV = "code,name_ru,name_en,window_days,min_signals,signal_kind,signal_code,services\npets,Питомец,A pet,60,2,interaction_topic,vet,vet\npets,,,,,shop,pet_food,\n"
            var headers = test.auth
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/v1/life-situations", method: .put, headers: headers, body: ByteBuffer(string: badCSV)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "line 2 (pets).signals[1].kind", "\(response.text)")
            }
            let goodCSV = badCSV.replacingOccurrences(of: ",shop,", with: ",transaction,")
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/life-situations", method: .put, headers: headers, body: ByteBuffer(string: goodCSV)) { response in
                    #expect(response.status == .ok && response.json["defined"] as? [String] == ["pets"], "\(response.text)")
                }
            }
            let badJSON = #"{"situations": [{"code": "x", "name_ru": "Х", "name_en": "X", "window_days": 1000, "signals": [{"kind": "transaction", "code": "a"}]}]}"#
            try await client.execute(uri: "/api/v1/life-situations", method: .put, headers: test.auth, body: ByteBuffer(string: badJSON)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "situations[0].window_days", "\(response.text)")
            }
            #expect(try await test.app.database.lifeSituations.situations().count == 13)
            try await client.execute(uri: "/api/v1/life-situations", method: .get) { #expect($0.status == .unauthorized) }

            let planted = try #require(try await test.app.database.lifeSituations.detections(customer: nil).first)
            try await client.execute(uri: "/api/v1/life-situations/detections?customer=\(planted.customer)", method: .get, headers: test.auth) { response in
                let list = response.json["detections"] as? [[String: Any]] ?? []
                #expect(list.first?["situation"] as? String == planted.situation && (list.first?["evidence"] as? [Any])?.count ?? 0 >= 2, "\(response.text)")
            }

            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, heading, precision) in [("en", "Life situations", "Precision: <strong>85.0 %</strong>"), ("ru", "Жизненные ситуации", "Точность: <strong>85,0 %</strong>")] {
                try await client.execute(uri: "/life-situations?lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains("<h1>\(heading)</h1>") && html.contains(precision), "\(lang)")
                    #expect(html.contains("id=\"situation-birth\"") && html.contains(lang == "en" ? "Birth of a child" : "Рождение ребёнка"))
                    // A situation's services read as a list with commas, not run together.
                    let services = lang == "en" ? "Services that answer it:</strong> " : "Услуги для этой ситуации:</strong> "
                    let line = try #require(html.components(separatedBy: services).dropFirst().first?.components(separatedBy: "</p>").first)
                    #expect(line.contains(", ") && !line.contains("<span"), "\(line)")
                }
            }
            try await client.execute(uri: "/customers/\(planted.customer)?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Life situation") && response.text.contains("/life-situations#situation-\(planted.situation)"), "\(response.text.prefix(300))")
            }
        }
    }
}
