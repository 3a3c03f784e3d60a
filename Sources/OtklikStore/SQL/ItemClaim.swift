import Foundation

/// Claims pending rows of an outbox table (webhook deliveries, e-mails) so that with several servers on one database
/// each row is handled by one of them: a claim marks the row with its holder until a time; a row whose claim expired
/// (its server stopped) is claimed again. On PostgreSQL the rows are chosen `FOR UPDATE SKIP LOCKED`, so concurrent
/// claimers pass each other's rows by; SQLite has one writer, and the conditional UPDATE is enough there.
enum ItemClaim {
    /// In the caller's transaction: claims up to `limit` rows of `table` that satisfy `due` (with `binds`) and are not
    /// claimed by a live claim at `now`, oldest by `order` first, for `holder` until `until`. Returns how many it claimed.
    @discardableResult
    static func claim(
        _ table: String, key: String, due: String, binds: [SQLValue], order: String, holder: String, until: Int64, now: Int64, limit: Int,
        in tx: any SQLExecutor
    ) async throws -> Int {
        let skipLocked = tx.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await tx.query(
            """
            UPDATE \(table) SET claimed_by = ?, claimed_until = ?
            WHERE (\(key)) IN (
                SELECT \(key) FROM \(table) WHERE \(due) AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY \(order) LIMIT ?\(skipLocked))
            RETURNING claimed_by
            """,
            [.text(holder), .int(until)] + binds + [.int(now), .int(Int64(limit))]
        ).count
    }
}
