import Foundation
import OtklikCore
import OtklikMetrics

/// Surveys, their sampling, invitations, answers and the invitations' delivery outbox.
public protocol SurveyRepository: Sendable {
    /// Stores a new survey after validating it in full. The same definition again is accepted (returns false);
    /// another definition under a code in use is a conflict.
    @discardableResult
    func create(_ survey: Survey, now: Date) async throws -> Bool
    func surveys() async throws -> [Survey]
    func survey(code: String) async throws -> Survey?
    /// Replaces a survey's definition after validating it in full. Before any answer anything but the code may change;
    /// once the survey has answers only its wording (titles, texts, option labels), otherwise a conflict naming what.
    func update(_ survey: Survey, now: Date) async throws
    /// Closes a survey: no new invitations or answers from then on, and its links say it is closed. Closing a closed
    /// survey changes nothing.
    func close(survey code: String, now: Date) async throws
    /// When the survey was closed; nil while open.
    func closedAt(survey code: String) async throws -> Date?

    /// Applies the survey's sampling plan and fatigue rule to interactions, in order, with the plan's state persisted:
    /// records every decision (a replayed interaction id gets its first decision back), creates an invitation with a
    /// random link token for each one invited and, with `deliver`, an outbox row for its delivery. All or nothing.
    /// `segments` gives the segments' memberships for a plan with the `segment` stratum (called with the survey's
    /// segment codes, once, before the transaction); such a plan without it is refused.
    func sample(
        survey code: String, _ items: [SurveyInteraction], now: Date, deliver: Bool, segments: SegmentMemberships?
    ) async throws -> [SamplingResult]
    /// Stores interactions offered to the survey's sampling plan, to be decided by the `survey-sampling` change-feed
    /// consumer (``sampleOffersFromFeed(consumer:limit:segments:handOver:)``): validated in full, then in one transaction with
    /// one `survey_offers` feed event for those neither offered nor decided before (a replayed id offers nothing
    /// again). An unknown survey is 404, a closed one 409, an unusable plan 422 (`sampling`), a bad item 422 naming
    /// its field — before anything is written.
    func offer(survey code: String, _ items: [SurveyInteraction], now: Date, deliver: Bool) async throws -> SurveyOfferReceipt
    /// The state of each of `ids` offered to (or decided for) the survey, by id; an id never offered is absent. A
    /// decision carries its link token only while its invitation waits in the outbox.
    func offerStates(survey code: String, ids: [String]) async throws -> [String: SurveyOfferState]
    /// One step of the `survey-sampling` consumer: decides the offers of the next stretch of the feed in feed order
    /// (within one offer, in its order) exactly as ``sample(survey:_:now:deliver:segments:)`` does, at the offer's
    /// time, and moves `consumer`'s position in the same transaction. `segments` gives the memberships for plans with
    /// the `segment` stratum (without it such an offer fails the step, which is retried). An invitation to deliver
    /// waits `handOver` in the outbox from its decision before the first attempt: the request that offered it reads
    /// its link meanwhile (``offerStates(survey:ids:)``), which delivery forgets.
    func sampleOffersFromFeed(
        consumer: String, limit: Int, segments: SegmentMemberships?, handOver: Duration
    ) async throws -> (handled: Int, caughtUp: Bool)
    /// Invites one interaction without the sampling plan (records the decision `invited`, "by hand"); returns the
    /// invitation and its token. An interaction already decided is a conflict.
    func invite(survey code: String, _ item: SurveyInteraction, now: Date, deliver: Bool) async throws -> (SurveyInvitation, String)

    /// Design weights 1/π by invitation id: π is the share of the eligible interactions of the invitation's stratum
    /// (and, for quotas, of its period) that were invited, from the stored decisions.
    func designWeights(survey code: String) async throws -> [String: Double]

    func invitation(token: String) async throws -> SurveyInvitation?
    func invitation(id: String) async throws -> SurveyInvitation?
    func invitations(survey code: String) async throws -> [SurveyInvitation]
    /// Every survey's invitations made in `filter`'s period counted by outcome, by survey code, in one aggregate query:
    /// at `filter`'s location (its staff, service and channel too) and, with `locations`, only at those (an invitation
    /// with no location then not counted) — the counts ``SurveyResults`` makes of the same invitations.
    func invitationOutcomes(_ filter: InvitationFilter, locations: Set<String>?) async throws -> [String: SurveyResults.Outcomes]
    /// When the last invitation was made (of one survey, or of any; with `locations`, at those only); nil without one.
    func lastInvitedAt(survey code: String?, locations: Set<String>?) async throws -> Date?
    func answers(invitation id: String) async throws -> [SurveyAnswer]
    /// Every answer of a survey by invitation id.
    func answers(survey code: String) async throws -> [String: [SurveyAnswer]]
    /// Records the questions shown unless already recorded; returns the recorded list.
    func recordShown(invitation id: String, questions: [String]) async throws -> [String]
    /// Replaces the invitation's answers and sets its status (`completed`, `partial`, `refused`: a refusal keeps no
    /// answers). Only an open invitation (invited, partial, or no_contact reached after all) can be answered; otherwise a
    /// conflict.
    func respond(invitation id: String, answers: [SurveyAnswer], status: InvitationStatus, now: Date) async throws

    /// The invitation could not be delivered (a sender or a caller says so): `no_contact`, unless already answered.
    func markNoContact(invitation id: String) async throws

    /// Outbox rows due for delivery, oldest first.
    func pendingMessages(limit: Int, now: Date) async throws -> [InvitationMessage]
    /// Delivery succeeded: the row is kept as `sent` and forgets the token and the recipient.
    func markDelivered(message id: String, now: Date) async throws
    /// Delivery failed: retried after `retryAfter`; after `maxAttempts` the row is `failed` and the invitation becomes
    /// `no_contact`.
    func markFailed(message id: String, error: String, now: Date, retryAfter: TimeInterval, maxAttempts: Int) async throws
}

/// The memberships of the segments a survey names, evaluated at sampling time (``SegmentStratum``).
public typealias SegmentMemberships = @Sendable (_ codes: [String]) async throws -> SegmentStratum

extension SurveyRepository {
    /// Samples without segment memberships: for plans without the `segment` stratum.
    public func sample(survey code: String, _ items: [SurveyInteraction], now: Date, deliver: Bool) async throws -> [SamplingResult] {
        try await sample(survey: code, items, now: now, deliver: deliver, segments: nil)
    }
}
