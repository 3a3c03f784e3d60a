import Foundation
import OtklikCore
import OtklikStore

/// Offering interactions to a survey's sampling plan (`POST /api/v1/surveys/{code}/interactions`): the offers are
/// stored with their feed event and the request answers after that commit; the `survey-sampling` consumer decides them
/// in feed order under its lease (on this server or another). To give clients the decisions and links as before, the
/// request waits for them at most ``wait``; what is still undecided then is answered `pending` and read later
/// (``states(survey:ids:)``).
public struct SurveyOffering: Sendable {
    let surveys: any SurveyRepository
    let sampling: any WriteFollowingConsumer
    /// How long a request waits for its decisions (5 s by default).
    public let wait: Duration
    /// How often the request looks again while another server (the lease's holder) decides.
    let poll: Duration

    public init(surveys: any SurveyRepository, sampling: any WriteFollowingConsumer, wait: Duration = .seconds(5), poll: Duration = .milliseconds(50)) {
        self.surveys = surveys
        self.sampling = sampling
        self.wait = wait
        self.poll = poll
    }

    /// One item of the answer, in the request's order: its decision, or nil while pending; `duplicate` when the id was
    /// offered before (or earlier in the same request).
    public struct Item: Sendable, Equatable {
        public var interaction: String
        public var decision: SamplingResult?
        public var duplicate: Bool
    }

    public struct Answer: Sendable, Equatable {
        public var items: [Item]
        /// Whether every item is decided.
        public var decided: Bool { items.allSatisfy { $0.decision != nil } }
        /// Whether the request offered anything not offered before.
        public var fresh: Bool { items.contains { !$0.duplicate } }
    }

    public func offer(survey code: String, _ items: [SurveyInteraction], now: Date) async throws -> Answer {
        let receipt = try await surveys.offer(survey: code, items, now: now, deliver: true)
        let deadline = ContinuousClock.now + wait
        await sampling.catchUpAfterWrite(within: wait)
        var states = try await surveys.offerStates(survey: code, ids: receipt.interactions)
        // Decided by the lease's holder when that is another server: looked at again until the deadline.
        while receipt.interactions.contains(where: { states[$0]?.result == nil }), ContinuousClock.now < deadline {
            try await Task.sleep(for: min(poll, deadline - ContinuousClock.now))
            states = try await surveys.offerStates(survey: code, ids: receipt.interactions)
        }
        var seen = Set<String>()
        return Answer(items: items.map { item in
            let first = seen.insert(item.id).inserted
            var decision = states[item.id]?.result
            let duplicate = !first || !receipt.fresh.contains(item.id)
            decision?.duplicate = duplicate
            return Item(interaction: item.id, decision: decision, duplicate: duplicate)
        })
    }
}
