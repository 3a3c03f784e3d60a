import Foundation
import OtklikCore
import OtklikMetrics

extension SQLProgrammeRepository {
    /// Each enrolled customer's arm and outcome over the programme's window after first eligibility, for the customers
    /// whose window has closed by `now` (NPS: those who answered within it). After a merge the survivor counts once,
    /// with its own arm.
    public func observations(_ programme: Programme, now: Date = Date()) async throws -> [(arm: HoldoutAssignment.Arm, outcome: Double)] {
        let window = Int64(programme.outcomeDays) * 86_400_000
        let value: String
        switch programme.outcome {
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
        for row in rows {
            guard let customer = row.text("customer_id"), seen.insert(customer).inserted,
                let arm = row.text("arm").flatMap(HoldoutAssignment.Arm.init(rawValue:))
            else { continue }
            let raw = row["value"].double ?? row["value"].int.map(Double.init)
            switch programme.outcome {
            case .retention, .complaints: observations.append((arm, (raw ?? 0) > 0 ? 1 : 0))
            case .revenue: observations.append((arm, raw ?? 0))
            case .nps:
                if let raw, let coded = ExperimentMetric.nps.code(raw) { observations.append((arm, coded)) }
            }
        }
        return observations
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
        }
        return try await database.query(sql, [.int(since)]).first?.int("n") ?? 0
    }
}
