import Foundation

/// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchases while alive
/// follow a Poisson process with a gamma(r, α) rate; after each purchase the customer drops out with a beta(a, b)
/// probability. Time is in weeks.
public struct BGNBDModel: Sendable, Equatable, Codable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// The log-likelihood of the histories, by the hypergeometric-free closed form of the 2005 paper.
    public func logLikelihood(_ customers: [RepeatPurchaseSummary]) -> Double {
        BGNBDLikelihood(customers).value(self)
    }

    /// The probability that a customer with this history is still alive at T (1 when x = 0).
    public func probabilityAlive(x: Int, tx: Double, T: Double) -> Double {
        guard x > 0 else { return 1 }
        let xd = Double(x)
        return 1 / (1 + a / (b + xd - 1) * pow((alpha + T) / (alpha + tx), r + xd))
    }

    /// The expected number of purchases in (T, T + t] given the history (the paper's equation 10).
    public func expectedPurchases(in t: Double, x: Int, tx: Double, T: Double) -> Double {
        guard t > 0 else { return 0 }
        let xd = Double(x)
        let z = t / (alpha + T + t)
        let hyper = GaussHypergeometric.value(a: r + xd, b: b + xd, c: a + b + xd - 1, z: z)
        let numerator = (a + b + xd - 1) / (a - 1) * (1 - pow((alpha + T) / (alpha + T + t), r + xd) * hyper)
        let denominator = 1 + (x > 0 ? a / (b + xd - 1) * pow((alpha + T) / (alpha + tx), r + xd) : 0)
        return numerator / denominator
    }

    /// The maximum-likelihood fit (Nelder-Mead on the logarithms of the four parameters).
    public static func fit(_ customers: [RepeatPurchaseSummary]) throws -> (model: BGNBDModel, logLikelihood: Double) {
        guard customers.contains(where: { $0.x > 0 }) else { throw ValueModelError.tooFewRepeatBuyers(0) }
        let likelihood = BGNBDLikelihood(customers)
        let n = Double(customers.count)
        let meanT = max(customers.reduce(0) { $0 + $1.T } / n, 1)
        func model(_ p: [Double]) -> BGNBDModel { BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])) }
        let result = NelderMead.minimize({ -likelihood.value(model($0)) / n }, start: [0, log(meanT), 0, 0])
        let fitted = model(result.point)
        return (fitted, likelihood.value(fitted))
    }
}

/// The BG/NBD log-likelihood with the terms that depend only on x gathered per distinct x and the non-repeat
/// buyers gathered per distinct T; the logarithms of α+T, α+t_x and b+x−1 are taken once per distinct value, so one
/// evaluation costs one exp and one log per repeat buyer.
struct BGNBDLikelihood {
    /// Customers per distinct x.
    var countsByX: [(x: Int, count: Double)]
    /// Non-repeat buyers per distinct T.
    var zeroByT: [(T: Double, count: Double)]
    /// Distinct values of T, t_x and x among repeat buyers.
    var ages: [Double], recencies: [Double], repeats: [Double]
    /// Per repeat buyer: indices into `repeats`, `ages` and `recencies`.
    var repeaters: [(x: Int32, T: Int32, tx: Int32)]

    init(_ customers: [RepeatPurchaseSummary]) {
        var byX: [Int: Double] = [:], byT: [Double: Double] = [:]
        var ageIndex: [Double: Int32] = [:], recencyIndex: [Double: Int32] = [:], repeatIndex: [Int: Int32] = [:]
        var ages: [Double] = [], recencies: [Double] = [], repeats: [Double] = []
        var repeaters: [(x: Int32, T: Int32, tx: Int32)] = []
        func index<K: Hashable>(_ key: K, _ value: Double, _ map: inout [K: Int32], _ list: inout [Double]) -> Int32 {
            if let i = map[key] { return i }
            let i = Int32(list.count)
            map[key] = i
            list.append(value)
            return i
        }
        for c in customers {
            byX[c.x, default: 0] += 1
            if c.x == 0 {
                byT[c.T, default: 0] += 1
            } else {
                repeaters.append((
                    index(c.x, Double(c.x), &repeatIndex, &repeats), index(c.T, c.T, &ageIndex, &ages),
                    index(c.tx, c.tx, &recencyIndex, &recencies)))
            }
        }
        countsByX = byX.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        zeroByT = byT.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.ages = ages
        self.recencies = recencies
        self.repeats = repeats
        self.repeaters = repeaters
    }

    func value(_ m: BGNBDModel) -> Double {
        let r: Double = m.r, alpha: Double = m.alpha, a: Double = m.a, b: Double = m.b
        var total = 0.0
        let lgR: Double = lgamma(r), lgB: Double = lgamma(b), lgAB: Double = lgamma(a + b)
        let rLogAlpha: Double = r * log(alpha)
        for (x, count) in countsByX {
            let xd = Double(x)
            let first: Double = lgamma(r + xd) - lgR + rLogAlpha
            let second: Double = lgAB + lgamma(b + xd) - lgB - lgamma(a + b + xd)
            total += count * (first + second)
        }
        for (T, count) in zeroByT { total -= count * r * log(alpha + T) }
        let logA = log(a)
        let logAge = ages.map { log(alpha + $0) }, logRecency = recencies.map { log(alpha + $0) }
        let logDrop = repeats.map { logA - log(b + $0 - 1) }
        logAge.withUnsafeBufferPointer { age in
            logRecency.withUnsafeBufferPointer { recency in
                logDrop.withUnsafeBufferPointer { drop in
                    repeats.withUnsafeBufferPointer { xs in
                        for c in repeaters {
                            let power = r + xs[Int(c.x)]
                            let a3 = -power * age[Int(c.T)]
                            let a4 = drop[Int(c.x)] - power * recency[Int(c.tx)]
                            let high = max(a3, a4)
                            total += high + log1p(exp(min(a3, a4) - high))
                        }
                    }
                }
            }
        }
        return total
    }
}
