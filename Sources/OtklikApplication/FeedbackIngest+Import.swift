import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

extension FeedbackIngest {
    /// The write path of a feedback file of any size (`otklik import feedback`): the chunks `next` reads are validated
    /// (``Feedback/validate(now:)``, the error naming the line and column) and stored one at a time inside one
    /// transaction (``FeedbackRepository/importChunks(createMissingReferences:next:progress:)``), so memory stays bounded
    /// by two chunks and a bad line or a conflicting id anywhere leaves nothing written. The store writes what
    /// ``ingest(_:untimed:createMissingReferences:now:)`` writes for the same records — the rows, their customers, the
    /// change-feed events (one a chunk rather than one in all) — and after the commit, when it stored anything, the
    /// write follows up as that path does: the analytics engine catches up, then the text analysis, the case opening
    /// and the alerts this ingest was given run as ``WriteFollowUp`` says (waited for, for a command-line import).
    public func importChunks(
        createMissingReferences: Bool = true, now: Date = Date(), next: @escaping ImportChunkReader<Feedback>,
        progress: @escaping ImportProgress = { _ in }
    ) async throws -> BulkImportOutcome {
        let outcome = try await database.feedback.importChunks(
            createMissingReferences: createMissingReferences,
            next: {
                guard let chunk = try next() else { return nil }
                try ImportRecord.validate(chunk) { try $0.validate(now: now) }
                return chunk
            }, progress: progress)
        if outcome.inserted > 0 {
            await follower?.catchUpAfterWrite()
            await analyticsExport?.catchUpAfterWrite(within: Self.analyticsWait)
            // Which of the stored records have a comment, or open a case or an alert, is not kept (the records are gone
            // with their chunks): each consumer given is followed, and finds in the feed the work there is.
            let consumers: [(any WriteFollowingConsumer)?] = [textAnalysis, caseOpening, alertOpening]
            let following = consumers.compactMap { $0 }
            await followUp.apply(to: following)
        }
        ingested.increment(by: outcome.inserted)
        duplicated.increment(by: outcome.duplicates)
        return outcome
    }
}
