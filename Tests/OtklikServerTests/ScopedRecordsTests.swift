import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3, the last routes that answered a scoped principal a bare 403: a feedback's conversation and playbook,
/// transcripts, interactions and transactions by id (and their writes), the delivery records; and a problem's owner.
/// Over a real socket, on the data of ``RolesAndScopesTests`` (olga and the keys `l01` and `writeL01` are limited to L01;
/// region R1 holds L01 and L02, R2 holds L03).
///
/// Added here: staff S02 at L02; the playbook for `low_score`; two low scores with a comment, `f-l01` (S01 at L01) and
/// `f-l02` (S02 at L02), each after a transcript there with the same staff member (`t1`, `t2`), so each has its
/// conversation and opens a case.
@Suite struct ScopedRecordsTests {
    static func seedConversations(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
        let playbooks: [String: Any] = ["items": [[
            "event": "low_score", "title_ru": "Низкая оценка", "title_en": "Low score", "tasks": ["Перезвонить"], "phrases": ["Здравствуйте"],
        ]]]
        try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(playbooks)) { #expect($0.status == .ok) }
        let now = Date()
        func at(_ minutes: Double) -> String { Timestamp.format(now.addingTimeInterval(-60 * minutes)) }
        let transcripts: [String: Any] = ["items": [("t1", "L01", "S01", "Здравствуйте! Чем могу помочь?"), ("t2", "L02", "S02", "Добрый день.")].map {
            ["id": $0.0, "location": $0.1, "staff": $0.2, "started_at": at(20), "ended_at": at(15), "lang": "ru",
             "turns": [["speaker": "staff", "text": $0.3], ["speaker": "customer", "text": "Карта не пришла."]]]
        }]
        try await client.execute(uri: "/api/v1/transcripts", method: .post, headers: test.auth, body: jsonBody(transcripts)) {
            #expect($0.status == .created, "\($0.text)")
        }
        let feedback: [String: Any] = ["items": [("f-l01", "L01", "S01"), ("f-l02", "L02", "S02")].enumerated().map { index, item in
            ["id": item.0, "ts": at(5), "channel": "qr_web", "location": item.1, "staff": item.2, "csat": 1, "comment": "Карта не пришла",
             "contact": "+7 900 111-22-3\(index)"]
        }]
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(feedback)) { #expect($0.status == .created) }
    }

