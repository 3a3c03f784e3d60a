import Foundation
import OtklikCore
import OtklikMetrics

/// A figure against its target: the one judgement the dashboard's cards (``TargetCard``), `/contact-centre`,
/// `/public-services`, `/case-reports`, their tables' rows, the surveys' response rate and every metric of
/// `GET /api/v1/metrics` share. It picks the target in force on the view's last day for the most
/// specific scope the view allows (``KPITarget/applicable(_:metric:view:)``), reads a relative target's baseline — the
/// same metrics-API query over the target's baseline period — and judges the figure with its 95 % interval
/// (``TargetAttainment``: met only when the whole interval is on the good side of the goal, missed only when it is
/// wholly on the bad side).
struct TargetJudgement: Sendable {
    /// The target that applies and the verdict on the figure.
    struct Outcome: Sendable {
        let target: KPITarget
        let attainment: TargetAttainment
    }

    let targets: [KPITarget]

    /// - Parameters:
    ///   - parameters: the metrics-API parameters of the figure (`from`, `to` the day after the last, filters).
    ///   - report: the same report over other parameters, for a relative target's baseline.
    func judge(
        _ metric: TargetMetric?, view: KPITarget.View, value: MetricValue, parameters: [String: String],
        report: ([String: String]) async throws -> MetricReport
    ) async throws -> Outcome? {
        try await judge(metric, view: view, value: value, baseline: { target in try await report(Self.baselineParameters(target, parameters)).overall })
    }

    /// The judgement itself, every caller's: the applicable target, its baseline read only for a relative target.
    /// - Parameter baseline: the same figure over a relative target's baseline period (``KPITarget/baselinePeriod``).
    func judge(
        _ metric: TargetMetric?, view: KPITarget.View, value: MetricValue, baseline: (KPITarget) async throws -> MetricValue?
    ) async throws -> Outcome? {
        guard let metric, let target = KPITarget.applicable(targets, metric: metric, view: view) else { return nil }
        let before = target.kind == .relativeChange ? try await baseline(target) : nil
        return Outcome(target: target, attainment: TargetAttainment.judge(target, value: value, baseline: before))
    }

    /// The figure's parameters over a relative target's baseline period (``KPITarget/baselinePeriod``), ungrouped;
    /// `to` is the day after the last, as the metrics API reads it.
    static func baselineParameters(_ target: KPITarget, _ parameters: [String: String]) -> [String: String] {
        var before = parameters
        before["by"] = nil
        before["from"] = target.baselinePeriod.from
        before["to"] = LocalCalendar.label(day: (LocalCalendar.day(parsing: target.baselinePeriod.to) ?? 0) + 1)
        return before
    }

    /// What a metrics-API figure over these locations covers, for choosing its target, as the pages choose
    /// (``TargetCard/view(_:names:)``): nil `locations` is the whole organisation; one location is that location (its
    /// region's, then the organisation's target when it has none); a scoped caller's whole scope is their location or
    /// region. Several locations chosen otherwise match no single target: none applies.
    static func view(locations requested: Set<String>, scope: Set<String>?, lastDay: Int32, names: ReferenceNames) throws -> KPITarget.View {
        var filters = try DashboardFilters(query: [:], timeZone: TimeZone(identifier: "UTC") ?? .current)
        filters.toDay = lastDay
        filters.fromDay = lastDay
        filters.scopeLocations = scope
        if requested.count == 1 {
            filters.location = requested.first
        } else if !requested.isEmpty, requested != scope {
            return KPITarget.View(lastDay: lastDay, allowed: [])
        }
        return TargetCard.view(filters, names: names)
    }
}
