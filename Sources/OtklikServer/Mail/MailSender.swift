/// Sends e-mail. Throwing means "not sent, try again later"; the outbox keeps the message until a send succeeds
/// or it gives up.
public protocol MailSender: Sendable {
    func send(_ message: MailMessage) async throws
}
