import OtklikMetrics

/// A table row's figure against its target (``TargetJudgement/judgeRows``): the goal, the verdict in a few words (not
/// only a colour, for screen readers and print) and, for the `title`, the full verdict with the target's scope and period.
struct CellTarget: Sendable {
    /// ``TargetAttainment`` status: the CSS class.
    let status: String
    let goal: String
    /// `met`, `missed`, `not decided yet`… in the page's language; nil below the minimum n, where the cell already says
    /// "insufficient data".
    let verdict: String?
    /// The full sentence with the target's scope and period (``TargetNote``).
    let detail: String
    /// The target and verdict as the downloads write them (``TargetColumns``).
    let columns: TargetColumns

    /// The cell's words from the note every target is written as (``TargetCard/note``): the short verdict
    /// (`target_short_<status>`), none below the minimum n.
    init(_ note: TargetNote, _ status: TargetAttainment.Status, text: [String: String]) {
        self.status = note.status
        goal = note.goal
        verdict = status == .noData ? nil : text["target_short_\(note.status)"] ?? note.status
        detail = "\(note.goal) (\(note.scope)): \(note.verdict)" + (note.hasGap ? " \(note.gap)" : "")
        columns = note.columns
    }
}
