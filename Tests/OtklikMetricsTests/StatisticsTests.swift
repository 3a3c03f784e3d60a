import Testing
@testable import OtklikMetrics

/// Interval arithmetic against values computed by hand (and checked with SciPy).
@Suite struct StatisticsTests {
    @Test func normalQuantile() {
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-8)
        #expect(abs(Normal.quantile(0.001) - -3.090232306167813) < 1e-8)
        #expect(abs(Normal.quantile(0.5)) < 1e-12)
    }

    @Test(arguments: [(1, 12.706204736174694), (2, 4.302652729749462), (3, 3.1824463052837078), (4, 2.7764451051977934),
                      (10, 2.228138851986274), (30, 2.0422724563012378), (100, 1.9839715185235518)])
    func studentT(df: Int, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - expected) < 2e-3 * expected)
    }

    @Test func wilsonEightOfTen() throws {
        let interval = try #require(ProportionInterval.wilson(successes: 8, n: 10))
        #expect(abs(interval.low - 0.4901624715366418) < 1e-9)
        #expect(abs(interval.high - 0.9433178485456248) < 1e-9)
    }

    @Test func wilsonNoSuccessesStartsAtZero() throws {
        let interval = try #require(ProportionInterval.wilson(successes: 0, n: 5))
        #expect(interval.low == 0)
        #expect(abs(interval.high - 0.43448246478317476) < 1e-9)
        #expect(ProportionInterval.wilson(successes: 0, n: 0) == nil)
    }

    @Test func npsAdjustedWaldMixed() throws {
        let interval = try #require(NPSInterval.adjustedWald(promoters: 4, detractors: 4, n: 10))
        #expect(abs(interval.low - -46.469343967744535) < 1e-9)
        #expect(abs(interval.high - 46.469343967744535) < 1e-9)
    }

    @Test func npsAdjustedWaldTypical() throws {
        let interval = try #require(NPSInterval.adjustedWald(promoters: 50, detractors: 20, n: 100))
        #expect(abs(interval.low - 14.051130178761607) < 1e-9)
        #expect(abs(interval.high - 44.20129700570441) < 1e-9)
    }

    @Test func meanStudentInterval() throws {
        // 7, 6, 5, 4, 3: mean 5, s = √2.5, t(0.975, 4) = 2.7764
        let interval = try #require(MeanInterval.t(sum: 25, sumOfSquares: 135, n: 5))
        #expect(abs(interval.low - 3.036756838522443) < 1e-3)
        #expect(abs(interval.high - 6.963243161477557) < 1e-3)
        #expect(MeanInterval.t(sum: 4, sumOfSquares: 16, n: 1) == nil)
    }
}
