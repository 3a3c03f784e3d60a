import Foundation
import Testing
@testable import OtklikMetrics

/// Issue 19 item 5: experiments on service changes. Hand-computed cases, SciPy's distribution values, and seeded
/// simulations: 10,000 A/A tests of 2,000 units looked at every 100 units keep the false-positive rate at most
/// 5.5 % with the sequential test while looking at the fixed-horizon test each time inflates it; CUPED's variance
/// reduction matches the generated ρ². The CLI's figures on real files are checked against
/// `python3 scripts/reference/experiment.py` (ExperimentCLITests).
@Suite struct ExperimentAnalysisTests {
    private func nps(_ promoters: Int, _ passives: Int, _ detractors: Int, _ arm: ExperimentObservation.Arm) -> [ExperimentObservation] {
        Array(repeating: ExperimentObservation(arm: arm, outcome: 1), count: promoters)
            + Array(repeating: ExperimentObservation(arm: arm, outcome: 0), count: passives)
            + Array(repeating: ExperimentObservation(arm: arm, outcome: -1), count: detractors)
    }

    @Test func npsUsesTheTrinomialVarianceByHand() throws {
        // Control 5 P, 3 passive, 2 D: NPS 30, Var = 0.5 + 0.2 − 0.3² = 0.61; treatment 7 P, 2, 1 D: NPS 60, Var 0.44.
        // SE = √(0.061 + 0.044) = 0.3240370; z = 0.9258; p = 0.3545395; interval 30 ± 1.96 · 32.40 points.
        let result = try ExperimentAnalysis.analyze(nps(5, 3, 2, .control) + nps(7, 2, 1, .treatment), design: .init(metric: .nps))
        #expect(result.test == "nps_trinomial_z")
        #expect(result.control.value == 30 && result.treatment.value == 60 && result.control.n == 10)
        #expect(abs(result.effect - 30) < 1e-9)
        #expect(abs(result.standardError - 32.4037034920393) < 1e-9)
        #expect(abs(result.pValue - 0.3545394797735013) < 1e-9)
        #expect(abs(result.ciLow - -33.5100918101118) < 1e-6 && abs(result.ciHigh - 93.5100918101118) < 1e-6)
        #expect(!result.significant && result.varianceReduction == nil && result.clusters == nil)
    }

    @Test func studentTMatchesSciPy() {
        // scipy.stats.t.cdf(2, 5), t.cdf(-1.3, 2.5), t.ppf(0.975, 797.933465741), t.ppf(0.975, 3.7)
        #expect(abs(StudentT.cdf(2, degreesOfFreedom: 5) - 0.9490302605850708) < 1e-12)
        #expect(abs(StudentT.cdf(-1.3, degreesOfFreedom: 2.5) - 0.15024339463535416) < 1e-12)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 797.933465741) - 1.9629414414462607) < 1e-8)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 3.7) - 2.8675207071911895) < 1e-8)
    }

    @Test func sampleRatioMismatchRaisesTheAlarm() {
        // 550 vs 450 planned 50:50: χ² = 2 · 50²/500 = 10, p = erfc(√5) = 0.0015654; 560 vs 440: χ² = 14.4, below 0.001.
        let fine = SampleRatioTest.test(control: 550, treatment: 450, controlShare: 0.5)
        #expect(abs(fine.pValue - 0.0015654022580025488) < 1e-12 && !fine.mismatch)
        #expect(SampleRatioTest.test(control: 560, treatment: 440, controlShare: 0.5).mismatch)
        let planned = SampleRatioTest.test(control: 900, treatment: 100, controlShare: 0.9)
        #expect(planned.pValue > 0.999_999 && abs(planned.expected.control - 900) < 1e-9)
    }

    @Test func aClusterMustBeRandomisedWhole() {
        let units = [
            ExperimentObservation(arm: .control, outcome: 1, cluster: "L1"), ExperimentObservation(arm: .treatment, outcome: 1, cluster: "L1"),
        ]
        #expect(throws: ExperimentError.self) { try ExperimentAnalysis.analyze(units, design: .init(metric: .nps)) }
    }

