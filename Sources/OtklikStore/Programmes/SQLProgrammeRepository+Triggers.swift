import Foundation
import OtklikCore

extension SQLProgrammeRepository {
    /// One step of the `programmes` durable feed consumer: the detractor answers (0-6 from a known customer) written in
    /// the next stretch of the feed trigger every active `detractor_answer` programme created before them, and the
    /// position moves in the same transaction. It trails `leader` (the case-opening consumer), so a detractor's complaint
    /// case exists before a programme looks for it. Replays find each trigger's stored action and do nothing.
    public func triggerFromFeed(
        consumer: String, following leader: String?, limit: Int, organisationZone: TimeZone, now: Date = Date()
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let positions = FeedConsumerPositions(database: database)
        let from = try await positions.position(of: consumer)
        let events = try await ChangeFeed(database: database).events(after: from, limit: limit)
        guard let last = events.last?.position else { return (0, true) }
        var leading = last
        if let leader { leading = min(last, try await positions.position(of: leader)) }
        let through = leading
        guard through > from else { return (0, true) }
        let programmes = try await programmes().filter { $0.programme.status == .active && $0.programme.trigger == .detractorAnswer }
        var rows: [SQLRow] = []
        if !programmes.isEmpty {
            rows = try await database.query(
                """
                SELECT id, customer_id, ts, received_at FROM feedback
                WHERE feed_position > ? AND feed_position <= ? AND nps <= 6 AND customer_id IS NOT NULL ORDER BY feed_position, id
                """, [.int(from), .int(through)])
        }
        let answers = rows
        let handled = try await database.transaction { tx in
            var handled = 0
            for stored in programmes {
                for row in answers where (row.int64("received_at") ?? 0) >= Self.ms(stored.createdAt) {
                    guard let id = row.text("id"), let customer = row.text("customer_id") else { continue }
                    let event = ProgrammeTriggerEvent(key: "feedback:\(id)", customer: customer, at: Self.date(row.int64("ts")) ?? now)
                    _ = try await Self.trigger(stored.programme, event: event, organisationZone: organisationZone, now: now, in: tx)
                    handled += 1
                }
            }
            try await FeedConsumerPositions.advance(consumer, from: from, to: through, at: Self.ms(now), in: tx)
            return handled
        }
        // Caught up at the head, or held back by the leader (the next round goes on when it has moved).
        return (handled, through < last || events.count < limit)
    }

    /// A round over the cases for the case triggers (cases are not in the change feed): each complaint case resolved,
    /// and each open case past its deadline, since the programme was created, triggers the active programmes on it once
    /// (the action's unique key `case_resolved:ID` / `case_overdue:ID`).
    @discardableResult
    public func triggerFromCases(organisationZone: TimeZone, now: Date = Date(), limit: Int = 200) async throws -> Int {
        var handled = 0
        for stored in try await programmes() where stored.programme.status == .active {
            let prefix: String, condition: String, time: String
            switch stored.programme.trigger {
            case .detractorAnswer: continue
            case .complaintResolved:
                (prefix, time) = ("case_resolved:", "c.resolved_at")
                condition = "c.status IN ('resolved', 'closed') AND c.kind = 'complaint' AND c.resolved_at >= ?"
            case .caseOverdue:
                (prefix, time) = ("case_overdue:", "c.due_at")
                condition = "c.status IN ('new', 'in_progress', 'waiting_for_customer') AND c.due_at >= ? AND c.due_at < \(Self.ms(now))"
            }
            let rows = try await database.query(
                """
                SELECT c.id, f.customer_id, \(time) AS at FROM cases c JOIN feedback f ON f.id = c.feedback_id
                WHERE f.customer_id IS NOT NULL AND \(condition)
                  AND NOT EXISTS (SELECT 1 FROM programme_actions a WHERE a.programme_code = ? AND a.trigger_key = ? || c.id)
                ORDER BY \(time), c.id LIMIT ?
                """, [.int(Self.ms(stored.createdAt)), .text(stored.programme.code), .text(prefix), .int(Int64(limit))])
            for row in rows {
                guard let id = row.text("id"), let customer = row.text("customer_id") else { continue }
                let event = ProgrammeTriggerEvent(key: prefix + id, customer: customer, at: Self.date(row.int64("at")) ?? now)
                _ = try await trigger(stored.programme, event: event, organisationZone: organisationZone, now: now)
                handled += 1
            }
        }
        return handled
    }
}
