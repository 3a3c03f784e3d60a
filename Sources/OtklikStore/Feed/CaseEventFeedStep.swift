import Foundation

/// One step of a durable consumer that follows case history lines on the change feed (``FeedEventKind/caseEvents``):
/// a case opened, resolved, reopened, escalated, breached… (``FeedStep``: at least once, all or nothing per step).
public enum CaseEventFeedStep {
    /// Runs one step over at most `limit` events; `work` returns how many items it produced. Returns that count and
    /// whether the consumer has reached the feed's head.
    public static func run(
        consumer: String, limit: Int, database: any SQLDatabase,
        work: @escaping @Sendable ([CaseFeedEntry], any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, database: database, reading: [.caseEvents], idle: { $0.isEmpty }, read: { stretch in
            stretch.mayHold(.caseEvents) ? try await ChangeFeed(database: database).caseEvents(after: stretch.from, through: stretch.through) : []
        }, work: work)
    }
}
