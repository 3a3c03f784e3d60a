import Foundation

extension MetricReport {
    /// Column headers shared by the table and CSV renderings.
    public var columnNames: [String] {
        dimensions + ["value", "n", "ci_low", "ci_high"]
    }

    /// Column headers of the CSV rendering: the table's plus `insufficient`, and `sample` when the report has one.
    public var csvColumnNames: [String] { columnNames + ["insufficient"] + (sample == nil ? [] : ["sample"]) }

    /// One row of cells per group, then an `overall` row. For the table, insufficient groups say so
    /// instead of a number; for CSV the value is empty and a last column says `true`.
    public func rows(decimals: Int = 1, csv: Bool = false) -> [[String]] {
        func cells(_ value: MetricValue) -> [String] {
            let format = { (x: Double?) in x.map { String(format: "%.\(decimals)f", $0) } ?? "" }
            if csv {
                return [format(value.value), String(value.n), format(value.ciLow), format(value.ciHigh), String(value.insufficient)]
                    + (sample.map { [$0] } ?? [])
            }
            if value.insufficient { return ["insufficient (n<\(minimumN))", String(value.n), "", ""] }
            return [format(value.value), String(value.n), format(value.ciLow), format(value.ciHigh)]
        }
        var rows = groups.map { group in dimensions.map { group.label($0) ?? "" } + cells(group.value) }
        rows.append((dimensions.isEmpty ? [] : ["overall"] + Array(repeating: "", count: dimensions.count - 1)) + cells(overall))
        return rows
    }

    /// A plain-text table with aligned columns and the definition above it.
    public func renderTable() -> String {
        let all = [columnNames] + rows()
        let widths = columnNames.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var lines = ["\(name): \(definition)"] + (sample.map { ["Sample: \($0)"] } ?? []) + notes
        for (index, row) in all.enumerated() {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }
}
