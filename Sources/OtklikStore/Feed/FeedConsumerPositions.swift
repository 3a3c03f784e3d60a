import Foundation

/// Where each durable consumer of the change feed stands, kept in the store: a consumer advances in the same
/// transaction as the work it did, and only from the position it read, so two servers running one consumer never
/// both apply a stretch (the second one's transaction is rolled back and it reads again).
public struct FeedConsumerPositions: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// A durable consumer's progress.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var position: Int64
        public var updatedAt: Date
        public var lastError: String?
    }

    /// The position of `name` (0 before its first step: it starts at the feed's beginning).
    public func position(of name: String) async throws -> Int64 {
        try await database.query("SELECT position FROM feed_consumers WHERE name = ?", [.text(name)]).first?.int64("position") ?? 0
    }

    public func all() async throws -> [Entry] {
        try await database.query("SELECT name, position, updated_at, last_error FROM feed_consumers ORDER BY name").compactMap { row in
            guard let name = row.text("name") else { return nil }
            return Entry(
                name: name, position: row.int64("position") ?? 0,
                updatedAt: Date(timeIntervalSince1970: TimeInterval(row.int64("updated_at") ?? 0) / 1000), lastError: row.text("last_error"))
        }
    }

    /// Records a failed step (the position stays) or clears the error (nil).
    public func recordError(_ error: String?, of name: String, now: Date = Date()) async throws {
        try await database.transaction { tx in
            try await tx.execute(
                """
                INSERT INTO feed_consumers (name, position, updated_at, failing, last_error) VALUES (?, 0, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET failing = excluded.failing, last_error = excluded.last_error
                """,
                [.text(name), .int(Int64(now.timeIntervalSince1970 * 1000)), .int(error == nil ? 0 : 1), SQLValue(error)])
        }
    }

    /// Moves `name` from `from` to `to` in the caller's transaction; throws ``StoreError/consumerMoved(_:)`` when another
    /// process moved it first, so the caller's work rolls back with it.
    static func advance(_ name: String, from: Int64, to: Int64, at now: Int64, in tx: any SQLExecutor) async throws {
        let moved = try await tx.query(
            """
            INSERT INTO feed_consumers (name, position, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            WHERE feed_consumers.position = ?
            RETURNING name
            """,
            [.text(name), .int(to), .int(now), .int(from)])
        // No row returned: the row exists at another position (a first step of two processes at once included: the
        // second one's insert conflicts and its update finds the position moved).
        guard !moved.isEmpty else { throw StoreError.consumerMoved(name) }
    }
}
