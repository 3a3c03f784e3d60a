import Foundation
import GRDB
import GRDBSQLite

/// Checkpoints a SQLite database's write-ahead log off the commit path. SQLite's own automatic checkpoint runs inside
/// the commit that takes the log past 1,000 pages: that commit copies the pages into the database file and syncs it,
/// about 7 ms here, while the writer's lock is held and every write queues behind it (the write profile, under single
/// POSTs: 1 % of the group commits, docs/benchmarks.md). Here the writer's commit hook (`sqlite3_wal_hook`, which
/// replaces the automatic checkpoint) only wakes a thread of this database's own, which checkpoints on a connection of
/// its own in SQLite's PASSIVE mode: it copies what no reader still needs, without waiting for or blocking the writer
/// or the readers. Should the log still reach ``inlinePages`` (the thread fell behind), the committing connection
/// checkpoints itself as SQLite would. Durability is SQLite's either way: a checkpoint only moves committed pages.
///
/// Both thresholds compare the log's length (what the hook reports), not the pages in it not yet copied. While readers
/// overlap (the feed's consumers read after every commit) the log cannot start over even once all of it is copied, so
/// on a large database under load its length passes 20,000 pages and every commit then checkpoints itself (most of
/// them find the thread's checkpoint running and return at once). Counting the pages not yet copied instead was tried
/// and measured worse (2026-12-07, docs/benchmarks.md): the commits' own checkpoints serialise the copying with the
/// commits; without them the thread copies alongside the commits and their log syncs stall longer. Both show in the
/// write profile (``WriteProfile``).
final class WALCheckpointer: @unchecked Sendable {
    /// The log's size, in pages, that wakes the thread: SQLite's own automatic threshold.
    static let pages: CInt = 1_000
    /// The log's size at which the committing connection checkpoints itself.
    static let inlinePages: CInt = 20_000

    private let path: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending = false
    private var stopped = false
    private var running = false
    private var finished: DispatchSemaphore?
    private var backgroundRuns = 0
    private var inlineRuns = 0

    init(path: String) {
        self.path = path
    }

    /// How many checkpoints the thread ran, and how many commits checkpointed themselves.
    var counts: (background: Int, inline: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (backgroundRuns, inlineRuns)
    }

    /// Makes `db`'s commits report the log's size to this checkpointer instead of checkpointing themselves.
    func install(on db: GRDB.Database) {
        sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// After a commit that left `pages` in the log.
    fileprivate func committed(pages: CInt, connection: OpaquePointer?, schema: UnsafePointer<CChar>?) {
        if pages >= Self.inlinePages {
            let started = WriteProfile.enabled ? ContinuousClock.now : nil
            sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if let started { WriteProfile.record("checkpoint in a commit", seconds: WriteProfile.seconds(since: started)) }
            condition.lock()
            inlineRuns += 1
            condition.unlock()
        } else if pages >= Self.pages {
            condition.lock()
            defer { condition.unlock() }
            guard !stopped else { return }
            pending = true
            if running {
                condition.signal()
            } else {
                // Started on first need: a database that never grows its log (most test databases) has no thread.
                running = true
                let done = DispatchSemaphore(value: 0)
                finished = done
                Thread.detachNewThread { [self] in
                    loop()
                    done.signal()
                }
            }
        }
    }

    /// Stops the thread (after the checkpoint it may be running) and closes its connection.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        let done = finished
        condition.unlock()
        done?.wait()
    }

    private func loop() {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            sqlite3_close_v2(connection)
            return
        }
        defer { sqlite3_close_v2(connection) }
        // Syncs the database file after copying, as the writer's FULL synchronous mode would.
        sqlite3_exec(connection, "PRAGMA synchronous = FULL", nil, nil, nil)
        while true {
            condition.lock()
            while !pending && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            pending = false
            condition.unlock()
            let started = WriteProfile.enabled ? ContinuousClock.now : nil
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if let started { WriteProfile.record("checkpoint on its thread", seconds: WriteProfile.seconds(since: started)) }
            condition.lock()
            backgroundRuns += 1
            condition.unlock()
        }
    }
}

/// `sqlite3_wal_hook`'s callback: the checkpointer is its context.
private func walHook(_ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ schema: UnsafePointer<CChar>?, _ pages: CInt) -> CInt {
    guard let context else { return SQLITE_OK }
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(pages: pages, connection: connection, schema: schema)
    return SQLITE_OK
}
