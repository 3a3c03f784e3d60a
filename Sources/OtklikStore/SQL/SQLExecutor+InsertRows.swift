extension SQLExecutor {
    public func insertRows(_ table: String, columns: [String], rows: [[SQLValue]]) async throws {
        try await insertRows(table, columns: columns, rows: rows, suffix: "")
    }

    public func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String) async throws {
        try await multiRowInsert(table, columns: columns, rows: rows, suffix: suffix)
    }

    public func insertRows(
        _ table: String, columns: [String], rows: [[SQLValue]], suffix: String, returning: String
    ) async throws -> [SQLRow] {
        try await multiRowInsert(table, columns: columns, rows: rows, suffix: suffix, returning: returning)
    }

    /// Inserts many rows with multi-row `VALUES` statements (one round trip per few hundred rows on PostgreSQL).
    public func multiRowInsert(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String) async throws {
        guard !rows.isEmpty else { return }
        let rowsPerStatement = max(1, min(500, 30_000 / max(1, columns.count)))
        let tuple = "(" + SQLMarks.list(columns.count) + ")"
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: chunk.count).joined(separator: ", ") + " " + suffix
            try await execute(sql, chunk.flatMap { $0 })
        }
    }

    /// ``multiRowInsert(_:columns:rows:suffix:)`` returning the `returning` columns of the rows it stored.
    public func multiRowInsert(
        _ table: String, columns: [String], rows: [[SQLValue]], suffix: String, returning: String
    ) async throws -> [SQLRow] {
        guard !rows.isEmpty else { return [] }
        let rowsPerStatement = max(1, min(500, 30_000 / max(1, columns.count)))
        let tuple = "(" + SQLMarks.list(columns.count) + ")"
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
