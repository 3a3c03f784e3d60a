import Foundation
import Testing
@testable import OtklikMetrics

/// ``ParameterUncertainty`` on likelihoods whose answer is known by hand: a quadratic log-likelihood −½(x−m)ᵀA(x−m) has
/// the observed information A everywhere, so its covariance is A⁻¹ (central differences are exact on a quadratic); a
/// flat direction gives no covariance; draws have the covariance's moments.
@Suite struct ParameterUncertaintyTests {
    /// A = [[4, 2], [2, 3]]: det 8, A⁻¹ = [[3/8, −2/8], [−2/8, 4/8]].
    static let information = [[4.0, 2.0], [2.0, 3.0]]
    static let centre = [1.0, -2.0]

    static func quadratic(_ x: [Double]) -> Double {
        let d = [x[0] - centre[0], x[1] - centre[1]]
        return -0.5 * (d[0] * (information[0][0] * d[0] + information[0][1] * d[1]) + d[1] * (information[1][0] * d[0] + information[1][1] * d[1]))
    }

    @Test func theCovarianceIsTheInverseOfTheInformation() throws {
        let u = try #require(ParameterUncertainty.observed(logLikelihood: Self.quadratic, at: Self.centre))
        let expected = [[0.375, -0.25], [-0.25, 0.5]]
        for i in 0..<2 { for j in 0..<2 { #expect(abs(u.covariance[i][j] - expected[i][j]) < 1e-6, "\(u.covariance)") } }
        #expect(abs(u.standardErrors[0] - 0.375.squareRoot()) < 1e-6 && abs(u.standardErrors[1] - 0.5.squareRoot()) < 1e-6)
        // n = 400 answers with σ = 2: the mean's standard error is σ/√n = 0.1.
        let mean = try #require(ParameterUncertainty.observed(logLikelihood: { -400 * pow($0[0] - 3, 2) / (2 * 4) }, at: [3]))
        #expect(abs(mean.standardErrors[0] - 0.1) < 1e-6)
    }

    @Test func aFlatOrUpturnedLikelihoodHasNoCovariance() {
        #expect(ParameterUncertainty.observed(logLikelihood: { -pow($0[0], 2) }, at: [0, 0]) == nil, "the second coordinate is not identified")
        #expect(ParameterUncertainty.observed(logLikelihood: { pow($0[0], 2) }, at: [0]) == nil, "a minimum, not a maximum")
        #expect(ParameterUncertainty.observed(logLikelihood: { _ in .nan }, at: [0]) == nil)
    }

    @Test func drawsHaveTheCovariancesMomentsAndRepeat() throws {
        let u = try #require(ParameterUncertainty.observed(logLikelihood: Self.quadratic, at: Self.centre))
        let draws = u.draws(20_000, seed: 7)
        #expect(draws == u.draws(20_000, seed: 7) && draws != u.draws(20_000, seed: 8))
        let n = Double(draws.count)
        let means = (0..<2).map { i in draws.reduce(0) { $0 + $1[i] } / n }
        // Standard errors of the moments at n = 20,000: means ≈ 0.005, variances ≈ 0.005, so 0.03 is about six of them.
        #expect(abs(means[0] - 1) < 0.03 && abs(means[1] + 2) < 0.03, "\(means)")
        for (i, j, want) in [(0, 0, 0.375), (1, 1, 0.5), (0, 1, -0.25)] {
            let c = draws.reduce(0) { $0 + ($1[i] - means[i]) * ($1[j] - means[j]) } / (n - 1)
            #expect(abs(c - want) < 0.03, "cov[\(i)][\(j)] = \(c)")
        }
    }

    @Test func percentilesInterpolateAndLeaveInfinityOpen() {
        let values = (0...200).map(Double.init)
        let i = CLVInterval.interval(values)
        #expect(i.low == 5 && i.high == 195)
        let open = CLVInterval.interval((0..<200).map { $0 < 190 ? Double($0) : .infinity })
        #expect(open.low != nil && open.high == nil, "more than 2.5 % of the draws not finite: no upper end")
    }
}
