/// One data row of a CSV file read by ``RecordCSV``: its cells looked up by column name, an empty cell or a column the
/// header lacks reading as absent. It holds the row's cells as read and the file's header (shared by every row), so no
/// dictionary is built per row: a lookup compares the name with those of the header's few names that have its length,
/// which costs less than hashing it — and far less than building a dictionary of every cell.
public struct CSVRow: Sendable {
    /// The file's column names, lower-cased, in order.
    public let header: [String]
    /// The row's cells, one per header column.
    public let cells: [String]

    public init(header: [String], cells: [String]) {
        precondition(header.count == cells.count, "a CSV row has one cell per column")
        self.header = header
        self.cells = cells
    }

    /// The cell of `column`; nil when the cell is empty or the file has no such column. A column named twice reads as
    /// ``dictionary`` does: the last non-empty cell. Names match by their UTF-8 bytes' length first, so two spellings of
    /// one accented name (composed and decomposed) do not match as they would as dictionary keys; every reader's
    /// columns are ASCII, and ``RecordCSV`` refuses a header naming any other column.
    public subscript(column: String) -> String? {
        var found: String?
        // Names of another length are passed over without comparing their text (most of the header, for any name).
        let length = column.utf8.count
        for index in header.indices where header[index].utf8.count == length && header[index] == column && !cells[index].isEmpty {
            found = cells[index]
        }
        return found
    }

    /// Column → cell, empty cells absent: the row as the dictionary-based record readers take it.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for (name, value) in zip(header, cells) where !value.isEmpty { result[name] = value }
        return result
    }
}
