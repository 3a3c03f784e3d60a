import Foundation
import OtklikMetrics

/// The targets of a KPI page's breakdown tables: each row of a column judged against its own target by the one
/// ``TargetJudgement`` (``TargetJudgement/judgeRows``) and written for its cell, and the sentence that says whose target
/// a table's rows are judged against.
struct BreakdownTargets {
    let judgement: TargetJudgement
    let names: ReferenceNames
    let format: KPIFigureFormat
    /// What the whole page covers (the cards' view).
    let view: KPITarget.View
    /// A scoped user's locations (nil: the whole organisation).
    let scope: Set<String>?

    /// Each row's target and verdict by the row's key in `dimension`.
    func column(
        _ metric: TargetMetric?, _ grouped: MetricReport, dimension: String, unit: KPIFigureFormat.Unit, parameters: [String: String],
        report: ([String: String]) async throws -> MetricReport
    ) async throws -> [String: CellTarget] {
        let outcomes = try await judgement.judgeRows(
            metric, grouped: grouped, view: view, scope: scope, names: names, parameters: parameters, report: report)
        var cells: [String: CellTarget] = [:]
        for (index, outcome) in outcomes {
            cells[grouped.groups[index].label(dimension) ?? ""] = format.cellTarget(outcome, unit: unit, names: names)
        }
        return cells
    }

    /// Whose target a table's rows are judged against (`target_basis_<dimension>`).
    func basis(_ dimension: String) -> String? {
        format.text["target_basis_\(dimension)"]
    }
}
