import Foundation
import OtklikCore

/// The ``RateLimiter`` in the database (`rate_limit_buckets`), used when the store is PostgreSQL so that every server
/// on one database takes from the same bucket: behind a load balancer an address gets the one-server budget, not N
/// times it. As ``SQLLoginFailures`` counts failures per account, one statement refills and takes atomically
/// (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): the row is locked while it is updated, so two servers taking the last
/// token cannot both succeed. Buckets untouched for as long as a refill from empty takes are full again, the same as
/// none, and are deleted (at most once a minute per server). Times are the servers' clocks (keep them in step, as NTP
/// does); a clock behind the bucket's last touch refills nothing rather than taking tokens away.
public actor SQLRateLimiter: RateLimiter {
    let database: any SQLDatabase
    public nonisolated let name: String
    let limit: RateLimit
    private var lastPrune: Date?

    public init(database: any SQLDatabase, name: String, capacity: Int, perMinute: Double) {
        self.database = database
        self.name = name
        self.limit = RateLimit(capacity: capacity, perMinute: perMinute)
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func isExhausted(_ client: String, now: Date) async throws -> Bool {
        guard let row = try await database.query(
            "SELECT tokens, updated_at FROM rate_limit_buckets WHERE name = ? AND client = ?", [.text(name), .text(client)]).first,
            let tokens = row["tokens"].double, let updated = row.int64("updated_at")
        else { return false }
        return limit.refilled(tokens, updated: Date(timeIntervalSince1970: Double(updated) / 1000), now: now) < 1
    }

    public func allow(_ client: String, now: Date) async throws -> Bool {
        let at = Self.ms(now)
        let perMs = limit.perMinute / 60_000
        // The bucket's tokens now: the stored ones plus the refill since its last touch (none if this clock is behind
        // it), at most the capacity. Written out with its own binds at each use: `?` placeholders are positional.
        var binds: [SQLValue] = [.text(name), .text(client), .double(limit.capacity - 1), .int(at)]
        func refilled() -> String {
            binds += [.int(at), .int(at), .double(perMs), .double(limit.capacity), .double(limit.capacity), .int(at), .int(at), .double(perMs)]
            let sum = "rate_limit_buckets.tokens + (CASE WHEN ? > rate_limit_buckets.updated_at THEN ? - rate_limit_buckets.updated_at ELSE 0 END) * ?"
            return "(CASE WHEN \(sum) >= ? THEN ? ELSE \(sum) END)"
        }
        // In the statement's order: the condition, the two branches of `tokens`, then the one of `allowed`.
        let (isAllowed, taken, kept, allowed) = (refilled(), refilled(), refilled(), refilled())
        binds += [.int(at), .int(at)]
        let statement = """
            INSERT INTO rate_limit_buckets (name, client, tokens, updated_at, allowed) VALUES (?, ?, ?, ?, 1)
            ON CONFLICT (name, client) DO UPDATE SET
                tokens = CASE WHEN \(isAllowed) >= 1 THEN \(taken) - 1 ELSE \(kept) END,
                allowed = CASE WHEN \(allowed) >= 1 THEN 1 ELSE 0 END,
                updated_at = CASE WHEN ? > rate_limit_buckets.updated_at THEN ? ELSE rate_limit_buckets.updated_at END
            RETURNING allowed
            """
        // A write that reads back: in a transaction, the write path on SQLite (its plain queries are read-only).
        let rows = try await database.transaction { [binds] tx in try await tx.query(statement, binds) }
        try await pruneIfDue(now)
        return rows.first?.int("allowed") == 1
    }

    /// Deletes this limit's buckets that are full again (untouched for ``RateLimit/fullAfter``), at most once a minute.
    func pruneIfDue(_ now: Date) async throws {
        if let last = lastPrune, now.timeIntervalSince(last) < 60, now >= last { return }
        lastPrune = now
        guard limit.fullAfter.isFinite else { return }
        try await database.execute(
            "DELETE FROM rate_limit_buckets WHERE name = ? AND updated_at < ?",
            [.text(name), .int(Self.ms(now.addingTimeInterval(-limit.fullAfter)) - 1000)])
    }
}
