import Foundation
import OtklikCore
import OtklikMetrics

extension SQLCaseRepository {
    public func openCasesFromFeed(consumer: String, limit: Int, schedule: CaseSchedule) async throws -> (opened: Int, caughtUp: Bool) {
        // Only feedback with a contact can call for a case.
        let needs = FeedbackFeedStep.Needs(sql: "contact IS NOT NULL") { feedback, _ in feedback.contact != nil }
        let step = try await FeedbackFeedStep.run(consumer: consumer, limit: limit, database: database, recent: recent, needs: needs) {
            written, tx in
            let calling = written.filter { FeedbackCase.opens(for: $0.feedback) }
            guard !calling.isEmpty else { return 0 }
            let existing = try await Self.feedbackWithCases(calling.map(\.feedback.id), tx)
            // In feed order, each group received together opened at its time of receipt (the SLA runs from then, also
            // when the case is opened later, after a restart).
            var groups: [(receivedAt: Date, feedback: [Feedback])] = []
            for item in calling where !existing.contains(item.feedback.id) {
                if let last = groups.last, last.receivedAt == item.receivedAt {
                    groups[groups.count - 1].feedback.append(item.feedback)
                } else {
                    groups.append((item.receivedAt, [item.feedback]))
                }
            }
            var opened = 0
            for group in groups { opened += try await Self.open(group.feedback, schedule: schedule, now: group.receivedAt, tx).count }
            return opened
        }
        return (step.handled, step.caughtUp)
    }

    /// Which of these feedback ids already have a case.
    static func feedbackWithCases(_ ids: [String], _ tx: any SQLExecutor) async throws -> Set<String> {
        var found: Set<String> = []
        for row in try await tx.query(in: ids, { marks in "SELECT feedback_id FROM cases WHERE feedback_id IN (\(marks))" }) {
            if let id = row.text("feedback_id") { found.insert(id) }
        }
        return found
    }
}
