/// A figure in a table cell: the text, its interval and n; `insufficient` (and no interval) below the minimum n.
struct FigureCell: Sendable {
    let text: String
    var ci: String?
    let n: Int
    var insufficient = false
    /// The row's target and verdict, where one applies (the breakdown tables of the KPI pages).
    var target: CellTarget? = nil
}
