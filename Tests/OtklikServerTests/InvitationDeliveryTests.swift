import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
import OtklikStore
import Testing

/// Survey invitations delivered for real through the local servers of `Tests/delivery/servers.py`: e-mail over
/// STARTTLS and SMS through the fake gateway, each in the customer's language with the link; a gateway failing twice
/// delivers on the third attempt; one that always fails (or refuses for good) leaves the message `failed` and the
/// invitation `no_contact`, which the AAPOR outcomes count as non-contact. Every attempt is in `message_deliveries`.
@Suite struct InvitationDeliveryTests {
    struct Setup {
        let test: TestApp
        let dispatcher: InvitationDispatcher
        let servers: DeliveryServers
        let log: CapturedLog
    }

    static func setup(_ servers: DeliveryServers, maxAttempts: Int = 3) async throws -> Setup {
        let test = try await TestApp.make()
        let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
        try await test.app.database.surveys.create(survey, now: Date())
        let password = servers.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let smtp = try SMTPMailSender(
            endpoint: try SMTPEndpoint(
                url: "smtp://\(servers.user):\(password)@localhost:\(servers.starttlsPort)?starttls=required", caFile: servers.caFile),
            logger: Logger(label: "t"))
        let gateway = try TextGatewaySettings(
            url: servers.gatewayURL, token: servers.token, body: #"{"to": "{{to}}", "text": "{{text}}", "id": "{{id}}", "sender": "Bank"}"#,
            idField: "message_id", statusField: "status")
        let sender = try ChannelInvitationSender(
            mail: smtp, sms: HTTPGatewaySender(settings: gateway), from: "surveys@bank.example", surveys: test.app.database.surveys,
            reference: test.app.database.reference)
        let log = CapturedLog()
        var logger = Logger(label: "delivery") { _ in CapturingLogHandler(lines: log) }
        logger.logLevel = .trace
        let dispatcher = InvitationDispatcher(
            repository: test.app.database.surveys, deliveries: test.app.database.deliveries, sender: sender, baseURL: "https://feedback.example.ru/",
            policy: DeliveryPolicy(maxAttempts: maxAttempts, baseSeconds: 1), pollInterval: .seconds(1), logger: logger)
        return Setup(test: test, dispatcher: dispatcher, servers: servers, log: log)
    }

    /// Invites one interaction with this contact and language; returns the invitation id and its link.
    static func invite(_ setup: Setup, contact: String?, lang: String? = nil) async throws -> (String, String) {
        let id = "i-" + UUID().uuidString.prefix(8)
        let result = try await setup.test.app.database.surveys.sample(
            survey: "visit", [SurveyInteraction(id: String(id), at: Date(), customer: String(id), contact: contact, lang: lang)], now: Date(), deliver: true)
        let invitation = try #require(result.first?.invitation)
        return (invitation, "https://feedback.example.ru/s/" + (result.first?.token ?? "?"))
    }

    static func phone() -> String { "+7900" + String(Int.random(in: 1_000_000...9_999_999)) }

    /// Rounds, each one hour later than the one before (past any back-off).
    static func rounds(_ setup: Setup, _ count: Int) async throws -> Int {
        var delivered = 0
        for round in 1...count { delivered += try await setup.dispatcher.deliverDue(now: Date().addingTimeInterval(Double(round) * 3600)) }
        return delivered
    }

    @Test func emailAndSMSGoOutInTheCustomersLanguageWithTheLink() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let setup = try await Self.setup(servers)
        defer { Task { try? await setup.test.close() } }
        let address = "client-\(UUID().uuidString.prefix(6))@example.ru", phone = Self.phone()
        let (byMail, mailLink) = try await Self.invite(setup, contact: address, lang: "en")
        let (bySMS, smsLink) = try await Self.invite(setup, contact: phone)  // no language: the organisation's (Russian)
        #expect(try await Self.rounds(setup, 1) == 2)

