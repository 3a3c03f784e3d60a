import Foundation
import OtklikCore

extension SQLProgrammeRepository {
    /// One step of the `programmes` durable feed consumer: in the next stretch of the feed, the detractor answers (0-6
    /// from a known customer) trigger every active `detractor_answer` programme created before them, the promoter
    /// answers (9-10) every `promoter_answer` one, and the case
    /// history lines (``CaseFeedEntry``) the case programmes — a complaint case `resolved` triggers `complaint_resolved`,
    /// a case `breached` (past its deadline) `case_overdue` — each once per case —, the detections `life_situation`, and
    /// a customer's first purchase (a transaction with no earlier one) `first_purchase` once per customer (key
    /// `first_purchase:CUSTOMER`), and a customer's service request stored completed `service_request_resolved` once per
    /// request (key `service_request_resolved:REQUEST`); the position moves in the same
    /// transaction. It trails `leader` (the case-opening consumer), so a detractor's complaint case exists before a
    /// programme looks for it. Replays find each trigger's stored action and do nothing.
    public func triggerFromFeed(
        consumer: String, following leader: String?, limit: Int, organisationZone: TimeZone, now: Date = Date(),
        segmentMembers: [String: Set<String>] = [:]
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let database = database
        let deliverable = deliverable
        return try await FeedStep.run(
            consumer: consumer, limit: limit, database: database, following: leader, now: now, idle: \.isEmpty,
            read: { stretch in try await triggerInputs(stretch) },
            work: { inputs, tx in
                try await Self.trigger(inputs, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable, in: tx)
            })
    }

    /// What one step of the `programmes` consumer reads for a stretch of the feed: the active programmes, the answers
    /// that may trigger the answer programmes, and the case history lines that may trigger the case programmes.
    struct TriggerInputs: Sendable {
        var answerProgrammes: [StoredProgramme]
        var caseProgrammes: [StoredProgramme]
        var situationProgrammes: [StoredProgramme]
        var purchaseProgrammes: [StoredProgramme] = []
        var answers: [SQLRow]
        var entries: [CaseFeedEntry]
        var detections: [LifeSituationDetection]
        /// Transactions that are their customer's first purchase (`first_purchase` programmes).
        var firstPurchases: [SQLRow] = []
        var requestProgrammes: [StoredProgramme] = []
        /// Service requests of a customer the stretch stored completed (`service_request_resolved` programmes).
        var completedRequests: [CompletedRequest] = []

        /// Whether nothing of the stretch can trigger a programme (``FeedStep``'s `idle`: the step goes on to the next).
        var isEmpty: Bool {
            answers.isEmpty && entries.isEmpty && detections.isEmpty && firstPurchases.isEmpty && completedRequests.isEmpty
        }
    }

    /// A customer's service request stored completed in the stretch, and when that write was made.
    struct CompletedRequest: Sendable {
        var id: String
        var customer: String
        var service: String
        var closedAt: Date
        /// The time of the feed event that stored it completed (a request closing: the closing write, not its first).
        var writtenAt: Date
    }

    func triggerInputs(_ stretch: FeedStep.Stretch) async throws -> TriggerInputs {
        let active = try await programmes().filter { $0.programme.status == .active }
        let answerTriggers: Set<ProgrammeTrigger> = [.detractorAnswer, .promoterAnswer]
        let answerProgrammes = active.filter { answerTriggers.contains($0.programme.trigger) }
        let caseProgrammes = active.filter {
            $0.programme.trigger.isEvent && !answerTriggers.contains($0.programme.trigger) && $0.programme.trigger != .lifeSituation
                && $0.programme.trigger != .serviceRequestResolved
        }
        let requestProgrammes = active.filter { $0.programme.trigger == .serviceRequestResolved }
        // A request closing is stamped with the position of the write that closed it, so it is met here then, once.
        let eventTimes = Dictionary(stretch.events.map { ($0.position, $0.createdAt) }, uniquingKeysWith: { first, _ in first })
        let completedRequests = requestProgrammes.isEmpty || !stretch.mayHold(.serviceRequests) ? [] : try await database.query(
            """
            SELECT id, customer_id, service_code, closed_at, received_at, feed_position FROM service_requests
            WHERE feed_position > ? AND feed_position <= ? AND status = 'completed' AND customer_id IS NOT NULL ORDER BY feed_position, id
            """, [.int(stretch.from), .int(stretch.through)]
        ).compactMap { row -> CompletedRequest? in
            guard let id = row.text("id"), let customer = row.text("customer_id"), let service = row.text("service_code"),
                let closed = Self.date(row.int64("closed_at"))
            else { return nil }
            // Across a pruned stretch the event's time is unknown: the request's first write stands for it.
            let written = row.int64("feed_position").flatMap { eventTimes[$0] } ?? Self.date(row.int64("received_at")) ?? closed
            return CompletedRequest(id: id, customer: customer, service: service, closedAt: closed, writtenAt: written)
        }
        let situationProgrammes = active.filter { $0.programme.trigger == .lifeSituation }
        let detections = situationProgrammes.isEmpty
            ? [] : try await SQLLifeSituationRepository(database: database).detections(after: stretch.from, through: stretch.through)
        let entries = caseProgrammes.isEmpty || !stretch.mayHold(.caseEvents)
            ? [] : try await ChangeFeed(database: database).caseEvents(after: stretch.from, through: stretch.through)
        let answers = answerProgrammes.isEmpty || !stretch.mayHold(.feedback) ? [] : try await database.query(
            """
            SELECT id, customer_id, ts, received_at, nps FROM feedback
            WHERE feed_position > ? AND feed_position <= ? AND (nps <= 6 OR nps >= 9) AND customer_id IS NOT NULL ORDER BY feed_position, id
            """, [.int(stretch.from), .int(stretch.through)])
        let purchaseProgrammes = active.filter { $0.programme.purchasePattern?.runsOnFeed == true }
        // A first purchase: a positive transaction with no earlier one of the same customer (ties on time broken by id).
        let firstPurchases = purchaseProgrammes.isEmpty || !stretch.mayHold(.transactions) ? [] : try await database.query(
            """
            SELECT t.id, t.customer_id, t.ts, t.received_at FROM transactions t
            WHERE t.feed_position > ? AND t.feed_position <= ? AND t.amount > 0 AND NOT EXISTS (
                SELECT 1 FROM transactions p WHERE p.customer_id = t.customer_id AND p.amount > 0 AND (p.ts < t.ts OR (p.ts = t.ts AND p.id < t.id)))
            ORDER BY t.feed_position, t.id
            """, [.int(stretch.from), .int(stretch.through)])
        return TriggerInputs(
            answerProgrammes: answerProgrammes, caseProgrammes: caseProgrammes, situationProgrammes: situationProgrammes,
            purchaseProgrammes: purchaseProgrammes, answers: answers, entries: entries, detections: detections, firstPurchases: firstPurchases,
            requestProgrammes: requestProgrammes, completedRequests: completedRequests)
    }

