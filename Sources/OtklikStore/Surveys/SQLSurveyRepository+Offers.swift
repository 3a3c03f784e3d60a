import Foundation
import OtklikCore
import OtklikMetrics

/// Survey sampling as an ordered change-feed consumer (issue 17 item 2): a request stores the interactions it offers
/// with the position of one `survey_offers` event; the `survey-sampling` consumer decides them in feed order (within an
/// event, in the request's order) with ``SQLSurveyRepository/decide(survey:plan:zone:segments:_:now:deliver:_:)``, the
/// decision of ``SQLSurveyRepository/sample(survey:_:now:deliver:segments:)``.
extension SQLSurveyRepository {
    static let offerColumns = [
        "survey_code", "interaction_id", "item_order", "at", "customer", "location_code", "staff_code", "service_code", "channel", "queue",
        "topic", "contact", "lang", "deliver", "offered_at", "feed_position",
    ]

    public func offer(survey code: String, _ items: [SurveyInteraction], now: Date, deliver: Bool) async throws -> SurveyOfferReceipt {
        try items.validateEach { try $0.validate() }
        guard let survey = try await survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        guard survey.sampling.plan(timeZone: try await timeZone()) != nil else {
            throw OtklikError(.invalidInput, "the survey's sampling plan is not usable", field: "sampling")
        }
        var ids: [String] = []
        var unique: [SurveyInteraction] = []
        var seen = Set<String>()
        for item in items where seen.insert(item.id).inserted {
            ids.append(item.id)
            unique.append(item)
        }
        let (order, firsts) = (ids, unique)
        return try await database.transaction { (tx: any SQLExecutor) -> SurveyOfferReceipt in
            // The survey's row first, as sampling takes it: two offers of one survey on PostgreSQL do not both find an
            // id new (SQLite serialises every write transaction).
            try await tx.execute("UPDATE surveys SET state_version = state_version + 1 WHERE code = ?", [.text(code)])
            try await Self.refuseClosed(code, tx)
            let decided = Set(try await Self.decisions(code, ids: order, tx).keys)
            let offered = try await Self.offered(code, ids: order, tx)
            let fresh = firsts.filter { !decided.contains($0.id) && offered[$0.id] == nil }
            guard !fresh.isEmpty else { return SurveyOfferReceipt(interactions: order, fresh: [], position: nil) }
            let at = Self.ms(now)
            let position = try await ChangeFeed.append(.surveyOffers, records: fresh.count, at: at, in: tx)
            try await tx.insertRows(
                "survey_offers", columns: Self.offerColumns,
                rows: fresh.enumerated().map { index, item in
                    [.text(code), .text(item.id), .int(Int64(index)), .int(Self.ms(item.at)), SQLValue(item.customer), SQLValue(item.location),
                     SQLValue(item.staff), SQLValue(item.service), SQLValue(item.channel), SQLValue(item.queue), SQLValue(item.topic),
                     SQLValue(item.contact), SQLValue(item.lang), .int(deliver ? 1 : 0), .int(at), .int(position)]
                })
            return SurveyOfferReceipt(interactions: order, fresh: Set(fresh.map(\.id)), position: position)
        }
    }

    public func offerStates(survey code: String, ids: [String]) async throws -> [String: SurveyOfferState] {
        var states: [String: SurveyOfferState] = [:]
        for (id, result) in try await Self.decisions(code, ids: ids, database) { states[id] = .decided(result) }
        let waiting = ids.filter { states[$0] == nil }
        for id in try await Self.offered(code, ids: waiting, database).keys { states[id] = .pending }
        return states
    }

