import Foundation

/// An initiative's measured effect on its goal metric: the difference-in-differences between its scope and the
/// control locations, before versus after its start, and the same turned into an improvement (a fall of the
/// negative share is an improvement) and into improvement per 100,000 of budget.
public struct InitiativeEffect: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Measured: every cell has enough answers.
        case measured
        /// Not started yet (no after-period).
        case pending
        /// No location outside the scope to compare with.
        case noControl = "no_control"
        /// A cell has fewer answers than the minimum.
        case insufficient
    }

    public var status: Status
    public var beforeFrom: Date
    public var beforeTo: Date
    public var afterFrom: Date
    public var afterTo: Date
    public var controlLocations: [String]
    public var did: DifferenceInDifferences?
    /// +1 when a higher metric is better, −1 for the negative share.
    public var direction: Double

    public init(
        status: Status, beforeFrom: Date, beforeTo: Date, afterFrom: Date, afterTo: Date, controlLocations: [String], did: DifferenceInDifferences?,
        direction: Double
    ) {
        self.status = status
        self.beforeFrom = beforeFrom
        self.beforeTo = beforeTo
        self.afterFrom = afterFrom
        self.afterTo = afterTo
        self.controlLocations = controlLocations
        self.did = did
        self.direction = direction
    }

    /// Whether a higher value of the metric is better (everything but the negative share).
    public static func direction(of metric: MetricID) -> Double { metric == .negative ? -1 : 1 }

    /// The DiD signed so that positive means better.
    public var improvement: Double? { did?.estimate.map { $0 * direction } }

    public var improvementInterval: Interval? {
        guard let interval = did?.interval else { return nil }
        return direction > 0 ? interval : Interval(low: -interval.high, high: -interval.low)
    }

    /// Improvement per 100,000 of budget, with its interval (the budget is known exactly); nil without a budget.
    public func perHundredThousand(budget: Int64) -> (value: Double, interval: Interval)? {
        guard budget > 0, let improvement, let interval = improvementInterval else { return nil }
        let scale = 100_000 / Double(budget)
        return (improvement * scale, Interval(low: interval.low * scale, high: interval.high * scale))
    }
}
