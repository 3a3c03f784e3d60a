import Foundation
import OtklikCore

extension SQLAlertRepository {
    /// The feedback records one step of the server's red-press consumer takes at most: most records of a stream of
    /// presses call for an alert, and a step of 100 events (about 140 records, 110 alerts, at 2,800 POSTs a second)
    /// held SQLite's writer 5-12 ms while the feedback group commits queued behind it (the write profile,
    /// docs/benchmarks.md); 64 records hold it 2.5 ms (p99 4.8 ms). The consumer takes a few more, shorter steps (its
    /// total hold grew from 0.9 to 1.3 s in 9 s, measured 19:34 UTC).
    public static let recordsPerStep = 64

    /// One step of the durable red-press-alert consumer `consumer`: opens the alerts called for by the feedback written
    /// in the next `limit` events of the change feed (``RedPressAlert/opens(for:now:)``: a location, no contact, a
    /// negative press or a low score, the press at most ``RedPressAlert/maxAge`` old when the consumer gets to it), each
    /// opened at its feedback's time of receipt, with the duty staff's notifications, in one transaction with the
    /// consumer's position. At least once and idempotent: an event read twice (a crash before the commit, two servers)
    /// opens no second alert, the alert table's unique feedback id refuses it. A step takes at most `records` feedback
    /// records (``FeedStep``; the server passes ``recordsPerStep``).
    public func openAlertsFromFeed(
        consumer: String, limit: Int, records: Int = ChangeFeed.recordsPerStep, now: Date = Date()
    ) async throws -> (opened: Int, caughtUp: Bool) {
        // Only feedback without a contact, at a location and recent enough can alert (an integer bound, not user input).
        let oldest = Self.ms(now.addingTimeInterval(-RedPressAlert.maxAge))
        let oldestTime = Date(timeIntervalSince1970: TimeInterval(oldest) / 1000)
        let needs = FeedbackFeedStep.Needs(sql: "location_code IS NOT NULL AND contact IS NULL AND ts >= \(oldest)") { feedback, _ in
            feedback.location != nil && feedback.contact == nil && feedback.ts >= oldestTime
        }
        let step = try await FeedbackFeedStep.run(
            consumer: consumer, limit: limit, records: records, database: database, recent: recent, needs: needs
        ) { written, tx in
            let calling = written.filter { RedPressAlert.opens(for: $0.feedback, now: now) }
            guard !calling.isEmpty else { return 0 }
            return try await Self.open(calling.map { ($0.feedback, $0.receivedAt) }, tx).count
        }
        return (step.handled, step.caughtUp)
    }
}
