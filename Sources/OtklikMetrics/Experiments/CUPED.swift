import Foundation

/// CUPED (Deng, Xu, Kohavi & Walker 2013): each outcome adjusted by its pre-period value,
/// Y' = Y − θ(X − X̄) with θ = Cov(X, Y)/Var(X) over all units of both arms. The effect's expectation is
/// unchanged (X is measured before assignment); the variance shrinks by ρ²(X, Y).
/// A unit without a pre-period value gets X̄ (no adjustment for it).
enum CUPED {
    struct Adjustment {
        var outcomes: [Double]
        var theta: Double
        /// 1 − Var(Y')/Var(Y) over all units; equals the sample ρ².
        var varianceReduction: Double
    }

    static func adjust(outcomes: [Double], pre: [Double?]) -> Adjustment {
        let present = pre.compactMap { $0 }
        let meanX = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
        let x = pre.map { $0 ?? meanX }
        let meanY = outcomes.reduce(0, +) / Double(outcomes.count)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (xi, yi) in zip(x, outcomes) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
            syy += (yi - meanY) * (yi - meanY)
        }
        let theta = sxx > 0 ? sxy / sxx : 0
        let adjusted = zip(x, outcomes).map { xi, yi in yi - theta * (xi - meanX) }
        let reduction = syy > 0 && sxx > 0 ? (sxy * sxy) / (sxx * syy) : 0
        return Adjustment(outcomes: adjusted, theta: theta, varianceReduction: reduction)
    }
}
