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
    /// The change as a number in the metric's unit (NPS points, percentage points, CES points): the XLSX export writes it.
    var difference: Double? = nil
    /// The two-sided p value as a number.
    var pValue: Double? = nil
}
