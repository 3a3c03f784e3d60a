import Foundation

/// A bulk import into an empty table on SQLite writes its rows first and builds the table's secondary indexes after
/// them, in the same transaction: sorting every key once costs less than keeping each index in order row by row (for
/// 300,000 calls into `interactions`, whose four indexes are kept with every insert otherwise; docs/benchmarks.md
/// "Importing calls"). The indexes are dropped and re-created from their own definitions as SQLite stores them
/// (`sqlite_master`), so they come back exactly as the migrations made them; a failed import rolls the drop back with
/// everything else. The primary key stays (the import looks its ids up), and a table holding rows keeps its indexes:
/// rebuilding them would cost more than the import saves. PostgreSQL keeps its indexes.
struct DeferredIndexes {
    /// The dropped indexes' names and definitions, to create again.
    let definitions: [(name: String, sql: String)]

    /// Drops `table`'s secondary indexes when the table is empty on SQLite; otherwise drops nothing.
    static func drop(on table: String, in tx: any SQLExecutor) async throws -> DeferredIndexes {
        guard tx.dialect == .sqlite, try await tx.query("SELECT 1 AS present FROM \(table) LIMIT 1").isEmpty else {
            return DeferredIndexes(definitions: [])
        }
        let rows = try await tx.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", [.text(table)])
        let definitions = rows.compactMap { row in row.text("name").flatMap { name in row.text("sql").map { (name: name, sql: $0) } } }
        for index in definitions { try await tx.execute("DROP INDEX \"\(index.name)\"", []) }
        return DeferredIndexes(definitions: definitions)
    }

    /// Creates the dropped indexes again (over every row now in the table).
    func rebuild(in tx: any SQLExecutor) async throws {
        for index in definitions { try await tx.execute(index.sql, []) }
    }
}
