import Foundation

/// One arm of an experiment as sufficient statistics: the count of units, the sum of their outcomes and of
/// the squares. Enough for every unclustered test of ``ExperimentAnalysis``, so a sequential monitor can
/// keep running sums instead of the units.
public struct ArmSummary: Sendable, Equatable {
    public var n: Int
    public var sum: Double
    public var sumOfSquares: Double

    public init(n: Int = 0, sum: Double = 0, sumOfSquares: Double = 0) {
        self.n = n
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    public init(_ values: some Sequence<Double>) {
        self.init()
        for value in values { add(value) }
    }

    public mutating func add(_ value: Double) {
        n += 1
        sum += value
        sumOfSquares += value * value
    }

    public var mean: Double { n > 0 ? sum / Double(n) : .nan }

    /// Σ(x − x̄)²: from the sums, clamped at 0 against rounding.
    var sumOfSquaredDeviations: Double { n > 0 ? max(0, sumOfSquares - sum * sum / Double(n)) : 0 }

    /// The sample variance (n − 1 in the denominator); nil below two units.
    public var sampleVariance: Double? { n > 1 ? sumOfSquaredDeviations / Double(n - 1) : nil }

    /// The population variance (n in the denominator). For NPS codes (+1 promoter, 0 passive, −1 detractor)
    /// it is the trinomial p + d − (p − d)², so Var(NPS/100) = this / n (METHODS.md "NPS").
    public var populationVariance: Double? { n > 0 ? sumOfSquaredDeviations / Double(n) : nil }
}
