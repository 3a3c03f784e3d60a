import Foundation
import OtklikCore
import OtklikMetrics

/// The store's ordered log of what was written. Every write of client-id records appends one event per
/// transaction and stamps the rows with its position (``IdempotentInsert``); readers follow the feed from
/// their own position.
///
/// Positions become visible in order on both engines: SQLite has one writer; on PostgreSQL, where sequence
/// values commit out of order, an append first takes a transaction-scoped advisory lock, so appends are
/// serialised until commit and a reader at position N never later meets a smaller position.
public struct ChangeFeed: Sendable {
    let database: any SQLDatabase
    /// The advisory-lock key that serialises appends on PostgreSQL ("otklik feed").
    static let appendLock: Int64 = 0x6F746B_6665_6564

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The newest position (0 for an empty feed).
    public func head() async throws -> Int64 {
        try await database.query("SELECT COALESCE(MAX(position), 0) AS head FROM change_feed").first?.int64("head") ?? 0
    }

    /// Events after `position`, oldest first.
    public func events(after position: Int64, limit: Int) async throws -> [FeedEvent] {
        try await database.query(
            "SELECT position, kind, records, created_at FROM change_feed WHERE position > ? ORDER BY position LIMIT ?",
            [.int(position), .int(Int64(limit))]
        ).compactMap { row in
            guard let position = row.int64("position"), let kind = row.text("kind").flatMap(FeedEventKind.init(rawValue:)) else { return nil }
            return FeedEvent(
                position: position, kind: kind, records: Int(row.int64("records") ?? 0),
                createdAt: Date(timeIntervalSince1970: TimeInterval(row.int64("created_at") ?? 0) / 1000))
        }
    }

    /// How many rows one step of a reader takes at most by default: a streamed import writes one event per chunk of
    /// 20,000 rows, and 500 such events in one step would read ten million rows at once.
    public static let recordsPerStep = 20_000

    /// The events one step of a reader takes after `position`: at most `limit`, and none past the one that brings their
    /// rows above `records` (the first event is taken however many rows it has). `reachesHead`: no event is left after
    /// the last one returned, as far as this read knows (fewer than `limit` read and none left out for the bound).
    public func stepEvents(after position: Int64, limit: Int, records: Int = recordsPerStep) async throws -> (events: [FeedEvent], reachesHead: Bool) {
        let read = try await events(after: position, limit: limit)
        var taken = 0, rows = 0
        while taken < read.count, taken == 0 || rows + read[taken].records <= records {
            rows += read[taken].records
            taken += 1
        }
        return (Array(read.prefix(taken)), taken == read.count && read.count < limit)
    }

    /// How many more events one step of a reader that reads only some kinds passes over when its first `limit` events
    /// hold none of them (``stepEvents(after:limit:records:reading:)``): a position moved once over thousands of events
    /// of other kinds, not once every `limit` of them.
    public static let passedEventsPerStep = 5_000

    /// The events one step of a reader of rows of `kinds` only takes after `position`. As ``stepEvents(after:limit:records:)``,
    /// except that when the first `limit` events hold none of `kinds` (and follow `position` without a gap) the step goes
    /// on over the events after them up to the next one of `kinds`, at most ``passedEventsPerStep`` more: the reader
    /// reads nothing for them, so one transaction moves its position over them all. Under a stream of feedback, a
    /// consumer of case lines moved its position every 100 events, each time a write transaction with its own commit;
    /// now once a round. With `kinds` nil, the plain step.
    public func stepEvents(
        after position: Int64, limit: Int, records: Int = recordsPerStep, reading kinds: Set<FeedEventKind>?
    ) async throws -> (events: [FeedEvent], reachesHead: Bool) {
        let first = try await stepEvents(after: position, limit: limit, records: records)
        guard let kinds, let last = first.events.last, !first.reachesHead, first.events.first?.position == position + 1,
            !first.events.contains(where: { kinds.contains($0.kind) })
        else { return first }
        let further = try await events(after: last.position, limit: Self.passedEventsPerStep)
        let passed = further.prefix { !kinds.contains($0.kind) }
        return (first.events + passed, passed.count == further.count && further.count < Self.passedEventsPerStep)
    }

