import Foundation
import OtklikCore
import OtklikMetrics

extension SQLProgrammeRepository {
    /// Each enrolled customer's arm and outcome over the programme's window after first eligibility, for the customers
    /// whose window has closed by `now` (NPS: those who answered within it). After a merge the survivor counts once,
    /// with its own arm. CLV: ``ProgrammeCLVOutcome`` (none when the model cannot be fitted).
    public func observations(_ programme: Programme, now: Date = Date()) async throws -> [(arm: HoldoutAssignment.Arm, outcome: Double)] {
        let window = Int64(programme.outcomeDays) * 86_400_000
        let value: String
        switch programme.outcome {
        case .clv:
            value = "(CAST(? AS BIGINT) * 0)"  // the CLV comes from the model, not SQL (clvObservations)
        case .retention:
            value = "(SELECT COUNT(*) FROM transactions t WHERE t.customer_id = e.customer_id AND t.ts > e.first_eligible_at AND t.ts <= e.first_eligible_at + ? AND t.amount > 0)"
        case .revenue:
            value = "(SELECT COALESCE(SUM(t.amount), 0) FROM transactions t WHERE t.customer_id = e.customer_id AND t.ts > e.first_eligible_at AND t.ts <= e.first_eligible_at + ?)"
        case .complaints:
            value = """
                (SELECT COUNT(*) FROM feedback f WHERE f.customer_id = e.customer_id AND f.ts > e.first_eligible_at AND f.ts <= e.first_eligible_at + ?
                 AND (f.nps <= 6 OR f.button = 'negative'))
                """
        case .nps:
            value = """
                (SELECT f.nps FROM feedback f WHERE f.customer_id = e.customer_id AND f.ts > e.first_eligible_at AND f.ts <= e.first_eligible_at + ?
                 AND f.nps IS NOT NULL ORDER BY f.ts, f.id LIMIT 1)
                """
        }
        let rows = try await database.query(
            """
            SELECT e.customer_id, e.assigned_to, e.arm, e.first_eligible_at, \(value) AS value FROM programme_enrolments e
            WHERE e.programme_code = ? AND e.first_eligible_at + ? <= ?
            ORDER BY e.customer_id, CASE WHEN e.assigned_to = e.customer_id THEN 0 ELSE 1 END, e.first_eligible_at, e.id
            """, [.int(window), .text(programme.code), .int(window), .int(Self.ms(now))])
        var seen = Set<String>()
        var observations: [(arm: HoldoutAssignment.Arm, outcome: Double)] = []
        if programme.outcome == .clv { return try await clvObservations(rows, window: window) }
        for row in rows {
            guard let customer = row.text("customer_id"), seen.insert(customer).inserted,
                let arm = row.text("arm").flatMap(HoldoutAssignment.Arm.init(rawValue:))
            else { continue }
            let raw = row["value"].double ?? row["value"].int.map(Double.init)
            switch programme.outcome {
            case .clv: break
            case .retention, .complaints: observations.append((arm, (raw ?? 0) > 0 ? 1 : 0))
            case .revenue: observations.append((arm, raw ?? 0))
            case .nps:
                if let raw, let coded = ExperimentMetric.nps.code(raw) { observations.append((arm, coded)) }
            }
        }
        return observations
    }

    /// The `clv` outcome's observations: each customer (once, with their own arm) and their CLV at their window's end
    /// day in the organisation's zone, from one fit (``ProgrammeCLVOutcome``).
    func clvObservations(_ rows: [SQLRow], window: Int64) async throws -> [(arm: HoldoutAssignment.Arm, outcome: Double)] {
        let zoneName = try await database.query("SELECT timezone FROM organisation WHERE id = 1", []).first?.text("timezone") ?? "UTC"
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        var enrolled: [(customer: String, arm: HoldoutAssignment.Arm)] = []
        var ends: [String: Int] = [:]
        for row in rows {
            guard let customer = row.text("customer_id"), ends[customer] == nil, let start = row.int64("first_eligible_at"),
                let arm = row.text("arm").flatMap(HoldoutAssignment.Arm.init(rawValue:))
            else { continue }
            ends[customer] = Int(LocalCalendar.day(of: Self.date(start + window)!, in: zone))
            enrolled.append((customer, arm))
        }
        guard !enrolled.isEmpty else { return [] }
        var purchases: [Purchase] = []
        try await SQLTransactionRepository(database: database).forEachChunk(size: 50_000) { chunk in
            purchases += chunk.map { Purchase(customer: $0.customer, day: Int(LocalCalendar.day(of: $0.ts, in: zone)), amount: $0.amount) }
        }
        guard let values = ProgrammeCLVOutcome.values(ends: ends, purchases: purchases) else { return [] }
        return enrolled.compactMap { item in values[item.customer].map { (item.arm, $0) } }
    }

