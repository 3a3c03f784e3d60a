/// A plain-text e-mail. `id` is stable across retries (it becomes the Message-ID), so a receiving system can
/// tell a resend from a new message.
public struct MailMessage: Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var subject: String
    public var body: String

    public init(id: String, from: String, to: String, subject: String, body: String) {
        self.id = id
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }
}
