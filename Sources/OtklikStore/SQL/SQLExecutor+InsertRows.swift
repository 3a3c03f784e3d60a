extension SQLExecutor {
    /// Inserts many rows with multi-row `VALUES` statements (one round trip per few hundred rows on PostgreSQL).
    /// - Parameter suffix: appended to each statement, e.g. `ON CONFLICT (id) DO NOTHING`.
    public func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String = "") async throws {
        guard !rows.isEmpty else { return }
        let rowsPerStatement = max(1, min(500, 30_000 / max(1, columns.count)))
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: chunk.count).joined(separator: ", ") + " " + suffix
            try await execute(sql, chunk.flatMap { $0 })
        }
    }

    /// ``insertRows(_:columns:rows:suffix:)`` that returns the `returning` columns of the rows the statements stored
    /// (with `ON CONFLICT DO NOTHING`, a row another transaction stored first is not among them), so the caller need
    /// not read back what it has just written.
    public func insertRows(
        _ table: String, columns: [String], rows: [[SQLValue]], suffix: String = "", returning: String
    ) async throws -> [SQLRow] {
        guard !rows.isEmpty else { return [] }
        let rowsPerStatement = max(1, min(500, 30_000 / max(1, columns.count)))
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var stored: [SQLRow] = []
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: chunk.count).joined(separator: ", ") + " " + suffix + " RETURNING " + returning
            stored += try await query(sql, chunk.flatMap { $0 })
        }
        return stored
    }
}
