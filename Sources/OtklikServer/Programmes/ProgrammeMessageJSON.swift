import Foundation
import OtklikStore

/// One message in `GET /api/v1/programmes/{code}/messages`: the customer by Otklik's id, the address masked as on the
/// page (``RecipientMask``: `i***@example.ru`, `***45`; null once it is gone), the channel, the queue's status with the
/// delivery record's `delivered`/`bounced` when the provider reported it, the attempts made and the times.
struct ProgrammeMessageJSON: Encodable, Sendable {
    var id: String
    var customerId: String
    var channel: String
    var recipient: String?
    var status: String
    var deliveryStatus: String?
    var attempts: Int
    var createdAt: Date
    var sentAt: Date?

    init(_ line: ProgrammeMessageLine) {
        id = line.id
        customerId = line.customer
        channel = line.channel
        recipient = line.recipientMasked
        status = line.status
        deliveryStatus = line.deliveryStatus
        attempts = line.attempts
        createdAt = line.createdAt
        sentAt = line.sentAt
    }

    enum CodingKeys: String, CodingKey {
        case id, customerId = "customer_id", channel, recipient, status, deliveryStatus = "delivery_status", attempts
        case createdAt = "created_at", sentAt = "sent_at"
    }

    /// Nulls are written, not left out: an absent address or delivery status is part of the answer.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(customerId, forKey: .customerId)
        try container.encode(channel, forKey: .channel)
        try container.encode(recipient, forKey: .recipient)
        try container.encode(status, forKey: .status)
        try container.encode(deliveryStatus, forKey: .deliveryStatus)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(sentAt, forKey: .sentAt)
    }
}
