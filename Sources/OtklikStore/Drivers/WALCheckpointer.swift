import Foundation
import GRDB
import GRDBSQLite

/// Checkpoints a SQLite database's write-ahead log off the commit path. SQLite's own automatic checkpoint runs inside
/// the commit that takes the log past 1,000 pages: that commit copies the pages into the database file and syncs it,
/// about 7 ms here, while the writer's lock is held and every write queues behind it (the write profile, under single
/// POSTs: 1 % of the group commits, docs/benchmarks.md). Here the writer's commit hook (`sqlite3_wal_hook`, which
/// replaces the automatic checkpoint) only wakes a thread of this database's own, which checkpoints on a connection of
/// its own in SQLite's PASSIVE mode: it copies what no reader still needs, without waiting for or blocking the writer
/// or the readers. Should the log still hold ``inlinePages`` not yet copied (the thread fell behind), the committing
/// connection checkpoints itself as SQLite would. Durability is SQLite's either way: a checkpoint only moves committed
/// pages.
///
/// Both thresholds count the pages not yet copied, not the log's length: the hook reports the length, and while
/// readers keep overlapping (feed consumers read after every commit) the log cannot start over even once everything
/// in it was copied, so its length only grows — on a large database under load, to gigabytes (docs/benchmarks.md,
/// 2026-12-07). Compared with the length, every commit past 20,000 pages checkpointed itself under the writer's lock,
/// and every commit past 1,000 woke the thread for another checkpoint and another sync of the database file. The
/// pages copied are what the last checkpoint reported (`sqlite3_wal_checkpoint_v2`'s `pnCkpt`), until the log starts
/// over (the length reported falls).
final class WALCheckpointer: @unchecked Sendable {
    /// The pages not yet copied that wake the thread: SQLite's own automatic threshold.
    static let pages: CInt = 1_000
    /// The pages not yet copied at which the committing connection checkpoints itself.
    static let inlinePages: CInt = 20_000

    private let path: String
    private let wakePages: CInt
    private let inlinePages: CInt
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending = false
    private var stopped = false
    private var running = false
    private var finished: DispatchSemaphore?
    private var backgroundRuns = 0
    private var inlineRuns = 0
    /// The log's length and the pages of it copied, as the last checkpoint reported them.
    private var checkpointed: (log: CInt, copied: CInt) = (0, 0)
    /// The log's length after the previous commit.
    private var lastLength: CInt = 0
    /// How many times the log started over: a checkpoint that began before it reports on a log that is gone.
    private var restarts = 0

    /// - Parameters: `wakePages` and `inlinePages`: see ``pages`` and ``inlinePages`` (tests give smaller ones).
    init(path: String, wakePages: CInt = WALCheckpointer.pages, inlinePages: CInt = WALCheckpointer.inlinePages) {
        self.path = path
        self.wakePages = wakePages
        self.inlinePages = inlinePages
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

    /// The pages of a log `length` pages long that no checkpoint has copied yet, as far as this checkpointer knows.
    private func uncopiedLocked(length: CInt) -> CInt {
        length >= checkpointed.log ? length - checkpointed.copied : length
    }

    /// Keeps what a checkpoint begun in the log's `generation` (``restarts``) reported (-1: it did not run).
    private func noteCheckpoint(log: CInt, copied: CInt, generation: Int) {
        if log >= 0, copied >= 0, generation == restarts { checkpointed = (log, copied) }
    }

    /// After a commit that left the log `length` pages long.
    fileprivate func committed(length: CInt, connection: OpaquePointer?, schema: UnsafePointer<CChar>?) {
        condition.lock()
        if length < lastLength {
            // The log started over: nothing in it was copied yet.
            checkpointed = (0, 0)
            restarts += 1
        }
        let generation = restarts
        lastLength = length
        let waiting = uncopiedLocked(length: length)
        condition.unlock()
        if waiting >= inlinePages {
            let started = WriteProfile.enabled ? ContinuousClock.now : nil
            var log: CInt = -1
            var copied: CInt = -1
            sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
            if let started { WriteProfile.record("checkpoint in a commit", seconds: WriteProfile.seconds(since: started)) }
            condition.lock()
            noteCheckpoint(log: log, copied: copied, generation: generation)
            inlineRuns += 1
            condition.unlock()
        } else if waiting >= wakePages {
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
            let generation = restarts
            condition.unlock()
            let started = WriteProfile.enabled ? ContinuousClock.now : nil
            var log: CInt = -1
            var copied: CInt = -1
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
            if let started { WriteProfile.record("checkpoint on its thread", seconds: WriteProfile.seconds(since: started)) }
            condition.lock()
            noteCheckpoint(log: log, copied: copied, generation: generation)
            backgroundRuns += 1
            condition.unlock()
        }
    }
}

/// `sqlite3_wal_hook`'s callback: the checkpointer is its context.
private func walHook(_ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ schema: UnsafePointer<CChar>?, _ pages: CInt) -> CInt {
    guard let context else { return SQLITE_OK }
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(length: pages, connection: connection, schema: schema)
    return SQLITE_OK
}
