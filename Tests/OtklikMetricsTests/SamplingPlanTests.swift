import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Sampling plans checked statistically over many simulated visits with fixed seeds (issue 6, "done means"):
/// achieved inclusion rates within 4 binomial standard deviations, systematic selection exactly every k-th, quota
/// fill per stratum within tolerance and never above target, and the fatigue rule's window.
@Suite struct SamplingPlanTests {
    static let day: TimeInterval = 86_400
    static let origin = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z, a Thursday

    /// n anonymous visits one minute apart.
    static func visits(_ n: Int, prefix: String = "visit") -> [SamplingUnit] {
        (0..<n).map { SamplingUnit(id: "\(prefix)-\($0)", at: origin.addingTimeInterval(Double($0) * 60)) }
    }

    static func run(_ plan: SamplingPlan, _ units: [SamplingUnit], state: inout SamplingState) -> [SamplingDecision] {
        units.map { plan.decide($0, state: &state) }
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // SplitMix64 seeded with 0 (Vigna's splitmix64.c): the first outputs.
        var random = SamplingRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SamplingRandom(seed: 42)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[bounded.next(below: 6)] += 1 }
        // Each face 10 000 ± 4·SD (SD = sqrt(60 000 · 1/6 · 5/6) ≈ 91.3).
        #expect(counts.allSatisfy { abs($0 - 10_000) < 365 })
    }

    @Test(arguments: [(0.01, UInt64(1)), (0.1, UInt64(2)), (0.3, UInt64(3)), (0.5, UInt64(4)), (0.9, UInt64(5))])
    func simpleRandomInclusionRateWithinFourBinomialSD(p: Double, seed: UInt64) throws {
        let plan = try #require(SamplingPlan(method: .simpleRandom(probability: p), fatigue: nil, seed: seed))
        var state = SamplingState()
        let n = 100_000
        let decisions = Self.run(plan, Self.visits(n), state: &state)
        let invited = decisions.filter(\.isInvited).count
        let sd = (p * (1 - p) / Double(n)).squareRoot()
        let rate = Double(invited) / Double(n)
        #expect(abs(rate - p) < 4 * sd, "p̂ = \(rate), p = \(p), SD = \(sd)")
        #expect(decisions.allSatisfy { $0.outcome == .invited || $0.outcome == .notSampled })
        #expect(decisions.allSatisfy { $0.inclusionProbability == p && $0.stratum == "*" && $0.fatigue == .off })
        // Sequential ids do not bias the draw: even and odd halves are each within 4 SD.
        let halfSD = (p * (1 - p) / Double(n / 2)).squareRoot()
        for parity in 0..<2 {
            let half = decisions.enumerated().filter { $0.offset % 2 == parity }
            let halfRate = Double(half.filter { $0.element.isInvited }.count) / Double(half.count)
            #expect(abs(halfRate - p) < 4 * halfSD)
        }
        // Consecutive draws are independent: P(both of a pair invited) ≈ p².
        let pairs = n - 1
        let both = (0..<pairs).filter { decisions[$0].isInvited && decisions[$0 + 1].isInvited }.count
        let pairSD = (p * p * (1 - p * p) / Double(pairs)).squareRoot() * 3  // neighbouring pairs overlap: a loose bound
        #expect(abs(Double(both) / Double(pairs) - p * p) < 4 * pairSD)
    }

    @Test func simpleRandomIsDeterministicGivenTheSeed() throws {
        let units = Self.visits(2_000)
        let plan = try #require(SamplingPlan(method: .simpleRandom(probability: 0.2), fatigue: nil, seed: 7))
        let other = try #require(SamplingPlan(method: .simpleRandom(probability: 0.2), fatigue: nil, seed: 8))
        var a = SamplingState(), b = SamplingState(), c = SamplingState()
        let first = Self.run(plan, units, state: &a).map(\.isInvited)
        #expect(first == Self.run(plan, units, state: &b).map(\.isInvited))
        #expect(first != Self.run(other, units, state: &c).map(\.isInvited))
        var none = SamplingState(), all = SamplingState()
        let never = try #require(SamplingPlan(method: .simpleRandom(probability: 0), fatigue: nil, seed: 1))
        let always = try #require(SamplingPlan(method: .simpleRandom(probability: 1), fatigue: nil, seed: 1))
        let noneInvited = Self.run(never, units, state: &none).filter(\.isInvited).count
        let allInvited = Self.run(always, units, state: &all).filter(\.isInvited).count
        #expect(noneInvited == 0 && allInvited == units.count)
        #expect(SamplingPlan(method: .simpleRandom(probability: 1.5), seed: 1) == nil)
        #expect(SamplingPlan(method: .systematic(interval: 0, strata: []), seed: 1) == nil)
    }

    @Test func systematicInvitesExactlyEveryKthFromARandomStart() throws {
        for (k, seed) in [(1, UInt64(1)), (7, UInt64(2)), (10, UInt64(3)), (25, UInt64(4))] {
            let plan = try #require(SamplingPlan(method: .systematic(interval: k, strata: []), fatigue: nil, seed: seed))
            var state = SamplingState()
            let decisions = Self.run(plan, Self.visits(5_000), state: &state)
            let positions = decisions.enumerated().filter { $0.element.isInvited }.map { $0.offset + 1 }
            let start = try #require(positions.first)
            #expect((1...k).contains(start))
            #expect(state.systematic["*"]?.start == start)
            #expect(positions == Array(stride(from: start, through: 5_000, by: k)))
            #expect(decisions.allSatisfy { $0.inclusionProbability == 1 / Double(k) })
        }
    }

    @Test func systematicRandomStartIsUniformOverSeeds() throws {
        let k = 5
        var counts = [Int](repeating: 0, count: k + 1)
        for seed in 0..<5_000 {
            let plan = try #require(SamplingPlan(method: .systematic(interval: k, strata: []), fatigue: nil, seed: UInt64(seed)))
            var state = SamplingState()
            _ = plan.decide(Self.visits(1)[0], state: &state)
            counts[try #require(state.systematic["*"]).start] += 1
        }
        // Each start 1 000 ± 4·SD (SD = sqrt(5 000 · 0.2 · 0.8) ≈ 28.3).
        #expect(counts[0] == 0)
        #expect(counts[1...].allSatisfy { abs($0 - 1_000) < 114 }, "\(counts)")
    }

    @Test func systematicPerStratumCountsEachStratumOnItsOwn() throws {
        let plan = try #require(SamplingPlan(method: .systematic(interval: 4, strata: [.location]), fatigue: nil, seed: 11))
        var mix = SamplingRandom(seed: 99)
        let locations = ["A", "B", "C"]
        let units = (0..<6_000).map { SamplingUnit(id: "v\($0)", at: Self.origin.addingTimeInterval(Double($0)), location: locations[mix.next(below: 3)]) }
        var state = SamplingState()
        let decisions = Self.run(plan, units, state: &state)
        for location in locations {
            let mine = zip(units, decisions).filter { $0.0.location == location }
            let positions = mine.enumerated().filter { $0.element.1.isInvited }.map { $0.offset + 1 }
            let start = try #require(state.systematic[location]?.start)
            #expect(positions == Array(stride(from: start, through: mine.count, by: 4)))
            #expect(mine.allSatisfy { $0.1.stratum == location })
        }
    }

    /// Twelve strata (3 locations × 4 dayparts), `perStratum` visits in each per day at random times within the
    /// daypart, over `days` days, shuffled into arrival order.
    static func quotaTraffic(days: Int, perStratum: Int, seed: UInt64) -> [SamplingUnit] {
        var random = SamplingRandom(seed: seed)
        var units: [SamplingUnit] = []
        for day in 0..<days {
            for location in ["A", "B", "C"] {
                for (part, name) in ["night", "morning", "afternoon", "evening"].enumerated() {
                    for i in 0..<perStratum {
                        let seconds = Double(day) * Self.day + Double(part) * 21_600 + random.nextUnit() * 21_600
                        let at = Self.origin.addingTimeInterval(seconds)
                        units.append(SamplingUnit(id: "\(day)-\(location)-\(name)-\(i)", at: at, location: location, daypart: SamplingUnit.daypart(of: at)))
                    }
                }
            }
        }
        return units.sorted { $0.at < $1.at }
    }

    @Test func quotaFillsEachStratumExactlyWithoutSpread() throws {
        let design = try #require(QuotaDesign(strata: [.location, .daypart], targets: [:], defaultTarget: 20, period: .day))
        let plan = try #require(SamplingPlan(method: .quota(design), fatigue: nil, seed: 3))
        let units = Self.quotaTraffic(days: 30, perStratum: 50, seed: 31)
        var state = SamplingState()
        let decisions = Self.run(plan, units, state: &state)
        var fill: [String: Int] = [:]
        for (unit, decision) in zip(units, decisions) where decision.isInvited {
            fill["\(Int(unit.at.timeIntervalSince(Self.origin) / Self.day)) \(decision.stratum)", default: 0] += 1
        }
        #expect(fill.count == 30 * 12)
        #expect(fill.values.allSatisfy { $0 == 20 })
        #expect(decisions.allSatisfy { ($0.quotaInvited ?? 99) <= 20 && $0.quotaTarget == 20 })
        #expect(decisions.filter { $0.outcome == .quotaFull }.count == 30 * 12 * 30)
        #expect(decisions.allSatisfy { $0.outcome != .fatigued && $0.outcome != .notSampled })
        // Without spread the quota fills with the first 20 of 50 visits of each stratum-day.
        #expect(state.quotas["A × evening"]?.seen == 50 && state.quotas["A × evening"]?.invited == 20)
        #expect(state.quotas["A × evening"]?.inclusionRate == 0.4)
    }

    /// E[min(T, X)] and Var[min(T, X)] for X ~ Binomial(n, q).
    static func cappedBinomial(n: Int, q: Double, cap: Int) -> (mean: Double, variance: Double) {
        var mean = 0.0, square = 0.0
        for x in 0...n {
            let logChoose: Double = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
            let logPmf: Double = logChoose + Double(x) * log(q) + Double(n - x) * log(1 - q)
            let value = Double(min(cap, x))
            mean += exp(logPmf) * value
            square += exp(logPmf) * value * value
        }
        return (mean, square - mean * mean)
    }

    @Test func quotaWithSpreadFillsWithinToleranceNeverAboveTargetAndSpreadsOverThePeriod() throws {
        let target = 20, perStratum = 200
        let q = try #require(QuotaDesign.spreadProbability(target: target, expectedInteractions: Double(perStratum)))
        #expect(abs(q - 0.125) < 1e-12)
        let design = try #require(QuotaDesign(strata: [.location, .daypart], targets: [:], defaultTarget: target, period: .day, spreadProbability: q))
        let plan = try #require(SamplingPlan(method: .quota(design), fatigue: nil, seed: 5))
        let units = Self.quotaTraffic(days: 30, perStratum: perStratum, seed: 51)
        var state = SamplingState()
        let decisions = Self.run(plan, units, state: &state)

        var fill: [String: Int] = [:]
        var rank: [String: Int] = [:]
        var firstHalf = 0, invitedTotal = 0
        for (unit, decision) in zip(units, decisions) {
            let key = "\(Int(unit.at.timeIntervalSince(Self.origin) / Self.day)) \(decision.stratum)"
            rank[key, default: 0] += 1
            guard decision.isInvited else { continue }
            fill[key, default: 0] += 1
            invitedTotal += 1
            if rank[key]! <= perStratum / 2 { firstHalf += 1 }
        }
        let cells = 30 * 12
        #expect(fill.count == cells)
        #expect(fill.values.allSatisfy { $0 <= target })
        // Mean fill per stratum-day within 4 SD of its exact expectation E[min(T, Binomial(200, 0.125))] ≈ 19.7.
        let expected = Self.cappedBinomial(n: perStratum, q: q, cap: target)
        let meanFill = Double(fill.values.reduce(0, +)) / Double(cells)
        #expect(abs(meanFill - expected.mean) < 4 * (expected.variance / Double(cells)).squareRoot(), "mean fill \(meanFill), expected \(expected.mean)")
        #expect(meanFill / Double(target) > 0.95)
        // Spread: about 0.625 of the invitations fall in the first half of a stratum-day's visits, not all of them.
        let share = Double(firstHalf) / Double(invitedTotal)
        #expect(share > 0.55 && share < 0.72, "first-half share \(share)")
    }

    @Test func quotaTargetsByStratumPeriodsAndClosedPeriods() throws {
        let design = try #require(QuotaDesign(strata: [.attribute("channel")], targets: ["call": 2, "visit": 1], period: .week))
        let plan = try #require(SamplingPlan(method: .quota(design), fatigue: nil, seed: 1))
        var state = SamplingState()
        func unit(_ id: String, _ days: Double, _ channel: String?) -> SamplingUnit {
            SamplingUnit(id: id, at: Self.origin.addingTimeInterval(days * Self.day), attributes: channel.map { ["channel": $0] } ?? [:])
        }
        // 2026-01-01 is a Thursday: days 0-3 are one ISO week, day 4 (Monday 5 January) starts the next.
        let week1 = [unit("1", 0, "call"), unit("2", 1, "call"), unit("3", 2, "call"), unit("4", 0, "visit"), unit("5", 3, "visit"), unit("6", 1, "chat"), unit("7", 1, nil)]
        #expect(Self.run(plan, week1, state: &state).map(\.outcome) == [.invited, .invited, .quotaFull, .invited, .quotaFull, .quotaFull, .quotaFull])
        #expect(plan.stratum(of: week1[6]) == "(none)")
        let week2 = plan.decide(unit("8", 4, "call"), state: &state)
        #expect(week2.outcome == .invited && week2.quotaInvited == 1 && week2.quotaTarget == 2)
        let late = plan.decide(unit("9", 3.5, "call"), state: &state)
        #expect(late.outcome == .notSampled && late.note != nil)
        #expect(state.quotas["call"]?.seen == 1)
        #expect(QuotaDesign(strata: [], targets: ["*": -1]) == nil)
        #expect(QuotaDesign(strata: [], targets: [:], spreadProbability: 0) == nil)
    }

    @Test func stateSurvivesARestartThroughJSON() throws {
        let design = try #require(QuotaDesign(strata: [.location, .daypart], targets: [:], defaultTarget: 15, period: .day, spreadProbability: 0.3))
        let plans = [
            try #require(SamplingPlan(method: .quota(design), seed: 8)),
            try #require(SamplingPlan(method: .systematic(interval: 9, strata: [.location]), seed: 9)),
            try #require(SamplingPlan(method: .simpleRandom(probability: 0.2), seed: 10)),
        ]
        var random = SamplingRandom(seed: 77)
        let units = Self.quotaTraffic(days: 3, perStratum: 60, seed: 71).map { unit in
            var unit = unit
            unit.customer = random.next(below: 4) == 0 ? nil : "c\(random.next(below: 300))"
            return unit
        }
        for plan in plans {
            var straight = SamplingState()
            let uninterrupted = Self.run(plan, units, state: &straight)
            var before = SamplingState()
            let half = units.count / 2
            var resumed = Self.run(plan, Array(units[..<half]), state: &before)
            let planData = try JSONEncoder().encode(plan)
            let stateData = try JSONEncoder().encode(before)
            let restoredPlan = try JSONDecoder().decode(SamplingPlan.self, from: planData)
            var restored = try JSONDecoder().decode(SamplingState.self, from: stateData)
            #expect(restoredPlan == plan && restored == before)
            resumed += Self.run(restoredPlan, Array(units[half...]), state: &restored)
            #expect(resumed == uninterrupted)
            #expect(restored == straight)
            #expect(uninterrupted.contains { $0.outcome == .fatigued })
        }
    }

    @Test func fatigueNeverReinvitesWithinTheWindowAndDoesAfterIt() throws {
        // 400 customers visiting about every 3 days for two years, plus anonymous visits; p = 0.5.
        let plan = try #require(SamplingPlan(method: .simpleRandom(probability: 0.5), seed: 21))
        #expect(plan.fatigue?.days == 183)
        var random = SamplingRandom(seed: 22)
        var units: [SamplingUnit] = []
        for i in 0..<100_000 {
            let at = Self.origin.addingTimeInterval(Double(i) * 730 * Self.day / 100_000)
            let customer: String? = random.next(below: 5) == 0 ? nil : "customer-\(random.next(below: 400))"
            units.append(SamplingUnit(id: "v\(i)", at: at, customer: customer))
        }
        var state = SamplingState()
        let decisions = Self.run(plan, units, state: &state)
        var invitations: [String: [Date]] = [:]
        for (unit, decision) in zip(units, decisions) {
            if let customer = unit.customer {
                if decision.isInvited { invitations[customer, default: []].append(unit.at) }
                if case .blocked(let last, let until) = decision.fatigue {
                    #expect(decision.outcome == .fatigued && until == last.addingTimeInterval(183 * Self.day))
                    #expect(unit.at < until && invitations[customer]?.last == last)
                }
            } else {
                #expect(decision.fatigue == .anonymous)
                #expect(decision.explanation.contains("anonymous"))
            }
        }
        let window = 183 * Self.day
        var gaps: [TimeInterval] = []
        for dates in invitations.values {
            for (a, b) in zip(dates, dates.dropFirst()) { gaps.append(b.timeIntervalSince(a)) }
        }
        #expect(gaps.allSatisfy { $0 >= window })
        // Over 730 days with a visit every ~3.65 days each customer is invited 3 or 4 times, and again soon after each
        // window: missing 24 visits in a row (~88 days) has probability 0.5²⁴ ≈ 6e-8 per gap.
        #expect(invitations.count == 400)
        #expect(invitations.values.allSatisfy { (3...4).contains($0.count) })
        #expect(gaps.allSatisfy { $0 < window + 90 * Self.day })
        let meanExcess = gaps.map { ($0 - window) / Self.day }.reduce(0, +) / Double(gaps.count)
        #expect(meanExcess < 15, "mean days past the window before re-invitation: \(meanExcess)")
        // Anonymous visits are sampled at p within 4 SD.
        let anonymous = zip(units, decisions).filter { $0.0.customer == nil }
        let rate = Double(anonymous.filter { $0.1.isInvited }.count) / Double(anonymous.count)
        #expect(abs(rate - 0.5) < 4 * (0.25 / Double(anonymous.count)).squareRoot())
    }

    @Test func fatigueWindowIsConfigurableAndIgnoresNoOne() throws {
        let rule = try #require(FatigueRule(days: 30))
        #expect(FatigueRule(days: 0) == nil)
        let plan = try #require(SamplingPlan(method: .simpleRandom(probability: 1), fatigue: rule, seed: 1))
        var state = SamplingState()
        func visit(_ id: String, _ days: Double, _ customer: String? = "ivan") -> SamplingDecision {
            plan.decide(SamplingUnit(id: id, at: Self.origin.addingTimeInterval(days * Self.day), customer: customer), state: &state)
        }
        #expect(visit("1", 0).fatigue == .clear(lastInvited: nil))
        #expect(visit("2", 29.99).outcome == .fatigued)
        #expect(visit("3", -10).outcome == .fatigued)  // reported late, 10 days before the invitation
        let again = visit("4", 30)
        #expect(again.isInvited && again.fatigue == .clear(lastInvited: Self.origin))
        #expect(visit("5", 31, nil).isInvited)
        #expect(visit("6", 40).explanation.contains("not again before"))
        state.fatigue.prune(before: Self.origin.addingTimeInterval(31 * Self.day))
        #expect(state.fatigue.lastInvited.isEmpty)
        // Without a rule nobody is fatigued.
        let free = try #require(SamplingPlan(method: .simpleRandom(probability: 1), fatigue: nil, seed: 1))
        var freeState = SamplingState()
        let both = (0..<2).map { free.decide(SamplingUnit(id: "f\($0)", at: Self.origin, customer: "ivan"), state: &freeState) }
        #expect(both.allSatisfy { $0.isInvited && $0.fatigue == .off })
    }

    @Test func fatiguedCustomersDoNotAdvanceTheSystematicCount() throws {
        // "same" comes at every even position, anonymous visits in between; every 3rd eligible visit is invited.
        let plan = try #require(SamplingPlan(method: .systematic(interval: 3, strata: []), seed: 4))
        var state = SamplingState()
        let units = (0..<40).map { SamplingUnit(id: "v\($0)", at: Self.origin.addingTimeInterval(Double($0) * 60), customer: $0 % 2 == 0 ? "same" : nil) }
        let decisions = Self.run(plan, units, state: &state)
        let eligible = decisions.filter { $0.outcome != .fatigued }
        #expect(state.systematic["*"]?.seen == eligible.count)
        #expect(eligible.count < 40 && eligible.count >= 21)
        let start = try #require(state.systematic["*"]?.start)
        let positions = eligible.enumerated().filter { $0.element.isInvited }.map { $0.offset + 1 }
        #expect(positions == Array(stride(from: start, through: eligible.count, by: 3)))
        // "same" is invited exactly once (at the first selected odd eligible position), fatigued afterwards.
        #expect(decisions.filter { $0.isInvited && $0.fatigue != .anonymous }.count == 1)
        #expect(decisions.filter { $0.outcome == .fatigued }.count == 40 - eligible.count)
    }

    @Test func unitFromAnInteraction() {
        let at = Self.origin.addingTimeInterval(9.5 * 3_600)
        let interaction = Interaction(id: "i1", channel: .terminal, location: "tverskaya", staff: "s7", customer: "c1", arrivedAt: at, outcome: .answered, waitSeconds: 0)
        let unit = SamplingUnit(interaction, timeZone: TimeZone(identifier: "Europe/Moscow")!, extra: ["segment": "vip"])
        #expect(unit.daypart == "afternoon")  // 09:30 UTC is 12:30 in Moscow
        #expect(unit.location == "tverskaya" && unit.customer == "c1")
        #expect(unit.attributes == ["channel": "terminal", "staff": "s7", "segment": "vip"])
        #expect(StratumKey.label(of: unit, by: [.location, .daypart, .attribute("segment")]) == "tverskaya × afternoon × vip")
        #expect(StratumKey.label([]) == "*")
    }
}
