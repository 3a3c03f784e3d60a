import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3: a location manager (and a key limited to a location) sees only customers with a record at their
/// locations, and of them only those records; another location's customer answers 404, as one that does not exist.
///
/// The data: Ivan (+7 912 111-22-33) answered at L01 (NPS 9, "x1") and at L02 (NPS 2, "x2"); the complaint at L02
/// ("complaint-L02", +7 900 000-00-01) is a customer with no record at L01.
@Suite struct CustomerScopeTests {
    static let ivan = "%2B79121112233"
    static let other = "%2B79000000001"

    static func seed(_ test: TestApp, _ client: any TestClientProtocol) async throws -> (ivan: String, other: String) {
        let now = Date()
        let items: [[String: Any]] = [
            ["id": "x1", "ts": Timestamp.format(now.addingTimeInterval(-7200)), "channel": "terminal", "location": "L01", "nps": 9, "contact": "+7 912 111-22-33"],
            ["id": "x2", "ts": Timestamp.format(now.addingTimeInterval(-3600)), "channel": "terminal", "location": "L02", "nps": 2, "contact": "+7 912 111-22-33"],
        ]
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { #expect($0.status == .created) }
        func owner(_ phone: String) async throws -> String {
            try await client.execute(uri: "/api/v1/customers?phone=\(phone)", method: .get, headers: test.auth) { response in
                try #require((response.json["items"] as? [[String: Any]])?.first?["id"] as? String, "a customer for \(phone)")
            }
        }
        return (try await owner(Self.ivan), try await owner(Self.other))
    }

    @Test func aLocationManagerSeesTheirLocationsRecordsOfACustomer() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            let (ivan, other) = try await Self.seed(test, client)
            let cookie = try #require(try await NotificationPageTests.login(client, user: "olga"))
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            try await client.execute(uri: "/customers/\(ivan)?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("id=\"customer-scoped\""), "says the timeline is their locations' only")
                #expect(html.contains("NPS 9") && !html.contains("NPS 2"), "the L01 answer, not the L02 one")
                #expect(!html.contains("id=\"value\""), "no value over the whole history")
                #expect(!html.contains("id=\"merges-h\""), "no merges section saying there are none")
                #expect(!html.contains("action=\"/customers/\(ivan)/"), "no action closed to them")
            }
            try await client.execute(uri: "/customers/\(ivan)?lang=en", method: .get, headers: [.cookie: try #require(try await NotificationPageTests.login(client, user: "manager")), .accept: "text/html"]) { response in
                #expect(response.text.contains("NPS 9") && response.text.contains("NPS 2") && !response.text.contains("id=\"customer-scoped\""), "the director sees both")
            }
            try await client.execute(uri: "/customers/\(other)?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .notFound, "another location's customer")
                #expect(!response.text.contains("+7") && !response.text.contains("79000000001"))
            }
            try await client.execute(uri: "/customers/nobody-at-all", method: .get, headers: page) { #expect($0.status == .notFound, "the same answer") }
            try await client.execute(uri: "/customers?q=\(Self.ivan)&lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/customers/\(ivan)\""))
                #expect(!response.text.contains("id=\"review\"") && !response.text.contains("id=\"acquisition-facts\""), "organisation-wide sections left out")
            }
            try await client.execute(uri: "/customers?q=\(Self.other)&lang=en", method: .get, headers: page) { response in
                #expect(!response.text.contains("href=\"/customers/\(other)\""), "not found by its phone either")
            }
            try await client.execute(uri: "/customers/at-risk?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .unprocessableContent, "churn risk spans every location: refused, saying why")
                #expect(response.text.contains("Ask a CX director or an administrator"))
            }
        }
    }

    @Test func aKeyLimitedToALocationReadsOnlyThoseRecords() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let (ivan, other) = try await Self.seed(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01)
            try await client.execute(uri: "/api/v1/customers/\(ivan)", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                let timeline = response.json["timeline"] as? [String: Any] ?? [:]
                let items = timeline["items"] as? [[String: Any]] ?? []
                // x1 named a contact, so it opened a case at L01: the case of their L01 feedback is theirs too.
                let ids = items.compactMap { $0["id"] as? String }
                #expect(ids.contains("x1") && !ids.contains("x2") && !ids.contains("case-x2"), "\(items)")
                #expect(items.allSatisfy { ($0["kind"] as? String) != "case" || ($0["details"] as? [String: String])?["feedback"] == "x1" }, "\(items)")
                #expect(timeline["total"] as? Int == ids.count)
                #expect((response.json["merges"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/customers/\(ivan)", method: .get, headers: test.auth) { response in
                let items = (response.json["timeline"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
                #expect(Set(items.compactMap { $0["id"] as? String }).isSuperset(of: ["x1", "x2"]), "the organisation's key sees both")
            }
            try await client.execute(uri: "/api/v1/customers/\(other)", method: .get, headers: l01) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/customers?phone=\(Self.other)", method: .get, headers: l01) { response in
                #expect((response.json["items"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/customers?phone=\(Self.ivan)", method: .get, headers: l01) { response in
                #expect((response.json["items"] as? [[String: Any]])?.first?["id"] as? String == ivan)
            }
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: l01) {
                #expect($0.status == .unprocessableContent && $0.errorField == "scope_customers")
            }
            // The acquisition figures, the value and the export: ScopedRoutesTests.
            for path in ["customers/at-risk", "customers/\(ivan)/churn"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: l01) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == "scope_churn", "\(path)")
                }
            }
        }
    }
}
