/// Runs statements: on the database itself (each statement on its own) or inside a transaction.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs a statement that returns rows. `?` marks each bound value.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Runs a statement for its effect.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
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
    func close() async throws
}
