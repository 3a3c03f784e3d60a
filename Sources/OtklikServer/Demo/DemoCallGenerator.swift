import Foundation
import OtklikCore

/// A year of contact-centre calls for the demo's contact centre (L12, agents S073-S080): queue waits
/// grow in the summer dip, impatient callers abandon, the rest are answered and handled. About one identified caller
/// in five whose call was answered calls again on the same topic within one to six days (the problem was not solved),
/// so first-contact resolution is about 80 %, as in a real contact centre, not the 100 % of callers drawn at random
/// from 30,000. Each queue is a service's line (its code is the service's), so a call names that service: the
/// public-service page's phone KPI is then shown by service, not only for calls with none.
struct DemoCallGenerator {
    var random: SeededRandom
    var moments: DemoFeedbackGenerator
    let end: Date
    /// Calls back owed by customers whose problem was not solved: made by later calls of the generator.
    var callBacks: [(customer: String, queue: String, at: Date)] = []
    static let unresolvedShare = 0.2

    init(seed: UInt64, end: Date) {
        random = SeededRandom(seed: seed &+ 0x5EED)
        moments = DemoFeedbackGenerator(seed: seed &+ 0xCA11, end: end)
        self.end = end
    }

    static let agents = DemoCatalogue.staff.suffix(8).map(\.code)
    static let queues = DemoCatalogue.services.prefix(6).map(\.code)

    mutating func make(index: Int) -> Interaction {
        let call = first(index: index)
        if call.outcome == .answered, let customer = call.customer, random.chance(Self.unresolvedShare) {
            let again = call.arrivedAt.addingTimeInterval((1 + 5 * random.unit()) * 86_400)
            if again < end { callBacks.append((customer, call.topic ?? "", again)) }
        }
        return call
    }

    /// A new caller, or (every other call while some are owed) a customer calling back about the same topic.
    private mutating func first(index: Int) -> Interaction {
        var arrived = moments.moment()
        var queue = random.pick(Self.queues)
        var customer = random.chance(0.6) ? String(format: "C%06d", Int(random.next() % 30_000)) : nil
        if !callBacks.isEmpty && random.chance(0.5) {
            let owed = callBacks.removeFirst()
            (customer, queue, arrived) = (owed.customer, owed.queue, owed.at)
        }
        var call = Interaction(
            id: String(format: "demo-call-%07d", index), channel: .callCenter, queue: queue, location: DemoCatalogue.contactCentre, service: queue,
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
