import Foundation
import GRDBSQLite
@testable import OtklikStore
import Testing

/// SQLite's memory-usage statistics are off in every process that opens its databases through ``SQLiteDatabase``
/// (their global mutex taken on every allocation SQLite makes): the setting is made before the first connection.
@Suite struct SQLiteProcessSettingsTests {
    @Test func memoryStatisticsAreOffBeforeTheFirstConnection() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.sqlite").path)
        try await database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT)", [])
        try await database.transaction { tx in
            try await tx.insertRows("t", columns: ["id", "label"], rows: (1...500).map { [.int(Int64($0)), .text(String(repeating: "x", count: 200))] })
        }
        let stored = try await database.query("SELECT count(*) AS n FROM t", []).first?.int64("n")
        #expect(stored == 500)
        // Every connection in the test process is opened after a SQLiteDatabase: the setting took.
        #expect(SQLiteDatabase.processSettings == SQLITE_OK)
        // With the statistics on, the open connections' caches and statements alone count hundreds of kilobytes.
        #expect(sqlite3_memory_used() == 0)
        try await database.close()
    }
}
