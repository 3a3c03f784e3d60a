import Foundation
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikStore

/// Reads a delivery status notification (RFC 3464, ``DeliveryStatusNotification``) and records what it says on the
/// delivery record it names (``DeliveryReports/applyNotification(envelopeId:messageId:status:error:now:)``): the API's
/// `POST /api/v1/deliveries/dsn` and `otklik mail bounce FILE` both go through here. A malformed notification is refused
/// with the field named (422); one about no message Otklik sent is a 404 naming `message_id`. Addresses in the server's
/// diagnostic are masked before it is kept as the record's `last_error`.
public struct DeliveryNotificationIntake: Sendable {
    let reports: DeliveryReports

    public init(reports: DeliveryReports) {
        self.reports = reports
    }

    public func record(_ raw: String, now: Date) async throws -> DeliveryNotificationJSON {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OtklikError.invalid("body", "the request body is empty; send the delivery status notification as the raw message")
        }
        let notification = try DeliveryStatusNotification.parse(raw)
        let recipient = notification.principal
        let outcome = recipient.outcome
        let status: DeliveryStatus? = switch outcome {
        case .permanentFailure: .bounced
        case .delivered: .delivered
        case .delayed: nil
        }
        // The server's words often quote the address: kept masked, as everywhere in the delivery record.
        let diagnostic = (recipient.diagnostic ?? "action \(recipient.action)")
            .replacing(/[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+/) { RecipientMask.mask(String($0.output)) }
        let error = "\(recipient.status) " + diagnostic
        guard let effect = try await reports.applyNotification(
            envelopeId: notification.envelopeId, messageId: notification.messageId, status: status, error: error, now: now)
        else {
            let named = [notification.envelopeId.map { "envelope id '\($0)'" }, notification.messageId.map { "Message-ID \($0)" }].compactMap { $0 }
            throw OtklikError(.notFound, "no message Otklik sent has the \(named.joined(separator: " or the ")) this notification is about", field: "message_id")
        }
        return DeliveryNotificationJSON(
            outcome: outcome.rawValue, status: recipient.status, recipient: RecipientMask.mask(recipient.finalRecipient), changed: effect.changed,
            delivery: effect.delivery)
    }
}
