/// Confidence interval for a mean of ratings.
public enum MeanInterval {
    /// Student's t interval: mean ± t(0.975, n−1)·s/√n, with s the sample standard deviation.
    /// For n = 1 the width is undefined and nil is returned.
    public static func t(sum: Double, sumOfSquares: Double, n: Int, confidence: Double = 0.95) -> Interval? {
        guard n > 1 else { return nil }
        let count = Double(n)
        let mean = sum / count
        let variance = max(0, (sumOfSquares - count * mean * mean) / (count - 1))
        let half = StudentT.quantile(0.5 + confidence / 2, degreesOfFreedom: n - 1) * (variance / count).squareRoot()
        return Interval(low: mean - half, high: mean + half)
    }
}
