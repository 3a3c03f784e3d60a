import Foundation
import Logging

/// Applies pending migrations, each in its own transaction, and records them in `otklik_migrations`.
/// On PostgreSQL an advisory lock keeps several starting servers from migrating at once.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    public init(migrations: [Migration] = Migrations.all) {
        self.migrations = migrations
    }

    /// Returns the ids applied by this call.
    @discardableResult
    public func migrate(_ database: any SQLDatabase, logger: Logger) async throws -> [String] {
        try await database.execute(
            "CREATE TABLE IF NOT EXISTS otklik_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
        // A database migrated by a newer Otklik has tables this binary does not know how to keep consistent.
        let known = Set(migrations.map(\.id))
        let unknown = try await database.query("SELECT id FROM otklik_migrations ORDER BY id").compactMap { $0.text("id") }
            .filter { !known.contains($0) }
        guard unknown.isEmpty else { throw StoreError.databaseNewerThanBinary(unknown) }
        var applied: [String] = []
        for migration in migrations {
            let done = try await database.transaction { tx -> Bool in
                if tx.dialect == .postgres { try await tx.execute("SELECT pg_advisory_xact_lock(7001)") }
                let existing = try await tx.query("SELECT id FROM otklik_migrations WHERE id = ?", [.text(migration.id)])
                guard existing.isEmpty else { return false }
                for statement in migration.statements(for: tx.dialect) {
                    do {
                        try await tx.execute(statement)
                    } catch {
                        throw StoreError.migrationFailed(migration.id, error)
                    }
                }
                if let code = migration.code {
                    do {
                        try await code(tx)
                    } catch {
                        throw StoreError.migrationFailed(migration.id, error)
                    }
                }
                try await tx.execute(
                    "INSERT INTO otklik_migrations (id, applied_at) VALUES (?, ?)",
                    [.text(migration.id), .int(Int64(Date().timeIntervalSince1970 * 1000))])
                return true
            }
            if done {
                applied.append(migration.id)
                logger.info("applied migration", metadata: ["migration": "\(migration.id)"])
            }
        }
        return applied
    }
}