        let mail = try await servers.mail(to: address)
        #expect(mail.count == 1 && mail.first?.server == "starttls" && mail.first?.from == "surveys@bank.example")
        #expect(mail.first?.subject == "How did we do? Survey “Office visit”")
        #expect(mail.first?.body.contains(mailLink) == true && mail.first?.body.contains("couple of minutes") == true)

        let requests = try await servers.requests(to: phone)
        #expect(requests.count == 1)
        #expect(requests.first?.authorization == "Bearer \(servers.token)")
        #expect(requests.first?.body["text"] == "Оцените, пожалуйста, ваше обращение («Визит в офис»): \(smsLink)")
        #expect(requests.first?.body["id"] == "msg-\(bySMS)" && requests.first?.body["sender"] == "Bank")

        let deliveries = setup.test.app.database.deliveries
        let email = try #require(try await deliveries.deliveries(subject: byMail).first)
        #expect(email.status == .sent && email.channel == "email" && email.language == "en" && email.attempts == 1)
        #expect(email.template == "survey_invitation_email" && email.provider == "smtp" && email.recipientMasked == "c***@example.ru")
        let sms = try #require(try await deliveries.deliveries(subject: bySMS).first)
        #expect(sms.status == .sent && sms.channel == "sms" && sms.language == "ru" && sms.providerId?.hasPrefix("gw-") == true)
        #expect(sms.recipientMasked == "***" + String(phone.suffix(2)) && sms.recipientHash == SQLMessageDeliveryRepository.recipientHash(phone))
        // A provider's later report finds the record by its id.
        let reported = try await deliveries.report(provider: "gateway", providerId: try #require(sms.providerId), status: .delivered, error: nil, now: Date())
        #expect(reported?.status == .delivered)
        #expect(try await setup.test.app.database.surveys.invitation(id: bySMS)?.status == .invited)

        let logged = setup.log.text
        #expect(!logged.contains(servers.password) && !logged.contains(address) && !logged.contains(phone))
    }