    /// The facts of the events after `position` (at most `limit` events, and about ``recordsPerStep`` rows: see
    /// ``stepEvents(after:limit:records:)``), each table's rows in feed order.
    public func batch(after position: Int64, limit: Int = 1_000) async throws -> FeedBatch {
        let events = try await stepEvents(after: position, limit: limit).events
        guard let last = events.last?.position else { return FeedBatch(through: position) }
        var batch = FeedBatch(through: last)
        // Positions are consecutive unless events were pruned (or a transaction rolled back after taking a number):
        // then the kinds of the missing events are unknown and every table is read for the stretch.
        let gap = events.first.map { $0.position != position + 1 } ?? false
        let kinds = gap ? Set(FeedEventKind.allCases) : Set(events.map(\.kind))
        func rows<R: StoredRecord>(_ type: R.Type) async throws -> [R] {
            try await database.query(
                "SELECT \(R.columns) FROM \(R.table) WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, id",
                [.int(position), .int(last)]
            ).map(R.init(row:))
        }
        if kinds.contains(.feedback) {
            // The facts as the engine loads them at start (``SQLFeedbackRepository/fact(_:)``): with the stored customer_id.
            batch.feedback = try await database.query(
                "SELECT \(SQLFeedbackRepository.factColumns) FROM feedback WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, id",
                [.int(position), .int(last)]
            ).map(SQLFeedbackRepository.fact)
        }
        if kinds.contains(.interactions) { batch.interactions = try await rows(Interaction.self) }
        if kinds.contains(.serviceRequests) { batch.serviceRequests = try await rows(ServiceRequest.self) }
        if kinds.contains(.agentStates) { batch.agentStates = try await rows(AgentStateInterval.self) }
        if kinds.contains(.reference) { batch.reference = try await ReferenceState.read(database) }
        return batch
    }

    /// Removes events older than `retention`, always keeping the newest (the head). The rows keep their positions, so
    /// a reader behind the pruned stretch still finds them (``batch(after:limit:)`` reads every table across a gap).
    @discardableResult
    public func prune(olderThan retention: TimeInterval, now: Date = Date()) async throws -> Int {
        let cutoff = Int64(((now.timeIntervalSince1970 - retention) * 1000).rounded())
        return try await database.transaction { tx in
            let head = try await tx.query("SELECT COALESCE(MAX(position), 0) AS head FROM change_feed").first?.int64("head") ?? 0
            return try await tx.query(
                "DELETE FROM change_feed WHERE created_at < ? AND position < ? RETURNING position", [.int(cutoff), .int(head)]
            ).count
        }
    }

    /// Appends one event for `records` rows of `kind` in the caller's transaction and returns its position.
    static func append(_ kind: FeedEventKind, records: Int, at time: Int64, in tx: any SQLExecutor) async throws -> Int64 {
        if tx.dialect == .postgres {
            _ = try await tx.query("SELECT 1 AS held FROM (SELECT pg_advisory_xact_lock(?)) AS lock", [.int(appendLock)])
        }
        let rows = try await tx.query(
            "INSERT INTO change_feed (kind, records, created_at) VALUES (?, ?, ?) RETURNING position",
            [.text(kind.rawValue), .int(Int64(records)), .int(time)])
        guard let position = rows.first?.int64("position") else { throw StoreError.missingColumn("position") }
        if !kind.carriesEngineFacts { LocalCommits.appending?.add(position, .factless) }
        return position
    }

    /// This process's committed events the analytics engine need not read back (``LocalCommits``).
    public var localCommits: LocalCommits { database.localCommits }
}
