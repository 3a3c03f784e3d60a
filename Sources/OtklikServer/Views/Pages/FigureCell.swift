/// A figure in a table cell: the text, its interval and n; `insufficient` (and no interval) below the minimum n.
struct FigureCell: Sendable {
    let text: String
    var ci: String?
    let n: Int
    var insufficient = false
}
