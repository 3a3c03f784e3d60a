import Foundation
import OtklikCore

/// The body of every webhook event, as Standard Webhooks recommends: `{"type", "timestamp", "data"}`, in Otklik's one
/// wire encoding (keys sorted, ISO-8601 times: ``WireJSON``). The `data` is one of the event shapes of this folder; the
/// message id a receiver sees as `webhook-id` is the outbox's (stable where the event is derived from a record).
public struct WebhookEnvelope<Data: Encodable>: Encodable {
    public var type: String
    public var timestamp: Date
    public var data: Data

    public init(type: String, timestamp: Date, data: Data) {
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }

    /// The envelope's exact JSON text, as it is stored in the outbox and sent.
    public func json() throws -> String {
        String(decoding: try WireJSON.encoder.encode(self), as: UTF8.self)
    }
}
