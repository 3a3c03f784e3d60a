import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// The merge journal over the API on a real HTTP stack: `?phone=` finds the customer, `POST /api/v1/customers/merges`
/// merges (201, evidence and what moved), `GET /api/v1/customers/{id}` lists the merge, `DELETE …/merges/{id}` undoes
/// it, a second DELETE is a 409, a merge of two external ids is a 409 naming why; the review queue decides.
@Suite struct CustomerMergeAPITests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    @Test func mergeUnmergeAndTheReviewQueueOverHTTP() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            let phoneCustomer = CustomerAPITests.phoneCustomer
            try await client.execute(uri: "/api/v1/customers?phone=8%20912%20345%2067%2089", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let decoded = try Self.json(response)
                #expect((decoded["items"] as? [[String: Any]])?.first?["id"] as? String == phoneCustomer)
            }
            try await client.execute(uri: "/api/v1/customers?phone=0", method: .get, headers: test.auth) { #expect($0.status == .unprocessableContent) }

            var mergeID = ""
            try await client.execute(
                uri: "/api/v1/customers/merges", method: .post, headers: test.auth,
                body: jsonBody(["survivor": "C1", "absorbed": phoneCustomer, "evidence": ["shared": "same person, confirmed by phone"]])
            ) { response in
                #expect(response.status == .created)
                let body = try Self.json(response)
                mergeID = body["id"] as? String ?? ""
                #expect((body["evidence"] as? [String: String])?["rule"] == "manual")
                #expect(((body["moved"] as? [String: Any])?["records"] as? [String: [String]])?["feedback"] == ["p1", "p2"])
            }
            try await client.execute(uri: "/api/v1/customers/C1", method: .get, headers: test.auth) { response in
                let body = try Self.json(response)
                #expect((body["merges"] as? [[String: Any]])?.first?["id"] as? String == mergeID)
                #expect((body["timeline"] as? [String: Any])?["total"] as? Int ?? 0 >= 3)
            }
            try await client.execute(uri: "/api/v1/customers/merges/\(mergeID)", method: .delete, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/customers/merges/\(mergeID)", method: .delete, headers: test.auth) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/customers/\(phoneCustomer)", method: .get, headers: test.auth) { response in
                let decoded = try Self.json(response)
                #expect(decoded["merged_into"] is NSNull)
            }

            let csv = "id,device\nC1,kiosk-1\nC7,kiosk-1\n"
            var headers = test.auth
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                let decoded = try Self.json(response)
                #expect(decoded["reviewed"] as? Int == 1, "C1 and C7 share only a kiosk's device: a probable match, not a merge")
            }
            try await client.execute(
                uri: "/api/v1/customers/merges", method: .post, headers: test.auth, body: jsonBody(["survivor": "C1", "absorbed": "C7"])
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("external id"))
            }
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: test.auth) { response in
                let items = try Self.json(response)["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["reason"] as? String == "shared_device", "\(items)")
                let id = items.first?["id"] as? String ?? ""
                try await client.execute(
                    uri: "/api/v1/customers/review/\(id)", method: .post, headers: test.auth, body: jsonBody(["decision": "keep_apart"])
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: test.auth) { response in
                let decoded = try Self.json(response)
                #expect((decoded["items"] as? [[String: Any]])?.isEmpty == true)
            }
        }
    }
}
