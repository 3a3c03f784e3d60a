import Testing
@testable import OtklikMetrics

/// Sample size, AAPOR response rates, NPS with non-responders and changes between periods, against hand/SciPy values.
@Suite struct SurveyStatisticsTests {
    @Test func sampleSizeForAProportion() throws {
        let size = try #require(SampleSize.proportion(margin: 0.05))
        #expect(abs(size.infinitePopulation - 384.14588206941255) < 1e-6)
        #expect(size.n == 385)
        #expect(try #require(SampleSize.proportion(margin: 0.05, population: 1000)).n == 278)
        #expect(try #require(SampleSize.proportion(margin: 0.05, population: 50)).n == 45)
        #expect(SampleSize.proportion(margin: 0) == nil)
    }

    @Test func sampleSizeForNPS() throws {
        #expect(try #require(SampleSize.nps(margin: 0.05)).n == 1537)
        #expect(try #require(SampleSize.nps(margin: 0.05, population: 1000)).n == 607)
        #expect(try #require(SampleSize.nps(margin: 0.05, promoters: 0.6, detractors: 0.2)).n == 984)
        let table = try #require(SampleSize.nps(margin: 0.05)).perLocation([("A", 1000), ("B", 100_000)])
        #expect(table.map(\.size.n) == [607, 1514])
    }

    @Test func aaporRates() throws {
        let rates = ResponseRates(complete: 70, partial: 10, refusal: 5, nonContact: 10, other: 5, unknownHousehold: 15, unknownOther: 5)
        #expect(abs(rates.rr1! - 70.0 / 120) < 1e-12)
        #expect(abs(rates.rr2! - 80.0 / 120) < 1e-12)
        #expect(abs(rates.rr3(e: 0.5)! - 70.0 / 110) < 1e-12)
        #expect(abs(rates.rr6! - 80.0 / 100) < 1e-12)
        #expect(ResponseRates(complete: 0).rr1 == nil)
    }

    @Test func npsWithNonResponders() throws {
        let nps = try #require(NonResponderNPS(promoters: 60, detractors: 20, respondents: 100, invited: 200))
        #expect(nps.responseRate == 0.5)
        #expect(abs(nps.respondentsOnly.nps - 40) < 1e-12 && nps.respondentsOnly.n == 100)
        #expect(abs(nps.nonRespondersAsPassives.nps - 20) < 1e-12 && nps.nonRespondersAsPassives.n == 200)
        #expect(abs(nps.nonRespondersAsDetractors.nps - -30) < 1e-12)
        let interval = try #require(nps.nonRespondersAsDetractors.interval)
        #expect(interval.low < -30 && interval.high > -30)
        #expect(NonResponderNPS(promoters: 60, detractors: 50, respondents: 100, invited: 200) == nil)
    }

    @Test func npsChangeBetweenWaves() throws {
        let change = try #require(PeriodChange.nps(first: (50, 20, 100), second: (60, 15, 100)))
        #expect(abs(change.difference - 15) < 1e-9)
        #expect(abs(change.standardError - 10.758717395675006) < 1e-9)
        #expect(abs(change.z - 1.3942182370205192) < 1e-9)
        #expect(abs(change.p - 0.16325171243303727) < 1e-7)
    }

    @Test func twoProportionChange() throws {
        let change = try #require(PeriodChange.proportions(first: (45, 100), second: (60, 100)))
        #expect(abs(change.z - 2.123976976214366) < 1e-9)
        #expect(abs(change.p - 0.03367206885634588) < 1e-7)
        #expect(change.interval.low > 0)
        #expect(PeriodChange.proportions(first: (0, 10), second: (0, 10)) == nil)
    }
}
