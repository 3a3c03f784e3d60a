import Foundation
import OtklikCore
import OtklikMetrics

extension SQLExperimentRepository {
    /// The minimum detectable effect before the start (docs/methods.md "Registered experiments"): the feedback of a
    /// look-back as long as the horizon, ending at the start (now for a draft), read as the registered test reads it —
    /// a customer or case by its first answer, a cluster by all of them — and ``ExperimentPlan`` at the experiment's
    /// metric, α, allocation and monitoring. A look-back with too few units, or without spread, gives the reason.
    public func plan(code: String, timeZone: TimeZone, now: Date = Date()) async throws -> ExperimentRunPlan {
        guard let experiment = try await experiment(code: code) else { throw OtklikError(.notFound, "no experiment '\(code)'", field: "code") }
        let end = experiment.startedAt ?? now
        let start = end.addingTimeInterval(-Double(experiment.horizonDays) * 86_400)
        let units = try await unitOutcomes(experiment, from: start, split: start, to: end, timeZone: timeZone)
        let observations = units.observed.map { item in
            ExperimentObservation(arm: .control, outcome: item.outcome, cluster: experiment.unit.isCluster ? item.unit : nil)
        }
        var run = ExperimentRunPlan(
            code: code, status: experiment.status, unit: experiment.unit, metric: experiment.metric, outcome: experiment.outcome,
            from: Timestamp.format(start), to: Timestamp.format(end), feedback: observations.count,
            units: Set(units.observed.map(\.unit)).count, plannedUnits: experiment.plannedUnits)
        let design = ExperimentDesign(
            metric: Self.analysisMetric(experiment.metric), alpha: experiment.alpha, controlShare: experiment.controlShare,
            sequential: experiment.sequential)
        do {
            run.plan = try ExperimentPlan.plan(observations, design: design)
        } catch {
            run.reason = error.description
        }
        return run
    }
}