    /// The offers among `ids` of survey `code`, by id: their feed position.
    static func offered(_ code: String, ids: [String], _ executor: any SQLExecutor) async throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        let rows = try await executor.query(in: Set(ids), before: [.text(code)]) { marks in
            "SELECT interaction_id, feed_position FROM survey_offers WHERE survey_code = ? AND interaction_id IN (\(marks))"
        }
        for row in rows { found[try row.string("interaction_id")] = row.int64("feed_position") ?? 0 }
        return found
    }

    /// One request's offers as the consumer reads them, with what deciding them needs (read before its transaction).
    struct OfferBatch: Sendable {
        var position: Int64
        var survey: String
        var items: [SurveyInteraction]
        var deliver: Bool
        var offeredAt: Date
        /// The survey and its plan now (nil: the plan is no longer usable).
        var definition: Survey?
        var plan: SamplingPlan?
        var segments: SegmentStratum?
    }

    public func sampleOffersFromFeed(
        consumer: String, limit: Int, segments: SegmentMemberships?, handOver: Duration
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, database: database, reading: [.surveyOffers], idle: { $0.isEmpty }, read: { stretch -> [OfferBatch] in
            guard stretch.mayHold(.surveyOffers) else { return [] }
            return try await offerBatches(from: stretch.from, through: stretch.through, segments: segments)
        }, work: { batches, tx in
            var handled = 0
            let deliverFrom = Date().addingTimeInterval(Double(handOver.components.seconds) + Double(handOver.components.attoseconds) / 1e18)
            for var batch in batches {
                // The customer and contact as they stand in this transaction: an erasure that committed after the
                // stretch was read has cleared them, and the decision must not bring them back.
                let current = try await tx.query(
                    "SELECT interaction_id, customer, contact FROM survey_offers WHERE survey_code = ? AND feed_position = ?",
                    [.text(batch.survey), .int(batch.position)]
                ).reduce(into: [String: (customer: String?, contact: String?)]()) { $0[$1.text("interaction_id") ?? ""] = ($1.text("customer"), $1.text("contact")) }
                for index in batch.items.indices {
                    let now = current[batch.items[index].id]
                    batch.items[index].customer = now?.customer
                    batch.items[index].contact = now?.contact
                }
                handled += try await Self.decide(batch, deliverFrom: deliverFrom, tx)
                // The contact now waits in the invitation's outbox row (if invited and delivered), as before the feed.
                try await tx.execute(
                    "UPDATE survey_offers SET contact = NULL WHERE survey_code = ? AND feed_position = ? AND contact IS NOT NULL",
                    [.text(batch.survey), .int(batch.position)])
            }
            return handled
        })
    }

    /// The offers of the stretch, grouped by event and survey, in feed order and each request's order.
    func offerBatches(from: Int64, through: Int64, segments: SegmentMemberships?) async throws -> [OfferBatch] {
        let rows = try await database.query(
            "SELECT \(Self.offerColumns.joined(separator: ", ")) FROM survey_offers WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, item_order",
            [.int(from), .int(through)])
        guard !rows.isEmpty else { return [] }
        let zone = try await timeZone()
        var batches: [OfferBatch] = []
        for row in rows {
            let position = row.int64("feed_position") ?? 0, code = try row.string("survey_code")
            let item = SurveyInteraction(
                id: try row.string("interaction_id"), at: Self.date(row.int64("at") ?? 0), customer: row.text("customer"),
                location: row.text("location_code"), staff: row.text("staff_code"), service: row.text("service_code"), channel: row.text("channel"),
                queue: row.text("queue"), topic: row.text("topic"), contact: row.text("contact"), lang: row.text("lang"))
            if let last = batches.last, last.position == position, last.survey == code {
                batches[batches.count - 1].items.append(item)
            } else {
                batches.append(OfferBatch(
                    position: position, survey: code, items: [item], deliver: row.int("deliver") == 1, offeredAt: Self.date(row.int64("offered_at") ?? 0)))
            }
        }
        var definitions: [String: Survey] = [:]
        var strata: [String: SegmentStratum] = [:]
        for index in batches.indices {
            let code = batches[index].survey
            if definitions[code] == nil { definitions[code] = try await survey(code: code) }
            guard let definition = definitions[code] else { continue }
            batches[index].definition = definition
            batches[index].plan = definition.sampling.plan(timeZone: zone)
            guard definition.sampling.usesSegments else { continue }
            if strata[code] == nil {
                guard let segments else {
                    throw OtklikError(
                        .unavailable, "survey '\(code)' is stratified by segment: it is sampled where segments are evaluated (the server)", field: "sampling")
                }
                // The memberships as the consumer finds them when it reads the stretch (once per survey and stretch).
                strata[code] = try await segments(definition.sampling.segments)
            }
            batches[index].segments = strata[code]
        }
        return batches
    }

    /// Decides one request's offers in the consumer's transaction; returns how many were decided now. An offer the
    /// survey's closing (or a plan no longer usable) overtook is decided `not_eligible`, saying why, so the feed goes on.
    /// Invitations to deliver are first due at `deliverFrom`.
    static func decide(_ batch: OfferBatch, deliverFrom: Date, _ tx: any SQLExecutor) async throws -> Int {
        let zone = TimeZone(identifier: try await timeZoneName(tx)) ?? TimeZone(identifier: "UTC")!
        let closed = try await tx.query("SELECT closed_at FROM surveys WHERE code = ?", [.text(batch.survey)]).first?.int64("closed_at") != nil
        if let survey = batch.definition, let plan = batch.plan, !closed {
            let results = try await decide(
                survey: survey, plan: plan, zone: zone, segments: batch.segments, batch.items, now: batch.offeredAt, deliver: batch.deliver,
                deliverFrom: deliverFrom, tx)
            return results.filter { !$0.duplicate }.count
        }
        let reason = closed ? "the survey was closed before the offer was decided" : "the survey's sampling plan is no longer usable"
        let known = try await decisions(batch.survey, ids: batch.items.map(\.id), tx)
        var decided = 0
        for item in batch.items where known[item.id] == nil {
            try await insertDecision(
                batch.survey, SamplingResult(interaction: item.id, outcome: "not_eligible", stratum: "*", explanation: "not_eligible: \(reason)"),
                at: item.at, now: batch.offeredAt, tx)
            decided += 1
        }
        return decided
    }
}
