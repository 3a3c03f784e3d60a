import Foundation

/// An invitation waiting in the outbox to be delivered: the link's token, where to send it (if known), the survey and
/// the language, and the invitation's channel (the interaction's, or the one a programme chose; `messenger` routes a
/// phone number to the messenger gateway when one is configured). Delivered by an `InvitationSender`; the token leaves the store once delivery
/// succeeds.
public struct InvitationMessage: Sendable, Equatable {
    public var id: String
    public var invitation: String
    public var survey: String
    public var token: String
    public var recipient: String?
    public var customer: String?
    public var lang: String?
    public var attempts: Int
    public var channel: String?

    public init(
        id: String, invitation: String, survey: String, token: String, recipient: String?, customer: String?, lang: String?, attempts: Int,
        channel: String? = nil
    ) {
        self.channel = channel
        self.id = id
        self.invitation = invitation
        self.survey = survey
        self.token = token
        self.recipient = recipient
        self.customer = customer
        self.lang = lang
        self.attempts = attempts
    }
}
