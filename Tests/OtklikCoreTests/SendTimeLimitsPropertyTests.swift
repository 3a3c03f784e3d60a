import Foundation
import OtklikCore
import Testing

/// The send-time limits as properties over seeded random customers (consents for some purposes and channels, given,
/// expiring or withdrawn; preferences with or without a time zone, quiet hours, a preferred channel and a weekly
/// maximum), programmes (caps, windows, purposes, channels) and trigger times over a month, with every wait taken
/// up again at its time: no customer ever gets more contacts than any programme's cap (or their own weekly maximum)
/// across programmes and channels, no contact goes without consent for the purpose and channel, none falls in the
/// customer's quiet hours (the organisation's daytime when their zone is unknown).
@Suite struct SendTimeLimitsPropertyTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let organisation = TimeZone(identifier: "Europe/Moscow")!
    static let zones = ["Europe/Moscow", "Asia/Vladivostok", "Europe/Kaliningrad", "America/New_York", "Asia/Kolkata", "Not/AZone"]
    static let channels = ["phone", "sms", "email"]

    struct World {
        var consents: [String: [Consent]] = [:]
        var preferences: [String: ContactPreferences] = [:]
        var programmes: [Programme] = []
    }

    static func world(_ random: inout Generator) -> World {
        var world = World()
        for index in 0..<25 {
            let customer = "c\(index)"
            var consents: [Consent] = []
            for purpose in ConsentPurpose.allCases {
                for channel in channels where Bool.random(using: &random) {
                    let given = start.addingTimeInterval(Double.random(in: -5 * 86_400...10 * 86_400, using: &random))
                    consents.append(Consent(
                        id: "\(customer)-\(purpose)-\(channel)", customer: customer, purpose: purpose, channel: channel, source: "test", givenAt: given,
                        expiresAt: Int.random(in: 0..<4, using: &random) == 0 ? given.addingTimeInterval(Double.random(in: 86_400...20 * 86_400, using: &random)) : nil,
                        withdrawnAt: Int.random(in: 0..<4, using: &random) == 0 ? given.addingTimeInterval(Double.random(in: 3_600...15 * 86_400, using: &random)) : nil))
                }
            }
            world.consents[customer] = consents
            if Int.random(in: 0..<5, using: &random) > 0 {
                let quiet = Bool.random(using: &random)
                world.preferences[customer] = ContactPreferences(
                    customer: customer, preferredChannel: Bool.random(using: &random) ? channels.randomElement(using: &random) : nil,
                    timeZone: Int.random(in: 0..<3, using: &random) > 0 ? zones.randomElement(using: &random) : nil,
                    quietFromMinute: quiet ? Int.random(in: 0..<1440, using: &random) : nil, quietToMinute: quiet ? Int.random(in: 0..<1440, using: &random) : nil,
                    maxPerWeek: Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 0...3, using: &random) : nil)
            }
        }
        for index in 0..<4 {
            let from = Int.random(in: 0..<1440, using: &random)
            var to = Int.random(in: 0..<1440, using: &random)
            if to == from { to = (from + 600) % 1440 }
            world.programmes.append(Programme(
                code: "p\(index)", name: "P\(index)", trigger: .detractorAnswer,
                action: ProgrammeAction(kind: .callback, withinHours: Int.random(in: 1...96, using: &random), channels: Array(channels.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))),
                limits: ContactLimits(
                    purpose: ConsentPurpose.allCases.randomElement(using: &random)!, maxContacts: Int.random(in: 1...3, using: &random),
                    windowDays: Int.random(in: 1...7, using: &random), quietFromMinute: from, quietToMinute: to),
                outcome: .retention))
        }
        return world
    }

    /// An independent reading of the quiet window: the local hour and minute in the zone that applies.
    static func inQuietHours(_ moment: Date, customer: String, programme: Programme, world: World) -> Bool {
        let preferences = world.preferences[customer]
        var zone = organisation, from = programme.limits.quietFromMinute, to = programme.limits.quietToMinute
        if let name = preferences?.timeZone, let known = TimeZone(identifier: name) {
            zone = known
            if let f = preferences?.quietFromMinute, let t = preferences?.quietToMinute, f != t { (from, to) = (f, t) }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: moment)
        let minute = parts.hour! * 60 + parts.minute!
        return from < to ? (from...(to - 1)).contains(minute) : (minute >= from || minute < to)
    }

    struct Pending {
        var at: Date
        var customer: String
        var programme: Int
        var deadline: Date
    }

    @Test(arguments: 1...12)
    func noContactAboveTheCapWithoutConsentOrInQuietHours(seed: UInt64) {
        var random = Generator(state: seed)
        let world = Self.world(&random)
        var queue = (0..<400).map { _ -> Pending in
            let at = Self.start.addingTimeInterval(Double.random(in: 0...(30 * 86_400), using: &random).rounded())
            let programme = Int.random(in: 0..<world.programmes.count, using: &random)
            return Pending(at: at, customer: "c\(Int.random(in: 0..<25, using: &random))", programme: programme,
                deadline: at.addingTimeInterval(Double(world.programmes[programme].action.withinHours) * 3_600))
        }
        var ledger: [String: [ContactRecord]] = [:]
        var sent = 0, waited = 0, skipped = 0
        while !queue.isEmpty {
            let next = queue.indices.min { queue[$0].at < queue[$1].at }!
            let item = queue.remove(at: next)
            let programme = world.programmes[item.programme]
            let decision = SendTimeLimits.decide(
                limits: programme.limits, channels: programme.action.channels, consents: world.consents[item.customer] ?? [],
                preferences: world.preferences[item.customer], ledger: ledger[item.customer] ?? [], organisationZone: Self.organisation, now: item.at,
                deadline: item.deadline)
            switch decision {
            case .skip:
                skipped += 1
            case .waitUntil(let until, _, _):
                #expect(until > item.at && until <= item.deadline)
                waited += 1
                queue.append(Pending(at: until, customer: item.customer, programme: item.programme, deadline: item.deadline))
            case .sendNow(let channel):
                sent += 1
                let contact = ContactRecord(customer: item.customer, channel: channel, purpose: programme.limits.purpose, source: "programme:\(programme.code)", at: item.at)
                ledger[item.customer, default: []].append(contact)
                // Consent for the purpose on the channel used, in force at the moment of contact.
                #expect((world.consents[item.customer] ?? []).contains {
                    $0.purpose == programme.limits.purpose && $0.channel == channel && $0.givenAt <= item.at
                        && ($0.expiresAt.map { item.at < $0 } ?? true) && ($0.withdrawnAt.map { item.at < $0 } ?? true)
                }, "seed \(seed): no consent for \(item.customer) \(programme.limits.purpose) \(channel)")
                #expect(!Self.inQuietHours(item.at, customer: item.customer, programme: programme, world: world), "seed \(seed): quiet hours")
                // Every programme's cap and the customer's weekly maximum hold over the window ending now, across
                // programmes and channels.
                let all = ledger[item.customer]!
                let inWindow = all.filter { $0.at > item.at.addingTimeInterval(-programme.limits.window) && $0.at <= item.at }.count
                #expect(inWindow <= programme.limits.maxContacts, "seed \(seed): \(inWindow) contacts in \(programme.limits.windowDays) d")
                if let weekly = world.preferences[item.customer]?.maxPerWeek {
                    #expect(all.filter { $0.at > item.at.addingTimeInterval(-7 * 86_400) && $0.at <= item.at }.count <= weekly)
                }
            }
        }
        #expect(sent > 0 && waited > 0 && skipped > 0, "seed \(seed): sent \(sent), waited \(waited), skipped \(skipped)")
    }

    /// The three rules one at a time, hand-checked.
    @Test func eachRuleDecidesAsDocumented() {
        let noon = ISO8601DateFormatter().date(from: "2026-06-10T09:00:00Z")!  // 12:00 in Moscow, 19:00 in Vladivostok
        let consent = Consent(id: "k", customer: "c", purpose: .service, channel: "phone", source: "t", givenAt: noon.addingTimeInterval(-86_400))
        let limits = ContactLimits(purpose: .service, maxContacts: 2, windowDays: 7, quietFromMinute: 21 * 60, quietToMinute: 9 * 60)
        func decide(_ preferences: ContactPreferences?, ledger: [Date] = [], consents: [Consent] = [consent], now: Date = noon, deadline: Date? = nil) -> SendDecision {
            SendTimeLimits.decide(
                limits: limits, channels: ["phone"], consents: consents, preferences: preferences,
                ledger: ledger.map { ContactRecord(customer: "c", channel: "sms", purpose: .survey, source: "survey:x", at: $0) },
                organisationZone: Self.organisation, now: now, deadline: deadline)
        }
        #expect(decide(nil) == .sendNow(channel: "phone"))
        #expect(decide(nil, consents: []) == .skip(reason: "no_consent"))
        var withdrawn = consent
        withdrawn.withdrawnAt = noon.addingTimeInterval(-60)
        #expect(decide(nil, consents: [withdrawn]) == .skip(reason: "no_consent"))
        // A customer in Vladivostok asking for quiet from 18:00: wait until 09:00 there (23:00 UTC).
        let east = ContactPreferences(customer: "c", timeZone: "Asia/Vladivostok", quietFromMinute: 18 * 60, quietToMinute: 9 * 60)
        #expect(decide(east) == .waitUntil(ISO8601DateFormatter().date(from: "2026-06-10T23:00:00Z")!, channel: "phone", reason: "quiet_hours"))
        #expect(decide(east, deadline: noon.addingTimeInterval(3_600)) == .skip(reason: "too_late: quiet_hours"))
        // Unknown zone at 22:00 in Moscow: wait for 09:00 in Moscow.
        let late = ISO8601DateFormatter().date(from: "2026-06-10T19:00:00Z")!
        #expect(decide(ContactPreferences(customer: "c", timeZone: "Mars/Olympus"), now: late)
            == .waitUntil(ISO8601DateFormatter().date(from: "2026-06-11T06:00:00Z")!, channel: "phone", reason: "quiet_hours"))
        // Two contacts (a survey, any channel) in the last 7 days: wait until the older leaves the window.
        let older = noon.addingTimeInterval(-6 * 86_400), newer = noon.addingTimeInterval(-86_400)
        #expect(decide(nil, ledger: [older, newer]) == .waitUntil(older.addingTimeInterval(7 * 86_400), channel: "phone", reason: "frequency_cap"))
        #expect(decide(nil, ledger: [noon.addingTimeInterval(-8 * 86_400), newer]) == .sendNow(channel: "phone"))
        // The customer's own weekly maximum, and 0 meaning never.
        #expect(decide(ContactPreferences(customer: "c", maxPerWeek: 1), ledger: [newer]).reason == "frequency_cap")
        #expect(decide(ContactPreferences(customer: "c", maxPerWeek: 0)) == .skip(reason: "no_contacts_wanted"))
        // The preferred channel first when consented, else the action's channels.
        let sms = Consent(id: "s", customer: "c", purpose: .service, channel: "sms", source: "t", givenAt: consent.givenAt)
        #expect(decide(ContactPreferences(customer: "c", preferredChannel: "sms"), consents: [consent, sms]) == .sendNow(channel: "sms"))
        #expect(decide(ContactPreferences(customer: "c", preferredChannel: "email"), consents: [consent, sms]) == .sendNow(channel: "phone"))
    }
}
