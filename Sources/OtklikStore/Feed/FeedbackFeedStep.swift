import Foundation
import OtklikCore

/// One step of a durable consumer that follows the feedback written to the change feed (``FeedStep``): the rows it
/// reads are the feedback of the stretch with each record's time of receipt.
enum FeedbackFeedStep {
    /// Runs one step over at most `limit` events; `work` returns how many items it produced. Returns that count and
    /// whether the consumer has reached the feed's head.
    /// - Parameter condition: an SQL condition on the feedback rows the consumer needs (the others are not read).
    static func run(
        consumer: String, limit: Int, database: any SQLDatabase, condition: String = "1 = 1",
        work: @escaping @Sendable ([(feedback: Feedback, receivedAt: Date)], any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, database: database, read: { stretch in
            guard stretch.mayHold(.feedback) else { return [] }
            return try await database.query(
                "SELECT \(Feedback.columns) FROM feedback WHERE feed_position > ? AND feed_position <= ? AND (\(condition)) ORDER BY feed_position, id",
                [.int(stretch.from), .int(stretch.through)]
            ).map { row in
                (try Feedback(row: row), Date(timeIntervalSince1970: TimeInterval(row.int64("received_at") ?? 0) / 1000))
            }
        }, work: work)
    }
}
