import Foundation
import OtklikCore
import OtklikMetrics

/// One step of a durable consumer that copies the analytics fact of every stored feedback record, with the record's id,
/// to a store outside this database (the ClickHouse analytics backend). The copy is sent outside any transaction (a
/// request to another server must not hold SQLite's writer lock), and the consumer's position moves only after it
/// was accepted: at least once, so the receiver de-duplicates by id.
///
/// The consumer's first step (no position stored for it yet) copies every row written up to the feed's head — rows
/// older than the change feed, which have no position, and rows whose events were pruned included — `chunk` rows per
/// delivery in time order, then moves the position from 0 to that head. Later steps follow the feed, `limit` events
/// at a time. Stored feedback never changes its fact columns after the write (an erasure removes contacts, names and
/// identities, none of which is a fact), so what was copied stays true.
public enum FeedbackFactExport {
    /// A fact and the id of the record it came from.
    public struct Item: Sendable, Equatable {
        public var id: String
        public var fact: FeedbackFact
    }

    /// Runs one step; `deliver` is called with at most `chunk` items at a time. Returns how many items were delivered
    /// and whether the consumer reached the feed's head.
    public static func step(
        consumer: String, limit: Int, chunk: Int, database: any SQLDatabase, deliver: ([Item]) async throws -> Void
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let started = try await !database.query("SELECT position FROM feed_consumers WHERE name = ?", [.text(consumer)]).isEmpty
        guard started else { return (try await copyAll(consumer: consumer, chunk: chunk, database: database, deliver: deliver), false) }
        return try await FeedStep.run(
            consumer: consumer, limit: limit, database: database, reading: [.feedback], idle: { $0 == 0 },
            read: { stretch in
                guard stretch.mayHold(.feedback) else { return 0 }
                let rows = try await database.query(
                    "SELECT \(SQLFeedbackRepository.factColumns) FROM feedback WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, id",
                    [.int(stretch.from), .int(stretch.through)])
                var start = 0
                while start < rows.count {
                    let end = min(start + chunk, rows.count)
                    try await deliver(rows[start..<end].map(item))
                    start = end
                }
                return rows.count
            },
            work: { delivered, _ in delivered })
    }

    /// The first step: every row up to the feed's head, then the position moves there from 0.
    private static func copyAll(
        consumer: String, chunk: Int, database: any SQLDatabase, deliver: ([Item]) async throws -> Void
    ) async throws -> Int {
        let head = try await ChangeFeed(database: database).head()
        var copied = 0
        try await database.keysetScan(
            table: "feedback", columns: SQLFeedbackRepository.factColumns, timeColumn: "ts", size: chunk, upTo: head
        ) { rows in
            try await deliver(rows.map(item))
            copied += rows.count
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try await database.transaction { tx in try await FeedConsumerPositions.advance(consumer, from: 0, to: head, at: now, in: tx) }
        return copied
    }

    private static func item(_ row: SQLRow) -> Item {
        Item(id: row.values[1].text ?? "", fact: SQLFeedbackRepository.fact(row))
    }
}
