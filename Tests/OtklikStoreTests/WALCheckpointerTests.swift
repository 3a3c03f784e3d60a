import Foundation
import GRDB
@testable import OtklikStore
import Testing

/// The write-ahead log is checkpointed by the database's own thread, not inside a commit (``WALCheckpointer``): SQLite's
/// automatic checkpoint is replaced on the writer, the log's pages reach the database file once it passes 1,000
/// pages, no commit checkpoints itself, and everything written is read back, also after closing and opening again.
@Suite struct WALCheckpointerTests {
    @Test func theLogIsCheckpointedOffTheCommitPath() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        var database = try SQLiteDatabase(path: path)
        try await database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", [])
        let writer = try await database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(writer == 0, "SQLite's automatic checkpoint is off on the writer: the hook is ours")
        let fileBefore = try Self.size(path)
        // About 1,600 pages of 4 KiB in 40 commits: past the 1,000 that wake the checkpointer.
        let body = String(repeating: "x", count: 4_000)
        for commit in 0..<40 {
            try await database.transaction { tx in
                try await tx.insertRows("t", columns: ["id", "body"], rows: (0..<40).map { [.int(Int64(commit * 40 + $0)), .text(body)] }, suffix: "")
            }
        }
        var waited = 0
        while database.checkpointer.counts.background == 0, waited < 600 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(database.checkpointer.counts.background > 0, "the thread checkpointed")
        #expect(database.checkpointer.counts.inline == 0, "no commit checkpointed itself")
        // At least the first 1,000 frames' pages (some are the same page written again by later commits; after a
        // complete checkpoint the log starts over, and what follows may stay under the threshold).
        #expect(try Self.size(path) > fileBefore + 2_000_000, "the log's pages reached the database file")
        try await database.close()
        database = try SQLiteDatabase(path: path)
        let rows = try await database.query("SELECT count(*) AS n, sum(length(body)) AS bytes FROM t", [])
        let count: Int64? = rows.first?.int64("n")
        let bytes: Int64? = rows.first?.int64("bytes")
        #expect(count == 1_600)
        #expect(bytes == 6_400_000)
        try await database.close()
    }

    /// A log grown far past ``SQLiteDatabase/logSizeLimit`` by one large transaction is cut back to the limit the first
    /// time it starts over (after a complete checkpoint, at the next commit); SQLite alone would keep the file its size.
    @Test func aLogGrownPastItsLimitIsCutBackWhenItStartsOver() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        let limit = 1 << 20
        let database = try SQLiteDatabase(path: path, logSizeLimit: limit)
        try await database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", [])
        // About 750 pages in one commit: under the 1,000 that wake the checkpointer, about three times the limit.
        let body = String(repeating: "x", count: 4_000)
        try await database.transaction { tx in
            try await tx.insertRows("t", columns: ["id", "body"], rows: (0..<750).map { [.int(Int64($0)), .text(body)] }, suffix: "")
        }
        #expect(try Self.size(path + "-wal") > 2 * limit, "one transaction grew the log past the limit")
        let checkpoint = try await database.pool.writeWithoutTransaction { db in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
        let busy: Int? = checkpoint?[0]
        let log: Int? = checkpoint?[1]
        let copied: Int? = checkpoint?[2]
        #expect(busy == 0 && log != nil && log == copied, "every frame reached the database file")
        #expect(try Self.size(path + "-wal") > 2 * limit, "a checkpoint alone leaves the file as it was")
        try await database.execute("INSERT INTO t (id, body) VALUES (?, ?)", [.int(1_000), .text("after")])
        #expect(try Self.size(path + "-wal") <= limit, "the commit that started the log over cut the file back")
        let rows = try await database.query("SELECT count(*) AS n FROM t", [])
        #expect(rows.first?.int64("n") == 751)
        try await database.close()
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
