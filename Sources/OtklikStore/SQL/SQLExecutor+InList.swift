import Foundation

/// Statements with an `IN (…)` list of many values, run in chunks: SQLite allows 32,766 bound parameters a statement
/// and PostgreSQL 65,535, and a long list is slower to plan than a few shorter ones.
extension SQLExecutor {
    /// Runs `sql(marks)` once for every chunk of `values`, where `marks` is the chunk's `?, ?, …` for its `IN (…)`
    /// list and the chunk's values are bound between `before` and `after`; returns the rows of every run, in order.
    /// No values: no statement, no rows.
    public func query(
        in values: some Collection<String>, before: [SQLValue] = [], after: [SQLValue] = [], _ sql: (_ marks: String) -> String
    ) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for chunk in SQLMarks.chunks(values) {
            rows += try await query(sql(SQLMarks.list(chunk.count)), before + chunk.map { .text($0) } + after)
        }
        return rows
    }

    /// ``query(in:before:after:_:)`` for a statement run for its effect.
    public func execute(
        in values: some Collection<String>, before: [SQLValue] = [], after: [SQLValue] = [], _ sql: (_ marks: String) -> String
    ) async throws {
        for chunk in SQLMarks.chunks(values) {
            try await execute(sql(SQLMarks.list(chunk.count)), before + chunk.map { .text($0) } + after)
        }
    }
}

/// Parameter marks for statements built with a variable number of values.
public enum SQLMarks {
    /// The most values one `IN (…)` list of ``SQLExecutor/query(in:before:after:_:)`` binds.
    public static let chunk = 500

    /// `?, ?, …`: `count` parameter marks.
    public static func list(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    static func chunks(_ values: some Collection<String>) -> [ArraySlice<String>] {
        let all = Array(values)
        return stride(from: 0, to: all.count, by: chunk).map { all[$0..<min($0 + chunk, all.count)] }
    }
}
