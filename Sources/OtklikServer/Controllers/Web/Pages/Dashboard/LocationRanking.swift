import OtklikMetrics

/// The dashboard's ranked list of locations by one KPI (``LocationRanker``): the best and the worst with value,
/// interval and n, and each location's target and verdict where one applies; locations below the minimum n are not
/// ranked, and the note says how many.
struct LocationRanking: Sendable {
    let id: String
    let title: String
    let best: [Row]
    let worst: [Row]
    let note: String?
    /// Whose target each row is judged against (`target_basis_location`), when a row has one.
    var targetBasis: String?

    struct Row: Sendable {
        let rank: Int
        let code: String
        let name: String
        let link: String
        let value: String
        let ci: String
        let n: Int
        /// The location's figure, for the downloads' raw numbers.
        let figure: MetricValue
        /// The location's target and verdict (its own, else its region's, else the organisation's), judged by the one
        /// ``TargetJudgement`` as on the tables' rows; nil when none applies.
        var target: CellTarget?
    }
}
