/// A figure's target as the metrics API gives it beside a report (`target` in ``MetricReport``): the target that applies
/// to what the figure covers (``KPITarget/applicable(_:metric:view:)``) and the verdict on the overall figure
/// (``TargetAttainment``, judged with its 95 % interval).
///
/// `{"metric": "sla_attainment", "scope": "location", "code": "L01", "from": "2026-01-01", "to": "2026-12-31",
/// "kind": "absolute", "target": 85, "goal": 85, "higher_is_better": true, "status": "missed", "gap": -7.5}`.
public struct ReportedTarget: Sendable, Codable, Equatable {
    public var metric: String
    /// `organisation`, `region`, `location` or `service`.
    public var scope: String
    /// The region, location or service code; absent for the organisation.
    public var code: String?
    public var from: String
    public var to: String
    /// `absolute` or `relative_change`.
    public var kind: String
    /// The target as set: the goal itself, or a change in percent of the baseline.
    public var target: Double
    /// The value to reach; absent for a relative target whose baseline period has too few data.
    public var goal: Double?
    /// False for a ceiling (the reopen rate, the times).
    public var higherIsBetter: Bool
    /// `met`, `missed`, `undecided`, `no_data` or `no_baseline` (``TargetAttainment/Status``).
    public var status: String
    /// The figure minus the goal, in the metric's unit.
    public var gap: Double?

    enum CodingKeys: String, CodingKey {
        case metric, scope, code, from, to, kind, target, goal, higherIsBetter = "higher_is_better", status, gap
    }

    public init(_ target: KPITarget, _ attainment: TargetAttainment) {
        metric = target.metric.rawValue
        scope = target.scope.rawValue
        code = target.code
        from = target.from
        to = target.to
        kind = target.kind.rawValue
        self.target = target.target
        goal = attainment.goal
        higherIsBetter = target.higherIsBetter
        status = attainment.status.rawValue
        gap = attainment.gap
    }
}
