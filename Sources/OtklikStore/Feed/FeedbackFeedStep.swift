import Foundation
import OtklikCore

/// One step of a durable consumer that follows the feedback written to the change feed. It reads the consumer's
/// position, the next events and the feedback they wrote with each record's time of receipt (outside any
/// transaction: committed rows at those positions never change), then, in one transaction, does the consumer's work
/// and moves its position from the one it read (``FeedConsumerPositions/advance(_:from:to:at:in:)``). A crash between
/// the read and the commit leaves nothing behind; a step that lost a race to another process rolls back whole.
enum FeedbackFeedStep {
    /// Runs one step over at most `limit` events; `work` returns how many items it produced. Returns that count and
    /// whether the consumer has reached the feed's head.
    /// - Parameter condition: an SQL condition on the feedback rows the consumer needs (the others are not read).
    static func run(
        consumer: String, limit: Int, database: any SQLDatabase, condition: String = "1 = 1",
        work: @escaping @Sendable ([(feedback: Feedback, receivedAt: Date)], any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let from = try await FeedConsumerPositions(database: database).position(of: consumer)
        let events = try await ChangeFeed(database: database).events(after: from, limit: limit)
        guard let through = events.last?.position else { return (0, true) }
        // Across a gap (pruned events) the kinds are unknown: the feedback table is read for the stretch.
        let gap = events.first?.position != from + 1
        var written: [(feedback: Feedback, receivedAt: Date)] = []
        if gap || events.contains(where: { $0.kind == .feedback }) {
            written = try await database.query(
                "SELECT \(Feedback.columns) FROM feedback WHERE feed_position > ? AND feed_position <= ? AND (\(condition)) ORDER BY feed_position, id",
                [.int(from), .int(through)]
            ).map { row in
                (try Feedback(row: row), Date(timeIntervalSince1970: TimeInterval(row.int64("received_at") ?? 0) / 1000))
            }
        }
        let records = written
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let handled = try await database.transaction { tx in
            let handled = try await work(records, tx)
            try await FeedConsumerPositions.advance(consumer, from: from, to: through, at: now, in: tx)
            return handled
        }
        return (handled, events.count < limit)
    }
}