    /// One A/A or A/B run: 2,000 units assigned 50:50 by a seeded draw, NPS answers with 45 % promoters and 25 %
    /// detractors (the treatment shifted by `lift` of each), a look every 100 units.
    private func run(seed: UInt64, lift: Double, body: (ExperimentResult?, ExperimentResult?) -> Void) {
        var random = SamplingRandom(seed: seed)
        var control = ArmSummary(), treatment = ArmSummary()
        let fixed = ExperimentDesign(metric: .nps)
        let sequential = ExperimentDesign(metric: .nps, sequential: true, plannedUnits: 2_000)
        for unit in 1...2_000 {
            let treated = random.nextUnit() < 0.5
            let shift = treated ? lift : 0
            let u = random.nextUnit()
            let answer = u < 0.45 + shift ? 1.0 : (u < 0.75 + shift ? 0.0 : -1.0)
            if treated { treatment.add(answer) } else { control.add(answer) }
            if unit % 100 == 0 {
                body(ExperimentAnalysis.compare(control: control, treatment: treatment, design: fixed),
                     ExperimentAnalysis.compare(control: control, treatment: treatment, design: sequential))
            }
        }
    }

    @Test func sequentialLooksKeepTheFalsePositiveRateWhileFixedLooksInflateIt() {
        var sequentialAlarms = 0, peekingAlarms = 0, finalAlarms = 0
        let runs = 10_000
        for seed in 1...UInt64(runs) {
            var sequential = false, peeking = false, final = false, looks = 0
            run(seed: seed, lift: 0) { fixed, always in
                looks += 1
                if always?.significant == true { sequential = true }
                if fixed?.significant == true { peeking = true }
                if looks == 20 { final = fixed?.significant == true }
            }
            sequentialAlarms += sequential ? 1 : 0
            peekingAlarms += peeking ? 1 : 0
            finalAlarms += final ? 1 : 0
        }
        let sequentialRate = Double(sequentialAlarms) / Double(runs)
        let peekingRate = Double(peekingAlarms) / Double(runs)
        let finalRate = Double(finalAlarms) / Double(runs)
        print("A/A, \(runs) runs × 20 looks: sequential \(sequentialRate), fixed test at every look \(peekingRate), fixed test once at the end \(finalRate)")
        #expect(sequentialRate <= 0.055)
        #expect(peekingRate >= 0.12, "looking 20 times at a fixed-horizon test inflates the false positives")
        #expect(finalRate > 0.04 && finalRate < 0.06, "the fixed test looked at once holds α")
    }

    @Test func theSequentialTestFindsARealEffect() {
        // +20 NPS points (10 % of answers moved from detractor to promoter): the always-valid test finds it by the end in most runs.
        var found = 0
        for seed in 1...500 as ClosedRange<UInt64> {
            var hit = false
            run(seed: 1_000_000 + seed, lift: 0.10) { _, always in if always?.significant == true { hit = true } }
            found += hit ? 1 : 0
        }
        print("+20 NPS points, 500 runs: the sequential test found it in \(Double(found) / 500)")
        #expect(Double(found) / 500 >= 0.9)
    }

    @Test func cupedReducesTheVarianceByRhoSquared() throws {
        // y = 0.6·x + 0.8·e with x, e standard normal: ρ = 0.6, ρ² = 0.36; 20,000 units, a planted effect of 0.1.
        var random = SamplingRandom(seed: 42)
        func normal() -> Double { (-2 * log(1 - random.nextUnit())).squareRoot() * cos(2 * .pi * random.nextUnit()) }
        var units: [ExperimentObservation] = []
        for index in 0..<20_000 {
            let x = normal(), arm: ExperimentObservation.Arm = index % 2 == 0 ? .control : .treatment
            units.append(ExperimentObservation(arm: arm, outcome: 0.6 * x + 0.8 * normal() + (arm == .treatment ? 0.1 : 0), pre: x))
        }
        let adjusted = try ExperimentAnalysis.analyze(units, design: .init(metric: .mean))
        let plain = try ExperimentAnalysis.analyze(units.map { ExperimentObservation(arm: $0.arm, outcome: $0.outcome) }, design: .init(metric: .mean))
        #expect(adjusted.test == "welch_t_cuped" && plain.test == "welch_t")
        let reduction = try #require(adjusted.varianceReduction)
        #expect(abs(reduction - 0.36) < 0.02, "\(reduction)")
        // The effect's standard error shrinks by √(1 − ρ²) = 0.8.
        #expect(abs(adjusted.standardError / plain.standardError - 0.8) < 0.02)
        #expect(adjusted.ciLow < 0.1 && adjusted.ciHigh > 0.1 && adjusted.significant)
    }
}
