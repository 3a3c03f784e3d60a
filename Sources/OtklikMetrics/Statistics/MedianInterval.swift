import Foundation

/// A distribution-free confidence interval for a median from order statistics (Conover 1999, §3.2): with the values
/// sorted, the interval runs from the j-th smallest to the j-th largest, j the largest rank with
/// P(Binomial(n, ½) < j) ≤ α/2; its coverage is at least 1 − α. Needs n ≥ 6 for 95 %.
public enum MedianInterval {
    /// The median of the values (the mean of the middle two for an even count); nil for none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The 1-based rank j of the lower bound (the upper is rank n + 1 − j); nil when n is too small for the confidence.
    public static func lowerRank(n: Int, confidence: Double = 0.95) -> Int? {
        guard n >= 1 else { return nil }
        let alphaHalf = (1 - confidence) / 2
        // P(B < j) = P(B ≤ j − 1), B ~ Binomial(n, ½), summed exactly in log space.
        var cumulative = 0.0
        var best: Int?
        for j in 1...n {
            let k = j - 1
            cumulative += exp(logChoose(n, k) - Double(n) * log(2.0))
            if cumulative <= alphaHalf + 1e-12 { best = j } else { break }
        }
        guard let best, best <= n + 1 - best else { return nil }
        return best
    }

    /// The interval of the median, nil when n is too small.
    public static func interval(_ values: [Double], confidence: Double = 0.95) -> Interval? {
        guard let j = lowerRank(n: values.count, confidence: confidence) else { return nil }
        let sorted = values.sorted()
        return Interval(low: sorted[j - 1], high: sorted[sorted.count - j])
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
