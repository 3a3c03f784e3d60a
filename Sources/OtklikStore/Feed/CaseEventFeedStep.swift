import Foundation

/// One step of a durable consumer that follows case history lines on the change feed (``FeedEventKind/caseEvents``):
/// a case opened, resolved, reopened, escalated, breached… It reads the consumer's position, the next events and the
/// lines they wrote (outside any transaction: committed lines never change), then, in one transaction, does the
/// consumer's work and moves its position from the one it read — as ``FeedbackFeedStep`` does for feedback. At least
/// once: a crash before the commit leaves nothing behind and the lines are read again; a step that lost a race to
/// another process rolls back whole.
public enum CaseEventFeedStep {
    /// Runs one step over at most `limit` events; `work` returns how many items it produced. Returns that count and
    /// whether the consumer has reached the feed's head.
    public static func run(
        consumer: String, limit: Int, database: any SQLDatabase,
        work: @escaping @Sendable ([CaseFeedEntry], any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let feed = ChangeFeed(database: database)
        let from = try await FeedConsumerPositions(database: database).position(of: consumer)
        let events = try await feed.events(after: from, limit: limit)
        guard let through = events.last?.position else { return (0, true) }
        // Across a gap (pruned events) the kinds are unknown: the history lines are read for the stretch.
        let gap = events.first?.position != from + 1
        let entries = gap || events.contains { $0.kind == .caseEvents } ? try await feed.caseEvents(after: from, through: through) : []
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let handled = try await database.transaction { tx in
            let handled = try await work(entries, tx)
            try await FeedConsumerPositions.advance(consumer, from: from, to: through, at: now, in: tx)
            return handled
        }
        return (handled, events.count < limit)
    }
}
