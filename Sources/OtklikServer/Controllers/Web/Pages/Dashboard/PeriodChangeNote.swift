/// A KPI's change against the previous period of equal length (``PeriodComparison``).
struct PeriodChangeNote: Sendable {
    /// The change in the metric's unit.
    let text: String
    /// Its 95 % interval.
    let ci: String
    let p: String
    let significant: Bool
    /// "up", "down" or "flat": the CSS class.
    let direction: String
    let verdict: String
}
