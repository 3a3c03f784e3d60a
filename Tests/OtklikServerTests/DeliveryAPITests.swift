import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// `/api/v1/deliveries`: the records, and a provider's report — a bounced invitation becomes `no_contact`.
@Suite struct DeliveryAPITests {
    @Test func aBounceReportedByTheProviderMakesTheInvitationNoContact() async throws {
        try await TestApp.withRouter { test, client in
            let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
            try await test.app.database.surveys.create(survey, now: Date())
            let results = try await test.app.database.surveys.sample(
                survey: "visit", [SurveyInteraction(id: "c1", at: Date(), contact: "+79001112233"), SurveyInteraction(id: "c2", at: Date(), contact: "+79001112244")],
                now: Date(), deliver: false)  // no outbox rows: the server's own dispatcher must not send them meanwhile
            let (bounced, delivered) = (try #require(results[0].invitation), try #require(results[1].invitation))
            for (invitation, provider) in [(bounced, "gw-1"), (delivered, "gw-2")] {
                try await test.app.database.deliveries.record(
                    DeliveryAttempt(
                        id: "msg-\(invitation)", kind: "survey_invitation", subject: invitation, channel: "sms", recipient: "+79001112233",
                        template: "survey_invitation_sms", language: "ru", provider: "gateway", outcome: .sent(providerId: provider)), now: Date())
            }
            try await client.execute(
                uri: "/api/v1/deliveries/reports", method: .post, headers: test.auth,
                body: jsonBody(["provider": "gateway", "provider_id": "gw-1", "status": "bounced", "error": "unknown subscriber"])
            ) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "bounced" && response.json["last_error"] as? String == "unknown subscriber")
                #expect(response.json["recipient_masked"] as? String == "***33" && !response.text.contains("79001112233"))
            }
            try await client.execute(
                uri: "/api/v1/deliveries/reports", method: .post, headers: test.auth,
                body: jsonBody(["provider": "gateway", "provider_id": "gw-2", "status": "delivered"])
            ) { #expect($0.status == .ok) }
            #expect(try await test.app.database.surveys.invitation(id: bounced)?.status == .noContact)
            #expect(try await test.app.database.surveys.invitation(id: delivered)?.status == .invited)

            try await client.execute(uri: "/api/v1/deliveries?status=bounced", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["id"] as? String == "msg-\(bounced)" && items.first?["channel"] as? String == "sms")
            }
            try await client.execute(uri: "/api/v1/deliveries/msg-\(delivered)", method: .get, headers: test.auth) {
                #expect($0.status == .ok && $0.json["status"] as? String == "delivered" && $0.json["provider_id"] as? String == "gw-2")
            }
            try await client.execute(uri: "/api/v1/deliveries?status=lost", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "status")
            }
            try await client.execute(
                uri: "/api/v1/deliveries/reports", method: .post, headers: test.auth,
                body: jsonBody(["provider": "gateway", "provider_id": "gw-1", "status": "sent"])
            ) { #expect($0.status == .unprocessableContent && $0.errorField == "status") }
            try await client.execute(
                uri: "/api/v1/deliveries/reports", method: .post, headers: test.auth,
                body: jsonBody(["provider": "gateway", "provider_id": "gw-404", "status": "bounced"])
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/deliveries", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}
