/// A dashboard alert that asks for action beside the NPS shifts (``ActionAlertFinder``): overdue cases, new problems,
/// a KPI below its target — the sentence and the page where to act.
struct ActionAlert: Sendable {
    /// `overdue-cases`, `new-problems`, `below-target`: the CSS class and what tests look for.
    let kind: String
    let text: String
    let link: String
    let linkText: String
}
