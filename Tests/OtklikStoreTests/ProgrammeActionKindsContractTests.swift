import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// The message, survey and webhook actions on every engine: each is taken in the transaction of the decision (the
/// action record, the contact in the ledger and the message, the invitation or the webhook event together), once per
/// customer and trigger event however often and from however many writers it is triggered; only with consent on the
/// channel and an address on file; never for the hold-out; a survey invitation respects the fatigue rule.
@Suite struct ProgrammeActionKindsContractTests {
    typealias Base = ProgrammeContractTests
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Base.t0, now = Base.now, moscow = Base.moscow

    static let template = ProgrammeMessageTemplate(
        ru: .init(subject: "Мы разобрались", body: "Здравствуйте! Мы разобрались с вашим обращением."),
        en: .init(subject: "We have sorted it out", body: "Hello! We have sorted out your complaint."))

    static func programme(_ code: String, _ action: ProgrammeAction, purpose: ConsentPurpose = .service, maxContacts: Int = 5) -> Programme {
        Programme(
            code: code, name: "Programme \(code)", trigger: .detractorAnswer, audience: [], action: action,
            limits: ContactLimits(purpose: purpose, maxContacts: maxContacts, windowDays: 7), holdoutShare: 0.1, outcome: .retention)
    }

    static func consent(_ customer: String, _ channel: String, _ purpose: ConsentPurpose = .service) -> Consent {
        Consent(id: "cn-\(customer)-\(channel)-\(purpose.rawValue)", customer: customer, purpose: purpose, channel: channel, source: "form",
            givenAt: t0.addingTimeInterval(-86_400))
    }

    static func messages(_ database: AppDatabase) async throws -> [SQLRow] {
        try await database.sql.query("SELECT customer_id, channel, recipient, lang, subject, body, status FROM programme_messages ORDER BY customer_id")
    }

    @Test(arguments: TestEngine.available)
    func aMessageIsQueuedInTheCustomersLanguageOverAConsentedChannelOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("resolved-note", ProgrammeAction(kind: .message, template: Self.template))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let treated = Base.customers(.treated, programme: "resolved-note", count: 4), held = Base.customers(.holdout, programme: "resolved-note", count: 1)
            try await Base.seedComplaints(database, [
                Base.complaint("f1", customer: treated[0], phone: "anna@example.ru"),
                Base.complaint("f2", customer: treated[1], phone: "+79001112233"),
                Base.complaint("f3", customer: treated[2], phone: "boris@example.ru"),
                Base.complaint("f4", customer: treated[3], phone: "+79004445566"),
                Base.complaint("f5", customer: held[0], phone: "held@example.ru"),
            ])
            try await database.consents.record([
                Self.consent(treated[0], "email"), Self.consent(treated[1], "sms"), Self.consent(treated[2], "sms"),
                Self.consent(treated[3], "phone"), Self.consent(held[0], "email"),
            ])
            try await database.consents.setPreferences(ContactPreferences(customer: treated[0], preferredChannel: "email", language: "en"))
            let step = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            #expect(step.handled == 5)
            let actions = Dictionary(uniqueKeysWithValues: try await programmes.actions(programme: "resolved-note").map { ($0.customer, $0) })
            #expect(actions[treated[0]]?.status == "done" && actions[treated[0]]?.channel == "email")
            #expect(actions[treated[1]]?.status == "done" && actions[treated[1]]?.channel == "sms")
            // An SMS consent but only an e-mail address: no channel both consented and reachable.
            #expect(actions[treated[2]]?.status == "skipped" && actions[treated[2]]?.reason == "no_consent")
            // A phone consent is for calls: a message cannot go by phone.
            #expect(actions[treated[3]]?.status == "skipped" && actions[treated[3]]?.reason == "no_consent")
            #expect(actions[held[0]]?.status == "held_out")

