import OtklikInterchange

/// A table of the monthly report: its caption, column headings and rows, each cell as shown on the page and as the
/// value the XLSX export writes (a number as a number, a month as a date). The first cell of a row is its header.
struct ReportTable: Sendable {
    /// The element id and what tests find the table by (`report-trend`).
    let id: String
    let caption: String
    /// The XLSX sheet's name, in the report's language.
    let sheetName: String
    let columns: [String]
    let rows: [Row]
    /// `/api/v1/…`: the API query that gives the same figures, where one does.
    var api: String?
    /// Whose target each row is judged against, shown above the table when a row has one (`target_basis_location`).
    var targetBasis: String?
    /// Stored, not computed: the templates read properties through Mirror.
    let hasRows: Bool
    /// Columns the XLSX sheet adds after the page's (`target`, `target_kind`, `target_verdict`: ``TargetColumns``), with
    /// each row's ``Row/sheetCells``; the page shows the same target in words.
    let sheetColumns: [String]

    init(id: String, caption: String, sheetName: String, columns: [String], rows: [Row], api: String? = nil, sheetColumns: [String] = []) {
        self.id = id
        self.caption = caption
        self.sheetName = sheetName
        self.columns = columns
        self.rows = rows
        self.api = api
        self.sheetColumns = sheetColumns
        hasRows = !rows.isEmpty
    }

    struct Row: Sendable {
        let head: Cell
        let cells: [Cell]
        /// The sheet's own cells after the page's (``ReportTable/sheetColumns``).
        var sheetCells: [SpreadsheetWorkbook.Cell] = []

        /// A row's target as the sheet writes it: ``TargetColumns``, empty without a target.
        static func targetCells(_ columns: TargetColumns?) -> [SpreadsheetWorkbook.Cell] {
            guard let columns else { return [.empty, .empty, .empty] }
            return [Double(columns.target).map { .number($0) } ?? .text(columns.target), .text(columns.kind), .text(columns.verdict)]
        }
    }

    struct Cell: Sendable {
        let text: String
        let value: SpreadsheetWorkbook.Cell
        /// The raw number as text (`45.2`) in `data-value`, for tests to compare with the API; nil for text.
        let number: String?

        init(text: String, value: SpreadsheetWorkbook.Cell) {
            self.text = text
            self.value = value
            if case .number(let raw) = value { number = String(raw) } else { number = nil }
        }

        static func text(_ text: String) -> Cell { Cell(text: text, value: text.isEmpty ? .empty : .text(text)) }

        /// A number shown as `shown`, exported as `value` (nothing when nil).
        static func number(_ value: Double?, shown: String) -> Cell { Cell(text: shown, value: value.map { .number($0) } ?? .empty) }

        static func count(_ value: Int) -> Cell { Cell(text: String(value), value: .number(Double(value))) }

        /// A calendar month `2026-10`, exported as a date.
        static func month(_ label: String) -> Cell {
            let parts = label.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return .text(label) }
            return Cell(text: label, value: .month(year: parts[0], month: parts[1]))
        }
    }

    /// The sheet of the XLSX export: the columns as its header row.
    var sheet: SpreadsheetWorkbook.Sheet {
        SpreadsheetWorkbook.Sheet(
            name: sheetName, header: columns + sheetColumns,
            rows: rows.map { [$0.head.value] + $0.cells.map(\.value) + ($0.sheetCells + Array(repeating: .empty, count: sheetColumns.count)).prefix(sheetColumns.count) })
    }
}
