import Foundation
import Logging
import OtklikApplication
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// A programme's `message` action delivered for real through the local servers of `Tests/delivery/servers.py`: the
/// e-mail arrives over STARTTLS in the customer's language; a customer without consent for the purpose on any
/// reachable channel gets nothing; one triggered in quiet hours gets nothing until they end; every attempt is in
/// `message_deliveries`, and a gateway failing for good leaves the message `failed`.
@Suite struct ProgrammeMessageDeliveryTests {
    static let template = ProgrammeMessageTemplate(
        ru: .init(subject: "Ваше обращение решено", body: "Здравствуйте! Мы решили вопрос, о котором вы писали."),
        en: .init(subject: "Your complaint is resolved", body: "Hello! We have resolved the matter you wrote about."))

    /// 23:00 in Moscow on 1 December 2026.
    static let night = Date(timeIntervalSince1970: 1_796_155_200)
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func dispatcher(_ test: TestApp, _ servers: DeliveryServers) throws -> ProgrammeMessageDispatcher {
        let password = servers.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let smtp = try SMTPMailSender(
            endpoint: try SMTPEndpoint(
                url: "smtp://\(servers.user):\(password)@localhost:\(servers.starttlsPort)?starttls=required", caFile: servers.caFile),
            logger: Logger(label: "t"))
        let gateway = try TextGatewaySettings(
            url: servers.gatewayURL, token: servers.token, body: #"{"to": "{{to}}", "text": "{{text}}", "id": "{{id}}"}"#,
            idField: "message_id", statusField: "status")
        return ProgrammeMessageDispatcher(
            programmes: test.app.database.programmes, deliveries: test.app.database.deliveries, mail: smtp, sms: HTTPGatewaySender(settings: gateway),
            from: "care@bank.example", baseURL: "https://cx.bank.example/", policy: DeliveryPolicy(maxAttempts: 2, baseSeconds: 1), pollInterval: .seconds(1), logger: Logger(label: "t"))
    }

    /// A customer by a complaint with this contact, with consents on these channels (purpose service) and a language.
    static func customer(_ test: TestApp, _ id: String, contact: String, consents: [String], language: String? = nil) async throws -> String {
        let feedback = Feedback(id: id, ts: night.addingTimeInterval(-86_400), channel: .qrWeb, kind: .complaint, nps: 2, comment: "Долго", contact: contact)
        _ = try await test.app.database.feedback.insert([feedback], createMissingReferences: true)
        let customer = try #require(
            try await test.app.database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id"))
        try await test.app.database.consents.record(consents.map {
            Consent(id: "cn-\(id)-\($0)", customer: customer, purpose: .service, channel: $0, source: "form", givenAt: night.addingTimeInterval(-7 * 86_400))
        })
        if let language { try await test.app.database.consents.setPreferences(ContactPreferences(customer: customer, language: language)) }
        return customer
    }

    @Test func aMessageArrivesInTheCustomersLanguageOnlyWithConsentAndNotInQuietHours() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await TestApp.make()
        defer { Task { try? await test.close() } }
        let programmes = test.app.database.programmes
        let programme = Programme(
            code: "resolved-note", name: "Tell them it is resolved", trigger: .detractorAnswer, action: ProgrammeAction(kind: .message, template: Self.template),
            limits: ContactLimits(purpose: .service, maxContacts: 3, windowDays: 7), holdoutShare: 0.01, outcome: .retention)
        try await programmes.create(programme, now: Self.night.addingTimeInterval(-30 * 86_400))
        // Addresses whose customers the programme treats (the hold-out is 1 %; draw until none is held out).
        func treated(_ address: String) -> Bool {
            HoldoutAssignment.arm(programme: "resolved-note", customer: CustomerResolver.customerID(CustomerIdentity(kind: .email, value: address)), share: 0.01) == .treated
        }
        var tag = UUID().uuidString.prefix(6).lowercased()
        while !["en-", "none-", "night-"].allSatisfy({ treated("\($0)\(tag)@example.ru") }) { tag = UUID().uuidString.prefix(6).lowercased() }
        let english = "en-\(tag)@example.ru", silent = "none-\(tag)@example.ru", nightOwl = "night-\(tag)@example.ru"
        let consenting = try await Self.customer(test, "p1-\(tag)", contact: english, consents: ["email"], language: "en")
        let refusing = try await Self.customer(test, "p2-\(tag)", contact: silent, consents: ["phone"])
        let sleeping = try await Self.customer(test, "p3-\(tag)", contact: nightOwl, consents: ["email"])
        let morning = Self.night.addingTimeInterval(10 * 3_600)  // 09:00 in Moscow
        let day = Self.night.addingTimeInterval(-9 * 3_600)  // 14:00 in Moscow
        func trigger(_ customer: String, _ key: String, at now: Date) async throws -> ProgrammeActionRecord {
            try await programmes.trigger(programme, event: .init(key: key, customer: customer, at: now), organisationZone: Self.moscow, now: now)
        }
        let sent = try await trigger(consenting, "feedback:p1-\(tag)", at: day)
        let refused = try await trigger(refusing, "feedback:p2-\(tag)", at: day)
        let waiting = try await trigger(sleeping, "feedback:p3-\(tag)", at: Self.night)
        let dispatcher = try Self.dispatcher(test, servers)

