/// A table of the dashboard's metrics by one slice (`metric-table.mustache`): a row per location, staff member,
/// service or channel, a cell per metric.
struct MetricTable: Sendable {
    let caption: String
    let rows: [Row]
    /// Whose target each row is judged against, when a row has one (`target_basis_<dimension>`).
    var targetBasis: String?

    struct Row: Sendable {
        let code: String
        let name: String
        let count: Int
        let cells: [Cell]
        /// A location's own dashboard.
        let link: String?
    }

    /// One metric of a row: value, interval and n; `absent` when the metric is not collected there (n = 0),
    /// `weak` when the cell is a weak link.
    struct Cell: Sendable {
        let value: String
        let ci: String
        let n: Int
        let insufficient: Bool
        let absent: Bool
        let weak: Bool
        /// The row's target and verdict, where one applies.
        var target: CellTarget? = nil
    }
}
