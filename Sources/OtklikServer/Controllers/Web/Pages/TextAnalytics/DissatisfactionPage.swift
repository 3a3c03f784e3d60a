/// The dissatisfaction model (`/dissatisfaction`, `dissatisfaction.mustache`): the reasons of negative comments
/// overall, by a slice and by month, each share with n and interval, and compliance beside perceived quality.
struct DissatisfactionPage: Sendable {
    let heading: String
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String? = nil
    let from: String
    let to: String
    let byOptions: [SelectOption]
    let byLabel: String
    let definition: String
    let hasData: Bool
    let n: Int
    let comments: Int
    let unthemed: Int
    let overall: [Reason]
    /// SVG bar chart, rendered unescaped.
    let chart: String
    let reasons: [ReasonName]
    let groups: [Group]
    let trend: [Month]
    let trendCharts: [TrendChartBlock]
    let minimumNote: String
    var compliance: CompliancePanel?

    struct Reason: Sendable {
        let name: String
        let code: String
        let count: Int
        let share: String
        let ci: String
    }

    struct ReasonName: Sendable {
        let name: String
        let code: String
    }

    /// A reason's count and share in a group or month; no share below the minimum n.
    struct Cell: Sendable {
        let count: Int
        let share: String
        let ci: String
        let insufficient: Bool
    }

    struct Group: Sendable {
        let name: String
        let code: String
        let n: Int
        let comments: Int
        let unthemed: Int
        let cells: [Cell]
    }

    struct Month: Sendable {
        let period: String
        let n: Int
        let comments: Int
        let cells: [Cell]
    }

    /// A reason's monthly share as an SVG chart.
    struct TrendChartBlock: Sendable {
        let title: String
        let svg: String
    }
}
