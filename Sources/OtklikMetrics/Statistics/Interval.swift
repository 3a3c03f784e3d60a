/// A two-sided confidence interval.
public struct Interval: Sendable, Equatable, Codable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// The interval clamped to a scale's bounds.
    public func clamped(to range: ClosedRange<Double>) -> Interval {
        Interval(low: min(max(low, range.lowerBound), range.upperBound), high: min(max(high, range.lowerBound), range.upperBound))
    }

    /// Half the width: the "±" a report shows.
    public var margin: Double { (high - low) / 2 }
}
