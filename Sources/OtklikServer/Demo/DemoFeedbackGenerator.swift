import Foundation
import OtklikCore

/// Generates a year of realistic feedback with patterns a manager should find: one weak location (L07),
/// two weak staff members (S013, S052), a summer dip (15 July – 31 August) and a service whose CES is poor (SV07).
struct DemoFeedbackGenerator {
    var random: SeededRandom
    let start: Date
    let end: Date
    let timeZone = TimeZone(identifier: "Europe/Moscow")!
    /// Whether the greeter experiment's effect is planted (``DemoExperiment``); off, the test sees the answers as they
    /// would have been.
    var plantExperiment = true
    /// The share of low scores that may leave a contact (``DemoCallBack/scale(forRecords:)``).
    var callBackScale = 1.0

    init(seed: UInt64, end: Date) {
        random = SeededRandom(seed: seed)
        self.end = end
        start = end.addingTimeInterval(-365 * 86_400)
    }

    static let channels: [Channel] = [.button, .terminal, .qrWeb, .callCenter, .chat]
    static let channelWeights = [0.45, 0.20, 0.15, 0.12, 0.08]

    mutating func make(index: Int) -> Feedback {
        let channel = Self.channels[random.weighted(Self.channelWeights)]
        let ts = moment()
        let remote = channel == .callCenter || channel == .chat
        let staff = remote ? random.pick(Array(DemoCatalogue.staff.suffix(8))) : random.pick(Array(DemoCatalogue.staff.prefix(72)))
        let location = staff.location ?? DemoCatalogue.contactCentre
        let service = DemoCatalogue.services[random.weighted(DemoCatalogue.services.indices.map { $0 < 6 ? 3.0 : 1.0 })].code
        let mood = satisfaction(at: ts, location: location, staff: staff.code, service: service)
        var feedback = Feedback(
            id: String(format: "demo-%07d", index), ts: ts, channel: channel, kind: .informative, location: location,
            staff: staff.code, service: service)
        if random.chance(0.35) { feedback.customer = String(format: "C%06d", Int(random.next() % 30_000)) }
        if channel == .button {
            feedback.kind = .impulse
            let s = mood + random.normal(sd: 0.8)
            feedback.button = s >= 7.3 ? .positive : (s >= 5.6 ? .neutral : .negative)
            return feedback
        }
        feedback.nps = Self.clamp(Int(mood.rounded()), 0, 10)
        if random.chance(channel == .terminal ? 0.7 : 0.6) {
            feedback.csat = Self.clamp(Int((1 + mood / 10 * 4 + random.normal(sd: 0.5)).rounded()), 1, 5)
        }
        if random.chance(channel == .qrWeb || remote ? 0.5 : 0.35) {
            let easy = (service == DemoCatalogue.hardService ? 3.4 : 5.6) + (mood - 8) * 0.25
            feedback.ces = Self.clamp(Int(random.normal(mean: easy, sd: 1.0).rounded()), 1, 7)
        }
        let negative = (feedback.nps ?? 10) <= 6
        if negative { feedback.reasons = reasons(location: location, staff: staff.code, service: service) }
        if random.chance(negative ? 0.45 : 0.2) {
            let english = random.chance(0.2)
            // About one negative comment in eight is about something no reason covers; chosen from the index, not the
            // random stream, so the rest of the demo stays as it was.
            let unthemed = negative && (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) >> 61 == 0
            let pool = unthemed
                ? DemoComments.unthemed(english: english) : DemoComments.pick(negative: negative, english: english, reason: feedback.reasons.first)
            feedback.comment = random.pick(pool)
            feedback.lang = english ? "en" : "ru"
        }
        if negative && random.chance(0.08) {
            feedback.kind = .complaint
            feedback.contact = random.chance(0.7)
                ? String(format: "+7 9%02d %03d-%02d-%02d", Int(random.next() % 100), Int(random.next() % 1000), Int(random.next() % 100), Int(random.next() % 100))
                : String(format: "client%05d@example.org", Int(random.next() % 100_000))
            // A known customer leaves their own phone (the random draws above stay, so the rest of the demo is unchanged).
            if let customer = feedback.customer { feedback.contact = DemoCustomers.phone(of: customer, spelling: index) }
        }
        // The greeter's planted effect, last: it changes no random draw, so the rest of the demo is as before.
        if plantExperiment, feedback.kind != .complaint, feedback.nps != nil, DemoExperiment.planted(index: index, at: ts, end: end) {
            if negative {
                feedback.reasons = []
                feedback.comment = nil
                feedback.lang = nil
            }
            feedback.nps = 10
        }
        // Low scores that leave a way back to the customer open cases too (after the planted effect: a score it
        // raised leaves none); from the index, so the draws above are unchanged.
        DemoCallBack.leaveContact(&feedback, index: index, scale: callBackScale)
        return feedback
    }

    /// Latent satisfaction on the 0-10 scale with the demo's planted effects.
    mutating func satisfaction(at ts: Date, location: String, staff: String, service: String) -> Double {
        var mean = 8.25
        if location == DemoCatalogue.weakLocation { mean -= 1.7 }
        if DemoCatalogue.weakStaff.contains(staff) { mean -= 2.3 }
        if service == DemoCatalogue.hardService { mean -= 0.6 }
        if inSummerDip(ts) { mean -= 1.0 }
        return random.normal(mean: mean, sd: 1.7)
    }

    func inSummerDip(_ ts: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day], from: ts)
        return (parts.month == 7 && (parts.day ?? 0) >= 15) || parts.month == 8
    }

    /// A moment in office hours (9:00-20:00 Moscow time), weekdays twice as busy as weekends.
    mutating func moment() -> Date {
        while true {
            let day = Int(random.next() % 365)
            let dayStart = start.addingTimeInterval(TimeInterval(day) * 86_400)
            let weekday = Calendar(identifier: .gregorian).component(.weekday, from: dayStart)
            if (weekday == 1 || weekday == 7) && random.chance(0.5) { continue }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let midnight = calendar.startOfDay(for: dayStart)
            let seconds = 9 * 3600 + Double(random.next() % (11 * 3600))
            let ts = midnight.addingTimeInterval(seconds + Double(random.next() % 1000) / 1000)
            if ts >= start && ts < end { return ts }
        }
    }

    mutating func reasons(location: String, staff: String, service: String) -> [String] {
        var pool = ["waiting_time", "politeness", "competence", "prices", "cleanliness", "queue", "app"]
        if location == DemoCatalogue.weakLocation { pool += ["waiting_time", "queue", "waiting_time"] }
        if DemoCatalogue.weakStaff.contains(staff) { pool += ["politeness", "competence", "politeness"] }
        if service == DemoCatalogue.hardService { pool += ["competence", "prices"] }
        let first = random.pick(pool)
        let second = random.pick(pool)
        return random.chance(0.3) && second != first ? [first, second] : [first]
    }

    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }
}
