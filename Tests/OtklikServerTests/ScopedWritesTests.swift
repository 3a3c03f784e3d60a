import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3, the routes that still answered a scoped principal a bare 403. Those whose records carry a location
/// now filter: service requests, agent states (the agent's service point is the staff member's), employee issues and case
/// status links are written by a scoped key only at its locations; the notifications API gives it its locations' staff's
/// notifications. Those about a customer's identity, which spans the organisation (the review queue, merges and their
/// undoing, the customer and consent imports, contact preferences, erasure), answer 422 `scope_customers` with the reason.
/// Over a real socket, on the data of ``RolesAndScopesTests`` (olga and the keys `l01` and `writeL01` are limited to L01;
/// region R1 holds L01 and L02). Added here: staff S02 at L02.
@Suite struct ScopedWritesTests {
    static func request(_ id: String, _ location: String?) -> [String: Any] {
        var item: [String: Any] = ["id": id, "service": "SV1", "channel": "web", "submitted_at": "2026-03-02T09:00:00Z", "status": "open"]
        item["location"] = location
        return item
    }

    static func state(_ agent: String, _ hour: Int) -> [String: Any] {
        let hour = String(format: "%02d", hour)
        return ["agent": agent, "state": "handling", "start": "2026-03-02T\(hour):00:00Z", "end": "2026-03-02T\(hour):30:00Z"]
    }

    /// Service requests: a batch with one at L02 or one without a location is 403 naming it and writes nothing (the same
    /// L01 request is then inserted, not a duplicate); L01's alone is 201. Agent states: S02 (at L02) or an unknown agent
    /// is 403 naming items[i].agent, nothing written; S01's are 201; the organisation's key writes S02's.
    @Test func serviceRequestsAndAgentStatesOnlyAtTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            for (items, field) in [([Self.request("rq1", "L01"), Self.request("rq2", "L02")], "items[1].location"), ([Self.request("rq1", "L01"), Self.request("rq3", nil)], "items[1].location")] {
                try await client.execute(uri: "/api/v1/requests", method: .post, headers: writeL01, body: jsonBody(["items": items])) { response in
                    #expect(response.status == .forbidden && response.errorField == field, "\(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: writeL01, body: jsonBody(["items": [Self.request("rq1", "L01")]])) { response in
                #expect(response.status == .created && response.json["inserted"] as? [String] == ["rq1"], "nothing of the refused batches: \(response.text)")
            }
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": [Self.request("rq2", "L02")]])) { response in
                #expect(response.status == .created && response.json["inserted"] as? [String] == ["rq2"], "the organisation writes anywhere")
            }

