import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// A programme's report against its hold-out uses the experiment tests: a planted effect is found with an interval that
/// contains it, a harmful one is flagged in the outcome's own direction, the MDE follows its formula, and the JSON has
/// the documented keys.
@Suite struct ProgrammeReportTests {
    /// `n` customers of whom exactly `retained` came back.
    static func arm(_ arm: HoldoutAssignment.Arm, n: Int, positive: Int) -> [(arm: HoldoutAssignment.Arm, outcome: Double)] {
        (0..<n).map { (arm, $0 < positive ? 1 : 0) }
    }

    @Test func aPlantedRetentionEffectIsInsideTheIntervalWhichExcludesZero() {
        let observations = Self.arm(.treated, n: 1_800, positive: 990) + Self.arm(.holdout, n: 200, positive: 80)  // 55 % vs 40 %
        let report = ProgrammeReport.compute(programme: "p", outcome: .retention, observations: observations, holdoutShare: 0.1)
        #expect(report.test == "two_proportion_z")
        #expect(report.treated.n == 1_800 && report.holdout.n == 200)
        #expect(abs(report.treated.value! - 55) < 1e-9 && abs(report.holdout.value! - 40) < 1e-9)
        #expect(abs(report.effect! - 15) < 1e-9)
        #expect(report.ciLow! > 0 && report.ciLow! < 15 && report.ciHigh! > 15)
        #expect(report.pValue! < 0.001 && !report.harmful)
        // Unpooled standard error and z = 1.96: the interval by hand.
        let se = (0.55 * 0.45 / 1_800 + 0.4 * 0.6 / 200).squareRoot() * 100
        #expect(abs(report.ciLow! - (15 - 1.959964 * se)) < 1e-3)
        // MDE = (z.975 + z.8) σ √(1/n₁ + 1/n₀) with the pooled σ.
        let pooled = 1_070.0 / 2_000
        let sd = (pooled * (1 - pooled) * 2_000 / 1_999).squareRoot()
        #expect(abs(report.mde! - (1.959964 + 0.841621) * sd * (1.0 / 1_800 + 1.0 / 200).squareRoot() * 100) < 1e-3)
    }

    @Test func aSignificantlyHarmfulEffectIsFlaggedInTheOutcomesDirection() {
        let worse = Self.arm(.treated, n: 1_800, positive: 540) + Self.arm(.holdout, n: 200, positive: 90)  // 30 % vs 45 % retained
        #expect(ProgrammeReport.compute(programme: "p", outcome: .retention, observations: worse, holdoutShare: 0.1).harmful)
        // More complaints among the treated is harmful; fewer is not.
        #expect(ProgrammeReport.compute(programme: "p", outcome: .complaints, observations: Self.arm(.treated, n: 1_800, positive: 810) + Self.arm(.holdout, n: 200, positive: 60), holdoutShare: 0.1).harmful)
        #expect(!ProgrammeReport.compute(programme: "p", outcome: .complaints, observations: worse, holdoutShare: 0.1).harmful)
        // Not significant: not flagged.
        let noise = Self.arm(.treated, n: 90, positive: 40) + Self.arm(.holdout, n: 10, positive: 5)
        #expect(!ProgrammeReport.compute(programme: "p", outcome: .retention, observations: noise, holdoutShare: 0.1).harmful)
    }

    @Test func beforeDataTheFiguresAreNullAndTheMDEComesFromTheEligibleCount() throws {
        let report = ProgrammeReport.compute(programme: "p", outcome: .revenue, observations: [(.treated, 5)], holdoutShare: 0.1)
        #expect(report.effect == nil && report.ciLow == nil && report.pValue == nil && report.mde == nil && !report.harmful)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for key in ["\"treated\":{", "\"holdout\":{", "\"effect\":null", "\"ci_low\":null", "\"ci_high\":null", "\"p_value\":null", "\"mde\":null", "\"harmful\":false"] {
            #expect(json.contains(key), "\(json)")
        }
        // 1 000 eligible, 10 % held out, a proportion's worst-case σ 0.5.
        let mde = ProgrammeMDE.beforeLaunch(metric: .proportion, eligible: 1_000, holdoutShare: 0.1)!
        #expect(abs(mde - (1.959964 + 0.841621) * 0.5 * (1.0 / 900 + 1.0 / 100).squareRoot() * 100) < 1e-3)
        #expect(ProgrammeMDE.beforeLaunch(metric: .mean, eligible: 1_000, holdoutShare: 0.1) == nil)
    }
}
