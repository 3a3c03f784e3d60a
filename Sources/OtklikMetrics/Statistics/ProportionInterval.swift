/// Confidence intervals for a share of successes.
public enum ProportionInterval {
    /// Wilson score interval (Wilson 1927): good coverage for small n and shares near 0 or 1.
    public static func wilson(successes: Int, n: Int, z: Double = Normal.z95) -> Interval? {
        guard n > 0 else { return nil }
        let n = Double(n)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return Interval(low: centre - half, high: centre + half).clamped(to: 0...1)
    }
}
