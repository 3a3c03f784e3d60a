import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikApplication
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
import OtklikStore
import Testing

/// Churn as of any date and over any horizon on the server (issue 18 item 6), as `otklik analyze churn` takes them:
/// `as_of`, `horizon_days` and `active_days` on `/api/v1/customers/at-risk`, `/api/v1/customers/{id}/churn` and the
/// `/customers/at-risk` page; the model answered is the one the command line fits with the same settings, the default
/// is unchanged, and a bad value is refused naming its parameter.
@Suite struct ChurnHorizonAPITests {
    @Test func asOfAndHorizonLikeTheCommandLine() async throws {
        try await TestApp.withRouter { test, client in
            try await PlantedChurnPopulation(asOf: ChurnAPITests.endOfToday, customers: 1000).write(test.app.database)
            let today = try await ChurnScoring.today(test.app.database)
            let asOf = today - 30
            let date = CivilDate.iso(asOf)
            // The command line's fit with the same settings: the independent reference.
            let reference = try await ChurnScoring.fit(test.app.database, .init(asOf: asOf, horizonDays: 60, activeDays: 120)).result(lang: "en")
            let top = try #require(reference.customers.first)
            try await client.execute(
                uri: "/api/v1/customers/at-risk?as_of=\(date)&horizon_days=60&active_days=120&limit=3", method: .get, headers: test.auth
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                let model = response.json["model"] as? [String: Any] ?? [:]
                #expect(model["as_of"] as? String == date && model["horizon_days"] as? Int == 60 && model["active_days"] as? Int == 120)
                #expect(model["scored"] as? Int == reference.customers.count)
                let validation = model["validation"] as? [String: Any] ?? [:]
                #expect(validation["auc"] as? Double == reference.validation.auc && validation["n"] as? Int == reference.validation.n)
                #expect((validation["window"] as? [String: Any])?["validation_labels_through"] as? String == date, "nothing after the as-of date")
                let customers = response.json["customers"] as? [[String: Any]] ?? []
                #expect(customers.first?["customer"] as? String == top.customer)
                #expect(abs((customers.first?["churn_probability"] as? Double ?? .nan) - top.churnProbability) < 5e-4, "as written in the JSON")
            }
            try await client.execute(uri: "/api/v1/customers/\(top.customer)/churn?as_of=\(date)&horizon_days=60&active_days=120", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok && abs((response.json["churn_probability"] as? Double ?? .nan) - top.churnProbability) < 5e-4)
                #expect((response.json["model"] as? [String: Any])?["horizon_days"] as? Int == 60)
            }
            // Left out: today, 90 and 90, as before.
            try await client.execute(uri: "/api/v1/customers/at-risk?limit=1", method: .get, headers: test.auth) { response in
                let model = response.json["model"] as? [String: Any] ?? [:]
                #expect(model["as_of"] as? String == CivilDate.iso(today) && model["horizon_days"] as? Int == 90 && model["active_days"] as? Int == 90)
            }
            for (query, field) in [
                ("as_of=2026-13-01", "as_of"), ("as_of=\(CivilDate.iso(today + 1))", "as_of"), ("horizon_days=0", "horizon_days"),
                ("horizon_days=ninety", "horizon_days"), ("active_days=4000", "active_days"),
            ] {
                try await client.execute(uri: "/api/v1/customers/at-risk?\(query)", method: .get, headers: test.auth) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(query): \(response.text)")
                }
            }

            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, words) in [("en", "horizon 60 days, active 120 days"), ("ru", "горизонт 60 дн.")] {
                try await client.execute(uri: "/customers/at-risk?lang=\(lang)&as_of=\(date)&horizon_days=60&active_days=120", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(words) && html.contains(date), "\(lang)")
                    #expect(html.contains("name=\"horizon_days\"") && html.contains("value=\"60\"") && html.contains("value=\"\(date)\""), "the form keeps what was asked")
                    #expect(html.contains("href=\"/customers/\(top.customer)\""))
                }
            }
            try await client.execute(uri: "/customers/at-risk?lang=en&horizon_days=0", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("horizon_days"))
            }
        }
    }
}
