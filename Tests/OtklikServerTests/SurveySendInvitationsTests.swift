import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikApplication
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Issue 20 item 8: invitations sent from a survey's page to a pasted list — only customers with a survey consent in
/// force on the address's channel, none twice, a line that is no address named with nothing queued — and the
/// queued / sent / failed counts of the survey's invitation messages after the dispatcher's round.
@Suite struct SurveySendInvitationsTests {
    static let now = Date()

    /// A customer known by a complaint with this contact, with a survey consent on `channel` (nil: none).
    static func customer(_ test: TestApp, _ id: String, contact: String, surveyConsent channel: String?, withdrawn: Bool = false) async throws {
        let feedback = Feedback(id: id, ts: now.addingTimeInterval(-86_400), channel: .qrWeb, kind: .complaint, nps: 2, comment: "Долго", contact: contact)
        _ = try await test.app.database.feedback.insert([feedback], createMissingReferences: true)
        let customer = try #require(try await test.app.database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id"))
        if let channel {
            try await test.app.database.consents.record([Consent(
                id: "cn-\(id)", customer: customer, purpose: .survey, channel: channel, source: "form", givenAt: now.addingTimeInterval(-7 * 86_400),
                withdrawnAt: withdrawn ? now.addingTimeInterval(-3600) : nil)])
        }
    }

    static func post(_ client: any TestClientProtocol, _ cookie: String, _ contacts: String, lang: String = "en") async throws -> (HTTPResponse.Status, String) {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "contacts", value: contacts), URLQueryItem(name: "lang", value: "ru")]
        let body = ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
        return try await client.execute(uri: "/surveys/visit/invite?lang=\(lang)", method: .post, headers: DashboardTests.form(cookie), body: body) { ($0.status, $0.text) }
    }

    @Test func aPastedListIsInvitedWithConsentOnceAndCounted() async throws {
        // Without the server's own dispatcher: this test runs the round itself and counts what it delivered.
        try await TestApp.withRouter(background: false) { test, client in
            let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
            try await test.app.database.surveys.create(survey, now: Self.now)
            try await Self.customer(test, "c1", contact: "anna@example.org", surveyConsent: "email")
            try await Self.customer(test, "c2", contact: "+7 900 111-22-33", surveyConsent: "sms")
            try await Self.customer(test, "c3", contact: "boris@example.org", surveyConsent: "sms")  // consent on another channel
            try await Self.customer(test, "c4", contact: "vera@example.org", surveyConsent: "email", withdrawn: true)
            let cookie = try #require(try await DashboardTests.login(client))

            var (status, page) = try await Self.post(client, cookie, "anna@example.org\nnot an address\n+79001112233")
            #expect(status == .unprocessableContent)
            #expect(page.contains("line 2") && page.contains("aria-invalid=\"true\"") && page.contains(">anna@example.org\nnot an address"))
            #expect(try await test.app.database.surveys.invitations(survey: "visit").isEmpty, "nothing queued")
            (status, page) = try await Self.post(client, cookie, "anna@example.org\nnot an address", lang: "ru")
            #expect(status == .unprocessableContent && page.contains("ничего не отправлено (строка 2)"))

            (status, page) = try await Self.post(client, cookie, "anna@example.org\n+7 (900) 111-22-33\nboris@example.org\nvera@example.org\nnobody@example.org\nANNA@example.org")
            #expect(status == .ok)
            #expect(page.contains("Queued: 2; without a survey consent: 3; invited before: 1."))
            #expect(page.contains("queued <strong>2</strong>, sent <strong>0</strong>, failed <strong>0</strong>"))
            let invitations = try await test.app.database.surveys.invitations(survey: "visit")
            #expect(Set(invitations.compactMap(\.channel)) == ["email", "sms"] && invitations.count == 2)
            (_, page) = try await Self.post(client, cookie, "anna@example.org")
            #expect(page.contains("Queued: 0; without a survey consent: 0; invited before: 1."))

            // A segment's members (everyone who complained): Anna and the phone were invited, Boris has a survey consent on
            // SMS but no phone on file, Vera withdrew hers.
            try await test.app.database.segments.define(
                [Segment(code: "complainers", nameRu: "Жаловались", nameEn: "Complained", rules: [SegmentRule(attribute: .complaints, op: .gte, value: .number(1))])],
                now: Self.now)
            try await client.execute(uri: "/surveys/visit?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("<option value=\"complainers\" >Complained</option>"))
            }
            try await client.execute(
                uri: "/surveys/visit/invite-segment?lang=en", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "segment=complainers&lang=en")
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Queued: 0; without a survey consent: 1; invited before: 2. Without an address on file: 1."))
            }
            try await client.execute(
                uri: "/surveys/visit/invite-segment?lang=en", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "segment=nope")
            ) { #expect($0.status == .unprocessableContent && $0.text.contains("Choose a segment from the list.")) }
            #expect(try await test.app.database.surveys.invitations(survey: "visit").count == 2)

            // The dispatcher's round: the log-only sender delivers both; then the counts say so.
            let dispatcher = InvitationDispatcher(
                repository: test.app.database.surveys, deliveries: test.app.database.deliveries, sender: LogInvitationSender(logger: Logger(label: "test")),
                baseURL: "http://127.0.0.1", policy: DeliveryPolicy(maxAttempts: 5, baseSeconds: 30), pollInterval: .seconds(2), logger: Logger(label: "test"))
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(1)) == 2)
            try await client.execute(uri: "/surveys/visit?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("queued <strong>0</strong>, sent <strong>2</strong>, failed <strong>0</strong>"))
            }
            try await test.app.database.surveys.close(survey: "visit", now: Date())
            try await client.execute(uri: "/surveys/visit?lang=en", method: .get, headers: [.cookie: cookie]) { #expect(!$0.text.contains("id=\"survey-send\"")) }
        }
    }
}
