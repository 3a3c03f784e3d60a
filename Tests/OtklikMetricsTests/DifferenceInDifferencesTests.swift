import Foundation
import OtklikMetrics
import Testing

/// Issue 23 item 4: the initiative effect estimator (difference-in-differences, delta-method interval) against hand
/// computations and against `scripts/reference/initiative_did.py` on the same generated stream; the portfolio's ranking.
@Suite struct DifferenceInDifferencesTests {
    static func nps(_ n: Int, promoters: Int, detractors: Int) -> Tally {
        var tally = Tally()
        tally.npsN = n
        tally.count = n
        tally.promoters = promoters
        tally.detractors = detractors
        return tally
    }

    static func ces(_ answers: [Int]) -> Tally {
        var tally = Tally()
        for answer in answers { tally.add(nps: -1, csat: -1, ces: Int8(answer), button: 0) }
        return tally
    }

    /// By hand: NPS 20 → 40 in the scope (n 100 each), 20 → 30 in the control (n 200 each); Wald variances
    /// 56, 44, 28, 25.5 → SE √153.5 = 12.3895; 10 ± 1.96·SE = [−14.283; 34.283].
    @Test func npsByHand() {
        let did = DifferenceInDifferences(
            metric: .nps, treatedBefore: Self.nps(100, promoters: 40, detractors: 20), treatedAfter: Self.nps(100, promoters: 50, detractors: 10),
            controlBefore: Self.nps(200, promoters: 80, detractors: 40), controlAfter: Self.nps(200, promoters: 90, detractors: 30))
        #expect(did.estimate.map { abs($0 - 10) < 1e-9 } == true)
        #expect(did.standardError.map { abs($0 - 12.389511693363866) < 1e-9 } == true)
        #expect(did.interval.map { abs($0.low + 14.282996705031035) < 1e-9 && abs($0.high - 34.28299670503104) < 1e-9 } == true)
        #expect(!did.excludesZero)
        let counts: [Int] = [did.treatedBefore.n, did.treatedAfter.n, did.controlBefore.n, did.controlAfter.n]
        #expect(counts == [100, 100, 200, 200])
    }

    /// CES means with the sample variance over n: scope 5 → 6.667, control 5.25 → 5.75 (Python `statistics`):
    /// 1.1667, SE 0.754615, [−0.312352; 2.645686].
    @Test func cesMeansByHand() {
        let did = DifferenceInDifferences(
            metric: .ces, treatedBefore: Self.ces([4, 5, 6]), treatedAfter: Self.ces([6, 7, 7]), controlBefore: Self.ces([5, 5, 5, 6]),
            controlAfter: Self.ces([5, 6, 6, 6]))
        #expect(did.estimate.map { abs($0 - 1.166666666666667) < 1e-9 } == true)
        #expect(did.standardError.map { abs($0 - 0.754615428178118) < 1e-9 } == true)
        #expect(did.interval.map { abs($0.low + 0.3123523947407161) < 1e-9 && abs($0.high - 2.6456857280740502) < 1e-9 } == true)
    }

    @Test func aCellBelowTheMinimumGivesNoEstimate() {
        let did = DifferenceInDifferences(
            metric: .nps, treatedBefore: Self.nps(4, promoters: 2, detractors: 1), treatedAfter: Self.nps(100, promoters: 50, detractors: 10),
            controlBefore: Self.nps(200, promoters: 80, detractors: 40), controlAfter: Self.nps(200, promoters: 90, detractors: 30), minimumN: 5)
        #expect(did.estimate == nil && did.interval == nil && !did.treatedBefore.sufficient && did.treatedBefore.n == 4)
    }

    /// The generator of `scripts/reference/initiative_did.py`: splitmix64 uniforms, 10 locations × 60 days × 20 NPS answers,
    /// a common trend, and with `planted` +8 NPS points at locations 1-5 from day 30. Returns the four cells.
    static func generated(planted: Bool, seed: UInt64) -> (tb: Tally, ta: Tally, cb: Tally, ca: Tally) {
        var state = seed
        var cells = [Tally(), Tally(), Tally(), Tally()]
        for day in 0..<60 {
            for location in 1...10 {
                for _ in 0..<20 {
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    let u = Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
                    var p = 0.40 + 0.01 * Double(location) + 0.002 * Double(day)
                    var d = 0.30 - 0.005 * Double(location) - 0.001 * Double(day)
                    if planted && location <= 5 && day >= 30 {
                        p += 0.04
                        d -= 0.04
                    }
                    let score: Int8 = u < p ? 10 : (u < p + d ? 3 : 8)
                    cells[(location <= 5 ? 0 : 2) + (day >= 30 ? 1 : 0)].add(nps: score, csat: -1, ces: -1, button: 0)
                }
            }
        }
        return (cells[0], cells[1], cells[2], cells[3])
    }

    static func did(planted: Bool, seed: UInt64) -> DifferenceInDifferences {
        let c = generated(planted: planted, seed: seed)
        return DifferenceInDifferences(metric: .nps, treatedBefore: c.tb, treatedAfter: c.ta, controlBefore: c.cb, controlAfter: c.ca)
    }

