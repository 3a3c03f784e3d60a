/// Transcript compliance beside perceived quality (CSAT, NPS) by week, staff member and location.
struct CompliancePanel: Sendable {
    let weeks: [Row]
    let staff: [Row]
    let locations: [Row]
    /// SVG charts, rendered unescaped.
    let complianceChart: String
    let csatChart: String
    let definition: String

    struct Row: Sendable {
        let name: String
        let compliance: FigureCell
        let csat: FigureCell
        let nps: FigureCell
    }
}
