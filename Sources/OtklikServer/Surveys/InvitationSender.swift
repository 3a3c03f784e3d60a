import Foundation
import Logging
import OtklikStore

/// Delivers a survey invitation (an SMS gateway, an e-mail service, a terminal's screen…). Throw to have the delivery
/// retried; after the dispatcher's last attempt the invitation counts as `no_contact`.
public protocol InvitationSender: Sendable {
    func send(_ message: InvitationMessage, link: String) async throws
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
