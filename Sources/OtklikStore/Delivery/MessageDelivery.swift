import Foundation

/// The delivery record of one message (`message_deliveries`): never the recipient's address itself, only its hash
/// (SHA-256 of the address as given, to find a contact's messages) and a masked form for people to read.
public struct MessageDelivery: Sendable, Equatable, Codable {
    public var id: String
    /// What the message is: `survey_invitation`.
    public var kind: String
    /// What it is about: the survey invitation's id.
    public var subject: String?
    /// `email`, `sms` (the HTTP gateway) or `log` (the log-only sender).
    public var channel: String
    public var recipientHash: String?
    public var recipientMasked: String?
    public var template: String
    public var language: String?
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    /// `smtp`, `gateway` or `log`, and the provider's id of the message (the gateway's message id, the SMTP Message-ID).
    public var provider: String?
    public var providerId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?
    public var finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, subject, channel, template, language, status, attempts, provider
        case recipientHash = "recipient_hash", recipientMasked = "recipient_masked", lastError = "last_error", providerId = "provider_id"
        case createdAt = "created_at", updatedAt = "updated_at", sentAt = "sent_at", finishedAt = "finished_at"
    }
}