    /// The report against the hold-out (``ProgrammeReport``); a programme with `auto_pause` whose effect is significantly
    /// harmful is paused here (reason `harmful`).
    public func report(code: String, now: Date = Date()) async throws -> ProgrammeReport {
        guard let stored = try await programme(code: code) else { throw OtklikError(.notFound, "no programme '\(code)'", field: "code") }
        var report = ProgrammeReport.compute(
            programme: code, outcome: stored.programme.outcome, observations: try await observations(stored.programme, now: now),
            holdoutShare: stored.programme.holdoutShare)
        if report.treated.n < 2 || report.holdout.n < 2 {
            report.mde = ProgrammeMDE.beforeLaunch(
                metric: ProgrammeReport.metric(stored.programme.outcome), eligible: try await eligibleEstimate(stored.programme, now: now),
                holdoutShare: stored.programme.holdoutShare)
        }
        report.uptake = try await uptake(code: code)
        if report.harmful, stored.programme.autoPause, stored.programme.status == .active {
            try await setStatus(code: code, .paused, reason: "harmful", now: now)
        }
        return report
    }

    /// How many customers the trigger found in the last outcome window: the sizes the MDE is shown for before launch.
    public func eligibleEstimate(_ programme: Programme, now: Date = Date()) async throws -> Int {
        let since = Self.ms(now) - Int64(programme.outcomeDays) * 86_400_000
        let sql: String
        switch programme.trigger {
        case .detractorAnswer:
            sql = "SELECT COUNT(DISTINCT customer_id) AS n FROM feedback WHERE nps <= 6 AND customer_id IS NOT NULL AND ts > ?"
        case .promoterAnswer:
            sql = "SELECT COUNT(DISTINCT customer_id) AS n FROM feedback WHERE nps >= 9 AND customer_id IS NOT NULL AND ts > ?"
        case .complaintOpened:
            sql = """
                SELECT COUNT(DISTINCT f.customer_id) AS n FROM cases c JOIN feedback f ON f.id = c.feedback_id
                WHERE c.kind = 'complaint' AND c.opened_at > ? AND f.customer_id IS NOT NULL
                """
        case .complaintResolved:
            sql = """
                SELECT COUNT(DISTINCT f.customer_id) AS n FROM cases c JOIN feedback f ON f.id = c.feedback_id
                WHERE c.kind = 'complaint' AND c.resolved_at > ? AND f.customer_id IS NOT NULL
                """
        case .caseOverdue:
            sql = "SELECT COUNT(DISTINCT f.customer_id) AS n FROM cases c JOIN feedback f ON f.id = c.feedback_id WHERE c.due_at > ? AND f.customer_id IS NOT NULL"
        case .schedule:
            // Every customer (not merged into another) is a candidate at each occurrence.
            return try await database.query("SELECT COUNT(*) AS n FROM customers WHERE merged_into IS NULL", []).first?.int("n") ?? 0
        case .prediction:
            // The scored customers: those who bought in the window.
            sql = "SELECT COUNT(DISTINCT customer_id) AS n FROM transactions WHERE ts > ? AND customer_id IS NOT NULL"

        case .lifeSituation:
            sql = "SELECT COUNT(DISTINCT customer_id) AS n FROM life_situation_detections WHERE detected_at > ?"
        case .serviceRequestStalled:
            // The customers of requests submitted in the window still open, or closed later than the term as calendar days
            // (working days × 7/5): an estimate, holidays aside.
            let workingDays = Double(programme.stall?.workingDays ?? 10)
            let term = Int64((workingDays * 7 / 5 * 86_400_000).rounded())
            let services = programme.stall?.services ?? []
            var binds: [SQLValue] = [.int(since), .int(term)]
            binds += services.map { SQLValue.text($0) }
            let filter = services.isEmpty ? "" : " AND service_code IN (\(services.map { _ in "?" }.joined(separator: ", ")))"
            return try await database.query(
                """
                SELECT COUNT(DISTINCT customer_id) AS n FROM service_requests WHERE submitted_at > ? AND customer_id IS NOT NULL
                AND (status = 'open' OR closed_at - submitted_at > ?)\(filter)
                """, binds
            ).first?.int("n") ?? 0
        case .serviceRequestResolved:
            // The customers of requests completed in the window (of the trigger's services).
            let services = programme.resolution?.services ?? []
            let filter = services.isEmpty ? "" : " AND service_code IN (\(services.map { _ in "?" }.joined(separator: ", ")))"
            return try await database.query(
                """
                SELECT COUNT(DISTINCT customer_id) AS n FROM service_requests WHERE status = 'completed' AND closed_at > ?
                AND customer_id IS NOT NULL\(filter)
                """, [.int(since)] + services.map { SQLValue.text($0) }
            ).first?.int("n") ?? 0
        case .purchasePattern:
            if programme.purchasePattern?.pattern == .overdueRepeat {
                // The regulars who may lapse: customers with purchases on at least three days, the last one in the window.
                sql = """
                    SELECT COUNT(*) AS n FROM (SELECT customer_id FROM transactions WHERE amount > 0 GROUP BY customer_id
                    HAVING COUNT(DISTINCT ts / 86400000) >= 3 AND MAX(ts) > ?) regulars
                    """
            } else {
                sql = "SELECT COUNT(*) AS n FROM (SELECT customer_id FROM transactions WHERE amount > 0 GROUP BY customer_id HAVING MIN(ts) > ?) newcomers"
            }
        }
        return try await database.query(sql, [.int(since)]).first?.int("n") ?? 0
    }
}
