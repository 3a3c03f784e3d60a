import Foundation
import OtklikCore
import OtklikStore

/// The demo's life situations (issue 19 item 4): the default catalogue's situations planted in known customers as
/// contacts about the situation's topics, and noise — customers with signals but not in the situation — so precision
/// and recall mean something. Deterministic for a seed and an end date. Per situation:
/// - 20 customers in it (labelled): 2 or 3 of its topics within 80 % of its window; for 3 of them (a miss) the second
///   contact comes only 110-150 % of the window after the first, so the rule cannot find them;
/// - 3 look-alikes (not labelled): 2 of its topics within its window — someone asking for a relative, say — which the
///   rule finds wrongly;
/// and 300 customers with a single topic of some situation, 60 with one topic of each of two situations within a
/// month: neither is a detection. Expected: 12 × 17 = 204 found rightly, 36 wrongly, 36 missed — precision and recall
/// 204 / 240 = 85.0 % each (`otklik situations evaluate`; scripts/reference/life_situations.py checks it independently).
enum DemoLifeSituations {
    static let labelSource = "demo"
    static let planted = 20
    static let missed = 3
    static let lookAlikes = 3
    static let singles = 300
    static let pairs = 60

    struct Plan {
        var interactions: [Interaction] = []
        var labels: [LabelledPair] = []
    }

    static func plan(seed: UInt64, end: Date, catalogue: [LifeSituation] = LifeSituationCatalogue.defaults) -> Plan {
        var random = SeededRandom(seed: seed &+ 0x11FE)
        var plan = Plan()
        var nextCustomer = 27_000
        func customer() -> String {
            defer { nextCustomer += 1 }
            return String(format: "C%06d", nextCustomer)
        }
        func contact(_ who: String, _ topic: String, _ at: Date) {
            plan.interactions.append(Interaction(
                id: "demo-ls-\(plan.interactions.count + 1)", channel: .callCenter, queue: "life-situations", location: DemoCatalogue.contactCentre,
                customer: who, topic: topic, arrivedAt: at, outcome: .answered, waitSeconds: (20 + 100 * random.unit()).rounded(), talkSeconds: 240))
        }
        func topics(_ situation: LifeSituation) -> [String] { situation.signals.filter { $0.kind == .interactionTopic }.map(\.code) }
        func start(_ window: TimeInterval) -> Date {
            end.addingTimeInterval(-400 * 86_400 + random.unit() * (400 * 86_400 - 2 * window - 86_400))
        }
        func shuffled(_ items: [String]) -> [String] {
            var items = items
            for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            return items
        }
        for situation in catalogue {
            let codes = topics(situation)
            guard codes.count >= 2 else { continue }
            for number in 0..<(planted + lookAlikes) {
                let who = customer()
                let isMiss = number < missed, isLookAlike = number >= planted
                if !isLookAlike { plan.labels.append(LabelledPair(customer: who, situation: situation.code)) }
                let chosen = Array(shuffled(codes).prefix(isMiss || isLookAlike || random.chance(0.5) ? 2 : 3))
                var at = start(situation.window)
                contact(who, chosen[0], at)
                for code in chosen.dropFirst() {
                    at = isMiss
                        ? at.addingTimeInterval(situation.window * (1.1 + 0.4 * random.unit()))
                        : at.addingTimeInterval(situation.window * 0.8 / Double(chosen.count - 1) * (0.2 + 0.8 * random.unit()))
                    contact(who, code, at)
                }
            }
        }
        let usable = catalogue.filter { topics($0).count >= 2 }
        for _ in 0..<singles {
            let situation = random.pick(usable)
            contact(customer(), random.pick(topics(situation)), start(situation.window))
        }
        for _ in 0..<pairs {
            let first = random.pick(usable)
            let second = random.pick(usable.filter { $0.code != first.code })
            let who = customer(), at = start(max(first.window, second.window))
            contact(who, random.pick(topics(first)), at)
            contact(who, random.pick(topics(second)), at.addingTimeInterval(86_400 * (1 + 29 * random.unit())))
        }
        return plan
    }

    /// Stores the planted contacts and the labels, then detects (as the server's feed consumer would).
    static func seed(_ app: OtklikApp, seed: UInt64, end: Date) async throws -> [DetectionScore] {
        let plan = plan(seed: seed, end: end, catalogue: try await app.database.lifeSituations.situations())
        _ = try await app.database.interactions.insert(plan.interactions, createMissingReferences: false)
        try await app.follower.catchUp()
        try await app.database.lifeSituations.label(plan.labels, source: labelSource, now: end)
        _ = try await app.database.lifeSituations.detectAll(now: end)
        return try await app.database.lifeSituations.evaluate()
    }
}
