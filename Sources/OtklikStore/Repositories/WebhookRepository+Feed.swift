import Foundation
import OtklikCore
import OtklikInterchange

extension SQLWebhookRepository {
    public func claimDue(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [PendingDelivery] {
        // From the later of `now` and the clock: a round that began long ago still claims for the full time.
        let until = Self.ms(max(now, Date()).addingTimeInterval(seconds))
        return try await database.transaction { tx in
            try await ItemClaim.claim(
                "webhook_deliveries", key: "message_id, webhook_id", due: "status = 'pending' AND next_attempt_at <= ?",
                binds: [.int(Self.ms(now))], order: "next_attempt_at, message_id", holder: holder, until: until, now: Self.ms(now),
                limit: limit, in: tx)
            return try await tx.query(
                """
                SELECT d.message_id, d.webhook_id, d.attempts, w.url, w.secret, o.payload, o.created_at
                FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.message_id
                WHERE d.status = 'pending' AND d.claimed_by = ? AND d.claimed_until = ? ORDER BY d.next_attempt_at, d.message_id
                """, [.text(holder), .int(until)]
            ).map(Self.pending(row:))
        }
    }

    public func release(_ delivery: PendingDelivery, holder: String) async throws {
        try await database.execute(
            "UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE message_id = ? AND webhook_id = ? AND claimed_by = ?",
            [.text(delivery.messageId), .text(delivery.webhookId), .text(holder)])
    }

    public func queueFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        // The feedback is read only while a live webhook may subscribe to it (the queueing checks exactly).
        let listened = "EXISTS (SELECT 1 FROM webhooks WHERE disabled_at IS NULL AND (event_types LIKE '%feedback.received%' OR event_types LIKE '%*%'))"
        // Read from the store, not from memory: with no live webhook listening, the condition reads no row at all.
        let needs = FeedbackFeedStep.Needs(sql: listened) { _, _ in true }
        let step = try await FeedbackFeedStep.run(consumer: consumer, limit: limit, database: database, recent: nil, needs: needs) { written, tx in
            let type = "feedback.received"
            // Feedback received together is one event time, as when the events were queued in the write itself.
            var groups: [(receivedAt: Date, feedback: [Feedback])] = []
            for item in written {
                if let last = groups.last, last.receivedAt == item.receivedAt {
                    groups[groups.count - 1].feedback.append(item.feedback)
                } else {
                    groups.append((item.receivedAt, [item.feedback]))
                }
            }
            for group in groups {
                try await Outbox.enqueue(
                    type: type, events: group.feedback.map(FeedbackWebhookData.init), ids: group.feedback.map { Outbox.messageID(type: type, about: $0.id) },
                    at: group.receivedAt, tx)
            }
            return written.count
        }
        return (step.handled, step.caughtUp)
    }
}
