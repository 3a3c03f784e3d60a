extension SQLExecutor {
    /// Visits a whole table in (`timeColumn`, id) order, `size` rows at a time, without OFFSET.
    /// `columns` must include `timeColumn` and `id`.
    func keysetScan(table: String, columns: String, timeColumn: String, size: Int, _ body: ([SQLRow]) async throws -> Void) async throws {
        var after: (Int64, String)?
        while true {
            let rows: [SQLRow]
            if let (time, id) = after {
                rows = try await query(
                    "SELECT \(columns) FROM \(table) WHERE \(timeColumn) > ? OR (\(timeColumn) = ? AND id > ?) ORDER BY \(timeColumn), id LIMIT ?",
                    [.int(time), .int(time), .text(id), .int(Int64(size))])
            } else {
                rows = try await query("SELECT \(columns) FROM \(table) ORDER BY \(timeColumn), id LIMIT ?", [.int(Int64(size))])
            }
            guard let last = rows.last else { return }
            try await body(rows)
            guard rows.count == size, let time = last.int64(timeColumn), let id = last.text("id") else { return }
            after = (time, id)
        }
    }
}
