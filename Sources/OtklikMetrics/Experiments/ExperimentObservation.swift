import Foundation

/// One randomised unit of an experiment: its arm, its outcome (already coded for the metric, see
/// ``ExperimentMetric/code(_:)``), optionally its pre-period value (CUPED) and the cluster it was randomised with.
public struct ExperimentObservation: Sendable, Equatable {
    public enum Arm: String, Sendable, Codable { case control, treatment }

    public var arm: Arm
    public var outcome: Double
    public var pre: Double?
    public var cluster: String?

    public init(arm: Arm, outcome: Double, pre: Double? = nil, cluster: String? = nil) {
        self.arm = arm
        self.outcome = outcome
        self.pre = pre
        self.cluster = cluster
    }
}
