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

    /// Which migrations the store has applied that may rewrite facts a snapshot holds, as one number: a 64-bit FNV-1a
    /// hash of their ids in order. Those that only rebuild indexes (``Migration/keepsFacts``) are left out, so a
    /// snapshot written before them still describes the store; any other migration, applied or not, changes it (a
    /// count would not: leaving out 0064 and 0065 made a later migration's count equal an older binary's).
    public func factMigrationsFingerprint() async throws -> Int {
        let keeping = Set(Migrations.all.filter(\.keepsFacts).map(\.id))
        let ids = try await database.query("SELECT id FROM otklik_migrations").compactMap { $0.text("id") }.filter { !keeping.contains($0) }.sorted()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ids.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash)
    }
}
