import Foundation

/// One thing that happened to a customer, as the timeline shows it: what (feedback, a call or chat or e-mail, a
/// case, a survey invitation or answer, a service request, a transaction, a message sent, a life situation detected), when, a few facts, and the identifier that linked it.
public struct TimelineItem: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case feedback
        case interaction
        case feedbackCase = "case"
        case surveyInvitation = "survey_invitation"
        case surveyAnswer = "survey_answer"
        case serviceRequest = "service_request"
        case transaction
        case messageSent = "message_sent"
        /// A milestone: the customer was found in a life situation (the situation and the signals that revealed it).
        case lifeSituation = "life_situation"
    }

    public var kind: Kind
    public var id: String
    public var at: Date
    /// The channel (feedback, interactions, requests, transactions, messages) or the survey's code.
    public var channel: String?
    /// The state: a case's or a request's status, an interaction's outcome, an invitation's status, a feedback's kind.
    public var status: String?
    /// Scores and short facts by name (`nps`, `csat`, `comment`, `topic`, `service`, `location`, `feedback` …).
    public var details: [String: String]
    public var linkedBy: CustomerIdentity?

    public init(
        kind: Kind, id: String, at: Date, channel: String? = nil, status: String? = nil, details: [String: String] = [:],
        linkedBy: CustomerIdentity? = nil
    ) {
        self.kind = kind
        self.id = id
        self.at = at
        self.channel = channel
        self.status = status
        self.details = details
        self.linkedBy = linkedBy
    }

    /// Newest first; ties by kind and id, so pages never overlap.
    public static func newestFirst(_ lhs: TimelineItem, _ rhs: TimelineItem) -> Bool {
        if lhs.at != rhs.at { return lhs.at > rhs.at }
        if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
        return lhs.id < rhs.id
    }
}
