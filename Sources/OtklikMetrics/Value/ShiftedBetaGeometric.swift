import Foundation

/// The shifted-beta-geometric model of contractual retention (Fader & Hardie 2007, "How to project customer
/// retention"): each subscriber churns at the end of a period with a probability θ ~ beta(α, β).
/// P(T = 1) = α/(α+β), P(T = t) = (β+t−2)/(α+β+t−1)·P(T = t−1), S(t) = S(t−1) − P(T = t).
public struct ShiftedBetaGeometric: Sendable, Equatable, Codable {
    public var alpha: Double
    public var beta: Double

    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    /// P(T = t) for t = 1…periods: the share who churn at the end of each period.
    public func churnProbabilities(periods: Int) -> [Double] {
        var result: [Double] = []
        var p = alpha / (alpha + beta)
        for t in stride(from: 1, through: periods, by: 1) {
            if t > 1 { p *= (beta + Double(t) - 2) / (alpha + beta + Double(t) - 1) }
            result.append(p)
        }
        return result
    }

    /// S(t) for t = 0…periods: the share still subscribed after t periods (S(0) = 1).
    public func survival(periods: Int) -> [Double] {
        var s = [1.0]
        for p in churnProbabilities(periods: periods) { s.append(s.last! - p) }
        return s
    }

    /// r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1) for t = 1…periods.
    public func retentionRates(periods: Int) -> [Double] {
        (1...max(periods, 1)).prefix(periods).map { (beta + Double($0) - 1) / (alpha + beta + Double($0) - 1) }
    }

    /// The log-likelihood of a cohort's counts still active at the start of periods 0, 1, …, n.
    public func logLikelihood(active: [Int]) -> Double {
        let periods = active.count - 1
        let p = churnProbabilities(periods: periods)
        var total = 0.0
        var survival = 1.0
        for t in 1...periods {
            total += Double(active[t - 1] - active[t]) * log(p[t - 1])
            survival -= p[t - 1]
        }
        return total + Double(active[periods]) * log(survival)
    }

    /// The maximum-likelihood fit on a cohort's active counts (the first is the cohort's size).
    public static func fit(active: [Int]) throws -> (model: ShiftedBetaGeometric, logLikelihood: Double) {
        guard active.count >= 3 else { throw ValueModelError.badCohort("it needs the counts of at least three periods") }
        guard active.first! > 0, zip(active, active.dropFirst()).allSatisfy({ $0 >= $1 && $1 >= 0 }) else {
            throw ValueModelError.badCohort("the counts must start above zero and never increase")
        }
        func model(_ x: [Double]) -> ShiftedBetaGeometric { ShiftedBetaGeometric(alpha: exp(x[0]), beta: exp(x[1])) }
        let result = NelderMead.minimize({ -model($0).logLikelihood(active: active) }, start: [0, 0])
        let fitted = model(result.point)
        return (fitted, fitted.logLikelihood(active: active))
    }

    /// The discounted expected lifetime of a newly acquired subscriber, in periods (Fader & Hardie 2010, "Customer-base
    /// valuation in a contractual setting"): DEL = Σ_{t≥0} S(t)/(1+d)^t = ₂F₁(1, β; α+β; 1/(1+d)) — the periods they
    /// are expected to pay for, each counted at its value today (a payment at the start of every period while they
    /// stay). Summed term by term (S(t) ≤ 1, so the tail after t is below (1+d)^(−t)/d); nil unless d > 0 (undiscounted,
    /// the expected lifetime is infinite when α ≤ 1).
    public func discountedExpectedLifetime(discountRate d: Double) -> Double? {
        guard d > 0, d.isFinite, alpha > 0, beta > 0 else { return nil }
        var total = 0.0
        var survival = 1.0
        var factor = 1.0
        var p = alpha / (alpha + beta)
        var t = 0
        while survival * factor > 1e-13 * max(total, 1) || t == 0 {
            total += survival * factor
            t += 1
            if t > 1 { p *= (beta + Double(t) - 2) / (alpha + beta + Double(t) - 1) }
            survival -= p
            factor /= 1 + d
            if t > 1_000_000 { break }
        }
        return total
    }
}
