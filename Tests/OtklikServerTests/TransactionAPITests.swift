import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct TransactionAPITests {
    @Test func transactionsAreWrittenIdempotentlyAllOrNothing() async throws {
        try await TestApp.withRouter { test, client in
            let sale: [String: Any] = ["id": "s-1", "ts": "2026-03-02T09:15:00+03:00", "customer": "CUST-7", "amount": 1234.5, "quantity": 2, "channel": "web"]
            let refund: [String: Any] = ["id": "s-2", "ts": "2026-03-03T10:00:00Z", "customer": "CUST-7", "amount": -99.9]
            for expected in [HTTPResponse.Status.created, .ok] {
                try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": [sale, refund]])) {
                    #expect($0.status == expected)
                }
            }
            try await client.execute(uri: "/api/v1/transactions/s-2", method: .get, headers: test.auth) {
                #expect($0.json["amount"] as? Double == -99.9 && $0.json["customer"] as? String == "CUST-7")
                #expect($0.json["ts"] as? String == "2026-03-03T10:00:00.000Z")
            }
            // One object is accepted too.
            var single = sale
            single["id"] = "s-3"
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(single)) {
                #expect($0.status == .created)
            }
            // A conflict or a bad item writes nothing, not even the good item beside it.
            var changed = sale
            changed["amount"] = 1
            var fresh = sale
            fresh["id"] = "s-4"
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": [fresh, changed]])) {
                #expect($0.status == .conflict && $0.errorField == "items[1].id")
            }
            var placeholder = fresh
            placeholder["customer"] = "anonymous"
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": [fresh, placeholder]])) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[1].customer")
            }
            var badTime = fresh
            badTime["ts"] = "yesterday"
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": [badTime]])) {
                #expect($0.errorField == "items[0].ts")
            }
            var unknown = fresh
            unknown["location"] = "nowhere-at-all"
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": [unknown]])) {
                #expect($0.errorField == "items[0].location")
            }
            #expect(try await test.app.database.transactions.count() == 3)
            try await client.execute(
                uri: "/api/v1/acquisition-costs", method: .post, headers: test.auth,
                body: jsonBody(["items": [["period": "2026-03", "channel": "search", "amount": 15000.0]]])
            ) {
                #expect($0.status == .created && $0.json["inserted"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/acquisition-costs", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.first?["amount"] as? Double == 15000)
            }
        }
    }
}
