import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// The send-time limits hold for every action kind, through the store (issue 19 item 2): seeded random customers
/// (consents on some channels, an e-mail address or a phone or both, preferences with a zone, quiet hours and a
/// preferred channel or none), three programmes — a message, a survey invitation (no fatigue rule) and a webhook — on
/// the same detractor answers at random times over three days, every wait taken up at its time. Then: no customer has
/// more contacts than the cap in any window across the three programmes; every action taken had consent for the
/// purpose on its channel and an address there (for a message or an invitation), and none fell in quiet hours. A fourth
/// programme runs on a schedule (a message every day at 10:00 to everyone) beside them: the caps still hold with it.
@Suite struct ProgrammeActionKindsPropertyTests {
    typealias Generator = SendTimeLimitsPropertyTestsGenerator
    typealias Base = ProgrammeContractTests
    typealias Fixture = FeedbackRepositoryContractTests
    static let moscow = Base.moscow
    static let zones = ["Europe/Moscow", "Asia/Vladivostok", "America/New_York", "Not/AZone"]

    static func programmes() -> [Programme] {
        let template = ProgrammeMessageTemplate(ru: .init(subject: "Тема", body: "Текст"), en: .init(subject: "Subject", body: "Text"))
        let limits = ContactLimits(purpose: .service, maxContacts: 2, windowDays: 2)
        return [
            Programme(code: "p-message", name: "m", trigger: .detractorAnswer, action: ProgrammeAction(kind: .message, withinHours: 48, template: template),
                limits: limits, holdoutShare: 0.01, outcome: .retention),
            Programme(code: "p-survey", name: "s", trigger: .detractorAnswer, action: ProgrammeAction(kind: .survey, withinHours: 48, survey: "pulse"),
                limits: limits, holdoutShare: 0.01, outcome: .retention),
            Programme(code: "p-webhook", name: "w", trigger: .detractorAnswer, action: ProgrammeAction(kind: .webhook, withinHours: 48, channels: ["phone", "sms"]),
                limits: limits, holdoutShare: 0.01, outcome: .retention),
        ]
    }

    /// A message to every customer every day at 10:00 in the organisation's zone, under the same cap.
    static func scheduled() -> Programme {
        let template = ProgrammeMessageTemplate(ru: .init(subject: "Новости", body: "Текст"), en: .init(subject: "News", body: "Text"))
        return Programme(
            code: "p-daily", name: "d", trigger: .schedule, action: ProgrammeAction(kind: .message, withinHours: 12, template: template),
            limits: ContactLimits(purpose: .service, maxContacts: 2, windowDays: 2), holdoutShare: 0.01, outcome: .retention,
            schedule: ProgrammeSchedule(every: .day, atMinute: 600))
    }

