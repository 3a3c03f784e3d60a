import Foundation
import OtklikCore

/// One step of a durable consumer that follows the feedback written to the change feed (``FeedStep``): the rows it
/// reads are the feedback of the stretch with each record's time of receipt — from ``RecentFeedbackWrites`` when this
/// process committed every feedback event of the stretch, else from the store.
enum FeedbackFeedStep {
    /// Which stored feedback a consumer needs: an SQL condition on the rows, and the same test on a record in memory.
    struct Needs: Sendable {
        var sql: String
        var keeps: @Sendable (Feedback, Date) -> Bool

        static let all = Needs(sql: "1 = 1") { _, _ in true }
    }

    /// Runs one step over at most `limit` events holding about `records` rows (``FeedStep/run(consumer:limit:records:database:following:reading:now:idle:read:work:)``);
    /// `work` returns how many items it produced. Returns that count and whether the consumer has reached the feed's head.
    /// - Parameter needs: the feedback rows the consumer needs (the others are not read).
    static func run(
        consumer: String, limit: Int, records: Int = ChangeFeed.recordsPerStep, database: any SQLDatabase, recent: RecentFeedbackWrites?,
        needs: Needs = .all,
        work: @escaping @Sendable ([(feedback: Feedback, receivedAt: Date)], any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, records: records, database: database, reading: [.feedback], idle: { $0.isEmpty }, read: { stretch in
            guard stretch.mayHold(.feedback) else { return [] }
            if let remembered = recent?.rows(of: stretch) { return remembered.filter { needs.keeps($0.feedback, $0.receivedAt) } }
            return try await database.query(
                "SELECT \(Feedback.columns) FROM feedback WHERE feed_position > ? AND feed_position <= ? AND (\(needs.sql)) ORDER BY feed_position, id",
                [.int(stretch.from), .int(stretch.through)]
            ).map { row in
                (try Feedback(row: row), Date(timeIntervalSince1970: TimeInterval(row.int64("received_at") ?? 0) / 1000))
            }
        }, work: work)
    }
}
