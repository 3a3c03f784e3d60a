import Foundation
import Metrics
import OtklikCore
import OtklikStore

/// The write path of feedback: validate every item, store the batch in one transaction (which appends its
/// change-feed event), then let this server's analytics engine catch up with the feed so the writer reads its own
/// write. What follows from the write is done from the feed by the durable consumers — the text analysis, the case
/// opening, the red-press alerts, the `feedback.received` webhooks. By default (``WriteFollowUp/answerAtCommit``) the write
/// answers at its commit and nudges the text analysis, the case opening and the alerts its items call for, which do
/// the work within milliseconds (the webhooks' loop queues its events every half second); a test or a command-line
/// import can wait for them a bounded time instead (never failing after its commit). Used by the API, the forms, the
/// devices and the CSV import alike.
public struct FeedbackIngest: Sendable {
    let database: AppDatabase
    let follower: FeedFollower?
    /// Analyses the new comments after the commit (nil: left to the servers' consumers).
    let textAnalysis: TextAnalysisConsumer?
    /// Opens the cases of new feedback after the commit (nil: left to the servers' consumers).
    let caseOpening: DurableFeedConsumer?
    /// Opens the red-press alerts of new feedback after the commit (nil: left to the servers' consumers).
    let alertOpening: DurableFeedConsumer?
    /// Copies the new facts to an analytics store outside the process (ClickHouse) after the commit; the write waits
    /// for it at most ``analyticsWait`` so that its writer reads its own write (nil: the embedded engine, or none).
    let analyticsExport: DurableFeedConsumer?
    let followUp: WriteFollowUp
    /// How long a write waits for ``analyticsExport`` before it answers anyway (the consumer's loop finishes the copy).
    public static let analyticsWait: Duration = .seconds(1)
    let ingested = Counter(label: "otklik_feedback_ingested_total")
    let duplicated = Counter(label: "otklik_feedback_duplicates_total")

    public init(
        database: AppDatabase, follower: FeedFollower?, textAnalysis: TextAnalysisConsumer?, caseOpening: DurableFeedConsumer? = nil,
        alertOpening: DurableFeedConsumer? = nil, analyticsExport: DurableFeedConsumer? = nil, followUp: WriteFollowUp = .answerAtCommit
    ) {
        self.database = database
        self.follower = follower
        self.textAnalysis = textAnalysis
        self.caseOpening = caseOpening
        self.alertOpening = alertOpening
        self.analyticsExport = analyticsExport
        self.followUp = followUp
    }

    /// Validates all items first (the error names `items[i].field`); nothing is written unless all are valid.
    /// - Parameter untimed: ids of items sent without a time (stamped `now`): a retry of one is a duplicate, never a conflict.
    public func ingest(
        _ items: [Feedback], untimed: Set<String> = [], createMissingReferences: Bool = false, now: Date = Date()
    ) async throws -> InsertOutcome {
        guard !items.isEmpty else { throw OtklikError.invalid("items", "no feedback items given") }
        try items.validateEach { try $0.validate(now: now) }
        let (outcome, commit) = try await WriteProfile.stage("POST feedback: its group commit (queue, lock, statements, commit)") {
            try await database.feedback.insertCommitted(items, untimed: untimed, createMissingReferences: createMissingReferences)
        }
        let inserted = outcome.insertedRecords(of: items)
        if !inserted.isEmpty {
            await WriteProfile.stage("POST feedback: the engine reaching its commit") {
                if let commit { await follower?.catchUpAfterWrite(commit) } else { await follower?.catchUpAfterWrite() }
            }
            await analyticsExport?.catchUpAfterWrite(within: Self.analyticsWait)
        }
        var following: [any WriteFollowingConsumer] = []
        if let textAnalysis, inserted.contains(where: { $0.comment != nil }) { following.append(textAnalysis) }
        if let caseOpening, inserted.contains(where: FeedbackCase.opens(for:)) { following.append(caseOpening) }
        if let alertOpening, inserted.contains(where: { RedPressAlert.opens(for: $0, now: now) }) { following.append(alertOpening) }
        await followUp.apply(to: following)
        ingested.increment(by: outcome.inserted.count)
        duplicated.increment(by: outcome.duplicates.count)
        return outcome
    }
}
