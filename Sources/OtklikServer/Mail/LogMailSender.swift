import Logging

/// The default sender: writes each e-mail to the log instead of sending it (no SMTP server configured).
public struct LogMailSender: MailSender {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        logger.info("e-mail (log only, no SMTP server configured)", metadata: ["to": "\(message.to)", "subject": "\(message.subject)", "id": "\(message.id)"])
    }
}
