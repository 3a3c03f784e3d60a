import Foundation
import OtklikCore

extension SQLProgrammeRepository {
    /// Whether a programme has run an occurrence (a schedule's `2026-12-03T09:00`, a prediction's `day:2026-12-03`).
    public func hasRun(programme code: String, occurrence: String) async throws -> Bool {
        try await !database.query(
            "SELECT programme_code FROM programme_occurrences WHERE programme_code = ? AND occurrence = ?", [.text(code), .text(occurrence)]
        ).isEmpty
    }

    /// The occurrences a programme has run, newest first.
    public func occurrences(programme code: String, limit: Int = 20) async throws -> [(occurrence: String, customers: Int, ranAt: Date)] {
        try await database.query(
            "SELECT occurrence, customers, ran_at FROM programme_occurrences WHERE programme_code = ? ORDER BY ran_at DESC, occurrence DESC LIMIT ?",
            [.text(code), .int(Int64(limit))]
        ).map { ($0.text("occurrence") ?? "", $0.int("customers") ?? 0, Self.date($0.int64("ran_at")) ?? Date(timeIntervalSince1970: 0)) }
    }

    /// The customers a round may trigger: every customer not merged into another, in order of id.
    public func roundCandidates() async throws -> [String] {
        try await database.query("SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id", []).compactMap { $0.text("id") }
    }

    /// Runs one scheduled occurrence of `programme` over `candidates` (the caller's list, e.g. ``roundCandidates()``):
    /// each customer in the audience (segments and rules) is triggered once, with the event key
    /// `schedule:OCCURRENCE:CUSTOMER` (one action per programme and key, one contact per customer and key), each in its own
    /// transaction; then the occurrence is recorded. Returns the customers triggered, or nil when the occurrence had
    /// already run. A round cut short runs it again: the stored actions make the replay do nothing.
    @discardableResult
    public func runOccurrence(
        _ programme: Programme, occurrence: String, candidates: [String], segmentMembers: [String: Set<String>] = [:],
        organisationZone: TimeZone, now: Date = Date()
    ) async throws -> Int? {
        if try await hasRun(programme: programme.code, occurrence: occurrence) { return nil }
        var triggered = 0
        for customer in candidates {
            // Only the audience is triggered: a schedule does not write a `not_in_audience` line per customer.
            if ProgrammeAudience.missingSegment(programme.segments, customer: customer, members: segmentMembers) != nil { continue }
            if try await ProgrammeAudience.missing(programme.audience, customer: customer, database) != nil { continue }
            let event = ProgrammeTriggerEvent(key: "schedule:\(occurrence):\(customer)", customer: customer, at: now)
            _ = try await trigger(programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers)
            triggered += 1
        }
        try await recordOccurrence(programme.code, occurrence, customers: triggered, now: now)
        return triggered
    }

    func recordOccurrence(_ code: String, _ occurrence: String, customers: Int, now: Date) async throws {
        try await database.execute(
            """
            INSERT INTO programme_occurrences (programme_code, occurrence, customers, ran_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (programme_code, occurrence) DO NOTHING
            """, [.text(code), .text(occurrence), .int(Int64(customers)), .int(Self.ms(now))])
    }

    /// One day's evaluation of a prediction programme (`day` is the organisation's date, `2026-12-03`): each scored
    /// customer's hysteresis state (``PredictionHysteresis``, stored per programme and customer) moves with today's
    /// score; a customer who fires is triggered with the key `prediction:DAY:CUSTOMER`, in the transaction that disarms
    /// them. Customers without a score today keep their state. Returns the customers who fired, or nil when the day had
    /// already been evaluated.
    @discardableResult
    public func evaluatePrediction(
        _ programme: Programme, day: String, scores: [String: Double], segmentMembers: [String: Set<String>] = [:],
        organisationZone: TimeZone, now: Date = Date()
    ) async throws -> Int? {
        guard let threshold = programme.prediction else {
            throw OtklikError(.invalidInput, "programme '\(programme.code)' has no prediction trigger", field: "trigger")
        }
        let occurrence = "day:" + day
        if try await hasRun(programme: programme.code, occurrence: occurrence) { return nil }
        let customers = Set(try await roundCandidates())
        var armed: [String: Bool] = [:]
        for row in try await database.query(
            "SELECT customer_id, armed FROM programme_prediction_states WHERE programme_code = ?", [.text(programme.code)])
        {
            if let customer = row.text("customer_id") { armed[customer] = (row.int("armed") ?? 1) == 1 }
        }
        var changes: [(customer: String, armed: Bool, score: Double)] = []
        var fired: [(customer: String, score: Double)] = []
        for (customer, score) in scores.sorted(by: { $0.key < $1.key }) where customers.contains(customer) && score.isFinite {
            let before = armed[customer]
            let step = PredictionHysteresis.step(armed: before ?? true, score: score, threshold)
            if step.fires {
                fired.append((customer, score))
            } else if before != step.armed {
                changes.append((customer, step.armed, score))
            }
        }
        // The state changes without an action, a few hundred customers to a transaction.
        var start = 0
        while start < changes.count {
            let batch = changes[start..<min(start + 500, changes.count)]
            try await database.transaction { tx in
                for change in batch {
                    try await Self.saveState(programme.code, change.customer, armed: change.armed, score: change.score, firedAt: nil, now: now, tx)
                }
            }
            start += 500
        }
        for fire in fired {
            try await database.transaction { tx in
                try await Self.saveState(programme.code, fire.customer, armed: false, score: fire.score, firedAt: now, now: now, tx)
                let event = ProgrammeTriggerEvent(key: "prediction:\(day):\(fire.customer)", customer: fire.customer, at: now)
                _ = try await Self.trigger(
                    programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable, in: tx)
            }
        }
        try await recordOccurrence(programme.code, occurrence, customers: fired.count, now: now)
        return fired.count
    }

    static func saveState(
        _ code: String, _ customer: String, armed: Bool, score: Double, firedAt: Date?, now: Date, _ tx: any SQLExecutor
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO programme_prediction_states (programme_code, customer_id, armed, score, fired_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme_code, customer_id) DO UPDATE SET armed = excluded.armed, score = excluded.score,
                fired_at = COALESCE(excluded.fired_at, programme_prediction_states.fired_at), updated_at = excluded.updated_at
            """,
            [.text(code), .text(customer), .int(armed ? 1 : 0), .double(score), firedAt.map { .int(ms($0)) } ?? .null, .int(ms(now))])
    }

    /// A customer's hysteresis state in a prediction programme: armed (may fire) and the score last stored; nil when never
    /// scored (armed).
    public func predictionState(programme code: String, customer: String) async throws -> (armed: Bool, score: Double)? {
        try await database.query(
            "SELECT armed, score FROM programme_prediction_states WHERE programme_code = ? AND customer_id = ?", [.text(code), .text(customer)]
        ).first.map { ((($0.int("armed") ?? 1) == 1), $0["score"].double ?? 0) }
    }
}
