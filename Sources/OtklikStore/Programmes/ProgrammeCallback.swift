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
        // Through the case's history writer, so the line is on the change feed like every other case line.
        try await SQLCaseRepository.record(
            CaseEvent(
                caseId: caseID, at: now, actor: "programme:\(programme.code)", kind: .note,
                text: "Call the customer back (\(channel)) by \(Timestamp.format(deadline)) — programme \(programme.name)"),
            tx)
    }
}
