/// A named, versioned schema change; applied once, in order, at start.
public struct Migration: Sendable {
    public var id: String
    /// Statements for both engines.
    public var statements: [String]
    /// Statements for one engine only, run after the shared ones (where the engines' DDL differs, e.g. SQLite
    /// cannot drop a NOT NULL constraint without rebuilding the table).
    public var dialectStatements: [SQLDialect: [String]]
    /// Data the statements cannot move alone (values normalised in Swift), run last in the same transaction.
    public var code: (@Sendable (any SQLExecutor) async throws -> Void)?
    /// Whether the migration leaves every stored fact as it was (it only rebuilds indexes): the analytics snapshot
    /// survives it (``ChangeFeed/factMigrationsFingerprint()`` leaves it out), so the first start after it reads the
    /// snapshot, not every row. False unless a migration says so.
    public var keepsFacts: Bool

    public init(
        _ id: String, _ statements: [String], dialectStatements: [SQLDialect: [String]] = [:], keepsFacts: Bool = false,
        code: (@Sendable (any SQLExecutor) async throws -> Void)? = nil
    ) {
        self.id = id
        self.statements = statements
        self.dialectStatements = dialectStatements
        self.keepsFacts = keepsFacts
        self.code = code
    }

    public func statements(for dialect: SQLDialect) -> [String] {
        statements + (dialectStatements[dialect] ?? [])
    }
}
