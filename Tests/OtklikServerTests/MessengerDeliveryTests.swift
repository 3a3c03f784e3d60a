import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikApplication
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Programme messages and survey invitations by messenger, through the messenger gateway of
/// `Tests/delivery/servers.py` (the fake gateway at `/messenger`): a customer who prefers the messenger gets it only
/// when its gateway is configured (otherwise SMS), only with a consent for the messenger itself (one for SMS does not
/// cover it); a temporary failure is retried, a permanent one leaves the message `failed`; every attempt is in
/// `message_deliveries` with the channel `messenger`.
@Suite struct MessengerDeliveryTests {
    static let template = ProgrammeMessageDeliveryTests.template
    static let moscow = ProgrammeMessageDeliveryTests.moscow
    /// 14:00 in Moscow on 1 December 2026 (not quiet).
    static let day = ProgrammeMessageDeliveryTests.night.addingTimeInterval(-9 * 3_600)

    static func messengerSettings(_ servers: DeliveryServers) throws -> TextGatewaySettings {
        try TextGatewaySettings(
            channel: .messenger, url: servers.messengerURL, token: servers.token,
            body: #"{"to": "{{to}}", "text": "{{text}}", "id": "{{id}}", "messenger": "whatsapp"}"#, idField: "message_id", statusField: "status")
    }

    static func smsSender(_ servers: DeliveryServers) throws -> HTTPGatewaySender {
        HTTPGatewaySender(settings: try TextGatewaySettings(url: servers.gatewayURL, token: servers.token, idField: "message_id", statusField: "status"))
    }

    /// The app's programme message dispatcher, as the server builds it, with short back-off.
    static func dispatcher(_ test: TestApp) -> ProgrammeMessageDispatcher {
        let dispatcher = test.app.programmeMessageDispatcher
        return ProgrammeMessageDispatcher(
            programmes: dispatcher.programmes, deliveries: dispatcher.deliveries, mail: nil, sms: dispatcher.sms, messenger: dispatcher.messenger,
            from: dispatcher.from, baseURL: "https://cx.bank.example/", policy: DeliveryPolicy(maxAttempts: 3, baseSeconds: 1), pollInterval: .seconds(1),
            logger: Logger(label: "t"))
    }

    /// A test app whose SMS gateway is the fake one and whose messenger gateway is configured or not.
    static func app(_ servers: DeliveryServers, messenger: Bool) async throws -> TestApp {
        try await TestApp.make(
            smsGateway: try TextGatewaySettings(url: servers.gatewayURL, token: servers.token, idField: "message_id", statusField: "status"),
            messengerGateway: messenger ? try messengerSettings(servers) : nil)
    }

    /// A phone number whose customer `programme` treats (its hold-out is 1 %).
    static func treatedPhone(_ programme: String) -> String {
        while true {
            let phone = "+7900" + String(Int.random(in: 1_000_000...9_999_999))
            let customer = CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: phone))
            if HoldoutAssignment.arm(programme: programme, customer: customer, share: 0.01) == .treated { return phone }
        }
    }

    /// A customer by a complaint from `phone`, with consents for `purpose` on `consents`, preferring `preferred`.
    static func customer(
        _ test: TestApp, phone: String, consents: [String], purpose: ConsentPurpose = .service, preferred: String? = "messenger"
    ) async throws -> String {
        let id = "m-" + UUID().uuidString.prefix(8)
        let feedback = Feedback(id: id, ts: day.addingTimeInterval(-86_400), channel: .qrWeb, kind: .complaint, nps: 2, comment: "Долго", contact: phone)
        _ = try await test.app.database.feedback.insert([feedback], createMissingReferences: true)
        let customer = try #require(
            try await test.app.database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id"))
        try await test.app.database.consents.record(consents.map {
            Consent(id: "cn-\(id)-\($0)", customer: customer, purpose: purpose, channel: $0, source: "form", givenAt: day.addingTimeInterval(-7 * 86_400))
        })
        if let preferred { try await test.app.database.consents.setPreferences(ContactPreferences(customer: customer, preferredChannel: preferred)) }
        return customer
    }

    static func messageProgramme(_ code: String) -> Programme {
        Programme(
            code: code, name: "Resolved note", trigger: .detractorAnswer, action: ProgrammeAction(kind: .message, template: template),
            limits: ContactLimits(purpose: .service, maxContacts: 5, windowDays: 7), holdoutShare: 0.01, outcome: .retention)
    }

    static func trigger(_ test: TestApp, _ programme: Programme, _ customer: String) async throws -> ProgrammeActionRecord {
        try await test.app.database.programmes.trigger(
            programme, event: .init(key: "feedback:\(UUID().uuidString)", customer: customer, at: day), organisationZone: moscow, now: day)
    }

    @Test func aPreferredMessengerCustomerGetsTheMessengerOnlyWhenItsGatewayIsConfigured() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let programme = Self.messageProgramme("messenger-note")
        // Without the messenger gateway: SMS, the next reachable channel.
        do {
            let test = try await Self.app(servers, messenger: false)
            defer { Task { try? await test.close() } }
            #expect(test.app.database.deliverableChannels == ["email", "sms"])
            try await test.app.database.programmes.create(programme, now: Self.day.addingTimeInterval(-30 * 86_400))
            let phone = Self.treatedPhone(programme.code)
            let customer = try await Self.customer(test, phone: phone, consents: ["sms", "messenger"])
            let action = try await Self.trigger(test, programme, customer)
            #expect(action.status == "done" && action.channel == "sms")
            #expect(try await Self.dispatcher(test).deliverDue(now: Self.day.addingTimeInterval(60)) == 1)
            let requests = try await servers.requests(to: phone)
            #expect(requests.map(\.path) == ["/send"])
            let record = try #require(try await test.app.database.deliveries.deliveries(subject: action.id).first)
            #expect(record.channel == "sms" && record.status == .sent)

            // A consent for the messenger alone, with no messenger gateway: nothing can be sent.
            let onlyMessenger = try await Self.customer(test, phone: Self.treatedPhone(programme.code), consents: ["messenger"])
            let refused = try await Self.trigger(test, programme, onlyMessenger)
            #expect(refused.status == "skipped" && refused.reason == "no_consent")
        }
        // With it: the messenger, through its own gateway, in the programme's short text.
        do {
            let test = try await Self.app(servers, messenger: true)
            defer { Task { try? await test.close() } }
            #expect(test.app.database.deliverableChannels == ["email", "sms", "messenger"])
            try await test.app.database.programmes.create(programme, now: Self.day.addingTimeInterval(-30 * 86_400))
            let phone = Self.treatedPhone(programme.code)
            let customer = try await Self.customer(test, phone: phone, consents: ["sms", "messenger"])
            let action = try await Self.trigger(test, programme, customer)
            #expect(action.status == "done" && action.channel == "messenger")
            // A consent for SMS does not cover the messenger: the SMS-only customer gets SMS although preferring it.
            let smsPhone = Self.treatedPhone(programme.code)
            let smsOnly = try await Self.customer(test, phone: smsPhone, consents: ["sms"])
            let bySMS = try await Self.trigger(test, programme, smsOnly)
            #expect(bySMS.status == "done" && bySMS.channel == "sms")

            #expect(try await Self.dispatcher(test).deliverDue(now: Self.day.addingTimeInterval(60)) == 2)
            let requests = try await servers.requests(to: phone)
            #expect(requests.count == 1)
            #expect(requests.first?.path == "/messenger" && requests.first?.authorization == "Bearer \(servers.token)")
            #expect(requests.first?.body["messenger"] == "whatsapp" && requests.first?.body["text"] == Self.template.ru.body)
            #expect(try await servers.requests(to: smsPhone).map(\.path) == ["/send"])
            let record = try #require(try await test.app.database.deliveries.deliveries(subject: action.id).first)
            #expect(record.channel == "messenger" && record.status == .sent && record.attempts == 1 && record.provider == "gateway")
            #expect(record.providerId?.hasPrefix("gw-") == true && record.recipientMasked != phone)
            #expect(try await test.app.database.programmes.messages(programme: programme.code).map(\.status).sorted() == ["sent", "sent"])

            // The programme's messages page names the channel in the reader's language, the number masked.
            try await Application(router: try await test.app.buildRouter()).test(.router) { client in
                let cookie = try #require(try await DashboardTests.login(client))
                for (lang, label) in [("ru", "мессенджер"), ("en", "messenger")] {
                    try await client.execute(uri: "/programmes/\(programme.code)/messages?lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .ok)
                        #expect(response.text.contains("<span class=\"channel\">\(label)</span>"), "\(lang)")
                        #expect(response.text.contains("<span class=\"channel\">SMS</span>"), "\(lang)")
                        #expect(!response.text.contains(phone) && !response.text.contains(smsPhone), "never the number in full")
                    }
                }
            }
        }
    }

    @Test func aTemporaryFailureIsRetriedAndAPermanentOneRecorded() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await Self.app(servers, messenger: true)
        defer { Task { try? await test.close() } }
        let programme = Self.messageProgramme("messenger-retry")
        try await test.app.database.programmes.create(programme, now: Self.day.addingTimeInterval(-30 * 86_400))
        let busyPhone = Self.treatedPhone(programme.code), wrongPhone = Self.treatedPhone(programme.code)
        let busy = try await Self.trigger(test, programme, try await Self.customer(test, phone: busyPhone, consents: ["messenger"]))
        let wrong = try await Self.trigger(test, programme, try await Self.customer(test, phone: wrongPhone, consents: ["messenger"]))
        #expect(busy.channel == "messenger" && wrong.channel == "messenger")
        try await servers.failGateway(for: busyPhone, times: 1, status: 503)
        try await servers.failGateway(for: wrongPhone, times: -1, status: 400)
        let dispatcher = Self.dispatcher(test)

        #expect(try await dispatcher.deliverDue(now: Self.day.addingTimeInterval(60)) == 0)
        let retrying = try #require(try await test.app.database.deliveries.deliveries(subject: busy.id).first)
        #expect(retrying.status == .queued && retrying.attempts == 1 && retrying.lastError?.contains("the messenger gateway answered HTTP 503") == true)
        let failed = try #require(try await test.app.database.deliveries.deliveries(subject: wrong.id).first)
        #expect(failed.status == .failed && failed.attempts == 1 && failed.lastError?.contains("the messenger gateway answered HTTP 400") == true)

        // The retry is planned from the real clock with back-off; an hour later it goes, and the refused one stays failed.
        #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(3_600)) == 1)
        let sent = try #require(try await test.app.database.deliveries.deliveries(subject: busy.id).first)
        #expect(sent.status == .sent && sent.attempts == 2 && sent.channel == "messenger")
        #expect(try await servers.requests(to: busyPhone).map(\.path) == ["/messenger", "/messenger"])
        #expect(try await servers.requests(to: wrongPhone).count == 1, "a permanent failure is not retried")
        let statuses = Dictionary(uniqueKeysWithValues: try await test.app.database.programmes.messages(programme: programme.code).map { ($0.action, $0.status) })
        #expect(statuses[busy.id] == "sent" && statuses[wrong.id] == "failed")
    }

    @Test func aSurveyInvitationGoesByMessengerWithTheLink() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let test = try await Self.app(servers, messenger: true)
        defer { Task { try? await test.close() } }
        let survey = try JSONDecoder().decode(Survey.self, from: try JSONSerialization.data(withJSONObject: SurveyFlowTests.survey))
        try await test.app.database.surveys.create(survey, now: Self.day.addingTimeInterval(-30 * 86_400))
        let programme = Programme(
            code: "messenger-survey", name: "Ask by messenger", trigger: .detractorAnswer, action: ProgrammeAction(kind: .survey, survey: "visit"),
            limits: ContactLimits(purpose: .survey, maxContacts: 5, windowDays: 7), holdoutShare: 0.01, outcome: .retention)
        try await test.app.database.programmes.create(programme, now: Self.day.addingTimeInterval(-30 * 86_400))
        let phone = Self.treatedPhone(programme.code)
        let action = try await Self.trigger(test, programme, try await Self.customer(test, phone: phone, consents: ["messenger"], purpose: .survey))
        #expect(action.status == "done" && action.channel == "messenger")

        let sender = try ChannelInvitationSender(
            mail: nil, sms: try Self.smsSender(servers), messenger: HTTPGatewaySender(settings: try Self.messengerSettings(servers)),
            from: "surveys@bank.example", surveys: test.app.database.surveys, reference: test.app.database.reference)
        let dispatcher = InvitationDispatcher(
            repository: test.app.database.surveys, deliveries: test.app.database.deliveries, sender: sender, baseURL: "https://feedback.example.ru/",
            policy: DeliveryPolicy(maxAttempts: 3, baseSeconds: 1), pollInterval: .seconds(1), logger: Logger(label: "t"))
        #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(60)) == 1)
        let requests = try await servers.requests(to: phone)
        #expect(requests.count == 1 && requests.first?.path == "/messenger")
        #expect(requests.first?.body["text"]?.contains("https://feedback.example.ru/s/") == true)
        let record = try #require(try await test.app.database.deliveries.recent(status: nil, limit: 10).first { $0.kind == "survey_invitation" })
        #expect(record.channel == "messenger" && record.status == .sent && record.template == "survey_invitation_sms")

        // Without a messenger gateway a `messenger` invitation's phone number goes by SMS (the route, not a failure).
        #expect(ChannelInvitationSender.channel(of: phone, invitationChannel: "messenger", messengerConfigured: false) == "sms")
        #expect(ChannelInvitationSender.channel(of: phone, invitationChannel: "messenger", messengerConfigured: true) == "messenger")
        #expect(ChannelInvitationSender.channel(of: "a@b.ru", invitationChannel: "messenger", messengerConfigured: true) == "email")
        #expect(ChannelInvitationSender.channel(of: phone, invitationChannel: "call", messengerConfigured: true) == "sms")
    }
}
