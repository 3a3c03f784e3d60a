import Foundation
import OtklikCore
import OtklikStore

extension DeliveryReports {
    /// What a delivery status notification did to the delivery record it names.
    public struct NotificationEffect: Sendable {
        /// The record after the notification.
        public var delivery: MessageDelivery
        /// Whether the record changed: false for a delay (the server is still trying) and for a repeat of a notification
        /// already recorded.
        public var changed: Bool
    }

    /// Records a bounce (or a late delivery) a mail server reported in a delivery status notification on the delivery
    /// record it names: by the envelope id given at sending (the record's id), or by the returned message's Message-ID
    /// (`<ID@otklik>`, as the SMTP sender writes it). `status` is `bounced` for a permanent failure, `delivered`, or nil
    /// for a delay (nothing changes). A permanent failure of a survey invitation makes it `no_contact` (as a failed
    /// delivery does, ``apply(provider:providerId:status:error:now:)``). A repeat changes nothing. Nil: no record.
    public func applyNotification(envelopeId: String?, messageId: String?, status: DeliveryStatus?, error: String?, now: Date) async throws
        -> NotificationEffect?
    {
        var record: MessageDelivery?
        for id in Self.deliveryIds(envelopeId: envelopeId, messageId: messageId) where record == nil {
            record = try await deliveries.delivery(id: id)
        }
        guard let record else { return nil }
        guard let status, record.status != status else { return NotificationEffect(delivery: record, changed: false) }
        guard let provider = record.provider, let providerId = record.providerId else {
            throw OtklikError(.conflict, "the delivery '\(record.id)' was never accepted by a mail server, so nothing can have bounced", field: "message_id")
        }
        guard let updated = try await apply(provider: provider, providerId: providerId, status: status, error: error, now: now) else { return nil }
        return NotificationEffect(delivery: updated, changed: true)
    }

    /// The record ids a notification may name: the envelope id, and the local part of an `<ID@otklik>` Message-ID.
    static func deliveryIds(envelopeId: String?, messageId: String?) -> [String] {
        var ids: [String] = []
        if let envelopeId, !envelopeId.isEmpty { ids.append(envelopeId) }
        if let messageId {
            let bare = messageId.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
            if bare.hasSuffix("@otklik"), bare.count > "@otklik".count { ids.append(String(bare.dropLast("@otklik".count))) }
        }
        return ids
    }
}
