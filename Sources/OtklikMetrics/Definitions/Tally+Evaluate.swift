extension Tally {
    /// The respondents a metric is computed over.
    public func n(for metric: MetricID) -> Int {
        switch metric {
        case .nps: npsN
        case .npsNonrespondersPassive, .npsNonrespondersDetractors: count
        case .csat: csatN
        case .ces, .cesEasy: cesN
        case .button: buttonN
        case .negative: rated
        case .count: count
        }
    }

    /// Computes a metric under its named definition (``MetricDefinition``).
    /// - Parameter minimumN: groups with fewer respondents are reported as insufficient.
    public func evaluate(_ metric: MetricID, minimumN: Int = 1) -> MetricValue {
        let n = n(for: metric)
        if metric == .count {
            return MetricValue(value: Double(n), n: n, ciLow: nil, ciHigh: nil, insufficient: false)
        }
        guard n > 0, n >= minimumN else {
            return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true)
        }
        let value: Double
        let interval: Interval?
        switch metric {
        case .nps:
            value = 100 * Double(promoters - detractors) / Double(n)
            interval = NPSInterval.adjustedWald(promoters: promoters, detractors: detractors, n: n)
        case .npsNonrespondersPassive:
            value = 100 * Double(promoters - detractors) / Double(n)
            interval = NPSInterval.adjustedWald(promoters: promoters, detractors: detractors, n: n)
        case .npsNonrespondersDetractors:
            let silent = count - npsN
            value = 100 * Double(promoters - detractors - silent) / Double(n)
            interval = NPSInterval.adjustedWald(promoters: promoters, detractors: detractors + silent, n: n)
        case .csat:
            (value, interval) = Self.percent(csatTop2, of: n)
        case .cesEasy:
            (value, interval) = Self.percent(cesEasy, of: n)
        case .button:
            (value, interval) = Self.percent(buttonPositive, of: n)
        case .negative:
            (value, interval) = Self.percent(negative, of: n)
        case .ces:
            value = Double(cesSum) / Double(n)
            interval = MeanInterval.t(sum: Double(cesSum), sumOfSquares: Double(cesSumOfSquares), n: n)?.clamped(to: 1...7)
        case .count:
            preconditionFailure("handled above")
        }
        return MetricValue(value: value, n: n, ciLow: interval?.low, ciHigh: interval?.high, insufficient: false)
    }

    private static func percent(_ successes: Int, of n: Int) -> (Double, Interval?) {
        let interval = ProportionInterval.wilson(successes: successes, n: n)
        return (100 * Double(successes) / Double(n), interval.map { Interval(low: 100 * $0.low, high: 100 * $0.high) })
    }
}
