import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Churn on the customer: `/api/v1/customers/at-risk`, `/api/v1/customers/{id}/churn` and the `/customers/at-risk` page on
/// a generated population with a planted signal (customers with an unresolved complaint churn at 60 % against 25 %),
/// today's model cached for the day and refitted on demand; and on an empty store, a clear answer instead of a model.
@Suite struct ChurnAPITests {
    /// The start of tomorrow in UTC (the test organisation's time zone): the end of today, the as-of date.
    static var endOfToday: Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: (now / 86_400).rounded(.down) * 86_400 + 86_400)
    }

    @Test func atRiskAndOneCustomerWithReasonsAndTheModelBeside() async throws {
        try await TestApp.withRouter { test, client in
            try await PlantedChurnPopulation(asOf: Self.endOfToday, customers: 1000).write(test.app.database)
            _ = try await test.app.database.transactions.insert(
                [Transaction(id: "old-1", ts: Date().addingTimeInterval(-200 * 86_400), customer: "OLD1", amount: 100)], createMissingReferences: true)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            var top: (id: String, probability: Double) = ("", 0)
            try await client.execute(uri: "/api/v1/customers/at-risk?limit=5", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let customers = response.json["customers"] as? [[String: Any]] ?? []
                #expect(customers.count == 5)
                let probabilities = customers.compactMap { $0["churn_probability"] as? Double }
                #expect(probabilities == probabilities.sorted(by: >) && probabilities.count == 5)
                let model = response.json["model"] as? [String: Any] ?? [:]
                #expect(model["as_of"] as? String == today)
                #expect((model["scored"] as? Int ?? 0) > 100)
                let validation = model["validation"] as? [String: Any] ?? [:]
                let auc = validation["auc"] as? Double ?? 0, recency = validation["recency_auc"] as? Double ?? 1
                #expect(auc >= recency + 0.03, "AUC \(auc) vs recency \(recency)")
                #expect((validation["n"] as? Int ?? 0) > 200 && (validation["auc_interval"] as? [Double])?.count == 2)
                #expect((validation["window"] as? [String: Any])?["validation_labels_through"] as? String == today)
                let reasons = customers.first?["reasons"] as? [[String: Any]] ?? []
                #expect(reasons.contains { $0["signal"] as? String == "unresolved_complaint" && ($0["text"] as? String ?? "").hasPrefix("unresolved complaints") })
                top = (customers.first?["customer"] as? String ?? "", probabilities.first ?? 0)
            }
            try await client.execute(uri: "/api/v1/customers/\(top.id)/churn?lang=ru", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["scored"] as? Bool == true)
                #expect(response.json["churn_probability"] as? Double == top.probability)
                let reasons = response.json["reasons"] as? [[String: Any]] ?? []
                #expect(reasons.contains { ($0["text"] as? String ?? "").hasPrefix("нерешённые жалобы") }, "\(reasons)")
                #expect(((response.json["model"] as? [String: Any])?["validation"] as? [String: Any])?["auc"] is Double)
            }
            try await client.execute(uri: "/api/v1/customers/OLD1/churn", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["scored"] as? Bool == false && response.json["churn_probability"] is NSNull)
                #expect((response.json["note"] as? String ?? "").contains("no purchase in the 90 days"))
            }
            try await client.execute(uri: "/api/v1/customers/NOBODY/churn", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/customers/at-risk?lang=de", method: .get, headers: test.auth) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "lang")
            }
            try await client.execute(uri: "/api/v1/customers/at-risk?limit=0", method: .get, headers: test.auth) { #expect($0.errorField == "limit") }
            try await client.execute(uri: "/api/v1/customers/at-risk", method: .get) { #expect($0.status == .unauthorized) }

            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, heading, reason) in [("en", "Customers most at risk of leaving", "unresolved complaints or cases"), ("ru", "Клиенты с наибольшим риском ухода", "нерешённые жалобы и обращения")] {
                try await client.execute(uri: "/customers/at-risk?lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(heading) && html.contains(reason), "\(lang)")
                    #expect(html.contains("href=\"/customers/\(top.id)\""))
                    #expect(html.contains("id=\"churn-auc\"") && html.contains("n = ") && html.contains("class=\"churn-reasons\""))
                    #expect(html.contains("action=\"/customers/at-risk/refit\""))
                }
            }
            try await client.execute(uri: "/customers/at-risk/refit", method: .post, headers: DashboardTests.form(cookie)) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/customers/at-risk")
            }
            // Scores of named customers are personal data: the list and a customer's score are audited reads.
            let audited = try await SQLAuditLog(database: test.app.database.sql).list(AuditFilter(action: "view", limit: 500)).entries
            #expect(audited.filter { $0.facts == .atRiskList && $0.actor == "user:manager" }.count == 2, "the page, in two languages")
            #expect(audited.contains { $0.facts == .atRiskList && $0.actor.hasPrefix("api:") }, "the API's list")
            #expect(audited.contains { $0.facts == .section("churn") && $0.subjectId == top.id }, "a customer's score")
        }
    }

    @Test func anEmptyStoreGetsAClearAnswerNotAModel() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/customers/at-risk", method: .get, headers: test.auth) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("no active customers"), "\(response.text)")
            }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/customers/at-risk?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("No churn model yet") && response.text.contains("no active customers to learn from"))
            }
            try await client.execute(uri: "/customers/at-risk?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Модели оттока пока нет: нет активных клиентов, на которых модель могла бы учиться"))
                #expect(!response.text.contains("no active customers"), "no English reason on the Russian page")
            }
        }
    }
}