    /// Triggers the programmes the inputs of one stretch call for, in the step's transaction; returns how many triggers
    /// it tried (a replayed one finds its stored action and does nothing).
    static func trigger(
        _ inputs: TriggerInputs, organisationZone: TimeZone, now: Date, segmentMembers: [String: Set<String>], deliverable: [String],
        in tx: any SQLExecutor
    ) async throws -> Int {
        var handled = 0
        for stored in inputs.answerProgrammes {
            let promoters = stored.programme.trigger == .promoterAnswer
            for row in inputs.answers where (row.int64("received_at") ?? 0) >= ms(stored.createdAt) && ((row.int("nps") ?? 0) >= 9) == promoters {
                guard let id = row.text("id"), let customer = row.text("customer_id") else { continue }
                let event = ProgrammeTriggerEvent(key: "feedback:\(id)", customer: customer, at: date(row.int64("ts")) ?? now)
                _ = try await trigger(
                    stored.programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable,
                    in: tx)
                handled += 1
            }
        }
        for stored in inputs.caseProgrammes {
            for entry in inputs.entries where entry.event.at >= stored.createdAt {
                guard let customer = entry.customer, let prefix = casePrefix(stored.programme.trigger, entry) else { continue }
                let event = ProgrammeTriggerEvent(key: prefix + entry.event.caseId, customer: customer, at: entry.event.at)
                _ = try await trigger(
                    stored.programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable,
                    in: tx)
                handled += 1
            }
        }
        for stored in inputs.situationProgrammes {
            for detection in inputs.detections where detection.detectedAt >= stored.createdAt {
                let event = ProgrammeTriggerEvent(key: "life_situation:" + detection.id, customer: detection.customer, at: detection.detectedAt)
                _ = try await trigger(
                    stored.programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable,
                    in: tx)
                handled += 1
            }
        }
        for stored in inputs.purchaseProgrammes {
            // Received after the programme was created, and dated at most a week before it: history loaded later welcomes nobody.
            let since = ms(stored.createdAt) - 7 * 86_400_000
            for row in inputs.firstPurchases where (row.int64("received_at") ?? 0) >= ms(stored.createdAt) && (row.int64("ts") ?? 0) >= since {
                guard let customer = row.text("customer_id") else { continue }
                let event = ProgrammeTriggerEvent(key: "first_purchase:" + customer, customer: customer, at: date(row.int64("ts")) ?? now)
                _ = try await trigger(
                    stored.programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable,
                    in: tx)
                handled += 1
            }
        }
        for stored in inputs.requestProgrammes {
            // Completed by a write after the programme was created: requests closed before it, or loaded later as history
            // written before it, trigger nothing.
            for request in inputs.completedRequests where request.writtenAt >= stored.createdAt {
                guard stored.programme.resolution?.admits(service: request.service) ?? true else { continue }
                let event = ProgrammeTriggerEvent(key: "service_request_resolved:" + request.id, customer: request.customer, at: request.closedAt)
                _ = try await trigger(
                    stored.programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable,
                    in: tx)
                handled += 1
            }
        }
        return handled
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
