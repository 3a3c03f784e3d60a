import Foundation
import OtklikCore

extension SQLAlertRepository {
    /// One step of the durable red-press-alert consumer `consumer`: opens the alerts called for by the feedback written
    /// in the next `limit` events of the change feed (``RedPressAlert/opens(for:now:)``: a location, no contact, a
    /// negative press or a low score, the press at most ``RedPressAlert/maxAge`` old when the consumer gets to it), each
    /// opened at its feedback's time of receipt, with the duty staff's notifications, in one transaction with the
    /// consumer's position. At least once and idempotent: an event read twice (a crash before the commit, two servers)
    /// opens no second alert, the alert table's unique feedback id refuses it.
    public func openAlertsFromFeed(consumer: String, limit: Int, now: Date = Date()) async throws -> (opened: Int, caughtUp: Bool) {
        // Only feedback without a contact, at a location and recent enough can alert (an integer bound, not user input).
        let oldest = Self.ms(now.addingTimeInterval(-RedPressAlert.maxAge))
        let oldestTime = Date(timeIntervalSince1970: TimeInterval(oldest) / 1000)
        let needs = FeedbackFeedStep.Needs(sql: "location_code IS NOT NULL AND contact IS NULL AND ts >= \(oldest)") { feedback, _ in
            feedback.location != nil && feedback.contact == nil && feedback.ts >= oldestTime
        }
        let step = try await FeedbackFeedStep.run(consumer: consumer, limit: limit, database: database, recent: recent, needs: needs) { written, tx in
            let calling = written.filter { RedPressAlert.opens(for: $0.feedback, now: now) }
            guard !calling.isEmpty else { return 0 }
            return try await Self.open(calling.map { ($0.feedback, $0.receivedAt) }, tx).count
        }
        return (step.handled, step.caughtUp)
    }
}
