/// Confidence interval of a ratio of sums R = Σyᵢ/Σxᵢ over n clusters (e.g. an agent's handle time over
/// logged-in time, per agent-day), by the delta method (Cochran 1977, §6.4): Var(R) ≈ Σ(yᵢ − R·xᵢ)² / ((n − 1)·n·x̄²),
/// with Student's t quantile on n − 1 degrees of freedom. Needs n ≥ 2 and Σx > 0.
public enum RatioInterval {
    public static func delta(numerators y: [Double], denominators x: [Double], confidence: Double = 0.95) -> Interval? {
        let n = min(x.count, y.count)
        guard n >= 2 else { return nil }
        let sumX = x.prefix(n).reduce(0, +), sumY = y.prefix(n).reduce(0, +)
        guard sumX > 0 else { return nil }
        let ratio = sumY / sumX
        var squares = 0.0
        for index in 0..<n {
            let residual = y[index] - ratio * x[index]
            squares += residual * residual
        }
        let meanX = sumX / Double(n)
        let variance = squares / (Double(n - 1) * Double(n) * meanX * meanX)
        let margin = StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: n - 1) * variance.squareRoot()
        return Interval(low: ratio - margin, high: ratio + margin)
    }
}
