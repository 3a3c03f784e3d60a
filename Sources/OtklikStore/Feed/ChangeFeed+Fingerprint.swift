import Foundation

extension ChangeFeed {
    /// The event at `position` as text — its kind, records and time — or nil when the feed holds none there (never
    /// written, or pruned). A snapshot of the analytics engine records it and compares it at start: a store restored
    /// from a backup, or made anew, has another event at that position, or none.
    public func fingerprint(at position: Int64) async throws -> String? {
        guard let row = try await database.query(
            "SELECT kind, records, created_at FROM change_feed WHERE position = ?", [.int(position)]
        ).first else { return nil }
        return "\(row.text("kind") ?? "?") \(row.int64("records") ?? 0) \(row.int64("created_at") ?? 0)"
    }

    /// How many migrations the store has applied that may rewrite facts a snapshot holds: those that only rebuild
    /// indexes (``Migration/keepsFacts``) are not counted, so a snapshot written before them still describes the store.
    public func migrationsApplied() async throws -> Int {
        let keeping = Set(Migrations.all.filter(\.keepsFacts).map(\.id))
        return try await database.query("SELECT id FROM otklik_migrations").compactMap { $0.text("id") }.filter { !keeping.contains($0) }.count
    }
}