        // In the quiet hours only the consenting daytime customer's message goes.
        #expect(sent.arm == .treated && waiting.arm == .treated)
        #expect(try await dispatcher.deliverDue(now: Self.night.addingTimeInterval(60)) == 1)
        do {
            let mail = try await servers.mail(to: english)
            #expect(mail.count == 1 && mail.first?.server == "starttls" && mail.first?.from == "care@bank.example")
            #expect(mail.first?.subject == "Your complaint is resolved" && mail.first?.body.contains("We have resolved the matter") == true)
            let record = try #require(try await test.app.database.deliveries.deliveries(subject: sent.id).first)
            #expect(record.kind == "programme_message" && record.status == .sent && record.language == "en" && record.channel == "email")
            #expect(record.recipientMasked == "e***@example.ru")
        }
        #expect(refused.status == "skipped" && refused.reason == "no_consent")
        #expect(try await servers.mail(to: silent).isEmpty, "no message without consent")
        do {
            #expect(waiting.status == "waiting" && waiting.reason == "quiet_hours")
            #expect(try await servers.mail(to: nightOwl).isEmpty, "nothing in quiet hours")
            _ = try await programmes.actDue(organisationZone: Self.moscow, now: morning)
            #expect(try await dispatcher.deliverDue(now: morning.addingTimeInterval(60)) == 1)
            let mail = try await servers.mail(to: nightOwl)
            #expect(mail.count == 1 && mail.first?.subject == "Ваше обращение решено", "no language known: the organisation's (Russian)")
        }
    }

    @Test func aGatewayFailingForGoodLeavesTheMessageFailed() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await TestApp.make()
        defer { Task { try? await test.close() } }
        let programmes = test.app.database.programmes
        let programme = Programme(
            code: "sms-note", name: "SMS note", trigger: .detractorAnswer, action: ProgrammeAction(kind: .message, channels: ["sms"], template: Self.template),
            holdoutShare: 0.01, outcome: .retention)
        try await programmes.create(programme, now: Self.night.addingTimeInterval(-30 * 86_400))
        var phone = "+7900" + String(Int.random(in: 1_000_000...9_999_999))
        while HoldoutAssignment.arm(programme: "sms-note", customer: CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: phone)), share: 0.01) == .holdout {
            phone = "+7900" + String(Int.random(in: 1_000_000...9_999_999))
        }
        let customer = try await Self.customer(test, "s1-\(UUID().uuidString.prefix(6))", contact: phone, consents: ["sms"])
        let day = Self.night.addingTimeInterval(-9 * 3_600)
        let action = try await programmes.trigger(
            programme, event: .init(key: "feedback:s1", customer: customer, at: day), organisationZone: Self.moscow, now: day)
        #expect(action.status == "done" && action.channel == "sms")
        try await servers.failGateway(for: phone, times: -1, status: 503)
        let dispatcher = try Self.dispatcher(test, servers)
        _ = try await dispatcher.deliverDue(now: day.addingTimeInterval(60))
        _ = try await dispatcher.deliverDue(now: Date().addingTimeInterval(3_600))  // the retry is planned from the real clock
        let record = try #require(try await test.app.database.deliveries.deliveries(subject: action.id).first)
        #expect(record.status == .failed && record.attempts == 2 && record.channel == "sms")
        #expect(try await programmes.messages(programme: "sms-note").map(\.status) == ["failed"])
    }
}
