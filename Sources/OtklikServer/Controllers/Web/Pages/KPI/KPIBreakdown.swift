/// A table of several KPIs by one slice (`kpi-breakdown.mustache`): a row per queue, service, location, staff member,
/// team or period, a cell per KPI with its interval and n.
struct KPIBreakdown: Sendable {
    /// The element id (`by-location`) and the `table` value of its CSV download.
    let id: String
    let caption: String
    /// The first column's header: what a row is.
    let dimension: String
    let columns: [String]
    let rows: [Row]
    let hasRows: Bool
    /// Whose target each row is judged against (its location's, else its region's, else the organisation's…), shown
    /// when a row has one.
    var targetBasis: String?
    /// How many rows were left out because none of their figures reaches the minimum n.
    var hiddenNote: String?
    /// The table as CSV, when the page offers it.
    var csv: String?

    struct Row: Sendable {
        let code: String
        /// The code beside the name, when it says more than the name.
        let shownCode: String?
        let name: String
        let cells: [FigureCell]
    }
}
