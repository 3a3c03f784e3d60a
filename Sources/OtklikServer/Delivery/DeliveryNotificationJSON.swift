import Foundation
import OtklikStore

/// What `POST /api/v1/deliveries/dsn` and `otklik mail bounce FILE --format json` answer: the notification's outcome
/// (`bounced`, `delayed` or `delivered`), its status code, the recipient masked (``RecipientMask``), whether the delivery
/// record changed (false for a delay or a repeat) and the record as it now stands.
public struct DeliveryNotificationJSON: Encodable, Sendable {
    public var outcome: String
    public var status: String
    public var recipient: String
    public var changed: Bool
    public var delivery: MessageDelivery
}