    /// The server's own wiring: the environment's SMTP address, CA file and gateway give a dispatcher that sends for real.
    @Test func theConfiguredServerSendsForReal() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-delivery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let password = servers.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let configuration = try AppConfiguration(overrides: ["otklik.db": "sqlite:\(directory.path)/test.sqlite"], environment: [
            "OTKLIK_SMTP_URL": "smtp://\(servers.user):\(password)@localhost:\(servers.starttlsPort)?starttls=required",
            "OTKLIK_SMTP_CA_FILE": servers.caFile, "OTKLIK_MAIL_FROM": "cx@bank.example", "OTKLIK_PUBLIC_URL": "https://cx.bank.example",
            "OTKLIK_SMS_GATEWAY_URL": servers.gatewayURL, "OTKLIK_SMS_GATEWAY_TOKEN": servers.token, "OTKLIK_SMS_GATEWAY_ID_FIELD": "message_id",
        ])
        var logger = Logger(label: "t")
        logger.logLevel = .warning
        let app = try await OtklikApp.open(configuration, logger: logger)
        do {
            #expect(app.configuredInvitationSender is ChannelInvitationSender)
            let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
            try await app.database.surveys.create(survey, now: Date())
            let address = "wired-\(UUID().uuidString.prefix(6))@example.ru", phone = Self.phone()
            let results = try await app.database.surveys.sample(
                survey: "visit", [SurveyInteraction(id: "w1", at: Date(), contact: address, lang: "ru"), SurveyInteraction(id: "w2", at: Date(), contact: phone)],
                now: Date(), deliver: true)
            let dispatcher = app.invitationDispatcher
            let task = Task { try await dispatcher.run() }
            var sent = 0
            for _ in 0..<100 where sent < 2 {
                try await Task.sleep(for: .milliseconds(100))
                sent = try await app.database.deliveries.recent(status: .sent, limit: 10).count
            }
            task.cancel()
            #expect(sent == 2)
            let mail = try await servers.mail(to: address)
            #expect(mail.first?.from == "cx@bank.example" && mail.first?.subject == "Как мы справились? Опрос «Визит в офис»")
            #expect(mail.first?.body.contains("https://cx.bank.example/s/\(results[0].token ?? "?")") == true)
            #expect(try await servers.requests(to: phone).first?.body["text"]?.contains("https://cx.bank.example/s/") == true)
            try await app.database.close()
        } catch {
            try? await app.database.close()
            throw error
        }
    }

    @Test func aGatewayFailingTwiceDeliversOnTheThirdAttempt() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let setup = try await Self.setup(servers, maxAttempts: 5)
        defer { Task { try? await setup.test.close() } }
        let phone = Self.phone()
        try await servers.failGateway(for: phone, times: 2, status: 503)
        let (invitation, _) = try await Self.invite(setup, contact: phone, lang: "ru")
        let deliveries = setup.test.app.database.deliveries
        #expect(try await Self.rounds(setup, 1) == 0)
        #expect(try await deliveries.deliveries(subject: invitation).first?.status == .queued)
        #expect(try await Self.rounds(setup, 1) == 0)
        let retried = try #require(try await deliveries.deliveries(subject: invitation).first)
        #expect(retried.status == .queued && retried.attempts == 2 && retried.lastError?.contains("HTTP 503") == true)
        #expect(try await Self.rounds(setup, 1) == 1)
        let record = try #require(try await deliveries.deliveries(subject: invitation).first)
        #expect(record.status == .sent && record.attempts == 3 && record.sentAt != nil)
        #expect(try await servers.requests(to: phone).count == 3)
        #expect(try await setup.test.app.database.surveys.invitation(id: invitation)?.status == .invited)
        #expect(try await Self.rounds(setup, 1) == 0, "nothing is sent twice")
    }

    @Test func undeliveredInvitationsAreNoContact() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let setup = try await Self.setup(servers, maxAttempts: 3)
        defer { Task { try? await setup.test.close() } }
        let always = Self.phone(), refused = Self.phone()
        try await servers.failGateway(for: always, times: -1, status: 503)
        try await servers.failGateway(for: refused, times: 1, status: 400)
        let (failing, _) = try await Self.invite(setup, contact: always)
        let (rejected, _) = try await Self.invite(setup, contact: refused)
        let (nowhere, _) = try await Self.invite(setup, contact: nil)
        let (answered, _) = try await Self.invite(setup, contact: "ok-\(UUID().uuidString.prefix(6))@example.ru")
        #expect(try await Self.rounds(setup, 5) == 1)

        let deliveries = setup.test.app.database.deliveries
        let surveys = setup.test.app.database.surveys
        let temporary = try #require(try await deliveries.deliveries(subject: failing).first)
        #expect(temporary.status == .failed && temporary.attempts == 3 && temporary.finishedAt != nil)
        let permanent = try #require(try await deliveries.deliveries(subject: rejected).first)
        #expect(permanent.status == .failed && permanent.attempts == 1 && permanent.lastError?.contains("permanent") == true)
        let missing = try #require(try await deliveries.deliveries(subject: nowhere).first)
        #expect(missing.status == .failed && missing.attempts == 1 && missing.channel == "none")
        #expect(try await servers.requests(to: always).count == 3)
        #expect(try await servers.requests(to: refused).count == 1)
        for id in [failing, rejected, nowhere] { #expect(try await surveys.invitation(id: id)?.status == .noContact) }
        #expect(try await surveys.invitation(id: answered)?.status == .invited)

        // AAPOR: the undelivered invitations are non-contacts (NC), the delivered one unanswered (U).
        let survey = try #require(try await surveys.survey(code: "visit"))
        let results = SurveyResults(survey: survey, invitations: try await surveys.invitations(survey: "visit"), answers: [:])
        #expect(results.outcomes.noContact == 3 && results.outcomes.invited == 1 && results.outcomes.total == 4)
    }
}