    /// The conversation and the playbook of L01's feedback are the L01 key's; L02's are 404 to it, as a feedback that does
    /// not exist, and the organisation's key reads both. Transcripts: t1 is theirs, t2 404; a batch with a transcript at
    /// L02 is 403 naming it and writes nothing. Olga's case page of f-l01 shows its conversation and playbook.
    @Test func aFeedbacksConversationAndPlaybookAreTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await Self.seedConversations(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01)
            try await client.execute(uri: "/api/v1/feedback/f-l01/conversation", method: .get, headers: l01) { response in
                #expect(response.status == .ok && response.json["id"] as? String == "t1", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/feedback/f-l01/playbook", method: .get, headers: l01) { response in
                #expect(response.status == .ok && response.json["title_en"] as? String == "Low score", "\(response.text)")
            }
            for path in ["feedback/f-l02/conversation", "feedback/f-l02/playbook", "transcripts/t2"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: l01) { response in
                    #expect(response.status == .notFound && response.errorField == "id", "\(path): \(response.text)")
                }
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: test.auth) { #expect($0.status == .ok, "\(path) for the organisation") }
            }
            try await client.execute(uri: "/api/v1/feedback/f-l02/conversation", method: .get, headers: RolesAndScopesTests.headers(keys.r1)) {
                #expect($0.status == .ok && $0.json["id"] as? String == "t2", "region R1 holds L02")
            }
            try await client.execute(uri: "/api/v1/transcripts/t1", method: .get, headers: l01) { response in
                #expect(response.status == .ok && response.json["location"] as? String == "L01")
            }
            let start = Timestamp.format(Date().addingTimeInterval(-7200))  // two hours ago: nobody's conversation
            func transcript(_ id: String, _ location: String) -> [String: Any] {
                ["id": id, "location": location, "started_at": start, "turns": [["speaker": "staff", "text": "Здравствуйте"]]]
            }
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            try await client.execute(
                uri: "/api/v1/transcripts", method: .post, headers: writeL01, body: jsonBody(["items": [transcript("t3", "L01"), transcript("t4", "L02")]])
            ) { response in
                #expect(response.status == .forbidden && response.errorField == "items[1].location", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/transcripts/t3", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing of the batch") }
            try await client.execute(uri: "/api/v1/transcripts", method: .post, headers: writeL01, body: jsonBody(["items": [transcript("t3", "L01")]])) {
                #expect($0.status == .created, "at their own location")
            }

            let page = try await ScopedKPIAndAlertsTests.page(client)
            let mine = try await client.execute(uri: "/api/v1/cases?location=L01", method: .get, headers: test.auth) { response in
                (response.json["items"] as? [[String: Any]] ?? []).first { $0["feedback_id"] as? String == "f-l01" }?["id"] as? String
            }
            let id = try #require(mine, "f-l01 opened a case")
            try await client.execute(uri: "/cases/\(id)?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Здравствуйте! Чем могу помочь?"), "the conversation at L01")
                #expect(response.text.contains("Low score"), "the playbook")
            }
        }
    }

    /// Interactions and transactions: L01's are the L01 key's, L02's 404, one without a location (a call to the
    /// contact centre's queues, an online purchase) 422 naming scope_no_location with the reason; the organisation
    /// reads all three. A batch with an item at L02 or without a location is 403 naming it, nothing written.
    @Test func interactionsAndTransactionsByIdAreTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let now = Timestamp.format(Date().addingTimeInterval(-3600))
            func interaction(_ id: String, _ location: String?) -> [String: Any] {
                var item: [String: Any] = ["id": id, "arrived_at": now, "channel": "call_center", "queue": "cards", "outcome": "answered", "wait_s": 10]
                if let location { item["location"] = location }
                return item
            }
            func transaction(_ id: String, _ location: String?) -> [String: Any] {
                var item: [String: Any] = ["id": id, "ts": now, "customer": "CUST-\(id)", "amount": 100.0]
                if let location { item["location"] = location }
                return item
            }
            let interactions = [interaction("i-l01", "L01"), interaction("i-l02", "L02"), interaction("i-cc", nil)]
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": interactions])) {
                #expect($0.status == .created, "\($0.text)")
            }
            let transactions = [transaction("x-l01", "L01"), transaction("x-l02", "L02"), transaction("x-web", nil)]
            try await client.execute(uri: "/api/v1/transactions", method: .post, headers: test.auth, body: jsonBody(["items": transactions])) {
                #expect($0.status == .created, "\($0.text)")
            }
            let l01 = RolesAndScopesTests.headers(keys.l01)
            for (kind, prefix) in [("interactions", "i"), ("transactions", "x")] {
                try await client.execute(uri: "/api/v1/\(kind)/\(prefix)-l01", method: .get, headers: l01) { #expect($0.status == .ok, "\(kind): theirs") }
                try await client.execute(uri: "/api/v1/\(kind)/\(prefix)-l02", method: .get, headers: l01) { response in
                    #expect(response.status == .notFound && response.errorField == "id", "\(kind): another location's")
                }
                try await client.execute(uri: "/api/v1/\(kind)/\(prefix)-none", method: .get, headers: l01) { #expect($0.status == .notFound, "\(kind): none") }
                for id in ["\(prefix)-l01", "\(prefix)-l02", prefix == "i" ? "i-cc" : "x-web"] {
                    try await client.execute(uri: "/api/v1/\(kind)/\(id)", method: .get, headers: test.auth) { #expect($0.status == .ok, "\(id) for the organisation") }
                }
            }
            try await client.execute(uri: "/api/v1/interactions/i-cc", method: .get, headers: l01) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_no_location", "\(response.text)")
                #expect(response.text.contains("records no service point") && response.text.contains("ask a CX director or an administrator"))
            }
            try await client.execute(uri: "/api/v1/transactions/x-web", method: .get, headers: l01) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_no_location", "\(response.text)")
                #expect(response.text.contains("an online or remote purchase"))
            }
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            try await client.execute(
                uri: "/api/v1/interactions", method: .post, headers: writeL01, body: jsonBody(["items": [interaction("i-2", "L01"), interaction("i-3", nil)]])
            ) { response in
                #expect(response.status == .forbidden && response.errorField == "items[1].location", "\(response.text)")
            }
            try await client.execute(
                uri: "/api/v1/transactions", method: .post, headers: writeL01, body: jsonBody(["items": [transaction("x-2", "L02")]])
            ) { response in
                #expect(response.status == .forbidden && response.errorField == "items[0].location", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/interactions/i-2", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing written") }
            try await client.execute(uri: "/api/v1/transactions/x-2", method: .get, headers: test.auth) { #expect($0.status == .notFound, "nothing written") }
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: writeL01, body: jsonBody(["items": [interaction("i-2", "L01")]])) {
                #expect($0.status == .created, "at their own location")
            }
        }
    }

    /// Deliveries: one record for an invitation at L01, one at L02 and one programme message. The L01 key lists L01's
    /// alone (and says what it leaves out), reads it, gets 404 for L02's and 422 scope_programmes for the programme
    /// message; a delivery report from it is 422 scope_deliveries and changes nothing; the organisation lists all three.
    @Test func deliveriesAreTheInvitationsAtTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await ScopedRoutesTests.seedSurvey(test, client)
            let invitations = try await client.execute(uri: "/api/v1/surveys/visit/invitations", method: .get, headers: test.auth) { response in
                (response.json["items"] as? [[String: Any]] ?? []).compactMap { item -> (String, String)? in
                    guard let id = item["id"] as? String, let location = item["location"] as? String else { return nil }
                    return (location, id)
                }
            }
            let atL01 = try #require(invitations.first { $0.0 == "L01" }?.1), atL02 = try #require(invitations.first { $0.0 == "L02" }?.1)
            let deliveries = test.app.database.deliveries
            for (id, kind, subject) in [("m-l01", "survey_invitation", atL01), ("m-l02", "survey_invitation", atL02), ("m-prog", "programme_message", "act-1")] {
                try await deliveries.record(
                    DeliveryAttempt(id: id, kind: kind, subject: subject, channel: "sms", recipient: "+7 900 555-00-11", template: "t", language: "ru",
                                    provider: "gateway", outcome: .sent(providerId: "gw-\(id)")), now: Date())
            }
            // The test's own records: the live server's invitation sender may record deliveries of its own (`msg-inv-…`)
            // while the test runs.
            func ids(_ json: [String: Any]) -> Set<String> {
                Set((json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.filter { $0.hasPrefix("m-") })
            }
            let l01 = RolesAndScopesTests.headers(keys.l01)
            try await client.execute(uri: "/api/v1/deliveries", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                #expect(ids(response.json) == ["m-l01"], "\(response.text)")
                #expect(response.json["locations"] as? [String] == ["L01"])
                #expect(response.json["left_out"] as? [String] == ["programme_message", "survey_invitation_without_location"])
            }
            try await client.execute(uri: "/api/v1/deliveries?status=failed", method: .get, headers: l01) { #expect(ids($0.json).isEmpty) }
            try await client.execute(uri: "/api/v1/deliveries", method: .get, headers: test.auth) { response in
                #expect(ids(response.json) == ["m-l01", "m-l02", "m-prog"] && response.json["left_out"] == nil)
            }
            try await client.execute(uri: "/api/v1/deliveries", method: .get, headers: RolesAndScopesTests.headers(keys.r1)) {
                #expect(ids($0.json) == ["m-l01", "m-l02"], "region R1")
            }
            try await client.execute(uri: "/api/v1/deliveries/m-l01", method: .get, headers: l01) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/deliveries/m-l02", method: .get, headers: l01) { #expect($0.status == .notFound && $0.errorField == "id") }
            try await client.execute(uri: "/api/v1/deliveries/m-prog", method: .get, headers: l01) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_programmes", "\(response.text)")
            }
            let report = jsonBody(["provider": "gateway", "provider_id": "gw-m-l01", "status": "bounced"])
            try await client.execute(uri: "/api/v1/deliveries/reports", method: .post, headers: RolesAndScopesTests.headers(keys.writeL01), body: report) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_deliveries", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/deliveries/m-l01", method: .get, headers: test.auth) {
                #expect($0.json["status"] as? String == "sent", "nothing changed")
            }
        }
    }

    /// What olga's filtered pages load was 403 to her: the mystery form's script and a feedback survey's QR code.
    @Test func whatTheirPagesLoadIsServedToThem() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await test.app.database.surveys.create(SurveyDistributionTests.survey("pulse", purpose: .feedback), now: Date())
            let page = try await ScopedKPIAndAlertsTests.page(client)
            try await client.execute(uri: "/surveys/pulse?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok && response.text.contains("<img src=\"/surveys/pulse/qr.svg\""))
            }
            try await client.execute(uri: "/surveys/pulse/qr.svg", method: .get, headers: page) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("image/svg+xml") == true, "\(response.status)")
            }
            try await client.execute(uri: "/static/mystery.js", method: .get, headers: page) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/javascript") == true, "\(response.status)")
            }
        }
    }

    /// The reference data by code is read whole, as its lists are; the rules, SLA policies and targets, and changes to the
    /// reference data, are the organisation's configuration: 422 scope_configuration rather than a bare 403.
    @Test func referenceDataAndRulesAnswerScopedKeys() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let l01 = RolesAndScopesTests.headers(keys.l01), writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            for path in ["locations/L02", "regions/R2", "staff/S01"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: l01) { #expect($0.status == .ok, "\(path): \($0.text)") }
            }
            for path in ["targets", "sla-policies", "assignment-rules", "escalation-rules"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: l01) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == "scope_configuration", "\(path): \(response.text)")
                }
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: test.auth) { #expect($0.status == .ok, "\(path) for the organisation") }
            }
            let renamed = jsonBody(["code": "L01", "name": "Переименовано", "region": "R1"])
            try await client.execute(uri: "/api/v1/locations/L01", method: .put, headers: writeL01, body: renamed) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_configuration", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/locations/L01", method: .get, headers: test.auth) {
                #expect($0.json["name"] as? String != "Переименовано", "nothing changed")
            }
        }
    }

    /// A problem's owner: the L01 key and olga name only L01's staff. S02 (at L02) and an unknown code are 422 naming
    /// owner, nothing written; S01 is taken. The organisation names S02. Olga's page says it in her language.
    @Test func aProblemsOwnerIsOneOfTheirStaff() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await ScopedAreasTests.seedProblems(test)
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            for owner in ["S02", "nobody"] {
                try await client.execute(
                    uri: "/api/v1/problems/p-l01/actions", method: .post, headers: writeL01, body: jsonBody(["action": "assign", "owner": owner])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == "owner", "\(owner): \(response.text)")
                    #expect(response.text.contains("is not a member of staff at the locations this API key is limited to"))
                }
            }
            try await client.execute(uri: "/api/v1/problems/p-l01", method: .get, headers: test.auth) { #expect($0.json["owner"] == nil, "nothing written") }
            try await client.execute(
                uri: "/api/v1/problems/p-l01/actions", method: .post, headers: writeL01, body: jsonBody(["action": "assign", "owner": "S01"])
            ) { response in
                #expect(response.status == .ok && response.json["owner"] as? String == "S01", "\(response.text)")
            }
            try await client.execute(
                uri: "/api/v1/problems/p-l01/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": "S02"])
            ) { #expect($0.json["owner"] as? String == "S02", "the organisation names anyone") }

            let page = try await ScopedKPIAndAlertsTests.page(client)
            let cookie = try #require(page[.cookie])
            for (language, sentence) in [("ru", "Выберите сотрудника из списка."), ("en", "Choose a member of staff from the list.")] {
                try await client.execute(
                    uri: "/problems/p-l01?lang=\(language)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=assign&owner=S02")
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(language)")
                    #expect(response.text.contains(sentence), "\(language): \(response.text.prefix(300))")
                    #expect(response.text.contains("class=\"sections\""), "the navigation kept")
                }
            }
            try await client.execute(uri: "/api/v1/problems/p-l01", method: .get, headers: test.auth) { #expect($0.json["owner"] as? String == "S02", "unchanged") }
            try await client.execute(
                uri: "/problems/p-l01", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=assign&owner=S01")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/api/v1/problems/p-l01", method: .get, headers: test.auth) { #expect($0.json["owner"] as? String == "S01") }
        }
    }

    /// A case's owner, as a problem's: L01's case is assigned by the L01 key and olga only to L01's staff (S02 at L02 is
    /// 422 naming owner, one by one and in bulk, nothing changed); olga's case page offers S01 and not S02; the
    /// organisation's key assigns S02.
    @Test func aCasesOwnerIsOneOfTheirStaff() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
            let id = try await RolesAndScopesTests.caseId(at: "L01", test, client)
            let writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            try await client.execute(
                uri: "/api/v1/cases/\(id)/actions", method: .post, headers: writeL01, body: jsonBody(["action": "assign", "owner": "S02"])
            ) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "owner", "\(response.text)")
            }
            try await client.execute(
                uri: "/api/v1/cases/bulk", method: .post, headers: writeL01, body: jsonBody(["ids": [id], "action": "assign", "owner": "S02"])
            ) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "owner", "bulk: \(response.text)")
            }
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: test.auth) { #expect($0.json["owner"] as? String != "S02", "nothing changed") }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            let cookie = try #require(page[.cookie])
            try await client.execute(uri: "/cases/\(id)?lang=en", method: .get, headers: page) { response in
                #expect(response.text.contains("<option value=\"S01\"") && !response.text.contains("<option value=\"S02\""), "L01's staff to choose")
            }
            try await client.execute(uri: "/cases?lang=en", method: .get, headers: page) { response in
                #expect(response.text.contains("<option value=\"S01\"") && !response.text.contains("<option value=\"S02\""), "the bulk bar too")
            }
            try await client.execute(
                uri: "/cases/\(id)?lang=ru", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=assign&owner=S02")
            ) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("Выберите сотрудника из списка."), "\(response.status)")
            }
            try await client.execute(
                uri: "/cases/\(id)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=assign&owner=S01")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: test.auth) { #expect($0.json["owner"] as? String == "S01") }
            try await client.execute(
                uri: "/api/v1/cases/\(id)/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": "S02"])
            ) { #expect($0.status == .ok && $0.json["owner"] as? String == "S02", "the organisation names anyone") }
        }
    }
}
