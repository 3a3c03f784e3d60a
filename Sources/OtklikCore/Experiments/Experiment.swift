import Foundation

/// A registered experiment on a service change (issue 19 item 5, seed 001 4f): what is randomised, the arms and their
/// allocation, the metric with its outcome, the horizon, α and whether it is monitored sequentially — all fixed before
/// the start. Once running, the design is frozen (``designFields``); only the name may change.
public struct Experiment: Sendable, Equatable {
    /// The unit of randomisation. Customer and case: each unit is assigned alone. Agent, team and location: whole
    /// clusters. Day: a switchback — every feedback of one organisation-local day gets the same arm.
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case customer, `case`, agent, team, location, day

        /// Whole groups of answers share an arm: the analysis is clustered.
        public var isCluster: Bool { [.agent, .team, .location, .day].contains(self) }
    }

    /// What is measured. `nps`: the 0-10 answer, NPS points. `csat`: the share of 4-5 answers, percent.
    /// `proportion`: a 0/1 outcome built from ``outcome``, percent. `mean`: the outcome's own scale.
    public enum Metric: String, Sendable, Codable, CaseIterable { case nps, csat, proportion, mean }

    /// Which answer of the feedback is the outcome. As a proportion: a promoter (nps 9-10), satisfied (csat 4-5), easy
    /// (ces 5-7), a positive button press.
    public enum Outcome: String, Sendable, Codable, CaseIterable { case nps, csat, ces, button }

    public enum Status: String, Sendable, Codable, CaseIterable { case draft, running, stopped }

    public struct Variant: Sendable, Equatable {
        public var name: String
        /// A relative weight (50 and 50, or 0.9 and 0.1).
        public var allocation: Double
        public init(name: String, allocation: Double) {
            self.name = name
            self.allocation = allocation
        }
    }

    public var code: String
    public var name: String
    public var hypothesis: String
    public var unit: Unit
    /// Exactly two: the first is the control.
    public var variants: [Variant]
    public var metric: Metric
    public var outcome: Outcome
    /// Days from the start after which no feedback counts.
    public var horizonDays: Int
    public var alpha: Double
    public var sequential: Bool
    /// Days before the start whose feedback is each unit's CUPED covariate; nil: no CUPED.
    public var prePeriodDays: Int?
    public var status: Status = .draft
    public var startedAt: Date?
    public var stoppedAt: Date?
    /// Units (clusters when clustered) planned at the start: those a look-back as long as the horizon held
    /// (``ExperimentPlan``); nil for a draft, or when the look-back held too few. The sequential test is tuned to it.
    public var plannedUnits: Int?

    public init(
        code: String, name: String, hypothesis: String, unit: Unit, variants: [Variant], metric: Metric, outcome: Outcome,
        horizonDays: Int, alpha: Double = 0.05, sequential: Bool = false, prePeriodDays: Int? = nil
    ) {
        self.code = code
        self.name = name
        self.hypothesis = hypothesis
        self.unit = unit
        self.variants = variants
        self.metric = metric
        self.outcome = outcome
        self.horizonDays = horizonDays
        self.alpha = alpha
        self.sequential = sequential
        self.prePeriodDays = prePeriodDays
    }

    /// The JSON names of the fields frozen at the start.
    public static let designFields = ["hypothesis", "unit", "variants", "metric", "outcome", "horizon_days", "alpha", "sequential", "pre_period_days"]

    /// The design fields on which `other` differs from this one, by JSON name.
    public func changedDesignFields(_ other: Experiment) -> [String] {
        var changed: [String] = []
        if hypothesis != other.hypothesis { changed.append("hypothesis") }
        if unit != other.unit { changed.append("unit") }
        if variants != other.variants { changed.append("variants") }
        if metric != other.metric { changed.append("metric") }
        if outcome != other.outcome { changed.append("outcome") }
        if horizonDays != other.horizonDays { changed.append("horizon_days") }
        if alpha != other.alpha { changed.append("alpha") }
        if sequential != other.sequential { changed.append("sequential") }
        if prePeriodDays != other.prePeriodDays { changed.append("pre_period_days") }
        return changed
    }

    /// The control's planned share of the units.
    public var controlShare: Double {
        let total = variants.reduce(0) { $0 + $1.allocation }
        return total > 0 ? variants[0].allocation / total : 0.5
    }

    /// The end of the window whose feedback counts: the stop, or the horizon, or `now`, whichever comes first.
    public func windowEnd(now: Date) -> Date? {
        guard let startedAt else { return nil }
        let horizon = startedAt.addingTimeInterval(Double(horizonDays) * 86_400)
        return min(stoppedAt ?? now, horizon, now)
    }
}
