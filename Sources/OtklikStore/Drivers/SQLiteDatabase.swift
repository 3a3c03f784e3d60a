import COtklikSQLite
import Foundation
import GRDB
import GRDBSQLite

/// SQLite through GRDB: a WAL `DatabasePool` with durable commits (`synchronous=FULL`).
///
/// Reads run concurrently on the pool's readers. Writes and transactions are serialised by an async
/// lock and run on the pool's single writer connection, statement by statement, so a transaction
/// body can await between statements like it does on PostgreSQL. Inside a transaction only `COMMIT` (which waits for
/// the disk) is handed to the writer's own queue, and `BEGIN IMMEDIATE` when another process holds SQLite's write lock
/// (``begin()``); the statements run on the calling thread: the lock is held, so none of them waits, and a group's
/// write is one thread hop rather than one per statement.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    public let path: String
    let pool: DatabasePool
    private let writeLock = AsyncSerialLock()
    /// Checkpoints the write-ahead log on a thread of its own instead of inside a commit.
    let checkpointer: WALCheckpointer
    public let localCommits = LocalCommits()

    public var displayName: String { "sqlite:\(path)" }

    /// The size, in bytes, the write-ahead log file is cut back to once it starts over (SQLite's `journal_size_limit`;
    /// 64 MiB): an import in one transaction, or a burst of writes the checkpoints could not keep up with, grows the
    /// file to gigabytes (3.9 GB after a 10 M-request import, docs/benchmarks.md), and SQLite otherwise keeps it that
    /// size, reusing it, for as long as the database is open. Under a steady load the log stays well below it (33-45 MB
    /// at 3,700 POSTs a second), so it is not cut and grown again commit after commit.
    public static let logSizeLimit = 64 << 20

    /// - Parameter logSizeLimit: see ``logSizeLimit`` (tests give a smaller one).
    public init(path: String, logSizeLimit: Int = SQLiteDatabase.logSizeLimit) throws {
        _ = Self.processSettings
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(TimeInterval(Self.busyMilliseconds) / 1000)
        let checkpointer = WALCheckpointer(path: path)
        self.checkpointer = checkpointer
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA journal_size_limit = \(logSizeLimit)")
            checkpointer.install(on: db)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// SQLite's process-wide settings, made once before this process opens its first connection: memory-usage
    /// statistics off (``otklik_sqlite_memstatus_off()``; nothing in Otklik reads them), so an allocation no longer
    /// takes SQLite's global mutex to count itself — SQLite's own advice for speed (its compile-time option
    /// `SQLITE_DEFAULT_MEMSTATUS=0`). The result is SQLite's code: `SQLITE_MISUSE` when something in the process opened a
    /// connection first (GRDB without this type), which leaves the statistics on and everything else as it was.
    static let processSettings: CInt = otklik_sqlite_memstatus_off()

    /// Lets the writer connection's page cache grow to `mebibytes` (SQLite's default is 2 MiB): a bulk import in one
    /// transaction then keeps its pages in memory instead of spilling them to the WAL and reading them back. For a
    /// command-line import, whose process ends with it; the server keeps the default.
    public func growWriterCache(mebibytes: Int) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(mebibytes * 1024)") }
    }

    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await pool.read { db in try Self.fetch(db, sql, binds) }
    }

    public func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        try await transaction { try await $0.execute(sql, binds) }
    }

    /// Runs `body` in a write transaction under the process's writer lock. The lock is handed on from the writer's own
    /// queue as soon as `COMMIT` is done: the next transaction begins while this task waits for a thread of Swift's pool
    /// to return on (with an actor's lock, that wait, a hop to the actor and the next holder's wake-up all came between
    /// two commits).
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        let asked = WriteProfile.enabled ? ContinuousClock.now : nil
        await writeLock.acquire()
        let held = asked.map { _ in ContinuousClock.now }
        do {
            try await begin()
            let (result, appended) = try await localCommits.collecting { try await body(Writer(pool: pool)) }
            let committing = held.map { _ in ContinuousClock.now }
            let lock = writeLock
            let local = localCommits
            // Returns normally only once the lock is released: a throw (the commit failed, or the task was cancelled
            // before the access began) leaves it to the rollback below. Its feed events are published before the next
            // transaction can begin, so an engine reaching that one's event finds them.
            let committed = try await pool.writeWithoutTransaction { db -> ContinuousClock.Instant in
                try db.execute(sql: "COMMIT")
                let now = ContinuousClock.now
                local.publish(appended)
                lock.release()
                return now
            }
            if let asked, let held, let committing {
                WriteProfile.record(WriteProfile.Sample(
                    wait: WriteProfile.seconds(asked.duration(to: held)), hold: WriteProfile.seconds(held.duration(to: committed)),
                    commit: WriteProfile.seconds(committing.duration(to: committed))))
            }
            return result
        } catch {
            // In a task of its own, which a cancellation does not reach: GRDB starts no access for a cancelled task
            // (a request whose client went away), and a transaction left open would refuse every later write of the
            // process ("cannot start a transaction within a transaction").
            await Task {
                try? await self.pool.writeWithoutTransaction { db in
                    if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
                }
            }.value
            writeLock.release()
            throw error
        }
    }

    /// How long a statement waits for another process's lock on the database before it fails.
    static let busyMilliseconds: Int32 = 10_000

    /// Begins a write transaction. On the calling thread when SQLite's write lock is free, as it is unless another
    /// process writes to the same file (this process's writers are already serialised by `writeLock`): handing it to
    /// the writer's queue and coming back took 0.15 ms of each feedback group commit's hold of the lock (p99 1.1 ms),
    /// about a sixth of the writer's time at 2,800 POSTs a second (the write profile, docs/benchmarks.md). When the lock
    /// is taken, the wait for it (up to the busy timeout) happens on the writer's queue, not on a thread of Swift's
    /// cooperative pool.
    private func begin() async throws {
        if try Self.beginUnlessBusy(pool) { return }
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    }

    /// `BEGIN IMMEDIATE` on the calling thread (GRDB's synchronous writer access), without waiting: false when another
    /// process holds the write lock.
    private static func beginUnlessBusy(_ pool: DatabasePool) throws -> Bool {
        try pool.writeWithoutTransaction { db -> Bool in
            // A closed database has no connection: the statement throws GRDB's error (SQLite given a null handle
            // crashed the process).
            guard let connection = db.sqliteConnection else {
                try db.execute(sql: "BEGIN IMMEDIATE")
                return true
            }
            sqlite3_busy_timeout(connection, 0)
            defer { sqlite3_busy_timeout(connection, busyMilliseconds) }
            do {
                try db.execute(sql: "BEGIN IMMEDIATE")
                return true
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return false
            }
        }
    }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY || error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
    }

    /// Closes the pool on a thread of its own: GRDB's `close()` waits for every reader to be given back, and a reader may
    /// be held by a task that needs one of Swift's cooperative threads to finish (a feed consumer nudged just before).
    /// Waiting on a cooperative thread deadlocked a two-core test run once both of them did it.
    public func close() async throws {
        let pool = pool
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread { [checkpointer] in
                do {
                    try pool.close()
                    checkpointer.stop()
                    continuation.resume()
                } catch {
                    checkpointer.stop()
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The writer connection while a transaction is open: it reads its own writes. Its statements run on the calling
    /// thread (GRDB's synchronous access to the writer's serial queue, which runs the block in place when the queue is
    /// idle, as it is while this process holds the transaction's lock), not as an awaited hop to the writer's thread:
    /// each hop was a pair of thread switches, and a group's write has six statements or more (measured with
    /// `scripts/bench-post-cpu`, docs/benchmarks.md).
    struct Writer: SQLExecutor {
        let pool: DatabasePool
        var dialect: SQLDialect { .sqlite }

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try Self.inPlace(pool) { db in try SQLiteDatabase.fetch(db, sql, binds) }
        }

        func execute(_ sql: String, _ binds: [SQLValue]) async throws {
            try Self.inPlace(pool) { db in
                if SQLiteDatabase.isCacheable(sql) {
                    try db.cachedStatement(sql: sql).execute(arguments: SQLiteDatabase.arguments(binds))
                } else {
                    try db.execute(sql: sql, arguments: SQLiteDatabase.arguments(binds))
                }
            }
        }

        /// Row by row with one prepared statement (kept in the connection's statement cache), all in one access: what
        /// SQLite does fastest (no multi-row statement of thousands of values to parse for every batch).
        func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String) async throws {
            guard !rows.isEmpty else { return }
            let sql = SQLiteDatabase.insertStatement(table, columns: columns, suffix: suffix)
            try Self.inPlace(pool) { db in
                _ = try SQLiteRowBinding.run(db.cachedStatement(sql: sql), rows: rows, in: db, returning: false)
            }
        }

        func insertRows(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String, returning: String) async throws -> [SQLRow] {
            guard !rows.isEmpty else { return [] }
            if let reported = SQLiteDatabase.boundReturning(returning, columns: columns, suffix: suffix) {
                let sql = SQLiteDatabase.insertStatement(table, columns: columns, suffix: suffix)
                return try Self.inPlace(pool) { db in
                    try SQLiteRowBinding.runReportingStored(db.cachedStatement(sql: sql), rows: rows, in: db, reported: reported.positions, names: reported.names)
                }
            }
            let sql = SQLiteDatabase.insertStatement(table, columns: columns, suffix: suffix + " RETURNING " + returning)
            return try Self.inPlace(pool) { db in try SQLiteRowBinding.run(db.cachedStatement(sql: sql), rows: rows, in: db, returning: true) }
        }

        /// GRDB's synchronous writer access (a synchronous context picks it over the async one).
        private static func inPlace<T>(_ pool: DatabasePool, _ body: (GRDB.Database) throws -> T) throws -> T {
            try pool.writeWithoutTransaction(body)
        }
    }

    /// A short single statement is prepared once per connection and kept (GRDB's statement cache): preparing and
    /// authorising it again on every request took about 4 % of a server's time under single-feedback POSTs. Long
    /// statements — the multi-row inserts, whose text changes with the batch size — are prepared each time so the cache
    /// stays small.
    static func isCacheable(_ sql: String) -> Bool {
        sql.utf8.count <= 1_500 && !sql.utf8.contains(UInt8(ascii: ";"))
    }

    /// Where the `returning` columns of a row-by-row insert are among the values it binds, and its `suffix` stores a row
    /// as bound or not at all (none, or `ON CONFLICT … DO NOTHING`): their positions among `columns` and their
    /// lower-cased names, so the insert reports a stored row from its bound values instead of a `RETURNING` clause. Nil
    /// for anything else (an `ON CONFLICT … DO UPDATE`, a column the database fills in), which keeps `RETURNING`.
    static func boundReturning(_ returning: String, columns: [String], suffix: String) -> (positions: [Int], names: [String])? {
        let clause = suffix.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard clause.isEmpty || (clause.hasPrefix("ON CONFLICT") && clause.hasSuffix("DO NOTHING") && !clause.contains("DO UPDATE")) else { return nil }
        let inserted = columns.map { $0.lowercased() }
        let names = returning.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var positions: [Int] = []
        for name in names {
            guard let position = inserted.firstIndex(of: name) else { return nil }
            positions.append(position)
        }
        return names.isEmpty ? nil : (positions, names)
    }

    /// A one-row insert of `columns` into `table`.
    static func insertStatement(_ table: String, columns: [String], suffix: String) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
            + SQLMarks.list(columns.count) + ") " + suffix
    }

    static func fetch(_ db: GRDB.Database, _ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        let cursor = try isCacheable(sql)
            ? Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments(binds))
            : Row.fetchCursor(db, sql: sql, arguments: arguments(binds))
        return try rows(of: cursor)
    }

    static func fetch(_ statement: Statement, arguments: StatementArguments) throws -> [SQLRow] {
        try rows(of: Row.fetchCursor(statement, arguments: arguments))
    }

    static func rows(of cursor: RowCursor) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var columns: [String]?
        while let row = try cursor.next() {
            let names = columns ?? row.columnNames.map { $0.lowercased() }
            columns = names
            rows.append(SQLRow(columns: names, values: (0..<row.count).map { value(row[$0] as DatabaseValue) }))
        }
        return rows
    }

    /// The values as GRDB binds them, through its initialiser of optional existentials: its other one, for a sequence
    /// of concrete values, is not specialised across modules and looks a key path up for every value (measured
    /// 2026-12-05: 7 % of a server's time under batches of feedback; this form gave +3-8 % records/s). The row-by-row
    /// inserts bind without GRDB's arguments at all (``SQLiteRowBinding``).
    static func arguments(_ binds: [SQLValue]) -> StatementArguments {
        StatementArguments(binds.map { bind -> (any DatabaseValueConvertible)? in
            switch bind {
            case .null: DatabaseValue.null
            case .int(let v): v.databaseValue
            case .double(let v): v.databaseValue
            case .text(let v): v.databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .int(v)
        case .double(let v): .double(v)
        case .string(let v): .text(v)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }
}
