/// Runs statements: on the database itself (each statement on its own) or inside a transaction.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs a statement that returns rows. `?` marks each bound value.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Runs a statement for its effect.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
    /// Inserts many rows into `table` (each row's values in `columns`' order), `suffix` after each statement (e.g.
    /// `ON CONFLICT (id) DO NOTHING`). Every executor has the multi-row `VALUES` form (``multiRowInsert(_:columns:rows:suffix:)``);
    /// SQLite's writer inserts row by row with one prepared statement, in one access to its connection.
    func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String) async throws
    /// ``insertRows(_:columns:rows:suffix:)`` returning the `returning` columns of the rows the statements stored (with
    /// `ON CONFLICT DO NOTHING`, a row another transaction stored first is not among them), so the caller need not
    /// read back what it has just written.
    func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String, returning: String) async throws -> [SQLRow]
}

extension SQLExecutor {
    public func query(_ sql: String) async throws -> [SQLRow] { try await query(sql, []) }
    public func execute(_ sql: String) async throws { try await execute(sql, []) }
}

/// A database: an executor that can also run a transaction and be closed.
public protocol SQLDatabase: SQLExecutor {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    /// A short description for logs, with no password in it.
    var displayName: String { get }
    /// Whether `error` is a unique-key violation: another writer stored the same key first (PostgreSQL 23505,
    /// SQLite's constraint error from another process). Such a write is retried, and then reads the other's row.
    func isUniqueViolation(_ error: any Error) -> Bool
    /// The change-feed events this process committed through this database that its analytics engine need not read back.
    var localCommits: LocalCommits { get }
    func close() async throws
}