            let queued = try await Self.messages(database)
            #expect(queued.count == 2)
            let english = try #require(queued.first { $0.text("customer_id") == treated[0] })
            #expect(english.text("lang") == "en" && english.text("subject") == "We have sorted it out" && english.text("recipient") == "anna@example.ru")
            let russian = try #require(queued.first { $0.text("customer_id") == treated[1] })
            #expect(russian.text("lang") == "ru" && russian.text("body") == Self.template.ru.body && russian.text("channel") == "sms")
            #expect(try await programmes.contacts(of: treated[0], since: .distantPast).map(\.source) == ["programme:resolved-note"])
            #expect(try await programmes.contacts(of: held[0], since: .distantPast).isEmpty)

            // A replay of the feed and a repeated trigger change nothing.
            #expect(try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now).handled == 0)
            let again = try await programmes.trigger(
                programme, event: ProgrammeTriggerEvent(key: "feedback:f1", customer: treated[0], at: Self.t0), organisationZone: Self.moscow, now: Self.now)
            #expect(again == actions[treated[0]])
            #expect(try await Self.messages(database).count == 2)

            // Delivered: the address leaves the store; a failed attempt is retried, the last one gives up.
            let pending = try await programmes.pendingMessages(limit: 10, now: Self.now)
            #expect(pending.count == 2)
            try await programmes.markMessageSent(id: pending[0].id, now: Self.now)
            try await programmes.markMessageFailed(id: pending[1].id, error: "temporary failure: 503", now: Self.now, retryAfter: 60, maxAttempts: 2)
            #expect(try await programmes.pendingMessages(limit: 10, now: Self.now).isEmpty, "the retry waits its back-off")
            #expect(try await programmes.pendingMessages(limit: 10, now: Self.now.addingTimeInterval(61)).map(\.id) == [pending[1].id])
            try await programmes.markMessageFailed(id: pending[1].id, error: "temporary failure: 503", now: Self.now, retryAfter: 60, maxAttempts: 2)
            let stored = try await programmes.messages()
            #expect(Set(stored.map(\.status)) == ["sent", "failed"] && stored.allSatisfy { $0.recipient == nil })
        }
    }

    /// Eight writers (two servers, four rounds each) trigger the same event at once: one action, one message, one contact.
    @Test(arguments: TestEngine.available)
    func oneMessagePerTriggerEventAcrossConcurrentWriters(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("once", ProgrammeAction(kind: .message, template: Self.template))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let customer = Base.customers(.treated, programme: "once", count: 1)[0]
            try await Base.seedComplaints(database, [Base.complaint("f1", customer: customer, phone: "vera@example.ru")])
            try await database.consents.record([Self.consent(customer, "email")])
            let results = try await withThrowingTaskGroup(of: ProgrammeActionRecord.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await programmes.trigger(
                            programme, event: .init(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: Self.now)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.id)).count == 1 && results.allSatisfy { $0.status == "done" })
            #expect(try await Self.messages(database).count == 1)
            #expect(try await programmes.contacts(of: customer, since: .distantPast).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func aMessageWaitsOutQuietHoursAndIsQueuedAtTheirEnd(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("night", ProgrammeAction(kind: .message, template: Self.template))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let customer = Base.customers(.treated, programme: "night", count: 1)[0]
            try await Base.seedComplaints(database, [Base.complaint("f1", customer: customer, phone: "+79007778899")])
            try await database.consents.record([Self.consent(customer, "sms")])
            let night = Self.t0.addingTimeInterval(14 * 3_600)  // 23:13 in Moscow
            let waiting = try await programmes.trigger(
                programme, event: .init(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: night)
            #expect(waiting.status == "waiting" && waiting.reason == "quiet_hours")
            #expect(try await Self.messages(database).isEmpty, "nothing is queued in quiet hours")
            let done = try await programmes.actDue(organisationZone: Self.moscow, now: try #require(waiting.dueAt))
            #expect(done.map(\.status) == ["done"])
            #expect(try await Self.messages(database).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func aSurveyActionInvitesThroughTheOutboxAndRespectsTheFatigueRule(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            _ = try await database.surveys.create(SurveyRepositoryContractTests.survey("csat"), now: Self.t0.addingTimeInterval(-86_400))
            // A survey that does not exist is refused, naming the field.
            let refused = await #expect(throws: OtklikError.self) {
                try await programmes.create(Self.programme("bad", ProgrammeAction(kind: .survey, survey: "nope")))
            }
            #expect(refused?.field == "action.survey")
            let programme = Self.programme("ask", ProgrammeAction(kind: .survey, survey: "csat"), purpose: .survey)
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let customer = Base.customers(.treated, programme: "ask", count: 1)[0]
            try await Base.seedComplaints(database, [
                Base.complaint("f1", customer: customer, phone: "gleb@example.ru"), Base.complaint("f2", customer: customer, minutes: 10, phone: "gleb@example.ru"),
            ])
            try await database.consents.record([Self.consent(customer, "email", .survey)])
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            let actions = try await programmes.actions(programme: "ask").sorted { $0.triggerKey < $1.triggerKey }
            #expect(actions.map(\.status) == ["done", "skipped"])
            #expect(actions.last?.reason == "survey_fatigue", "a second survey within the fatigue days is not sent")
            let invitations = try await database.surveys.invitations(survey: "csat")
            #expect(invitations.count == 1 && invitations.first?.interaction == "programme:ask:feedback:f1")
            let outbox = try await database.sql.query("SELECT recipient FROM survey_outbox")
            #expect(outbox.map { $0.text("recipient") } == ["gleb@example.ru"])
            let ledger = try await programmes.contacts(of: customer, since: .distantPast)
            #expect(ledger.count == 1 && ledger.first?.purpose == .survey && ledger.first?.source == "programme:ask", "one contact for the invitation")
        }
    }

    @Test(arguments: TestEngine.available)
    func aWebhookActionQueuesOneEventWithTheCustomersIdNeverAContact(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            _ = try await database.webhooks.create(url: "https://crm.example.ru/hooks", eventTypes: ["programme.action"])
            let programme = Self.programme("hand-over", ProgrammeAction(kind: .webhook, channels: ["phone"]))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let customer = Base.customers(.treated, programme: "hand-over", count: 1)[0]
            try await Base.seedComplaints(database, [Base.complaint("f1", customer: customer, phone: "+79005556677")])
            try await database.consents.record([Self.consent(customer, "phone")])
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now)
            _ = try await programmes.trigger(
                programme, event: .init(key: "feedback:f1", customer: customer, at: Self.t0), organisationZone: Self.moscow, now: Self.now)
            let events = try await database.sql.query("SELECT payload FROM outbox WHERE type = 'programme.action'")
            #expect(events.count == 1)
            let payload = try #require(events.first?.text("payload"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
            let data = try #require(object["data"] as? [String: Any])
            #expect(data["customer_id"] as? String == customer && data["programme"] as? String == "hand-over" && data["channel"] as? String == "phone")
            #expect(data["trigger"] as? String == "feedback:f1")
            #expect(!payload.contains("5556677") && !payload.contains("@"), "no contact in the event")
            #expect(try await database.sql.query("SELECT message_id FROM webhook_deliveries").count == 1)
            #expect(try await programmes.contacts(of: customer, since: .distantPast).count == 1)
        }
    }
}

