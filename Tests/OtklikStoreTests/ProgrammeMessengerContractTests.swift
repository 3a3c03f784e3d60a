import Foundation
import OtklikCore
import OtklikStore
import Testing

/// The `messenger` channel on every engine: a programme's message or survey invitation goes by messenger only where
/// the store is told it is deliverable (its gateway configured); a customer who prefers it then gets it, else the next
/// reachable channel; a consent for SMS does not cover it; the message is queued on the customer's phone number, its
/// contact is in the shared ledger, and quiet hours hold it.
@Suite struct ProgrammeMessengerContractTests {
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Fixture.t0  // 09:13 in Moscow
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let now = t0.addingTimeInterval(2 * 3_600)
    static let template = ProgrammeMessageTemplate(ru: .init(subject: "Решено", body: "Мы решили ваш вопрос."), en: .init(subject: "Resolved", body: "Resolved."))
    static let programme = Programme(
        code: "note", name: "Resolved note", trigger: .detractorAnswer, action: ProgrammeAction(kind: .message, template: template),
        limits: ContactLimits(purpose: .service, maxContacts: 5, windowDays: 7), holdoutShare: 0.01, outcome: .retention)

    /// Phones whose customers (made from the contact alone) the programme treats.
    static func treatedPhones(_ count: Int) -> [String] {
        Array((0..<1_000).map { "+7902" + String(format: "%07d", $0) }.filter {
            HoldoutAssignment.arm(programme: "note", customer: CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: $0)), share: 0.01) == .treated
        }.prefix(count))
    }

    /// A customer by a complaint from `phone`, with service consents on `consents` and preferring the messenger.
    static func customer(_ database: AppDatabase, _ id: String, phone: String, consents: [String]) async throws -> String {
        let feedback = Feedback(id: id, ts: t0, channel: .qrWeb, kind: .complaint, location: "L01", nps: 2, comment: "Долго", contact: phone)
        _ = try await database.feedback.insert([feedback], createMissingReferences: false)
        let customer = try #require(try await database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id"))
        try await database.consents.record(consents.map {
            Consent(id: "cn-\(id)-\($0)", customer: customer, purpose: .service, channel: $0, source: "form", givenAt: t0.addingTimeInterval(-86_400))
        }, now: t0)
        try await database.consents.setPreferences(ContactPreferences(customer: customer, preferredChannel: "messenger"), now: t0)
        return customer
    }

    @Test(arguments: TestEngine.available)
    func thePreferredMessengerIsUsedOnlyWhereItIsDeliverable(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            #expect(database.deliverableChannels == ["email", "sms"], "messenger is not deliverable unless the server says so")
            try await database.programmes.create(Self.programme, now: Self.t0.addingTimeInterval(-86_400))
            let phones = Self.treatedPhones(3)
            let both = try await Self.customer(database, "f1", phone: phones[0], consents: ["sms", "messenger"])
            let smsOnly = try await Self.customer(database, "f2", phone: phones[1], consents: ["sms"])
            let messengerOnly = try await Self.customer(database, "f3", phone: phones[2], consents: ["messenger"])
            func trigger(_ repository: SQLProgrammeRepository, _ customer: String, _ key: String) async throws -> ProgrammeActionRecord {
                try await repository.trigger(Self.programme, event: .init(key: key, customer: customer, at: Self.now), organisationZone: Self.moscow, now: Self.now)
            }

            // Without the messenger gateway: SMS for the customer who prefers the messenger; nothing for the one who
            // consented to the messenger alone.
            let plain = database.programmes
            let bySMS = try await trigger(plain, both, "feedback:a1")
            #expect(bySMS.status == "done" && bySMS.channel == "sms")
            let refused = try await trigger(plain, messengerOnly, "feedback:a3")
            #expect(refused.status == "skipped" && refused.reason == "no_consent")

            // With it: the messenger where consented; a consent for SMS does not cover it.
            var configured = database
            configured.deliverableChannels = ["email", "sms", "messenger"]
            let withMessenger = configured.programmes
            #expect(withMessenger.deliverable == ["email", "sms", "messenger"])
            let byMessenger = try await trigger(withMessenger, both, "feedback:b1")
            #expect(byMessenger.status == "done" && byMessenger.channel == "messenger")
            let stillSMS = try await trigger(withMessenger, smsOnly, "feedback:b2")
            #expect(stillSMS.status == "done" && stillSMS.channel == "sms")
            let nowMessenger = try await trigger(withMessenger, messengerOnly, "feedback:b3")
            #expect(nowMessenger.status == "done" && nowMessenger.channel == "messenger")

            // The messages are queued on the phone numbers, with the channel the delivery will use.
            let messages = Dictionary(uniqueKeysWithValues: try await plain.messages(programme: "note").map { ($0.action, $0) })
            #expect(messages.count == 4)
            #expect(messages[bySMS.id]?.channel == "sms" && messages[bySMS.id]?.recipient == phones[0])
            #expect(messages[byMessenger.id]?.channel == "messenger" && messages[byMessenger.id]?.recipient == phones[0])
            #expect(messages[stillSMS.id]?.channel == "sms" && messages[nowMessenger.id]?.channel == "messenger")
            #expect(messages[nowMessenger.id]?.body == "Мы решили ваш вопрос.")
            // Each contact is in the shared ledger with its channel (the frequency caps count it as any other).
            let ledger = try await database.sql.query(
                "SELECT channel, COUNT(*) AS n FROM contact_ledger WHERE customer_id = ? GROUP BY channel ORDER BY channel", [.text(both)])
            #expect(ledger.map { "\($0.text("channel") ?? "?")=\($0.int("n") ?? 0)" } == ["messenger=1", "sms=1"])

            // Quiet hours hold the messenger as they hold SMS: at 23:13 in Moscow the action waits until 09:00.
            let night = Self.t0.addingTimeInterval(14 * 3_600)
            let waiting = try await withMessenger.trigger(
                Self.programme, event: .init(key: "feedback:c1", customer: both, at: night), organisationZone: Self.moscow, now: night)
            #expect(waiting.status == "waiting" && waiting.reason == "quiet_hours" && waiting.channel == "messenger")
            #expect(waiting.dueAt == Date(timeIntervalSince1970: 1_772_085_600), "09:00 in Moscow on 26 February 2026 (Python's zoneinfo)")
        }
    }
}
