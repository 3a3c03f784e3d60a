import Foundation
import Metrics
import OtklikCore
import OtklikStore

/// The write path of feedback: validate every item, store the batch in one transaction (which appends its
/// change-feed event), then let this server's analytics engine catch up with the feed so the writer reads its
/// own write. What follows from the write is done from the feed by the durable consumers: the writer catches up the
/// text analysis, nudges the case opening and the red-press alerts and waits for them a bounded time (never failing
/// after its commit), and leaves the `feedback.received` webhooks to their consumer's loop. Used by the API, the forms,
/// the devices and the CSV import alike.
public struct FeedbackIngest: Sendable {
    let database: AppDatabase
    let follower: FeedFollower?
    /// Analyses the new comments after the commit (nil: left to the servers' consumers).
    let textAnalysis: TextAnalysisConsumer?
    /// Opens the cases of new feedback after the commit (nil: left to the servers' consumers).
    let caseOpening: DurableFeedConsumer?
    /// Opens the red-press alerts of new feedback after the commit (nil: left to the servers' consumers).
    let alertOpening: DurableFeedConsumer?
    /// How long a write that calls for cases or alerts waits for them before it answers (they are opened from the feed anyway).
    let caseWait: Duration
    private let ingested = Counter(label: "otklik_feedback_ingested_total")
    private let duplicated = Counter(label: "otklik_feedback_duplicates_total")

    public init(
        database: AppDatabase, follower: FeedFollower?, textAnalysis: TextAnalysisConsumer?, caseOpening: DurableFeedConsumer? = nil,
        alertOpening: DurableFeedConsumer? = nil, caseWait: Duration = .seconds(10)
    ) {
        self.database = database
        self.follower = follower
        self.textAnalysis = textAnalysis
        self.caseOpening = caseOpening
        self.alertOpening = alertOpening
        self.caseWait = caseWait
    }

    /// Validates all items first (the error names `items[i].field`); nothing is written unless all are valid.
    /// - Parameter untimed: ids of items sent without a time (stamped `now`): a retry of one is a duplicate, never a conflict.
    public func ingest(
        _ items: [Feedback], untimed: Set<String> = [], createMissingReferences: Bool = false, now: Date = Date()
    ) async throws -> InsertOutcome {
        guard !items.isEmpty else { throw OtklikError.invalid("items", "no feedback items given") }
        try items.validateEach { try $0.validate(now: now) }
        let outcome = try await database.feedback.insert(items, untimed: untimed, createMissingReferences: createMissingReferences)
        let inserted = outcome.insertedRecords(of: items)
        if !inserted.isEmpty { await follower?.catchUpAfterWrite() }
        if inserted.contains(where: { $0.comment != nil }) { await textAnalysis?.catchUpAfterWrite() }
        // Cases (a complaint, a contactable low score) follow from the feed: the writer nudges their consumer and waits
        // a bounded time; a failure or a crash here leaves them to the consumer's next round, never a 500 after a
        // durable commit. The `feedback.received` webhooks are queued by their consumer's loop.
        // A negative press or low rating without a contact alerts the location's duty staff: the same, from the feed by
        // the `red-press-alerts` consumer (one alert per feedback however often its event is read). Both run at once.
        let wait = caseWait
        async let cases: Void = {
            if let caseOpening, inserted.contains(where: FeedbackCase.opens(for:)) { await caseOpening.catchUpAfterWrite(within: wait) }
        }()
        async let alerts: Void = {
            if let alertOpening, inserted.contains(where: { RedPressAlert.opens(for: $0, now: now) }) {
                await alertOpening.catchUpAfterWrite(within: wait)
            }
        }()
        _ = await (cases, alerts)
        ingested.increment(by: outcome.inserted.count)
        duplicated.increment(by: outcome.duplicates.count)
        return outcome
    }
}
