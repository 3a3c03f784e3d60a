import Foundation

/// 95 % intervals of one customer's value figures — P(alive), expected purchases, expected spend and CLV — from the
/// uncertainty of the fitted parameters: ``drawCount`` draws of BG/NBD's (r, α, a, b) and Gamma-Gamma's (p, q, v)
/// from their estimates' asymptotic normal distributions on the log scale (``ParameterUncertainty``, the observed
/// information), the customer's figures computed for each draw, and the 2.5th and 97.5th percentiles taken. It is the
/// interval of the *expected* value the model gives, not of what the customer will actually buy (a single customer's
/// future purchases vary far more). The draws are the same for the same fit (a fixed seed).
public struct CLVInterval: Sendable {
    public static let drawCount = 200
    public static let seed: UInt64 = 0x0C1F_2005

    /// The models of each draw.
    public let draws: [(purchases: BGNBDModel, spend: GammaGammaModel)]
    /// Standard errors of the log-parameters: BG/NBD's log r, log α, log a, log b; Gamma-Gamma's log p, log q, log v.
    public let purchaseErrors: [Double]
    public let spendErrors: [Double]

    /// One figure's interval (nil ends: not finite in more than 2.5 % of the draws).
    public struct Interval: Sendable, Equatable {
        public let low: Double?
        public let high: Double?
    }

    public struct Figures: Sendable, Equatable {
        public let pAlive: Interval
        public let expectedPurchases: Interval
        public let expectedSpend: Interval
        public let clv: Interval
    }

    /// Nil when either likelihood's curvature at its maximum does not pin the parameters down.
    public init?(customers: [RepeatPurchaseSummary], purchases: BGNBDModel, spend: GammaGammaModel, seed: UInt64 = CLVInterval.seed) {
        let likelihood = BGNBDLikelihood(customers)
        let buyers = GammaGammaLikelihood(GammaGammaModel.usable(customers))
        func bgnbd(_ p: [Double]) -> BGNBDModel { BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])) }
        func gammaGamma(_ p: [Double]) -> GammaGammaModel { GammaGammaModel(p: exp(p[0]), q: exp(p[1]), v: exp(p[2])) }
        guard let first = ParameterUncertainty.observed(
                logLikelihood: { likelihood.value(bgnbd($0)) }, at: [log(purchases.r), log(purchases.alpha), log(purchases.a), log(purchases.b)]),
              let second = ParameterUncertainty.observed(
                logLikelihood: { buyers.value(gammaGamma($0)) }, at: [log(spend.p), log(spend.q), log(spend.v)])
        else { return nil }
        purchaseErrors = first.standardErrors
        spendErrors = second.standardErrors
        draws = Array(zip(first.draws(Self.drawCount, seed: seed).map(bgnbd), second.draws(Self.drawCount, seed: seed &+ 1).map(gammaGamma)))
    }

    /// The customer's figures over every draw, as ``CLVAnalysis`` computes them for the fitted models.
    public func figures(_ c: RepeatPurchaseSummary, horizonMonths: Int, monthlyDiscountRate: Double, margin: Double = 1) -> Figures {
        let horizonWeeks = Double(horizonMonths) * CustomerLifetimeValue.weeksPerMonth
        var alive: [Double] = [], purchases: [Double] = [], spends: [Double] = [], values: [Double] = []
        for draw in draws {
            let spend = draw.spend.expectedSpend(x: c.x, meanSpend: c.meanSpend)
            alive.append(draw.purchases.probabilityAlive(x: c.x, tx: c.tx, T: c.T))
            purchases.append(draw.purchases.expectedPurchases(in: horizonWeeks, x: c.x, tx: c.tx, T: c.T))
            spends.append(spend)
            values.append(CustomerLifetimeValue.value(
                c, purchases: draw.purchases, spend: spend, horizonMonths: horizonMonths, monthlyDiscountRate: monthlyDiscountRate, margin: margin))
        }
        return Figures(pAlive: Self.interval(alive), expectedPurchases: Self.interval(purchases), expectedSpend: Self.interval(spends), clv: Self.interval(values))
    }

    /// The 2.5th and 97.5th percentiles (linear between order statistics); a value that is not finite sorts last.
    static func interval(_ values: [Double]) -> Interval {
        let sorted = values.map { $0.isFinite ? $0 : .infinity }.sorted()
        guard !sorted.isEmpty else { return Interval(low: nil, high: nil) }
        func percentile(_ p: Double) -> Double? {
            let position = p * Double(sorted.count - 1)
            let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
            let value = sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
            return value.isFinite ? value : nil
        }
        return Interval(low: percentile(0.025), high: percentile(0.975))
    }
}
