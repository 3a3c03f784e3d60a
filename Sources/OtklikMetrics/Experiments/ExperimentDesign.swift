import Foundation

/// What is fixed before an experiment starts: the metric, α, the planned allocation and, for sequential
/// monitoring, the planned size (which sets the mixture of the always-valid test).
public struct ExperimentDesign: Sendable, Equatable {
    public var metric: ExperimentMetric
    public var alpha: Double
    /// The control arm's planned share of the units (or clusters), 0.5 for 50:50.
    public var controlShare: Double
    public var sequential: Bool
    /// Units (clusters when clustered) planned at the end; nil: the units analysed now.
    public var plannedUnits: Int?

    public init(metric: ExperimentMetric, alpha: Double = 0.05, controlShare: Double = 0.5, sequential: Bool = false, plannedUnits: Int? = nil) {
        self.metric = metric
        self.alpha = alpha
        self.controlShare = controlShare
        self.sequential = sequential
        self.plannedUnits = plannedUnits
    }
}

/// Why an experiment cannot be analysed, in words for the person who ran it.
public struct ExperimentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of obstacle, for a page that says it in its own language.
    public enum Kind: Sendable, Equatable {
        /// An arm has fewer than two units (clusters when `clusters`).
        case tooFew(control: Int, treatment: Int, clusters: Bool)
        /// The outcome is the same everywhere.
        case noVariation
        case other
    }

    public var description: String
    public var kind: Kind

    public init(_ description: String, kind: Kind = .other) {
        self.description = description
        self.kind = kind
    }
}
