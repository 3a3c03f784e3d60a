/// A table row's figure against its target (``TargetJudgement/judgeRows``): the goal, the verdict in a few words (not
/// only a colour, for screen readers and print) and, for the `title`, the full verdict with the target's scope and period.
struct CellTarget: Sendable {
    /// ``TargetAttainment`` status: the CSS class.
    let status: String
    let goal: String
    /// `met`, `missed`, `not decided yet`… in the page's language.
    let verdict: String
    /// The full sentence with the target's scope and period (``TargetNote``).
    let detail: String
}
