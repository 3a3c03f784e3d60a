import Foundation
import Metrics
import OtklikCore
import OtklikStore

/// The write path of feedback: validate every item, store the batch in one transaction (which appends its
/// change-feed event), then let this server's analytics engine catch up with the feed so the writer reads its
/// own write. Used by the API and the CSV import alike.
public struct FeedbackIngest: Sendable {
    let database: AppDatabase
    let follower: FeedFollower?
    /// Analyses the new comments after the commit (nil: left to the servers' consumers).
    let textAnalysis: TextAnalysisConsumer?
    /// The SLA of the cases this feedback opens.
    let schedule: CaseScheduleSource
    private let ingested = Counter(label: "otklik_feedback_ingested_total")
    private let duplicated = Counter(label: "otklik_feedback_duplicates_total")

    public init(database: AppDatabase, follower: FeedFollower?, textAnalysis: TextAnalysisConsumer?, configuration: AppConfiguration) {
        self.database = database
        self.follower = follower
        self.textAnalysis = textAnalysis
        schedule = CaseScheduleSource(database: database, configuration: configuration)
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
        // A complaint (or a contactable low score) opens its case; a crash before this line is healed by the
        // sweep at the next start, as opening is idempotent.
        let needCases = inserted.filter(FeedbackCase.opens(for:)).map(\.id)
        if !needCases.isEmpty {
            _ = try await database.cases.openCases(forFeedback: needCases, schedule: try await schedule.current(), now: now)
        }
        // A negative press or low rating without a contact alerts the location's duty staff at once; one alert per
        // feedback, so a retried batch (its items already stored, not in `inserted`) opens none more.
        let needAlerts = inserted.filter { RedPressAlert.opens(for: $0, now: now) }
        if !needAlerts.isEmpty { _ = try await SQLAlertRepository(database: database.sql).open(for: needAlerts, now: now) }
        ingested.increment(by: outcome.inserted.count)
        duplicated.increment(by: outcome.duplicates.count)
        return outcome
    }
}