    @Test(arguments: TestEngine.available)
    func noActionOfAnyKindBreaksTheLimits(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            _ = try await database.surveys.create(
                SurveyRepositoryContractTests.survey("pulse", sampling: SurveySampling(method: .simple, probability: 1, fatigueDays: 0, seed: 1)),
                now: Base.t0.addingTimeInterval(-86_400))
            let programmes = Self.programmes()
            for programme in programmes + [Self.scheduled()] { try await database.programmes.create(programme, now: Base.t0.addingTimeInterval(-86_400)) }
            var random = Generator(state: 2026)
            var feedback: [Feedback] = []
            var consents: [Consent] = []
            var preferences: [String: ContactPreferences] = [:]
            for index in 0..<10 {
                let customer = "K\(index)"
                let contact = Bool.random(using: &random) ? "k\(index)@example.ru" : "+7902" + String(format: "%07d", index)
                for event in 0..<3 {
                    let minutes = Double.random(in: 0...(3 * 1_440), using: &random)
                    feedback.append(Feedback(id: "k\(index)-\(event)", ts: Base.t0.addingTimeInterval(minutes * 60), channel: .qrWeb, kind: .complaint,
                        location: "L01", customer: customer, nps: 2, contact: contact))
                }
                for channel in ["phone", "sms", "email"] where Bool.random(using: &random) {
                    consents.append(Consent(id: "\(customer)-\(channel)", customer: customer, purpose: .service, channel: channel, source: "test",
                        givenAt: Base.t0.addingTimeInterval(-86_400)))
                }
                if Bool.random(using: &random) {
                    let quiet = Bool.random(using: &random)
                    preferences[customer] = ContactPreferences(
                        customer: customer, preferredChannel: Bool.random(using: &random) ? ["phone", "sms", "email"].randomElement(using: &random) : nil,
                        timeZone: Self.zones.randomElement(using: &random),
                        quietFromMinute: quiet ? Int.random(in: 0..<1440, using: &random) : nil, quietToMinute: quiet ? Int.random(in: 0..<1440, using: &random) : nil)
                }
            }
            _ = try await database.feedback.insert(feedback, createMissingReferences: false)
            try await database.consents.record(consents)
            for item in preferences.values { try await database.consents.setPreferences(item) }

            // Each answer triggers all three programmes at its time; the waits are taken up hour by hour.
            let ordered = feedback.sorted { $0.ts < $1.ts }
            var clock = Base.t0
            var next = 0
            while clock < Base.t0.addingTimeInterval(6 * 86_400) {
                while next < ordered.count, ordered[next].ts <= clock {
                    let item = ordered[next]
                    for programme in programmes {
                        _ = try await database.programmes.trigger(
                            programme, event: .init(key: "feedback:\(item.id)", customer: try #require(item.customer), at: item.ts),
                            organisationZone: Self.moscow, now: item.ts)
                    }
                    next += 1
                }
                // The scheduled programme's latest occurrence runs once, as the leader's round would.
                let schedule = try #require(Self.scheduled().schedule)
                let occurrence = schedule.latestOccurrence(atOrBefore: clock, zone: Self.moscow)
                if occurrence >= Base.t0 {
                    try await database.programmes.runOccurrence(
                        Self.scheduled(), occurrence: schedule.occurrenceKey(occurrence, zone: Self.moscow),
                        candidates: try await database.programmes.roundCandidates(), organisationZone: Self.moscow, now: clock)
                }
                _ = try await database.programmes.actDue(organisationZone: Self.moscow, now: clock)
                clock = clock.addingTimeInterval(1_800)
            }

            var taken = 0
            for customer in Set(feedback.compactMap(\.customer)) {
                let ledger = try await database.programmes.contacts(of: customer, since: .distantPast).map(\.at).sorted()
                for (index, moment) in ledger.enumerated() {
                    let inWindow = ledger[...index].filter { $0 > moment.addingTimeInterval(-2 * 86_400) }.count
                    #expect(inWindow <= 2, "\(customer): \(inWindow) contacts in 2 days up to \(moment)")
                }
                let addresses = try await database.sql.query("SELECT kind FROM customer_identities WHERE customer_id = ?", [.text(customer)]).compactMap { $0.text("kind") }
                for programme in programmes + [Self.scheduled()] {
                    for action in try await database.programmes.actions(programme: programme.code) where action.customer == customer && action.status == "done" {
                        taken += 1
                        let channel = try #require(action.channel), at = try #require(action.actedAt)
                        #expect(consents.contains { $0.customer == customer && $0.channel == channel && $0.inForce(at: at) }, "\(programme.code) without consent on \(channel)")
                        if programme.action.kind != .webhook {
                            #expect(["email", "sms"].contains(channel), "\(programme.code) over \(channel)")
                            #expect(addresses.contains(channel == "email" ? "email" : "phone"), "\(programme.code) to no address")
                        }
                        let quiet = SendTimeLimits.quietHours(limits: programme.limits, preferences: preferences[customer], organisationZone: Self.moscow)
                        #expect(!SendTimeLimits.isQuiet(at, from: quiet.from, to: quiet.to, zone: quiet.zone), "\(programme.code) in quiet hours at \(at)")
                    }
                }
            }
            #expect(taken >= 5, "the seeded world takes some actions (\(taken))")
            let daily = try await database.programmes.actions(programme: "p-daily", limit: 1_000)
            #expect(daily.contains { $0.status == "done" }, "the scheduled programme sends some messages")
            #expect(Set(daily.map(\.triggerKey)).count == daily.count)
            let messages = try await database.sql.query("SELECT COUNT(*) AS n FROM programme_messages WHERE programme_code = 'p-message'").first?.int("n") ?? 0
            let done = try await database.programmes.actions(programme: "p-message").filter { $0.status == "done" }.count
            #expect(messages == done, "one message per message action taken")
        }
    }
}

/// SplitMix64, the same generator as ``SendTimeLimitsPropertyTests``.
struct SendTimeLimitsPropertyTestsGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
