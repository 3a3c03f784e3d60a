import Foundation
@testable import OtklikStore
import Testing

/// A transaction whose task is cancelled half-way (a request whose client went away) rolls back and leaves the
/// writer free: the next write of the process succeeds, and nothing of the cancelled one is stored.
@Suite struct SQLiteTransactionCancellationTests {
    @Test func aCancelledTransactionRollsBackAndTheNextWriteSucceeds() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-cancel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.sqlite").path)
        try await database.execute("CREATE TABLE t (x INTEGER)", [])
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            try await database.transaction { tx in
                try await tx.execute("INSERT INTO t (x) VALUES (1)", [])
                started.continuation.yield()
                try await Task.sleep(for: .seconds(30))
                return 0
            }
        }
        for await _ in started.stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        try await database.execute("INSERT INTO t (x) VALUES (2)", [])
        let rows = try await database.query("SELECT x FROM t ORDER BY x", [])
        #expect(rows.compactMap { $0.int64("x") } == [2])
    }
}
