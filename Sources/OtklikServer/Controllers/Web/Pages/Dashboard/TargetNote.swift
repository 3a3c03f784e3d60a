/// A KPI against its target (``TargetCard``): the goal, its scope and period, the verdict and the gap.
struct TargetNote: Sendable {
    let goal: String
    let scope: String
    /// ``TargetAttainment`` status: the CSS class.
    let status: String
    let verdict: String
    let gap: String
    let hasGap: Bool
    /// The target and verdict as the downloads write them.
    let columns: TargetColumns
}