/// Promoters offered a public review (issue 19 item 7) on every engine: a 9-10 answer from a known customer with
/// consent triggers a `promoter_answer` programme whose message carries Otklik's counted redirect to the location's
/// review address (else the organisation's); a detractor does not trigger it; following the link counts a click; the
/// uptake counts sent offers and those followed, with the Wilson interval.
@Suite struct ProgrammePromoterContractTests {
    typealias Base = ProgrammeContractTests
    typealias Fixture = FeedbackRepositoryContractTests

    static func programme() throws -> Programme {
        try ProgrammeDefinition.parse(Data(#"""
            {"code": "reviews", "name": "Promoters: leave a review", "trigger": "promoter_answer", "holdout": 0.01, "outcome": "nps",
             "action": {"kind": "message", "channels": ["email"],
                        "template": {"ru": {"subject": "Спасибо!", "body": "Оставьте отзыв: {review_link}"},
                                     "en": {"subject": "Thank you!", "body": "Leave a review: {review_link}"}},
                        "review_links": {"*": "https://reviews.example.ru/bank", "L01": "https://reviews.example.ru/bank-tverskaya"}}}
            """#.utf8))
    }

    static func promoter(_ id: String, customer: String, email: String, nps: Int, location: String?) -> Feedback {
        Feedback(id: id, ts: Base.t0, channel: .qrWeb, kind: .informative, location: location, customer: customer, nps: nps, contact: email)
    }

    @Test(arguments: TestEngine.available)
    func aPromoterIsOfferedACountedReviewLinkAndItsUptakeIsReported(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            try await programmes.create(try Self.programme(), now: Base.t0.addingTimeInterval(-86_400))
            let customers = Base.customers(.treated, programme: "reviews", share: 0.01, count: 4)
            _ = try await database.feedback.insert([
                Self.promoter("p1", customer: customers[0], email: "p1@example.ru", nps: 10, location: "L01"),
                Self.promoter("p2", customer: customers[1], email: "p2@example.ru", nps: 9, location: "L02"),
                Self.promoter("p3", customer: customers[2], email: "p3@example.ru", nps: 8, location: "L01"),
                Self.promoter("p4", customer: customers[3], email: "p4@example.ru", nps: 3, location: "L01"),
            ], createMissingReferences: false)
            try await database.consents.record(customers.map { ProgrammeActionKindsContractTests.consent($0, "email") })
            _ = try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Base.moscow, now: Base.now)
            #expect(Set(try await programmes.actions(programme: "reviews").map(\.customer)) == [customers[0], customers[1]], "only the 9-10 answers")
            #expect(try await programmes.uptake(code: "reviews") == ProgrammeUptake(offered: 0, clicked: 0), "nothing sent yet")

            let messages = Dictionary(uniqueKeysWithValues: try await programmes.messages(programme: "reviews").map { ($0.customer, $0) })
            func offer(_ customer: String) throws -> String {
                let body = try #require(messages[customer]?.body)
                let start = try #require(body.range(of: "{otklik_url}/r/"))
                return String(body[start.upperBound...])
            }
            let tverskaya = try offer(customers[0]), other = try offer(customers[1])
            #expect(tverskaya != other && tverskaya.count >= 20)
            for message in messages.values { try await programmes.markMessageSent(id: message.id, now: Base.now) }
            #expect(try await programmes.followReviewLink(id: tverskaya, now: Base.now) == "https://reviews.example.ru/bank-tverskaya")
            #expect(try await programmes.followReviewLink(id: tverskaya, now: Base.now) == "https://reviews.example.ru/bank-tverskaya")
            #expect(try await programmes.followReviewLink(id: "unknown") == nil)
            let uptake = try #require(try await programmes.uptake(code: "reviews"))
            // 1 of 2 followed (twice, counted once): 50 % with the Wilson 95 % interval [9.45; 90.55] (scripts/reference/wilson_uptake.py).
            #expect(uptake.offered == 2 && uptake.clicked == 1 && uptake.rate == 50)
            #expect(abs(uptake.ciLow! - 9.4531) < 0.01 && abs(uptake.ciHigh! - 90.5469) < 0.01)
            #expect(try await programmes.report(code: "reviews").uptake == uptake)
            #expect(try await database.sql.query("SELECT clicks FROM review_offers WHERE id = ?", [.text(tverskaya)]).first?.int("clicks") == 2)
            _ = other
        }
    }
}
