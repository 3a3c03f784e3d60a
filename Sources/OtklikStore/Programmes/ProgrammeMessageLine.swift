import Foundation

/// One line of a programme's message list (`/programmes/{code}/messages`): to whom (the customer's id and the address
/// masked, ``RecipientMask``), over which channel, its status (the queue's `pending`, `sent` or `failed`, and the
/// delivery record's `delivered` or `bounced` when the provider reported it), the attempts made and when.
public struct ProgrammeMessageLine: Sendable, Equatable {
    public var id: String
    public var customer: String
    public var channel: String
    /// The address masked: from the delivery record once an attempt was made, else from the queued address; nil once
    /// it is gone (sent or given up, and no delivery record kept it).
    public var recipientMasked: String?
    public var status: String
    /// The delivery record's status when it says more than the queue's (`delivered`, `bounced`); nil otherwise.
    public var deliveryStatus: String?
    public var attempts: Int
    public var createdAt: Date
    public var sentAt: Date?
}
