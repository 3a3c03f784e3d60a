import Foundation
import OtklikCore

/// A year of contact-centre calls for the demo's contact centre (L12, agents S073-S080): queue waits
/// grow in the summer dip, impatient callers abandon, the rest are answered and handled.
struct DemoCallGenerator {
    var random: SeededRandom
    var moments: DemoFeedbackGenerator

    init(seed: UInt64, end: Date) {
        random = SeededRandom(seed: seed &+ 0x5EED)
        moments = DemoFeedbackGenerator(seed: seed &+ 0xCA11, end: end)
    }

    static let agents = DemoCatalogue.staff.suffix(8).map(\.code)
    static let queues = DemoCatalogue.services.prefix(6).map(\.code)

    mutating func make(index: Int) -> Interaction {
        let arrived = moments.moment()
        let queue = random.pick(Self.queues)
        let customer = random.chance(0.6) ? String(format: "C%06d", Int(random.next() % 30_000)) : nil
        var call = Interaction(
            id: String(format: "demo-call-%07d", index), channel: .callCenter, queue: queue, location: DemoCatalogue.contactCentre,
            customer: customer, topic: queue, arrivedAt: arrived, outcome: .answered)
        if random.chance(0.03) {
            call.outcome = .selfService
            return call
        }
        let meanWait = moments.inSummerDip(arrived) ? 75.0 : 22.0
        let wait = -meanWait * log(max(random.unit(), 1e-9))
        let patience = -90 * log(max(random.unit(), 1e-9))
        if patience < wait {
            call.outcome = .abandoned
            call.waitSeconds = patience.rounded()
            return call
        }
        call.waitSeconds = wait.rounded()
        call.staff = random.pick(Self.agents)
        call.talkSeconds = max(30, random.normal(mean: 240, sd: 80)).rounded()
        call.holdSeconds = random.chance(0.2) ? (10 + 50 * random.unit()).rounded() : 0
        call.wrapSeconds = (20 + 20 * random.unit()).rounded()
        call.transferred = random.chance(0.05)
        return call
    }
}
