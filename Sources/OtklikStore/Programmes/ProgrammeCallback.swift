import Foundation
import OtklikCore

/// The call-back action: a task for staff on the customer's open case — a note in the case's
/// history ("call the customer back by …, programme …"), shown on the case page to its owner.
enum ProgrammeCallback {
    /// The customer's newest open complaint or low-score case.
    static func openCase(of customer: String, _ tx: any SQLExecutor) async throws -> String? {
        try await tx.query(
            """
            SELECT c.id FROM cases c JOIN feedback f ON f.id = c.feedback_id
            WHERE f.customer_id = ? AND c.status IN ('new', 'in_progress', 'waiting_for_customer') AND c.kind IN ('complaint', 'low_score')
            ORDER BY c.opened_at DESC, c.id DESC LIMIT 1
            """, [.text(customer)]
        ).first?.text("id")
    }

    static func request(caseID: String, programme: Programme, by deadline: Date, channel: String, now: Date, _ tx: any SQLExecutor) async throws {
        let seq = try await tx.query("SELECT COALESCE(MAX(seq), 0) AS seq FROM case_events WHERE case_id = ?", [.text(caseID)]).first?.int64("seq") ?? 0
        try await tx.execute(
            "INSERT INTO case_events (case_id, seq, at, actor, kind, text) VALUES (?, ?, ?, ?, 'note', ?)",
            [.text(caseID), .int(seq + 1), .int(SQLProgrammeRepository.ms(now)), .text("programme:\(programme.code)"),
             .text("Call the customer back (\(channel)) by \(Timestamp.format(deadline)) — programme \(programme.name)")])
    }
}
