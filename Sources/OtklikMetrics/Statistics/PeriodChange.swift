/// Whether a figure changed between two independent periods (waves) beyond chance (METHODS.md "NPS" and
/// "Experiments"): the difference (second − first), its standard error, z, the two-sided p-value and the interval.
public struct PeriodChange: Sendable, Equatable, Codable {
    /// Second period minus first, on the figure's scale (NPS points, or a proportion).
    public var difference: Double
    public var standardError: Double
    public var z: Double
    /// Two-sided p-value.
    public var p: Double
    /// difference ± z·SE (unpooled).
    public var interval: Interval

    /// NPS: Var(NPS/100) = [p + d − (p − d)²]/n per wave (``NPSInterval/variance(promoters:detractors:n:)``),
    /// Var(Δ) = Var₁ + Var₂, z = Δ/√Var(Δ). Reported in NPS points. nil when a wave is empty or both variances are 0.
    public static func nps(
        first: (promoters: Int, detractors: Int, n: Int), second: (promoters: Int, detractors: Int, n: Int), z critical: Double = Normal.z95
    ) -> PeriodChange? {
        guard let v1 = NPSInterval.variance(promoters: first.promoters, detractors: first.detractors, n: first.n),
              let v2 = NPSInterval.variance(promoters: second.promoters, detractors: second.detractors, n: second.n)
        else { return nil }
        let nps1 = Double(first.promoters - first.detractors) / Double(first.n)
        let nps2 = Double(second.promoters - second.detractors) / Double(second.n)
        let se = (v1 + v2).squareRoot()
        guard se > 0 else { return nil }
        let delta = nps2 - nps1, z = delta / se
        return PeriodChange(difference: 100 * delta, standardError: 100 * se, z: z, p: 2 * (1 - Normal.cdf(abs(z))),
                            interval: Interval(low: 100 * (delta - critical * se), high: 100 * (delta + critical * se)))
    }

    /// Two proportions: pooled two-proportion z-test, z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled share;
    /// the interval uses the unpooled standard error √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂). nil when a period is empty or
    /// the pooled share is 0 or 1.
    public static func proportions(
        first: (successes: Int, n: Int), second: (successes: Int, n: Int), z critical: Double = Normal.z95
    ) -> PeriodChange? {
        guard first.n > 0, second.n > 0 else { return nil }
        let n1 = Double(first.n), n2 = Double(second.n)
        let p1 = Double(first.successes) / n1, p2 = Double(second.successes) / n2
        let pooled = Double(first.successes + second.successes) / (n1 + n2)
        let pooledSE = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard pooledSE > 0 else { return nil }
        let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        let z = (p2 - p1) / pooledSE
        return PeriodChange(difference: p2 - p1, standardError: se, z: z, p: 2 * (1 - Normal.cdf(abs(z))),
                            interval: Interval(low: p2 - p1 - critical * se, high: p2 - p1 + critical * se))
    }

    /// Two means (e.g. CES): Welch's z = (m₂ − m₁)/√(s₁²/n₁ + s₂²/n₂) with the sample variances from the sums
    /// of the answers and of their squares; normal p-value and interval. nil when a period has fewer than two
    /// answers or both variances are 0.
    public static func means(
        first: (sum: Double, sumOfSquares: Double, n: Int), second: (sum: Double, sumOfSquares: Double, n: Int), z critical: Double = Normal.z95
    ) -> PeriodChange? {
        guard first.n > 1, second.n > 1 else { return nil }
        func moments(_ x: (sum: Double, sumOfSquares: Double, n: Int)) -> (mean: Double, variance: Double) {
            let n = Double(x.n)
            return (x.sum / n, max(0, (x.sumOfSquares - x.sum * x.sum / n) / (n - 1)))
        }
        let (m1, v1) = moments(first), (m2, v2) = moments(second)
        let se = (v1 / Double(first.n) + v2 / Double(second.n)).squareRoot()
        guard se > 0 else { return nil }
        let delta = m2 - m1, z = delta / se
        return PeriodChange(difference: delta, standardError: se, z: z, p: 2 * (1 - Normal.cdf(abs(z))),
                            interval: Interval(low: delta - critical * se, high: delta + critical * se))
    }
}
