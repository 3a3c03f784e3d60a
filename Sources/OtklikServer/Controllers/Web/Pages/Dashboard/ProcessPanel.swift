/// The dashboard's "process beside perception" panel (``ProcessPanelBuilder``): service level and ASA of the calls
/// next to the callers' CSAT and NPS, period by period, with the whole period's figures as `total`.
struct ProcessPanel: Sendable {
    let rows: [Row]
    let total: Row
    /// The whole period's ASA in seconds.
    let asaOverall: Double?
    /// SVG charts, rendered unescaped.
    let asaChart: String
    let csatChart: String
    let definitions: [[String: String]]

    struct Row: Sendable {
        let period: String
        let sl: FigureCell
        let asa: FigureCell
        let csat: FigureCell
        let nps: FigureCell
    }
}
