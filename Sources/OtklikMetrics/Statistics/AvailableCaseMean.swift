/// The mean of several item means, each over the respondents who answered that item (available cases, as planned
/// missingness leaves them), with its standard error and t-interval. With item i answered by nᵢ respondents and items
/// i, j both answered by nᵢⱼ with covariance sᵢⱼ, Cov(x̄ᵢ, x̄ⱼ) = nᵢⱼ·sᵢⱼ/(nᵢ·nⱼ) under data missing completely at
/// random, so Var(Σx̄ᵢ/m) = ΣᵢΣⱼ nᵢⱼ·sᵢⱼ/(nᵢ·nⱼ)/m². Without missing values this is the variance of the mean of the
/// respondents' own averages. Degrees of freedom: the smallest nᵢ − 1. Used for SERVQUAL's dimension gap (the mean of
/// its items' gaps).
public struct AvailableCaseMean: Sendable, Equatable, Codable {
    public var value: Double
    /// Respondents with at least one value.
    public var n: Int
    public var standardError: Double?
    public var interval: Interval?

    /// `rows[r][i]`: respondent r's value on item i (nil: missing). nil when some item has no value at all.
    public init?(rows: [[Double?]], confidence: Double = 0.95) {
        guard let m = rows.first?.count, m > 0, rows.allSatisfy({ $0.count == m }) else { return nil }
        var sums = Array(repeating: 0.0, count: m), counts = Array(repeating: 0, count: m)
        for row in rows {
            for (i, value) in row.enumerated() { if let value { sums[i] += value; counts[i] += 1 } }
        }
        guard counts.allSatisfy({ $0 > 0 }) else { return nil }
        let means = (0..<m).map { sums[$0] / Double(counts[$0]) }
        value = means.reduce(0, +) / Double(m)
        n = rows.filter { $0.contains { $0 != nil } }.count
        var variance = 0.0
        for i in 0..<m {
            for j in 0..<m {
                let pairs = rows.compactMap { row -> (Double, Double)? in
                    guard let a = row[i], let b = row[j] else { return nil }
                    return (a, b)
                }
                guard pairs.count > 1 else { continue }
                let ma = pairs.reduce(0) { $0 + $1.0 } / Double(pairs.count), mb = pairs.reduce(0) { $0 + $1.1 } / Double(pairs.count)
                let covariance = pairs.reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / Double(pairs.count - 1)
                variance += Double(pairs.count) * covariance / Double(counts[i] * counts[j])
            }
        }
        let smallest = counts.min() ?? 0
        if smallest > 1 {
            let se = (max(0, variance) / Double(m * m)).squareRoot()
            let half = StudentT.quantile(0.5 + confidence / 2, degreesOfFreedom: smallest - 1) * se
            standardError = se
            interval = Interval(low: value - half, high: value + half)
        } else {
            standardError = nil
            interval = nil
        }
    }
}
