import Foundation

/// The delivery records of messages to customers (`message_deliveries`).
public protocol MessageDeliveryRepository: Sendable {
    /// Records one attempt: creates the record at the first attempt, then counts the attempt and sets the status
    /// (`sent`, `queued` while retrying, `failed`), the last error and the provider's id. Returns the record.
    @discardableResult
    func record(_ attempt: DeliveryAttempt, now: Date) async throws -> MessageDelivery
    /// A provider's later report about a message it accepted (`delivered`, `bounced` or `failed`), found by the
    /// provider's message id; nil when no record has that id. `queued` and `sent` are not reports.
    func report(provider: String, providerId: String, status: DeliveryStatus, error: String?, now: Date) async throws -> MessageDelivery?
    func delivery(id: String) async throws -> MessageDelivery?
    /// The records about one subject (a survey invitation), oldest first.
    func deliveries(subject: String) async throws -> [MessageDelivery]
    /// The newest records, optionally of one status.
    func recent(status: DeliveryStatus?, limit: Int) async throws -> [MessageDelivery]
    /// The newest records of survey invitations at these locations (a caller limited to them): programme messages, which
    /// carry no location, and invitations without one are left out; an empty set keeps none.
    func recent(status: DeliveryStatus?, limit: Int, locations: Set<String>) async throws -> [MessageDelivery]
    /// A record with the location it belongs to: its survey invitation's (nil for a programme message or an invitation
    /// without a location); nil when no record has the id.
    func located(id: String) async throws -> (delivery: MessageDelivery, location: String?)?
}
