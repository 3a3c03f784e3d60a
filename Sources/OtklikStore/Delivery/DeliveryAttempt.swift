import Foundation

/// One attempt to send a message, as the dispatcher records it: what was sent where, and how it ended.
public struct DeliveryAttempt: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Accepted by the SMTP server or the gateway (with the provider's message id, if it gave one).
        case sent(providerId: String?)
        /// Failed; another attempt follows.
        case retrying(error: String)
        /// Failed for good (a permanent failure or the last attempt).
        case failed(error: String)
    }

    public var id: String
    public var kind: String
    public var subject: String?
    public var channel: String
    /// The address the message went to; stored only hashed and masked.
    public var recipient: String?
    public var template: String
    public var language: String?
    public var provider: String?
    public var outcome: Outcome

    public init(
        id: String, kind: String, subject: String?, channel: String, recipient: String?, template: String, language: String?,
        provider: String?, outcome: Outcome
    ) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.channel = channel
        self.recipient = recipient
        self.template = template
        self.language = language
        self.provider = provider
        self.outcome = outcome
    }
}
