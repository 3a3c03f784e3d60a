import Foundation
import GRDB
@testable import OtklikStore
import Testing

/// A write transaction begins on the calling thread when SQLite's write lock is free, and waits for it on the writer's
/// queue when another process holds it (``SQLiteDatabase``'s `begin()`): the write is neither refused at once nor lost.
@Suite struct SQLiteBeginTests {
    @Test func aTransactionWaitsForAnotherProcesssWriteLockAndThenCommits() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-begin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        let database = try SQLiteDatabase(path: path)
        try await database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)", [])
        try await database.execute("INSERT INTO t (id) VALUES (1)", [])
        // Another process's connection: a queue of its own on the same file, holding the write lock.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (2)") }
        let write = Task { try await database.transaction { tx in try await tx.execute("INSERT INTO t (id) VALUES (3)", []) } }
        try await Task.sleep(for: .milliseconds(300))
        let rowsWhileLocked = try await database.query("SELECT count(*) AS n FROM t", []).first?.int64("n")
        #expect(rowsWhileLocked == 1, "the transaction waits for the lock")
        try await other.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        try await write.value
        let ids = try await database.query("SELECT id FROM t ORDER BY id", []).compactMap { $0.int64("id") }
        #expect(ids == [1, 2, 3])
        // The busy timeout is the configured one again after a begin (the first attempt does not wait).
        let timeout = try await database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(timeout == Int(SQLiteDatabase.busyMilliseconds))
        try await other.close()
        try await database.close()
    }

    /// A write after the database is closed is refused with an error (the first attempt's busy timeout was set on a
    /// null handle once: the process crashed).
    @Test func aTransactionAfterCloseThrows() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-begin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.sqlite").path)
        try await database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)", [])
        try await database.close()
        await #expect(throws: (any Error).self) {
            try await database.transaction { tx in try await tx.execute("INSERT INTO t (id) VALUES (1)", []) }
        }
    }
}