            for (items, field) in [([Self.state("S01", 9), Self.state("S02", 9)], "items[1].agent"), ([Self.state("nobody", 10)], "items[0].agent")] {
                try await client.execute(uri: "/api/v1/agent-states", method: .post, headers: writeL01, body: jsonBody(["items": items])) { response in
                    #expect(response.status == .forbidden && response.errorField == field, "\(response.text)")
                    #expect(response.text.contains("is not a member of staff at the locations of this API key"))
                }
            }
            try await client.execute(uri: "/api/v1/agent-states", method: .post, headers: writeL01, body: jsonBody(["items": [Self.state("S01", 9)]])) { response in
                #expect(response.status == .created && (response.json["inserted"] as? [Any])?.count == 1, "nothing of the refused batch: \(response.text)")
            }
            try await client.execute(uri: "/api/v1/agent-states", method: .post, headers: test.auth, body: jsonBody(["items": [Self.state("S02", 9)]])) {
                #expect($0.status == .created, "the organisation writes anyone's")
            }
        }
    }

    /// An employee's issue opens a case at its location: the L01 key raises one at L01 (its case is the key's to read),
    /// not at L02 or without a location (403 naming location, no case opened). A status link: the L01 case's for the L01
    /// key, the L02 case's 404 as a case that does not exist; the organisation's key makes both.
    @Test func employeeIssuesAndStatusLinksOnlyAtTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            for body: [String: Any] in [["id": "v-1", "location": "L02", "text": "Принтер"], ["id": "v-1", "text": "Принтер"]] {
                try await client.execute(uri: "/api/v1/employee-issues", method: .post, headers: writeL01, body: jsonBody(body)) { response in
                    #expect(response.status == .forbidden && response.errorField == "location", "\(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/cases?kind=employee", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [Any])?.isEmpty == true, "no case opened")
            }
            let opened = try await client.execute(
                uri: "/api/v1/employee-issues", method: .post, headers: writeL01, body: jsonBody(["id": "v-1", "location": "L01", "text": "Принтер"])
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                return try #require(response.json["case_id"] as? String)
            }
            try await client.execute(uri: "/api/v1/cases/\(opened)", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok && response.json["location"] as? String == "L01")
            }

            let mine = try await RolesAndScopesTests.caseId(at: "L01", test, client)
            let other = try await RolesAndScopesTests.caseId(at: "L02", test, client)
            try await client.execute(uri: "/api/v1/cases/\(other)/status-link", method: .post, headers: writeL01) { response in
                #expect(response.status == .notFound && response.errorField == "id", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/cases/\(mine)/status-link", method: .post, headers: writeL01) { response in
                #expect(response.status == .created && (response.json["status_url"] as? String)?.contains("/status/") == true, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/cases/\(other)/status-link", method: .post, headers: test.auth) { #expect($0.status == .created) }

            // A service request's status link likewise: the L01 key makes one for its request at L01, L02's is 404.
            let requests: [[String: Any]] = ["L01", "L02"].map { location in
                ["id": "q-\(location)", "service": "SV1", "location": location, "channel": "web", "customer": "C-\(location)",
                 "submitted_at": "2026-11-02T09:00:00Z", "status": "open"]
            }
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": requests])) {
                #expect($0.status == .created, "\($0.text)")
            }
            try await client.execute(uri: "/api/v1/requests/q-L02/status-link", method: .post, headers: writeL01) { response in
                #expect(response.status == .notFound && response.errorField == "id", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/requests/q-L01/status-link", method: .post, headers: writeL01) { response in
                #expect(response.status == .created && (response.json["status_url"] as? String)?.contains("/request-status/") == true, "\(response.text)")
            }
        }
    }

    /// The notifications API to a key limited to L01: the notifications of L01's staff (S01's), never S02's
    /// (at L02) nor the administrators'; naming S02 or the administrators is 403 naming recipient; marking S02's
    /// notification read is 404 and marks nothing; S01's are marked. The region R1 key reads both staff members'.
    @Test func notificationsAreThoseOfTheirLocationsStaff() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
            for (location, owner) in [("L01", "S01"), ("L02", "S02")] {
                let id = try await RolesAndScopesTests.caseId(at: location, test, client)
                try await client.execute(
                    uri: "/api/v1/cases/\(id)/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": owner])
                ) { #expect($0.status == .ok) }
            }
            func recipients(_ headers: HTTPFields, _ query: String = "") async throws -> [String?] {
                try await client.execute(uri: "/api/v1/notifications\(query)", method: .get, headers: headers) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    return (response.json["items"] as? [[String: Any]] ?? []).map { $0["recipient"] as? String }
                }
            }
            let everyone = try await recipients(test.auth)
            #expect(everyone.contains("S01") && everyone.contains("S02") && everyone.contains(nil), "the organisation: \(everyone)")
            let l01 = RolesAndScopesTests.headers(keys.l01)
            let s01 = everyone.filter { $0 == "S01" }
            let mine = try await recipients(l01)
            #expect(!s01.isEmpty && mine == s01, "L01's staff only: \(mine) of \(everyone)")
            #expect(try await recipients(l01, "?recipient=S01") == s01)
            #expect(Set(try await recipients(RolesAndScopesTests.headers(keys.r1)).compactMap { $0 }) == ["S01", "S02"], "region R1")
            for recipient in ["S02", "admins"] {
                try await client.execute(uri: "/api/v1/notifications?recipient=\(recipient)", method: .get, headers: l01) { response in
                    #expect(response.status == .forbidden && response.errorField == "recipient", "\(recipient): \(response.text)")
                }
            }
            let ids = try await client.execute(uri: "/api/v1/notifications?recipient=S02", method: .get, headers: test.auth) { response in
                (response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let theirs = try #require(ids.first)
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: writeL01, body: jsonBody(["ids": [theirs]])) { response in
                #expect(response.status == .notFound && response.errorField == "ids[0]", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: writeL01, body: jsonBody(["recipient": "S02", "all": true])) {
                #expect($0.status == .forbidden && $0.errorField == "recipient")
            }
            try await client.execute(uri: "/api/v1/notifications?recipient=S02&unread=1", method: .get, headers: test.auth) {
                #expect(($0.json["unread"] as? Int) == ids.count, "S02's stay unread")
            }
            try await client.execute(uri: "/api/v1/notifications/read", method: .post, headers: writeL01, body: jsonBody(["recipient": "S01", "all": true])) { response in
                #expect(response.status == .ok && response.json["read"] as? Int == s01.count && response.json["unread"] as? Int == 0, "\(response.text)")
            }
        }
    }

    /// A customer's identity is the organisation's: the review queue, merges and their undoing, the customer and consent
    /// imports, contact preferences and erasure answer the scoped keys 422 scope_customers with the reason, and the
    /// erasure refused erased nothing; the organisation's key reads the queue. Olga's review decision on the pages says
    /// why in her language (ru, en) with the navigation kept; unmerging needs change_configuration, which a location
    /// manager does not hold (403 naming it).
    @Test func customersIdentityIsRefusedSayingWhy() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let customer = try await client.execute(uri: "/api/v1/customers?phone=%2B79000000000", method: .get, headers: test.auth) { response in
                try #require((response.json["items"] as? [[String: Any]])?.first?["id"] as? String, "the L01 complaint's customer")
            }
            let l01 = RolesAndScopesTests.headers(keys.l01), writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            let csv: HTTPFields = [.authorization: "Bearer \(keys.writeL01)", .contentType: "text/csv"]
            for (method, path, headers) in [
                (HTTPRequest.Method.get, "customers/review", l01), (.post, "customers/review/rv-1", writeL01), (.post, "customers/merges", writeL01),
                (.delete, "customers/merges/m-1", writeL01), (.post, "customers/import", csv), (.post, "customers/consents", csv),
                (.put, "customers/\(customer)/preferences", writeL01), (.post, "customers/\(customer)/erase", writeL01),
            ] {
                try await client.execute(uri: "/api/v1/\(path)", method: method, headers: headers, body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == "scope_customers", "\(method) \(path): \(response.text)")
                    #expect(response.text.contains("a customer's identity is the organisation's") && response.text.contains("ask a CX director or an administrator"))
                }
            }
            try await client.execute(uri: "/api/v1/customers?phone=%2B79000000000", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.first?["id"] as? String == customer, "nothing erased: the phone still finds them")
            }
            try await client.execute(uri: "/api/v1/customers/review", method: .get, headers: test.auth) { #expect($0.status == .ok, "the organisation's queue") }

            let page = try await ScopedKPIAndAlertsTests.page(client)
            let cookie = try #require(page[.cookie])
            for (language, sentence) in [
                ("ru", "не меняет данные о личности клиентов"), ("en", "identities are not changed by a user limited to some service points"),
            ] {
                try await client.execute(
                    uri: "/customers/review/rv-1?lang=\(language)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "decision=merge")
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(language)")
                    #expect(response.text.contains(sentence), "\(language): \(response.text.prefix(300))")
                    #expect(response.text.contains("class=\"sections\""), "the navigation kept")
                }
            }
            try await client.execute(
                uri: "/customers/\(customer)/unmerge", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "merge=m-1")
            ) { #expect($0.status == .forbidden, "a location manager does not change the configuration") }
        }
    }
}
