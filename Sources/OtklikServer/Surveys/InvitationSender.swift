import Foundation
import Logging
import OtklikStore

/// Delivers a survey invitation (an SMS gateway, an e-mail service, a terminal's screen…). Throw to have the delivery
/// retried (a `DeliveryFailure` says whether trying again can help); when the dispatcher gives up, the invitation
/// counts as `no_contact`.
public protocol InvitationSender: Sendable {
    func send(_ message: InvitationMessage, link: String) async throws
    /// How the message will go (channel, template, language, provider), for its delivery record.
    func route(_ message: InvitationMessage) async throws -> InvitationRoute
    /// Sends the message; returns the provider's message id if there is one.
    func deliver(_ message: InvitationMessage, link: String) async throws -> String?
}

extension InvitationSender {
    public func route(_ message: InvitationMessage) async throws -> InvitationRoute { .log(message) }

    public func deliver(_ message: InvitationMessage, link: String) async throws -> String? {
        try await send(message, link: link)
        return nil
    }
}

/// The default sender: writes the invitation's link and its customer's id (never the recipient's phone or e-mail
/// address: contacts do not reach logs) to the log and counts it delivered. The outbox row stays (as
/// `sent`), so a deployment can see what was sent when; a real sender replaces this one.
public struct LogInvitationSender: InvitationSender {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: InvitationMessage, link: String) async throws {
        logger.notice(
            "survey invitation (log-only sender)",
            metadata: ["survey": "\(message.survey)", "invitation": "\(message.invitation)", "customer": "\(message.customer ?? "-")", "link": "\(link)"])
    }
}
