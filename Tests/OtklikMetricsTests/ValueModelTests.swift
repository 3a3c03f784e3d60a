import Foundation
import OtklikMetrics
import Testing

/// The value models on published and hand-checked figures.
@Suite struct ValueModelTests {
    /// Fader & Hardie (2007), "How to project customer retention", the "regular" cohort over years 0-7:
    /// α = 0.704, β = 1.182 (and the "high end" cohort: α = 0.668, β = 3.806).
    @Test func shiftedBetaGeometricReproducesThePublishedFits() throws {
        let regular = try ShiftedBetaGeometric.fit(active: [1000, 631, 468, 382, 326, 289, 262, 241])
        #expect(abs(regular.model.alpha - 0.704) < 0.001 && abs(regular.model.beta - 1.182) < 0.001, "\(regular.model)")
        let high = try ShiftedBetaGeometric.fit(active: [1000, 869, 743, 653, 593, 551, 517, 491])
        #expect(abs(high.model.alpha - 0.668) < 0.001 && abs(high.model.beta - 3.806) < 0.001, "\(high.model)")
        // Survival falls by the churn probabilities; retention r(t) = S(t)/S(t−1) rises with t.
        let s = regular.model.survival(periods: 12)
        let r = regular.model.retentionRates(periods: 12)
        #expect(s.count == 13 && s[0] == 1)
        for t in 1...12 { #expect(abs(s[t] / s[t - 1] - r[t - 1]) < 1e-12) }
        #expect(zip(r, r.dropFirst()).allSatisfy { $0 < $1 })
        #expect(throws: ValueModelError.self) { try ShiftedBetaGeometric.fit(active: [100, 120, 90]) }
        // The discounted expected lifetime against ₂F₁(1, β; α+β; 1/(1+d)) by SciPy (scripts/reference/sbg.py): 3.69491
        // periods at 10 % for the published regular cohort, 5.92225 for the high-end one; none without discounting.
        #expect(abs(ShiftedBetaGeometric(alpha: 0.7040772493323189, beta: 1.182042951995252).discountedExpectedLifetime(discountRate: 0.1)! - 3.694908517528204) < 1e-9)
        #expect(abs(ShiftedBetaGeometric(alpha: 0.6680881761484143, beta: 3.806093809176702).discountedExpectedLifetime(discountRate: 0.1)! - 5.922253693235413) < 1e-9)
        #expect(ShiftedBetaGeometric(alpha: 1, beta: 1).discountedExpectedLifetime(discountRate: 0) == nil)
    }

    /// The log-likelihood against a direct transcription of the 2005 paper's equation 6 for a handful of customers.
    @Test func bgnbdLikelihoodAndPredictionsFollowThePaper() {
        let m = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let customers = [
            RepeatPurchaseSummary(customer: "a", x: 0, tx: 0, T: 38.86),
            RepeatPurchaseSummary(customer: "b", x: 2, tx: 30.43, T: 38.86),
            RepeatPurchaseSummary(customer: "c", x: 1, tx: 1.71, T: 38.86),
            RepeatPurchaseSummary(customer: "d", x: 14, tx: 35.0, T: 36.0),
        ]
        var direct = 0.0
        for c in customers {
            let x = Double(c.x)
            let a1 = lgamma(m.r + x) - lgamma(m.r) + m.r * log(m.alpha)
            let a2 = lgamma(m.a + m.b) + lgamma(m.b + x) - lgamma(m.b) - lgamma(m.a + m.b + x)
            let a3 = pow(m.alpha + c.T, -(m.r + x))
            let a4 = c.x > 0 ? m.a / (m.b + x - 1) * pow(m.alpha + c.tx, -(m.r + x)) : 0
            direct += a1 + a2 + log(a3 + a4)
        }
        #expect(abs(m.logLikelihood(customers) - direct) < 1e-9)
        // The paper's figure: a customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
        #expect(abs(m.expectedPurchases(in: 39, x: 2, tx: 30.43, T: 38.86) - 1.226) < 0.001)
        #expect(m.probabilityAlive(x: 0, tx: 0, T: 38.86) == 1)
        #expect(m.expectedPurchases(in: 0, x: 2, tx: 30.43, T: 38.86) == 0)
    }

    /// One occasion per day, x and the weeks counted as the paper does, refunds netted inside an occasion.
    @Test func summariesCountOccasionsByDay() throws {
        let jan1 = try #require(CivilDate.parseISO("1997-01-01")), end = try #require(CivilDate.parseISO("1997-09-30"))
        #expect(end - jan1 == 272 && CivilDate.iso(end) == "1997-09-30" && CivilDate.parseISO("1997-02-29") == nil)
        let purchases = [
            Purchase(customer: "a", day: jan1, amount: 10), Purchase(customer: "a", day: jan1, amount: 5),
            Purchase(customer: "a", day: jan1 + 14, amount: 20), Purchase(customer: "a", day: jan1 + 14, amount: -4),
            Purchase(customer: "a", day: jan1 + 28, amount: 30), Purchase(customer: "a", day: end + 1, amount: 9),
            Purchase(customer: "b", day: end + 2, amount: 9),
        ]
        let s = RepeatPurchaseSummary.summarize(purchases, calibrationEnd: end, holdoutEnd: end + 10)
        #expect(s.count == 1)
        #expect(s[0].x == 2 && s[0].tx == 4 && abs(s[0].T - 272.0 / 7) < 1e-12 && s[0].meanSpend == 23 && s[0].holdout == 1)
    }

    /// Gamma-Gamma's conditional expectation shrinks a buyer's mean towards the population mean; CLV with a zero
    /// discount rate is the expected purchases over the horizon times the spend and the margin.
    @Test func spendAndDiscounting() {
        let gg = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
        #expect(abs(gg.populationMean - 6.25 * 15.44 / 2.74) < 1e-12)
        let shrunk = gg.expectedSpend(x: 2, meanSpend: 100)
        #expect(shrunk < 100 && shrunk > gg.populationMean)
        #expect(gg.expectedSpend(x: 3, meanSpend: -5) == gg.populationMean)
        let m = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let c = RepeatPurchaseSummary(customer: "b", x: 2, tx: 30.43, T: 38.86)
        let flat = CustomerLifetimeValue.value(c, purchases: m, spend: 40, horizonMonths: 12, monthlyDiscountRate: 0, margin: 0.5)
        #expect(abs(flat - 20 * m.expectedPurchases(in: 12 * 4.345, x: 2, tx: 30.43, T: 38.86)) < 1e-9)
        let discounted = CustomerLifetimeValue.value(c, purchases: m, spend: 40, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 0.5)
        #expect(discounted < flat && discounted > flat / pow(1.01, 12))
    }
}
