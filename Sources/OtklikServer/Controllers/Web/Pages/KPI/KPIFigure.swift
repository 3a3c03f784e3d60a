/// One KPI on the process pages (`/contact-centre`, `/public-services`, `/case-reports`): its name and definition,
/// the value with its 95 % interval and n, the report's notes, and the metrics-API query that gives the same figure.
struct KPIFigure: Sendable {
    /// The metric's id with its variant (`sl-offered`): the element id tests find it by.
    let id: String
    let name: String
    let definition: String
    let value: String
    /// `[low; high]`, nil where the metric has no interval (a count).
    let ci: String?
    let n: Int
    let insufficient: Bool
    let notes: [String]
    let hasNotes: Bool
    /// `/api/v1/metrics?…`: the same figure as JSON (with an API key).
    let api: String
}
