import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// The median's order-statistic interval and the bonus formula, against hand-computed cases.
@Suite struct MedianIntervalTests {
    /// Conover's table: n = 10 → ranks 2 and 9 (P(B ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(B ≤ 2) = 56/1024 = 0.0547);
    /// n = 20 → 6 and 15 (P(B ≤ 5) = 0.0207, P(B ≤ 6) = 0.0577); n = 6 → 1 and 6 (1/64 = 0.0156); n = 5 → none (1/32 = 0.031).
    @Test func ranksMatchTheBinomialTable() {
        #expect(MedianInterval.lowerRank(n: 10) == 2)
        #expect(MedianInterval.lowerRank(n: 20) == 6)
        #expect(MedianInterval.lowerRank(n: 6) == 1)
        #expect(MedianInterval.lowerRank(n: 5) == nil)
        #expect(MedianInterval.lowerRank(n: 100) == 40, "P(B ≤ 39) = 0.0176, P(B ≤ 40) = 0.0284 for n = 100")
    }

    @Test func medianAndInterval() {
        let values: [Double] = [50, 10, 40, 20, 30, 90, 60, 80, 70, 100]
        #expect(MedianInterval.median(values) == 55)
        #expect(MedianInterval.interval(values) == Interval(low: 20, high: 90))
        #expect(MedianInterval.median([3, 1, 2]) == 2)
        #expect(MedianInterval.median([]) == nil)
    }

    @Test func theFormulaWeighsTheFiguresGivenAndPicksTheHighestTierReached() throws {
        let formula = BonusFormula(minimumN: 30, npsWeight: 2, csatWeight: 1, tiers: [.init(threshold: 40, bonusPercent: 5), .init(threshold: 60, bonusPercent: 10)])
        try formula.validate()
        #expect(formula.score(nps: 30, csatPercent: 90) == 50)
        #expect(formula.score(nps: nil, csatPercent: 90) == 90, "a withheld figure leaves its weight out")
        #expect(formula.score(nps: nil, csatPercent: nil) == nil)
        #expect(formula.bonusPercent(score: 39.9) == 0 && formula.bonusPercent(score: 40) == 5 && formula.bonusPercent(score: 75) == 10)
        #expect(throws: OtklikError.self) { try BonusFormula(minimumN: 30, npsWeight: 0, csatWeight: 0, tiers: formula.tiers).validate() }
        #expect(throws: OtklikError.self) { try BonusFormula(minimumN: 4, npsWeight: 1, csatWeight: 0, tiers: formula.tiers).validate() }
        #expect(throws: OtklikError.self) { try BonusFormula(minimumN: 30, npsWeight: 1, csatWeight: 1, tiers: []).validate() }
    }
}
