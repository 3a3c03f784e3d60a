import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The case repository as the server's controllers and background jobs use it: each write is followed, after its
/// commit, by the consumers of the change feed that write what its case history lines call for (the `case-webhooks`
/// and `case-notifications` consumers), as ``WriteFollowUp`` says — started at once, or waited for a bounded time
/// (tests, the command line). The write never fails because of them: they retry from the feed.
public struct FollowedCaseRepository: CaseRepository {
    let cases: any CaseRepository
    let followers: [any WriteFollowingConsumer]
    let followUp: WriteFollowUp

    public init(_ cases: any CaseRepository, followers: [any WriteFollowingConsumer], followUp: WriteFollowUp) {
        self.cases = cases
        self.followers = followers
        self.followUp = followUp
    }

    private func followed<T>(_ write: () async throws -> T) async throws -> T {
        let result = try await write()
        await follow()
        return result
    }

    /// Starts (or waits for) the consumers after a case write made elsewhere (an employee's issue opens its case).
    public func follow() async {
        await followUp.apply(to: followers)
    }

    public func openCasesFromFeed(consumer: String, limit: Int, schedule: CaseSchedule) async throws -> (opened: Int, caughtUp: Bool) {
        // The case-opening consumer starts its followers itself.
        try await cases.openCasesFromFeed(consumer: consumer, limit: limit, schedule: schedule)
    }

    public func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        try await cases.queueWebhooksFromFeed(consumer: consumer, limit: limit)
    }

    public func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool) {
        try await cases.notifyFromFeed(consumer: consumer, limit: limit)
    }

    public func openCases(forFeedback ids: [String], schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase] {
        try await followed { try await cases.openCases(forFeedback: ids, schedule: schedule, now: now) }
    }

    public func openMissingCases(schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase] {
        try await followed { try await cases.openMissingCases(schedule: schedule, now: now) }
    }

    public func cases(_ filter: CaseFilter) async throws -> [FeedbackCase] { try await cases.cases(filter) }

    public func count(_ filter: CaseFilter) async throws -> Int { try await cases.count(filter) }

    public func get(id: String) async throws -> (FeedbackCase, [CaseEvent])? { try await cases.get(id: id) }

    public func apply(_ action: CaseAction, to id: String, actor: String, now: Date, schedule: CaseSchedule) async throws -> FeedbackCase {
        try await followed { try await cases.apply(action, to: id, actor: actor, now: now, schedule: schedule) }
    }

    public func applyBulk(
        _ action: CaseAction, to ids: [String], actor: String, now: Date, schedule: CaseSchedule, requestId: String?
    ) async throws -> BulkCaseResult {
        try await followed { try await cases.applyBulk(action, to: ids, actor: actor, now: now, schedule: schedule, requestId: requestId) }
    }

    public func facts(from: Date?, to: Date?, locations: Set<String>) async throws -> [CaseFact] {
        try await cases.facts(from: from, to: to, locations: locations)
    }

    public func supervise(now: Date, schedule: CaseSchedule) async throws -> [FeedbackCase] {
        try await followed { try await cases.supervise(now: now, schedule: schedule) }
    }
}
