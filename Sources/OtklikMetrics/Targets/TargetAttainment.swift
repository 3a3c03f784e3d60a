/// How a measured figure stands against its target, judged with the figure's 95 % interval: met only when the whole
/// interval is on the good side of the goal, missed only when the whole interval is on the bad side, otherwise
/// undecided (the data cannot tell yet), whatever side the point estimate lies on.
public struct TargetAttainment: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// The whole interval is at or beyond the goal.
        case met
        /// The whole interval falls short of the goal.
        case missed
        /// The interval contains the goal.
        case undecided
        /// Too few answers for a figure (below the minimum n).
        case noData = "no_data"
        /// A relative target whose baseline period has too few answers.
        case noBaseline = "no_baseline"
    }

    public var status: Status
    /// The value to reach (absolute, or the baseline changed by the target's percent).
    public var goal: Double?
    /// The figure minus the goal, in the metric's unit (negative = below the goal).
    public var gap: Double?

    public init(status: Status, goal: Double?, gap: Double?) {
        self.status = status
        self.goal = goal
        self.gap = gap
    }

    /// - Parameters:
    ///   - value: the figure over the view's period.
    ///   - baseline: the figure over the target's baseline period (``KPITarget/baselinePeriod``); only relative targets read it.
    public static func judge(_ target: KPITarget, value: MetricValue, baseline: MetricValue? = nil) -> TargetAttainment {
        let goal = target.goal(baseline: baseline?.value)
        guard let goal else { return TargetAttainment(status: .noBaseline, goal: nil, gap: nil) }
        guard let figure = value.value else { return TargetAttainment(status: .noData, goal: goal, gap: nil) }
        let low = value.ciLow ?? figure, high = value.ciHigh ?? figure
        let status: Status
        if target.higherIsBetter {
            status = low >= goal ? .met : (high < goal ? .missed : .undecided)
        } else {
            status = high <= goal ? .met : (low > goal ? .missed : .undecided)
        }
        return TargetAttainment(status: status, goal: goal, gap: figure - goal)
    }
}
