import Testing
@testable import OtklikMetrics

/// Every feedback metric on small hand-computed cases, including the NPS edge cases.
@Suite struct MetricArithmeticTests {
    func tally(nps: [Int] = [], csat: [Int] = [], ces: [Int] = [], buttons: [UInt8] = []) -> Tally {
        var tally = Tally()
        for score in nps { tally.add(nps: Int8(score), csat: -1, ces: -1, button: 0) }
        for score in csat { tally.add(nps: -1, csat: Int8(score), ces: -1, button: 0) }
        for score in ces { tally.add(nps: -1, csat: -1, ces: Int8(score), button: 0) }
        for press in buttons { tally.add(nps: -1, csat: -1, ces: -1, button: press) }
        return tally
    }

    @Test func npsMixed() {
        // promoters 10, 9, 9, 10; passives 8, 7; detractors 6, 5, 0, 3 → (4 − 4)/10 = 0
        let value = tally(nps: [10, 9, 9, 8, 7, 6, 5, 0, 10, 3]).evaluate(.nps)
        #expect(value.value == 0)
        #expect(value.n == 10)
        #expect(value.insufficient == false)
    }

    @Test func npsAllPromoters() throws {
        let value = tally(nps: [10, 9, 10, 9, 10]).evaluate(.nps)
        #expect(value.value == 100)
        #expect(abs(try #require(value.ciLow) - 17.49145303416897) < 1e-9)
        #expect(value.ciHigh == 100)  // 107.5 clamped to the scale
    }

    @Test func npsAllDetractors() throws {
        let value = tally(nps: [0, 6, 3, 5, 1]).evaluate(.nps)
        #expect(value.value == -100)
        #expect(value.ciLow == -100)
        #expect(abs(try #require(value.ciHigh) - -17.49145303416897) < 1e-9)
    }

    /// Ten records, five NPS answers (promoters 10, 9, 10; passive 8; detractor 3), five without:
    /// respondents 100·(3 − 1)/5 = 40; non-responders as passives 100·2/10 = 20; as detractors
    /// 100·(3 − 1 − 5)/10 = −30. Adjusted-Wald over N = 10 with D = 1 and D = 6, computed by hand.
    @Test func npsNonResponderVariants() throws {
        let records = tally(nps: [10, 9, 10, 8, 3], csat: [5, 4, 2, 1, 3])
        #expect(records.evaluate(.nps).value == 40)
        let passive = records.evaluate(.npsNonrespondersPassive)
        #expect(passive.value == 20 && passive.n == 10)
        #expect(abs(try #require(passive.ciLow) - -18.969988782478612) < 1e-9)
        #expect(abs(try #require(passive.ciHigh) - 49.73921955170938) < 1e-9)
        let pessimistic = records.evaluate(.npsNonrespondersDetractors)
        #expect(pessimistic.value == -30 && pessimistic.n == 10)
        #expect(abs(try #require(pessimistic.ciLow) - -70.29281031266082) < 1e-9)
        #expect(abs(try #require(pessimistic.ciHigh) - 24.138964158814645) < 1e-9)
        let report = MetricReport(metric: .npsNonrespondersPassive, tallies: GroupedTallies(dimensions: [], groups: [], overall: records), minimumN: 1)
        #expect(report.notes == ["NPS response rate 50.0 % (5 answers of 10 records)"])
    }

    @Test func npsBelowMinimumIsInsufficient() {
        let value = tally(nps: [10, 10, 0]).evaluate(.nps, minimumN: 30)
        #expect(value.value == nil)
        #expect(value.ciLow == nil && value.ciHigh == nil)
        #expect(value.n == 3)
        #expect(value.insufficient)
    }

    @Test func npsWithNoAnswersIsInsufficient() {
        #expect(Tally().evaluate(.nps).insufficient)
    }

    @Test func csatIsTopTwoBox() throws {
        // 5, 4, 4, 5, 3, 2, 5, 4, 1, 4 → 7 of 10 are 4-5
        let value = tally(csat: [5, 4, 4, 5, 3, 2, 5, 4, 1, 4]).evaluate(.csat)
        #expect(value.value == 70)
        let wilson = try #require(ProportionInterval.wilson(successes: 7, n: 10))
        #expect(value.ciLow == 100 * wilson.low)
    }

    @Test func cesMeanAndEasyShare() {
        let t = tally(ces: [7, 6, 5, 4, 3])
        #expect(t.evaluate(.ces).value == 5)
        #expect(t.evaluate(.cesEasy).value == 60)
        #expect(t.evaluate(.ces).n == 5)
    }

    @Test func buttonPositiveShare() {
        // 1 positive, 2 neutral, 3 negative: 3 positives of 8 presses
        let value = tally(buttons: [1, 1, 1, 2, 2, 3, 3, 3]).evaluate(.button)
        #expect(value.value == 37.5)
        #expect(value.n == 8)
    }

    @Test func countHasNoInterval() {
        let value = tally(nps: [1, 2], buttons: [1]).evaluate(.count, minimumN: 100)
        #expect(value.value == 3)
        #expect(value.insufficient == false)
        #expect(value.ciLow == nil)
    }

    @Test func mergeEqualsOneTally() {
        var a = tally(nps: [10, 0], csat: [5], ces: [7], buttons: [1])
        let b = tally(nps: [9, 8], csat: [1, 4], ces: [2], buttons: [3])
        let whole = tally(nps: [10, 0, 9, 8], csat: [5, 1, 4], ces: [7, 2], buttons: [1, 3])
        a.merge(b)
        #expect(a == whole)
    }
}
