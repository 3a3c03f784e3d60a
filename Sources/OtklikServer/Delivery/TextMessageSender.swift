/// Sends a short text message (SMS or a messenger) to a phone number; returns the provider's message id if it gave
/// one. Throws a `DeliveryFailure` (temporary or permanent).
public protocol TextMessageSender: Sendable {
    func send(to recipient: String, text: String, id: String) async throws -> String?
}
