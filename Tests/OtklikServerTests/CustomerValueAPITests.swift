import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
import OtklikStore
import Testing

/// Value per customer, contact preferences and acquisition over the API (issue 18 items 3 and 5): the hourly
/// BG/NBD + Gamma-Gamma fit gives P(alive), expected purchases, spend and CLV with the model and n, or "not enough
/// data"; `PUT …/preferences` writes all or nothing with each wrong field named; CAC and earned vs bought by hand.
@Suite struct CustomerValueAPITests {
    /// 150 customers V000…V149 over the last 300 days: customer i buys 1 + i % 5 times, the spend growing with i.
    static func transactions(now: Date) -> [Transaction] {
        var items: [Transaction] = []
        for i in 0..<150 {
            let purchases = 1 + i % 5
            for k in 0..<purchases {
                let daysAgo = 300 - (i % 60) - k * (200 / purchases)
                items.append(Transaction(
                    id: "t-\(i)-\(k)", ts: now.addingTimeInterval(-Double(daysAgo) * 86_400), customer: String(format: "V%03d", i),
                    amount: 100 + Double(i % 7) * 25 + Double(k) * 10))
            }
        }
        return items
    }

    @Test func valuePerCustomerFromTheHourlyFit() async throws {
        try await TestApp.withRouter { test, client in
            let now = Date()
            let items = Self.transactions(now: now)
            _ = try await test.app.database.transactions.insert(items, createMissingReferences: true)
            try await CustomerAPITests.post(test, client)
            try await client.execute(uri: "/api/v1/customers/V004/value", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["status"] as? String == "ok", "\(json)")
                #expect(json["n"] as? Int == 150)
                #expect((json["model"] as? String)?.contains("BG/NBD") == true && json["definition"] != nil && json["cache"] != nil)
                #expect(json["repeat_purchases"] as? Int == 4)
                for key in ["p_alive", "expected_purchases_12m", "expected_spend", "clv"] { #expect(json[key] is Double, "\(key)") }
                let pAlive = json["p_alive"] as? Double ?? -1
                #expect(pAlive > 0 && pAlive <= 1)
                // Each figure's 95 % interval from the parameters' uncertainty holds the fitted value.
                let intervals = try #require(json["intervals"] as? [String: [String: Double]], "\(json)")
                for key in ["p_alive", "expected_purchases_12m", "expected_spend", "clv"] {
                    let low = try #require(intervals[key]?["ci_low"]), high = try #require(intervals[key]?["ci_high"]), value = json[key] as? Double ?? .nan
                    #expect(low <= value + 1e-9 && value <= high + 1e-9 && low < high, "\(key): \(value) in [\(low); \(high)]")
                }
                // The page writes P(alive) with one decimal and its interval ("97.3 % [95.1; 98.6]", not "100 % [100; 100]").
                let cookie = try #require(try await DashboardTests.login(client))
                let page = try await client.execute(uri: "/customers/V004?lang=en", method: .get, headers: [.cookie: cookie]) { $0.text }
                let p = intervals["p_alive"] ?? [:]
                let shown = String(format: "%.1f %% [%.1f; %.1f]", 100 * pAlive, 100 * (p["ci_low"] ?? 0), 100 * (p["ci_high"] ?? 0))
                #expect(page.contains(shown), "\(shown) on the customer page")
            }
            // The same numbers as the analysis on the same purchases (its days in the organisation's time zone).
            let zone = TimeZone(identifier: try await test.app.database.reference.organisation().timezone) ?? .gmt
            let purchases = items.map { Purchase(customer: $0.customer, day: Int(LocalCalendar.day(of: $0.ts, in: zone)), amount: $0.amount) }
            let direct = CustomerValueModel.fit(purchases, today: Int(LocalCalendar.day(of: now, in: zone)), now: now)
            // A customer with one purchase has P(alive) = 1 under BG/NBD (no repeat purchase, so no chance yet to drop out),
            // and the population mean spend under Gamma-Gamma.
            try await client.execute(uri: "/api/v1/customers/V000/value", method: .get, headers: test.auth) { response in
                #expect(response.json["repeat_purchases"] as? Int == 0)
                #expect(response.json["p_alive"] as? Double == 1)
                let expected = try #require(direct.values["V000"])
                #expect(abs((response.json["clv"] as? Double ?? 0) - expected.clv) < 1e-6)
            }
            try await client.execute(uri: "/api/v1/customers/\(CustomerAPITests.phoneCustomer)/value", method: .get, headers: test.auth) { response in
                #expect(response.json["status"] as? String == "not_enough_data")
                #expect((response.json["reason"] as? String)?.contains("no transaction") == true)
                #expect(response.json["clv"] is NSNull && response.json["n"] as? Int == 150)
            }
            try await client.execute(uri: "/api/v1/customers/nobody/value", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
        }
    }

    @Test func aFitOnFewerThanAHundredCustomersIsNotEnoughData() {
        let now = Date()
        let purchases = Self.transactions(now: now).filter { $0.customer < "V099" }.map {
            Purchase(customer: $0.customer, day: Int(LocalCalendar.day(of: $0.ts, in: .gmt)), amount: $0.amount)
        }
        let fit = CustomerValueModel.fit(purchases, today: Int(LocalCalendar.day(of: now, in: .gmt)), now: now)
        #expect(fit.customers == 99 && fit.values.isEmpty)
        #expect(fit.notEnoughData?.contains("at least 100") == true)
        let json = CustomerValueJSON(customer: "V001", fit: fit, value: nil)
        #expect(json.status == "not_enough_data" && json.clv == nil)
    }

    @Test func preferencesAreWrittenWholeOrNotAtAll() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            let good: [String: Any] = ["preferred_channel": "sms", "language": "ru", "time_zone": "Europe/Moscow", "quiet_hours": "21:00-09:00", "max_per_week": 2]
            try await client.execute(uri: "/api/v1/customers/C1/preferences", method: .put, headers: test.auth, body: jsonBody(good)) { response in
                #expect(response.status == .ok)
                #expect(response.json["quiet_hours"] as? String == "21:00-09:00" && response.json["quiet_from_minute"] as? Int == 1260)
            }
            for (field, value) in [("preferred_channel", "pigeon" as Any), ("language", "de"), ("time_zone", "Mars/Olympus"), ("quiet_hours", "21-9"),
                                   ("max_per_week", 99)] {
                var bad = good
                bad[field] = value
                bad["language"] = field == "language" ? value : "en"
                try await client.execute(uri: "/api/v1/customers/C1/preferences", method: .put, headers: test.auth, body: jsonBody(bad)) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(field)")
                }
            }
            let stored = try await test.app.database.consents.preferences(of: "C1")
            #expect(stored?.language == "ru" && stored?.maxPerWeek == 2, "a refused write changed nothing")
            try await client.execute(uri: "/api/v1/customers/C1", method: .get, headers: test.auth) { response in
                let preferences = response.json["contact_preferences"] as? [String: Any]
                #expect(preferences?["preferred_channel"] as? String == "sms" && preferences?["quiet_hours"] as? String == "21:00-09:00")
            }
            try await client.execute(uri: "/api/v1/customers/nobody/preferences", method: .put, headers: test.auth, body: jsonBody(good)) {
                #expect($0.status == .notFound)
            }
            _ = try await test.app.database.customerMerges.merge(
                survivor: "C1", absorbed: CustomerAPITests.phoneCustomer, evidence: ["rule": "manual"], actor: "test")
            try await client.execute(
                uri: "/api/v1/customers/\(CustomerAPITests.phoneCustomer)/preferences", method: .put, headers: test.auth, body: jsonBody(good)
            ) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("merged into C1"))
            }
        }
    }

    @Test func theTimelineShowsTransactionsWithTheIdentityThatLinkedThem() async throws {
        try await TestApp.withRouter { test, client in
            _ = try await test.app.database.transactions.insert(
                [Transaction(id: "buy-1", ts: Date().addingTimeInterval(-3600), customer: "C9", amount: 1234.5, quantity: 2, channel: "web")],
                createMissingReferences: true)
            try await client.execute(uri: "/api/v1/customers/C9", method: .get, headers: test.auth) { response in
                let timeline = response.json["timeline"] as? [String: Any] ?? [:]
                let items = timeline["items"] as? [[String: Any]] ?? []
                #expect(timeline["total"] as? Int == 1)
                #expect(items.first?["kind"] as? String == "transaction" && items.first?["status"] as? String == "purchase")
                #expect((items.first?["details"] as? [String: String])?["amount"] == "1234.50")
                let link = items.first?["linked_by"] as? [String: Any]
                #expect(link?["kind"] as? String == "external" && link?["value"] as? String == "C9")
            }
        }
    }

    @Test func acquisitionByHand() async throws {
        try await TestApp.withRouter { test, client in
            _ = try await test.app.database.transactions.storeCosts([
                AcquisitionCost(period: "2026-05", channel: "ads", amount: 1000), AcquisitionCost(period: "2026-05-10", channel: "search", amount: 300),
            ])
            let csv = """
                id,acquisition_source,acquired_at
                A1,ads,2026-05-03T10:00:00Z
                A2,ads,2026-05-20T10:00:00Z
                A3,ads,2026-07-01T10:00:00Z
                S1,search,2026-05-10T10:00:00Z
                R1,referral,2026-05-05T10:00:00Z
                U1,,

                """
            var headers = test.auth
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/customers/acquisition", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let channels = response.json["channels"] as? [[String: Any]] ?? []
                #expect(channels.first { $0["channel"] as? String == "ads" }?["cac"] as? Double == 500, "1000 ÷ A1 and A2")
                #expect(channels.first { $0["channel"] as? String == "search" }?["cac"] as? Double == 300)
                #expect(response.json["bought"] as? Int == 4 && response.json["earned"] as? Int == 1 && response.json["unknown"] as? Int == 1)
            }
        }
    }
}
