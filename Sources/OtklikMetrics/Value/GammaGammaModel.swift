import Foundation

/// The Gamma-Gamma spend model (Fader & Hardie 2013, after Colombo & Jiang 1999): a repeat buyer's transaction
/// values are gamma(p, ν) with ν ~ gamma(q, v); fitted on the mean spend m_x over x repeat occasions.
public struct GammaGammaModel: Sendable, Equatable, Codable {
    public var p: Double
    public var q: Double
    public var v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// The mean spend across customers, pv/(q − 1) (infinite when q ≤ 1).
    public var populationMean: Double { q > 1 ? p * v / (q - 1) : .infinity }

    /// E(M | x, m_x) = (p(v + x·m_x))/(px + q − 1); the population mean for a customer without a usable
    /// history (x = 0, or a mean spend not above zero).
    public func expectedSpend(x: Int, meanSpend: Double) -> Double {
        guard x > 0, meanSpend > 0 else { return populationMean }
        let xd = Double(x)
        return p * (v + xd * meanSpend) / (p * xd + q - 1)
    }

    /// Σ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m_x + px ln x − (px+q) ln(v + x m_x).
    public func logLikelihood(_ buyers: [(x: Int, meanSpend: Double)]) -> Double {
        GammaGammaLikelihood(buyers).value(self)
    }

    /// The customers the model is fitted on: x > 0 and m_x > 0.
    public static func usable(_ customers: [RepeatPurchaseSummary]) -> [(x: Int, meanSpend: Double)] {
        customers.filter { $0.x > 0 && $0.meanSpend > 0 }.map { ($0.x, $0.meanSpend) }
    }

    /// The maximum-likelihood fit (Nelder-Mead on the logarithms of p, q, v).
    public static func fit(_ buyers: [(x: Int, meanSpend: Double)]) throws -> (model: GammaGammaModel, logLikelihood: Double) {
        guard buyers.count >= 2 else { throw ValueModelError.tooFewRepeatBuyers(buyers.count) }
        let likelihood = GammaGammaLikelihood(buyers)
        let n = Double(buyers.count)
        let mean = buyers.reduce(0) { $0 + $1.meanSpend } / n
        func model(_ x: [Double]) -> GammaGammaModel { GammaGammaModel(p: exp(x[0]), q: exp(x[1]), v: exp(x[2])) }
        let result = NelderMead.minimize({ -likelihood.value(model($0)) / n }, start: [0, log(2), log(mean)])
        let fitted = model(result.point)
        return (fitted, likelihood.value(fitted))
    }
}

/// The Gamma-Gamma log-likelihood with the sums that do not depend on the parameters computed once.
struct GammaGammaLikelihood {
    var countsByX: [(x: Double, count: Double)]
    var buyers: [(x: Double, total: Double)]
    var sumLogM = 0.0, sumXLogM = 0.0, sumXLogX = 0.0
    var n: Double

    init(_ buyers: [(x: Int, meanSpend: Double)]) {
        var byX: [Int: Double] = [:]
        for b in buyers {
            byX[b.x, default: 0] += 1
            let x = Double(b.x)
            sumLogM += log(b.meanSpend)
            sumXLogM += x * log(b.meanSpend)
            sumXLogX += x * log(x)
        }
        countsByX = byX.sorted { $0.key < $1.key }.map { (Double($0.key), $0.value) }
        self.buyers = buyers.map { (Double($0.x), Double($0.x) * $0.meanSpend) }
        n = Double(buyers.count)
    }

    func value(_ m: GammaGammaModel) -> Double {
        let p: Double = m.p, q: Double = m.q, v: Double = m.v
        let lgQ: Double = lgamma(q)
        var total: Double = n * (q * log(v) - lgQ)
        total += p * sumXLogM - sumLogM + p * sumXLogX
        for (x, count) in countsByX {
            let high: Double = lgamma(p * x + q), low: Double = lgamma(p * x)
            total += count * (high - low)
        }
        for b in buyers { total -= (p * b.x + q) * log(v + b.total) }
        return total
    }
}
