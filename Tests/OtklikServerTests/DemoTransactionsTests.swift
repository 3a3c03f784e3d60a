import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// The demo's customers and purchases (issue 18 item 8): the planted churn signal (an unresolved complaint, here an
/// open case, stops buying at 0.60; the others here, promoters with no bad experience, at 0.05), duplicates merged, the device pairs and the office-phone
/// trap in the review queue, acquisition costs stored; the same seed gives the same purchases.
@Suite struct DemoTransactionsTests {
    static func feedback(_ test: TestApp, _ client: any TestClientProtocol, now: Date) async throws {
        let items: [[String: Any]] = (0..<300).map { i in
            var item: [String: Any] = ["id": "d\(i)", "ts": Timestamp.format(now.addingTimeInterval(-Double(200 + i) * 3600)), "channel": "web",
                                       "location": "L01", "customer": String(format: "C%06d", i)]
            if i % 3 == 0 { item["csat"] = 1; item["kind"] = "complaint"; item["comment"] = "Плохо"; item["contact"] = DemoCustomers.phone(of: String(format: "C%06d", i), spelling: i) } else { item["nps"] = 9; item["kind"] = "informative" }
            return item
        }
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
    }

    static func lastPurchases(_ database: AppDatabase) async throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try await database.sql.query("SELECT customer_id, MAX(ts) AS last FROM transactions GROUP BY customer_id").compactMap { row in
            row.text("customer_id").flatMap { id in row.int64("last").map { (id, $0) } }
        })
    }

    @Test func plantedChurnMergesReviewAndDeterminism() async throws {
        let now = Date()
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        final class Box: @unchecked Sendable { var first: [String: Int64] = [:] }
        let box = Box()
        for run in 0..<2 {
            try await TestApp.withRouter { test, client in
                try await Self.feedback(test, client, now: now)
                let summary = try await DemoTransactions.seed(test.app.database, seed: 2026, end: end, customers: 300)
                #expect(summary.customers == 300 && summary.unresolved == 100, "every complaint's case is still open")
                let last = try await Self.lastPurchases(test.app.database)
                #expect(last.count == 300)
                if run == 0 { box.first = last; return }
                #expect(last == box.first, "the same seed gives the same purchases")
                let cut = Int64((end.timeIntervalSince1970 - 90 * 86_400) * 1000)
                let complained = (0..<300).filter { $0 % 3 == 0 }.map { String(format: "C%06d", $0) }
                let inactive = { (ids: [String]) in Double(ids.filter { (last[$0] ?? 0) < cut }.count) / Double(ids.count) }
                let others = (0..<300).filter { $0 % 3 != 0 }.map { String(format: "C%06d", $0) }
                #expect((0.45...0.75).contains(inactive(complained)), "\(inactive(complained))")
                #expect((0.0...0.12).contains(inactive(others)), "\(inactive(others))")
                let review = try await test.app.database.customerReview.open(limit: 100)
                #expect(review.contains { $0.reason.code == "shared_device" } && review.contains { $0.reason.code == "conflicting_external_ids" })
                let merged = try await test.app.database.sql.query("SELECT COUNT(*) AS n FROM customer_merges").first?.int("n") ?? 0
                #expect(merged == 5, "customers 7, 67, 127, 187 and 247 were first known by their e-mail alone")
                #expect(try await test.app.database.transactions.costs().contains { $0.channel == "ads" })
            }
        }
    }
}
