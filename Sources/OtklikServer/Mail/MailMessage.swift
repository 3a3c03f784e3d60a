import Foundation

/// An e-mail: a plain-text body, optionally an HTML alternative of it and files attached. `id` is stable across
/// retries (it becomes the Message-ID), so a receiving system can tell a resend from a new message. Without HTML and
/// attachments it is sent as one `text/plain` part, as every notification is.
public struct MailMessage: Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    /// The same content as `body` as an HTML document (mail clients that show HTML show it instead of the text).
    public var html: String?
    public var attachments: [MailAttachment]

    public init(id: String, from: String, to: String, subject: String, body: String, html: String? = nil, attachments: [MailAttachment] = []) {
        self.id = id
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.html = html
        self.attachments = attachments
    }
}
