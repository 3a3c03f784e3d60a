import Foundation
import OtklikMetrics

/// Joins several reports grouped by one dimension into one table (``KPIBreakdown``): the union of their groups,
/// in the order `order` gives (reference order, else the keys sorted), a cell per report.
struct KPIBreakdownBuilder: Sendable {
    let format: KPIFigureFormat

    struct Column: Sendable {
        let name: String
        let report: MetricReport
        let unit: KPIFigureFormat.Unit
        /// Each row's target and verdict by the row's key (``TargetJudgement/judgeRows``): none when the KPI has no target.
        var targets: [String: CellTarget] = [:]
    }

    func table(
        id: String, caption: String, dimension: String, label: String, columns: [Column], order: [String] = [],
        basis: String? = nil, countsKeepRows: Bool = true, name: (String) -> String
    ) -> KPIBreakdown {
        let values = columns.map { column in
            Dictionary(column.report.groups.map { ($0.label(dimension) ?? "", $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let present = Set(values.flatMap(\.keys))
        let ordered = order.filter(present.contains) + present.subtracting(order).sorted()
        let all = ordered.map { key in
            KPIBreakdown.Row(
                code: key, shownCode: key.isEmpty || name(key) == key ? nil : key, name: key.isEmpty ? unnamed(dimension) : name(key), cells: zip(columns, values).map { column, byKey in
                    var cell = format.cell(byKey[key], column.unit)
                    if cell.n > 0 { cell.target = column.targets[key] }
                    return cell
                })
        }
        // A row with too few cases or contacts for every figure says nothing: it is left out and counted. Without
        // `countsKeepRows`, a count (which has no minimum) does not keep a row either: a staff member with two open
        // cases and too few for any rate is one more row of "insufficient data" (their cases are in the queue).
        let rows = all.filter { row in
            zip(columns, row.cells).contains { column, cell in
                !cell.insufficient && cell.n > 0 && (countsKeepRows || column.unit != .count)
            }
        }
        let hidden = all.count - rows.count
        return KPIBreakdown(
            id: id, caption: caption, dimension: label, columns: columns.map(\.name), rows: rows, hasRows: !rows.isEmpty,
            targetBasis: rows.contains { $0.cells.contains { $0.target != nil } } ? basis : nil,
            hiddenNote: hidden == 0 ? nil : (countsKeepRows
                ? format.text["kpi_rows_hidden"] ?? "Rows with too few records for any figure, left out: {n}."
                : format.text["kpi_rows_hidden_open"] ?? "Rows with too few cases for any rate, left out: {n} (their open cases are in the case queue).")
                .replacingOccurrences(of: "{n}", with: String(hidden)))
    }

    /// The row of the records that name no `dimension` (contacts without a service, cases without an owner): said in
    /// words, not a dash a reader must guess at.
    func unnamed(_ dimension: String) -> String {
        format.text["kpi_row_none_\(dimension)"] ?? format.text["kpi_row_none"] ?? "Not named"
    }

    /// The table as CSV: the row's code and name, then of each column its value, interval and n, and the row's
    /// target, its kind and the verdict (``TargetColumns``: `<column> target`, `<column> target_kind`,
    /// `<column> target_verdict`, empty where the row has no target).
    static func csv(_ table: KPIBreakdown) -> [[String]] {
        var header = ["code", "name"]
        for column in table.columns { header += [column, "\(column) ci", "\(column) n"] + TargetColumns.header.map { "\(column) \($0)" } }
        return [header] + table.rows.map { row in
            [row.code, row.name] + row.cells.flatMap { [$0.text, $0.ci ?? "", String($0.n)] + ($0.target?.columns.cells ?? TargetColumns.empty) }
        }
    }
}
