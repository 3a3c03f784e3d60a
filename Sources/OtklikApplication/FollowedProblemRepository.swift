import Foundation
import OtklikCore
import OtklikStore

/// The problem repository as the server's controllers and case supervisor use it: each write (a detection that opens
/// problems, a manager's action) is followed, after its commit, by the consumers of the change feed that write what
/// its problem history lines call for (the `problem-webhooks` and `problem-notifications` consumers), as
/// ``WriteFollowUp`` says — started at once, or waited for a bounded time (tests, the command line). The write never
/// fails because of them: they retry from the feed.
public struct FollowedProblemRepository: ProblemRepository {
    let problems: any ProblemRepository
    let followers: [any WriteFollowingConsumer]
    let followUp: WriteFollowUp

    public init(_ problems: any ProblemRepository, followers: [any WriteFollowingConsumer], followUp: WriteFollowUp) {
        self.problems = problems
        self.followers = followers
        self.followUp = followUp
    }

    public func detect(_ rule: ProblemRule, now: Date) async throws -> [Problem] {
        let opened = try await problems.detect(rule, now: now)
        if !opened.isEmpty { await followUp.apply(to: followers) }
        return opened
    }

    public func problems(status: Problem.Status?, locations: Set<String>?) async throws -> [Problem] {
        try await problems.problems(status: status, locations: locations)
    }

    public func get(id: String, rule: ProblemRule, now: Date) async throws -> (Problem, cases: [String], verification: ProblemVerification?)? {
        try await problems.get(id: id, rule: rule, now: now)
    }

    public func apply(_ action: ProblemAction, to id: String, actor: String?, now: Date) async throws -> Problem {
        let problem = try await problems.apply(action, to: id, actor: actor, now: now)
        await followUp.apply(to: followers)
        return problem
    }

    public func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        try await problems.queueWebhooksFromFeed(consumer: consumer, limit: limit)
    }

    public func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool) {
        try await problems.notifyFromFeed(consumer: consumer, limit: limit)
    }
}