    /// `python3 scripts/reference/initiative_did.py`, seed 7919: planted +8 → 6.800000, SE 3.001511, [0.917146; 12.682854];
    /// no effect → −0.333333, SE 3.025367, [−6.262944; 5.596277]. (Seed 7919 is the first of the script's 40 seeds; the
    /// seed tried before it, 2026, gives a no-effect estimate of 8.67 [2.77; 14.56] — one of the ~5 % of draws an
    /// honest 95 % interval misses, see the coverage test below.)
    @Test func recoversAPlantedEffectAndNoneWhereNoneWasPlanted() {
        let planted = Self.did(planted: true, seed: 7919)
        #expect(planted.estimate.map { abs($0 - 6.8) < 1e-6 } == true, "\(String(describing: planted.estimate))")
        #expect(planted.standardError.map { abs($0 - 3.001511) < 1e-6 } == true)
        #expect(planted.interval.map { abs($0.low - 0.917146) < 1e-6 && abs($0.high - 12.682854) < 1e-6 } == true)
        #expect(planted.interval.map { $0.low <= 8 && 8 <= $0.high } == true, "covers the planted +8")
        #expect(planted.excludesZero)
        let counts: [Int] = [planted.treatedBefore.n, planted.treatedAfter.n, planted.controlBefore.n, planted.controlAfter.n]
        #expect(counts == [3000, 3000, 3000, 3000])
        #expect(planted.treatedBefore.value.map { abs($0 - 20.2333) < 1e-4 } == true && planted.treatedAfter.value.map { abs($0 - 33.8) < 1e-9 } == true)
        let none = Self.did(planted: false, seed: 7919)
        #expect(none.estimate.map { abs($0 + 0.333333) < 1e-6 } == true)
        #expect(none.interval.map { abs($0.low + 6.262944) < 1e-6 && abs($0.high - 5.596277) < 1e-6 } == true)
        #expect(!none.excludesZero, "covers 0")
        let unlucky = Self.did(planted: false, seed: 2026)
        #expect(unlucky.estimate.map { abs($0 - 8.666667) < 1e-6 } == true, "the script's seed-2026 figure")
    }

    /// The interval's coverage over the script's 40 seeds (7919·k): it covers the planted +8 in 38 and covers 0 without
    /// an effect in 37 — the script prints the same counts; both near the nominal 95 %.
    @Test func coverageOverFortySeedsMatchesTheScript() {
        var coveredPlanted = 0, coveredZero = 0
        for k in 1...40 {
            let seed = UInt64(7919 * k)
            if let interval = Self.did(planted: true, seed: seed).interval, interval.low <= 8, 8 <= interval.high { coveredPlanted += 1 }
            if let interval = Self.did(planted: false, seed: seed).interval, interval.low <= 0, 0 <= interval.high { coveredZero += 1 }
        }
        #expect(coveredPlanted == 38)
        #expect(coveredZero == 37)
    }

    static func effect(_ did: DifferenceInDifferences?, metric: MetricID = .nps) -> InitiativeEffect {
        let day = Date(timeIntervalSince1970: 1_767_225_600)
        return InitiativeEffect(
            status: did?.estimate == nil ? .insufficient : .measured, beforeFrom: day, beforeTo: day, afterFrom: day, afterTo: day,
            controlLocations: ["L9"], did: did, direction: InitiativeEffect.direction(of: metric))
    }

    /// Ranked by improvement per 100,000 within a metric; an interval spanning zero, a worsening, no budget and no
    /// measurement are never ranked; a fall of the negative share is an improvement.
    @Test func portfolioRanksOnlyShownImprovementsPerCost() {
        let big = Self.did(planted: true, seed: 7919)  // 6.8 [0.92; 12.68]
        let none = Self.did(planted: false, seed: 7919)  // spans zero
        let worse = DifferenceInDifferences(
            metric: .nps, treatedBefore: Self.nps(1000, promoters: 500, detractors: 100), treatedAfter: Self.nps(1000, promoters: 300, detractors: 300),
            controlBefore: Self.nps(1000, promoters: 500, detractors: 100), controlAfter: Self.nps(1000, promoters: 500, detractors: 100))
        var negativeFell = Tally(), negativeSame = Tally()
        for i in 0..<1000 { negativeFell.add(nps: -1, csat: i < 100 ? 1 : 5, ces: -1, button: 0) }
        for i in 0..<1000 { negativeSame.add(nps: -1, csat: i < 300 ? 1 : 5, ces: -1, button: 0) }
        let negative = DifferenceInDifferences(
            metric: .negative, treatedBefore: negativeSame, treatedAfter: negativeFell, controlBefore: negativeSame, controlAfter: negativeSame)
        let entries = InitiativePortfolio.rank([
            ("cheap", "nps", 100_000, Self.effect(big)), ("dear", "nps", 1_000_000, Self.effect(big)), ("zero", "nps", 10, Self.effect(none)),
            ("worse", "nps", 5, Self.effect(worse)), ("free", "nps", 0, Self.effect(big)), ("new", "nps", 1, Self.effect(nil)),
            ("fewer-negatives", "negative", 200_000, Self.effect(negative, metric: .negative)),
        ])
        #expect(entries.map(\.id) == ["cheap", "dear", "free", "new", "worse", "zero", "fewer-negatives"])
        #expect(entries.map(\.rank) == [1, 2, nil, nil, nil, nil, 1])
        #expect(entries.map(\.verdict) == [.ranked, .ranked, .noBudget, .notMeasured, .worse, .spansZero, .ranked])
        #expect(entries[0].perHundredThousand.map { abs($0 - 6.8) < 1e-6 } == true)
        #expect(entries[1].perHundredThousand.map { abs($0 - 0.68) < 1e-6 } == true)
        #expect(entries[1].perHundredThousandInterval.map { abs($0.low - 0.0917146) < 1e-6 } == true)
        // The negative share fell by 20 pp: an improvement of +20, 10 per 100,000.
        #expect(entries[6].effect.improvement.map { abs($0 - 20) < 1e-9 } == true)
        #expect(entries[6].perHundredThousand.map { abs($0 - 10) < 1e-9 } == true)
    }
}
