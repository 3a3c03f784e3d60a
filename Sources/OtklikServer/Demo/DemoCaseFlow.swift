import Foundation
import OtklikCore
import OtklikMetrics

/// How the demo's cases were worked: when each was first answered, resolved, reopened and resolved again, in business
/// hours on the organisation's SLA clock (the defaults: first response in 4, resolution in 16). Planted, so the case
/// reports have something to find:
/// - at most locations the first call-back comes within 4 business hours in nine cases of ten and the case is resolved
///   within 16 in nine of ten; 5 % are reopened (the customer calls again) and resolved again within a working day;
/// - **L07** (the weak location, with the most cases) is the slowest and among the most reopened: 40 % resolved late,
///   the rest 1.6 times as slow, the first call-back later, 20 % reopened;
/// - **L03** resolves a little slower than the rest (15 % late) and reopens 15 %: its customers call again;
/// - some complainants come back satisfied after their case is resolved (explained, fixed or compensated): a later
///   rating of CSAT 4-5 at the same service point, 3-45 days after the last resolution, in office hours — a third of them at most
///   locations, a quarter at L03 and one in eight at **L07**, so its recovery rate is the lowest
///   (``recovery(after:of:random:end:)``);
/// - a case whose next step would fall after the demo's end is still open at the end (the last days' cases, the
///   reopened ones not yet resolved again), and 3 % of the low-score cases of the last 30 days were never answered:
///   open and past their deadline, with the complaints of the last 14 days (``DemoSeeder``).
/// Deterministic for a seed.
struct DemoCaseFlow {
    /// Resolved late, reopened, and how much slower the on-time ones are, by location (others: ``usual``).
    struct Pace: Equatable {
        var lateShare: Double
        var reopenShare: Double
        var slowdown: Double
        /// The share of resolved cases whose complainant later rates a visit 4-5.
        var recoveryShare: Double
    }

    static let usual = Pace(lateShare: 0.10, reopenShare: 0.05, slowdown: 1, recoveryShare: 0.35)
    static let planted: [String: Pace] = [
        "L07": Pace(lateShare: 0.40, reopenShare: 0.20, slowdown: 1.6, recoveryShare: 0.12),
        "L03": Pace(lateShare: 0.15, reopenShare: 0.15, slowdown: 1.1, recoveryShare: 0.25),
    ]
    /// Resolution codes after which a complainant may come back satisfied.
    static let recoverable: Set<String> = ["explained", "fixed", "compensated"]
    /// The share of the last 30 days' low-score cases that nobody answered.
    static let forgottenShare = 0.03

    /// One case's steps, in business hours from its opening (nil: not taken).
    struct Steps: Equatable {
        var firstResponse: Double?
        var resolution: Double?
        var code: String
        /// Business hours from the resolution to the reopening, and from the reopening to the second resolution.
        var reopen: (after: Double, resolvedIn: Double)?

        static func == (a: Steps, b: Steps) -> Bool {
            a.firstResponse == b.firstResponse && a.resolution == b.resolution && a.code == b.code
                && a.reopen?.after == b.reopen?.after && a.reopen?.resolvedIn == b.reopen?.resolvedIn
        }
    }

    var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed &+ 0xCA5F)
    }

    static func pace(of location: String?) -> Pace { location.flatMap { planted[$0] } ?? usual }

    /// The steps of a case at `location`; `recent` when it was opened in the demo's last 30 days (it may be forgotten).
    mutating func steps(location: String?, recent: Bool, complaint: Bool) -> Steps {
        let pace = Self.pace(of: location)
        let lateFirst = random.chance(pace.lateShare * 0.8)
        let first = lateFirst ? 4 + 8 * random.unit() : (0.3 + 3.4 * random.unit()) * min(pace.slowdown, 1.15)
        let late = random.chance(pace.lateShare)
        let resolution = late ? 16.5 + 40 * random.unit() : min(15.5, first + (1 + 10 * pow(random.unit(), 1.3)) * pace.slowdown)
        let reopened = random.chance(pace.reopenShare)
        let reopen = (after: 2 + 20 * random.unit(), resolvedIn: 2 + 7 * random.unit())
        let code = random.pick(["explained", "explained", "fixed", "fixed", "compensated", "unfounded", "no_answer"])
        if !complaint && recent && random.chance(Self.forgottenShare) {
            return Steps(firstResponse: nil, resolution: nil, code: code, reopen: nil)
        }
        return Steps(firstResponse: min(first, resolution), resolution: max(first, resolution), code: code, reopen: reopened ? reopen : nil)
    }

    /// The complainant's later satisfied rating after the case of `item` was last resolved at `resolved` with `code`:
    /// with the location's ``Pace/recoveryShare``, CSAT 4-5 at the same service point and service 3-45 days later,
    /// the same customer and contact; nil when none is planted or it would fall after `end`. Drawn from its own
    /// `random`, so the cases' own draws do not move.
    static func recovery(after resolved: Date, code: String, of item: Feedback, random: inout SeededRandom, end: Date) -> Feedback? {
        guard item.contact != nil || item.customer != nil else { return nil }
        let comes = random.chance(pace(of: item.location).recoveryShare)
        let days = 3 + 42 * random.unit()
        let csat = random.chance(0.6) ? 5 : 4
        // The day `days` after, in office hours (9:00-20:00 Moscow time) as the demo's other feedback: never at night,
        // never on a local day after the demo's last.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        let day = calendar.startOfDay(for: resolved.addingTimeInterval(days.rounded(.down) * 86_400))
        let at = day.addingTimeInterval(((9 + 11 * (days - days.rounded(.down))) * 3_600).rounded())
        guard comes, recoverable.contains(code), at < end else { return nil }
        return Feedback(
            id: "demo-recovery-\(item.id)", ts: at, channel: item.channel == .button ? .terminal : item.channel, kind: .informative,
            location: item.location, service: item.service, customer: item.customer, csat: csat, contact: item.contact, lang: item.lang)
    }
}
