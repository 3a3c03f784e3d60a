import Foundation

/// What an offer of interactions to a survey stored (``SurveyRepository/offer(survey:_:now:deliver:)``).
public struct SurveyOfferReceipt: Sendable, Equatable {
    /// The interaction ids of the request in its order, each once.
    public var interactions: [String]
    /// The ids this request offered: neither offered nor decided before (the others are duplicates).
    public var fresh: Set<String>
    /// The position of the `survey_offers` event the offer appended; nil when it offered nothing new.
    public var position: Int64?

    public init(interactions: [String], fresh: Set<String>, position: Int64?) {
        self.interactions = interactions
        self.fresh = fresh
        self.position = position
    }
}

/// Where one interaction offered to a survey stands: decided by the sampling plan, or offered and waiting for the
/// `survey-sampling` consumer.
public enum SurveyOfferState: Sendable, Equatable {
    case decided(SamplingResult)
    case pending

    public var result: SamplingResult? {
        if case .decided(let result) = self { return result }
        return nil
    }
}
