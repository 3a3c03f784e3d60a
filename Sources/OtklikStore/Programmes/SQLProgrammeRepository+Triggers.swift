import Foundation
import OtklikCore

extension SQLProgrammeRepository {
    /// One step of the `programmes` durable feed consumer: in the next stretch of the feed, the detractor answers (0-6
    /// from a known customer) trigger every active `detractor_answer` programme created before them, the promoter
    /// answers (9-10) every `promoter_answer` one, and the case
    /// history lines (``CaseFeedEntry``) the case programmes — a complaint case `resolved` triggers `complaint_resolved`,
    /// a case `breached` (past its deadline) `case_overdue` — each once per case; the position moves in the same
    /// transaction. It trails `leader` (the case-opening consumer), so a detractor's complaint case exists before a
    /// programme looks for it. Replays find each trigger's stored action and do nothing.
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
        let active = try await programmes().filter { $0.programme.status == .active }
        let answerTriggers: Set<ProgrammeTrigger> = [.detractorAnswer, .promoterAnswer]
        let programmes = active.filter { answerTriggers.contains($0.programme.trigger) }
        let caseProgrammes = active.filter { !answerTriggers.contains($0.programme.trigger) && $0.programme.trigger != .lifeSituation }
        let situationProgrammes = active.filter { $0.programme.trigger == .lifeSituation }
        let detections = situationProgrammes.isEmpty ? [] : try await SQLLifeSituationRepository(database: database).detections(after: from, through: through)
        let entries = caseProgrammes.isEmpty ? [] : try await ChangeFeed(database: database).caseEvents(after: from, through: through)
        var rows: [SQLRow] = []
        if !programmes.isEmpty {
            rows = try await database.query(
                """
                SELECT id, customer_id, ts, received_at, nps FROM feedback
                WHERE feed_position > ? AND feed_position <= ? AND (nps <= 6 OR nps >= 9) AND customer_id IS NOT NULL ORDER BY feed_position, id
                """, [.int(from), .int(through)])
        }
        let answers = rows
        let handled = try await database.transaction { tx in
            var handled = 0
            for stored in programmes {
                let promoters = stored.programme.trigger == .promoterAnswer
                for row in answers where (row.int64("received_at") ?? 0) >= Self.ms(stored.createdAt) && ((row.int("nps") ?? 0) >= 9) == promoters {
                    guard let id = row.text("id"), let customer = row.text("customer_id") else { continue }
                    let event = ProgrammeTriggerEvent(key: "feedback:\(id)", customer: customer, at: Self.date(row.int64("ts")) ?? now)
                    _ = try await Self.trigger(stored.programme, event: event, organisationZone: organisationZone, now: now, in: tx)
                    handled += 1
                }
            }
            for stored in caseProgrammes {
                for entry in entries where entry.event.at >= stored.createdAt {
                    guard let customer = entry.customer, let prefix = Self.casePrefix(stored.programme.trigger, entry) else { continue }
                    let event = ProgrammeTriggerEvent(key: prefix + entry.event.caseId, customer: customer, at: entry.event.at)
                    _ = try await Self.trigger(stored.programme, event: event, organisationZone: organisationZone, now: now, in: tx)
                    handled += 1
                }
            }
            for stored in situationProgrammes {
                for detection in detections where detection.detectedAt >= stored.createdAt {
                    let event = ProgrammeTriggerEvent(key: "life_situation:" + detection.id, customer: detection.customer, at: detection.detectedAt)
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

    /// The trigger key's prefix when a case history line triggers a programme of `trigger`, else nil.
    static func casePrefix(_ trigger: ProgrammeTrigger, _ entry: CaseFeedEntry) -> String? {
        switch trigger {
        case .complaintOpened where entry.event.kind == .opened && entry.caseKind == "complaint": "case_opened:"
        case .complaintResolved where entry.event.kind == .resolved && entry.caseKind == "complaint": "case_resolved:"
        case .caseOverdue where entry.event.kind == .breached: "case_overdue:"
        default: nil
        }
    }
}
