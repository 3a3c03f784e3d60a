import OtklikCore
import Testing

@testable import OtklikMetrics

/// eNPS under enforced anonymity: the minimum group size and complementary suppression.
@Suite struct PulseResultsTests {
    static func answers(_ group: String?, _ scores: [Int]) -> [PulseAnswer] { scores.map { PulseAnswer(group: group, score: $0) } }

    @Test func eNPSWithTheAdjustedWaldInterval() {
        // 6 promoters, 2 detractors of 10 (the bonus figures' hand-checked case): eNPS 40, interval −12.6 … 74.1.
        let all = Self.answers("L01", [10, 10, 9, 9, 9, 10, 7, 8, 3, 6])
        let results = PulseResults.compute(answers: all, invited: ["L01": 12], minimumGroup: 5)
        let total = try! #require(results.total)
        #expect([total.n, total.promoters, total.passives, total.detractors] == [10, 6, 2, 2])
        #expect(total.enps == 40)
        #expect(abs(total.low - -12.6) < 0.05 && abs(total.high - 74.1) < 0.05)
    }

    @Test func aSmallGroupAloneHidesTheNextSmallestToo() {
        let all = Self.answers("L01", [10, 9, 9, 9, 8, 7, 6]) + Self.answers("L02", [3, 2]) + Self.answers("L03", [10, 10, 10, 10, 10, 9])
            + Self.answers("L04", [9, 9, 9, 9, 9, 9, 9, 9])
        let results = PulseResults.compute(answers: all, invited: ["L01": 8, "L02": 6, "L03": 6, "L04": 9], minimumGroup: 5)
        let reasons = Dictionary(uniqueKeysWithValues: results.groups.compactMap { group in group.suppressed.map { (group.group, $0) } })
        #expect(reasons["L02"] == .tooFew)
        #expect(reasons["L03"] == .complementary, "L03 (6 answers) is the next-smallest")
        #expect(reasons["L01"] == nil && reasons["L04"] == nil)
        #expect(results.total?.n == 23)
        // Subtracting what is shown from the total gives L02 and L03 together, never L02.
        let shown = results.groups.compactMap(\.figure)
        let rest = (results.total!.n - shown.map(\.n).reduce(0, +), results.total!.promoters - shown.map(\.promoters).reduce(0, +))
        #expect(rest.0 == 8 && rest.1 == 6)
        #expect(rest.0 != 2)
    }

    @Test func smallGroupsThatTogetherStayBelowTheMinimumPullInAnother() {
        let all = Self.answers("A", [1, 2]) + Self.answers("B", [10]) + Self.answers("C", [9, 9, 9, 9, 9]) + Self.answers("D", [5, 5, 5, 5, 5, 5])
        let results = PulseResults.compute(answers: all, invited: ["A": 5, "B": 5, "C": 5, "D": 6], minimumGroup: 5)
        let hidden = Set(results.groups.filter { $0.suppressed != nil }.compactMap(\.group))
        #expect(hidden == ["A", "B", "C"], "A and B hold 3 answers: C, the next-smallest, is hidden too")
    }

    @Test func nothingIsShownBelowTheMinimumOverall() {
        let results = PulseResults.compute(answers: Self.answers("A", [10, 9, 0, 5]), invited: ["A": 4, "B": 3], minimumGroup: 5)
        #expect(results.total == nil)
        #expect(results.comments.isEmpty)
        #expect(results.groups.allSatisfy { $0.figure == nil })
        #expect(results.groups.first { $0.group == "B" }?.noAnswers == true)
    }

    @Test func aGroupWithoutAnswersHidesNothingElse() {
        let all = Self.answers("A", [10, 9, 9, 9, 9]) + Self.answers("B", [1, 1, 1, 1, 1])
        let results = PulseResults.compute(answers: all, invited: ["A": 5, "B": 5, "C": 4], minimumGroup: 5)
        #expect(results.groups.allSatisfy { $0.suppressed == nil })
        #expect(results.groups.filter { $0.figure != nil }.count == 2)
    }

    @Test func commentsAreInAlphabeticalOrder() {
        var all = Self.answers("A", [10, 9, 9, 9, 9])
        all[0].comment = "Я"
        all[3].comment = "Б"
        all[4].comment = "А"
        #expect(PulseResults.compute(answers: all, invited: ["A": 5], minimumGroup: 5).comments == ["А", "Б", "Я"])
    }
}
