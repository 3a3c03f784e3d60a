import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// `POST /api/v1/deliveries/dsn` (issue 19 item 1): a mail server's delivery status notification (Tests/fixtures/dsn),
/// posted raw, recorded on the delivery it names — by the returned Message-ID or the envelope id; a permanent failure
/// makes the record `bounced` and the survey invitation `no_contact` (AAPOR NC), a delay changes nothing, a repeat
/// changes nothing; a malformed notification is a 422 naming the field, one about no message Otklik sent a 404.
@Suite struct DeliveryBounceAPITests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: DeliveryBounceAPITests.directory.appendingPathComponent(name), encoding: .utf8)
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/dsn")

    static func post(_ client: any TestClientProtocol, _ test: TestApp, _ body: String) async throws -> TestResponse {
        var headers = test.auth
        headers[.contentType] = "message/rfc822"
        return try await client.execute(uri: "/api/v1/deliveries/dsn", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }

    @Test func bouncesAreRecordedOnTheirDeliveryAndTheInvitationBecomesNoContact() async throws {
        try await TestApp.withRouter { test, client in
            let database = test.app.database
            let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
            try await database.surveys.create(survey, now: Date())
            let results = try await database.surveys.sample(
                survey: "visit", [SurveyInteraction(id: "c1", at: Date(), contact: "nobody@example.org"), SurveyInteraction(id: "c2", at: Date(), contact: "slow@example.net"),
                                  SurveyInteraction(id: "c3", at: Date(), contact: "gone@example.com")],
                now: Date(), deliver: false)  // no outbox rows: the server's own dispatcher must not send them meanwhile
            let invitations = try results.map { try #require($0.invitation) }
            for (index, (invitation, recipient)) in zip(invitations, ["nobody@example.org", "slow@example.net", "gone@example.com"]).enumerated() {
                let id = "dsn-fixture-\(index + 1)"
                try await database.deliveries.record(
                    DeliveryAttempt(
                        id: id, kind: "survey_invitation", subject: invitation, channel: "email", recipient: recipient,
                        template: "survey_invitation_email", language: "ru", provider: "smtp", outcome: .sent(providerId: "<\(id)@otklik>")), now: Date())
            }

            // Postfix: user unknown, found by the returned message's Message-ID.
            let postfix = try Self.fixture("postfix-user-unknown.eml")
            do {
                let response = try await Self.post(client, test, postfix)
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["outcome"] as? String == "bounced" && response.json["status"] as? String == "5.1.1")
                #expect(response.json["changed"] as? Bool == true && response.json["recipient"] as? String == "n***@example.org")
                let delivery = try #require(response.json["delivery"] as? [String: Any])
                #expect(delivery["id"] as? String == "dsn-fixture-1" && delivery["status"] as? String == "bounced")
                #expect((delivery["last_error"] as? String)?.hasPrefix("5.1.1 smtp; 550 5.1.1 <n***@example.org>: Recipient address") == true, "the diagnostic kept, its address masked")
                #expect(!response.text.contains("nobody@example.org"), "the address is never echoed in full")
            }
            #expect(try await database.surveys.invitation(id: invitations[0])?.status == .noContact)
            let first = try #require(try await database.deliveries.delivery(id: "dsn-fixture-1"))
            // The same notification again (a mailbox re-read): nothing changes.
            do {
                let response = try await Self.post(client, test, postfix)
                #expect(response.status == .ok && response.json["changed"] as? Bool == false)
            }
            #expect(try await database.deliveries.delivery(id: "dsn-fixture-1") == first, "a repeat writes nothing")

            // Exchange: mailbox disabled, found by the envelope id.
            do {
                let response = try await Self.post(client, test, try Self.fixture("envelope-id-mailbox-disabled.eml"))
                #expect(response.status == .ok && response.json["outcome"] as? String == "bounced")
                #expect((response.json["delivery"] as? [String: Any])?["id"] as? String == "dsn-fixture-3")
            }
            #expect(try await database.surveys.invitation(id: invitations[2])?.status == .noContact)

            // Exim: delayed; the server is still trying, so the invitation stays open.
            do {
                let response = try await Self.post(client, test, try Self.fixture("exim-delayed.eml"))
                #expect(response.status == .ok && response.json["outcome"] as? String == "delayed" && response.json["changed"] as? Bool == false)
                #expect((response.json["delivery"] as? [String: Any])?["status"] as? String == "sent")
            }
            #expect(try await database.surveys.invitation(id: invitations[1])?.status == .invited)

            // Refused with the field named, and nothing written.
            do {
                let response = try await Self.post(client, test, try Self.fixture("malformed-no-status.eml"))
                #expect(response.status == .unprocessableContent && response.errorField == "status")
            }
            do {
                let response = try await Self.post(client, test, try Self.fixture("not-a-report.eml"))
                #expect(response.status == .unprocessableContent && response.errorField == "content_type")
            }
            do {
                let response = try await Self.post(client, test, "")
                #expect(response.status == .unprocessableContent && response.errorField == "body")
            }
            do {
                let response = try await Self.post(client, test, postfix.replacingOccurrences(of: "<dsn-fixture-1@otklik>", with: "<someone-else@otklik>"))
                #expect(response.status == .notFound && response.errorField == "message_id")
                #expect(response.text.contains("someone-else@otklik"), "the error names the Message-ID looked for")
            }
            #expect(try await database.surveys.invitation(id: invitations[1])?.status == .invited)

            let reader = try await database.access.createApiKey(name: "reader", scope: .read, area: .organisation).secret
            try await client.execute(
                uri: "/api/v1/deliveries/dsn", method: .post, headers: [.authorization: "Bearer \(reader)"], body: ByteBuffer(string: postfix)
            ) { #expect($0.status == .forbidden, "recording a bounce is a write, as a provider's delivery report") }
        }
    }
}
