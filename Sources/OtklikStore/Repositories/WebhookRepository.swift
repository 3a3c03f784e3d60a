import Foundation
import OtklikCore

/// A subscriber of Otklik's events.
public struct Webhook: Sendable, Equatable {
    public var id: String
    public var url: String
    public var eventTypes: [String]
    public var createdAt: Date
    public var disabledAt: Date?
}

/// One message due to one webhook, with what is needed to send and sign it.
public struct PendingDelivery: Sendable, Equatable {
    public var messageId: String
    public var webhookId: String
    public var url: String
    public var secret: String
    public var payload: String
    public var createdAt: Date
    public var attempts: Int
}

/// A line of the delivery log.
public struct DeliveryRecord: Sendable, Equatable, Codable {
    public var messageId: String
    public var webhookId: String
    public var type: String
    public var status: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: Date?

    enum CodingKeys: String, CodingKey {
        case messageId = "message_id", webhookId = "webhook_id", type, status, attempts, lastStatus = "last_status", lastError = "last_error"
        case deliveredAt = "delivered_at"
    }
}

/// Webhooks, their signing secrets (kept to sign; shown once) and the delivery state of every message.
public protocol WebhookRepository: Sendable {
    /// Registers a webhook and returns it with its `whsec_…` secret.
    func create(url: String, eventTypes: [String]) async throws -> (Webhook, secret: String)
    func webhooks() async throws -> [Webhook]
    func disable(id: String) async throws
    /// Deliveries due at `now`, oldest first.
    func due(now: Date, limit: Int) async throws -> [PendingDelivery]
    /// Claims up to `limit` deliveries due at `now` that no live claim holds, oldest first, for `holder` during
    /// `seconds`, and returns them: with several servers each delivery is sent by one of them at a time. Recording the
    /// attempt releases the claim; a claim whose server stopped expires and the delivery is claimed again.
    func claimDue(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [PendingDelivery]
    /// One step of the durable feed consumer `consumer`: queues a `feedback.received` event (its message id derived
    /// from the feedback id) for each feedback written in the next `limit` feed events, and moves the consumer in the
    /// same transaction. Returns how many events were queued and whether the consumer has reached the feed's head.
    func queueFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool)
    /// Gives up `holder`'s claim on a delivery without recording an attempt.
    func release(_ delivery: PendingDelivery, holder: String) async throws
    /// Records an attempt and releases its claim: delivered, or tried again at `retryAt`, or given up when `retryAt` is nil.
    func record(_ delivery: PendingDelivery, delivered: Bool, status: Int?, error: String?, at now: Date, retryAt: Date?) async throws
    func deliveries(webhookId: String?, limit: Int) async throws -> [DeliveryRecord]
}

public struct SQLWebhookRepository: WebhookRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64?) -> Date? { value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    public func create(url: String, eventTypes: [String]) async throws -> (Webhook, secret: String) {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil, url.count <= 2000 else {
            throw OtklikError.invalid("url", "url must be an http(s) address")
        }
        let types = eventTypes.isEmpty ? ["*"] : eventTypes
        for type in types where type != "*" && !Outbox.eventTypes.contains(type) {
            throw OtklikError.invalid("events", "unknown event type '\(type)'; use \(Outbox.eventTypes.joined(separator: ", ")) or *")
        }
        let id = "wh_" + SecretToken.identifier(length: 12)
        var bytes = [UInt8](repeating: 0, count: 24)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = .random(in: .min ... .max, using: &generator) }
        let secret = "whsec_" + Data(bytes).base64EncodedString()
        let now = Date()
        try await database.execute(
            "INSERT INTO webhooks (id, url, secret, event_types, created_at) VALUES (?, ?, ?, ?, ?)",
            [.text(id), .text(url), .text(secret), .text(types.joined(separator: ",")), .int(Self.ms(now))])
        return (Webhook(id: id, url: url, eventTypes: types, createdAt: now, disabledAt: nil), secret)
    }

    public func webhooks() async throws -> [Webhook] {
        try await database.query("SELECT id, url, event_types, created_at, disabled_at FROM webhooks ORDER BY created_at, id").map { row in
            Webhook(
                id: try row.string("id"), url: try row.string("url"), eventTypes: (row.text("event_types") ?? "").split(separator: ",").map(String.init),
                createdAt: Self.date(row.int64("created_at")) ?? Date(), disabledAt: Self.date(row.int64("disabled_at")))
        }
    }

    public func disable(id: String) async throws {
        guard try await database.query("SELECT id FROM webhooks WHERE id = ? AND disabled_at IS NULL", [.text(id)]).first != nil else {
            throw OtklikError(.notFound, "no live webhook '\(id)'", field: "id")
        }
        try await database.transaction { tx in
            try await tx.execute("UPDATE webhooks SET disabled_at = ? WHERE id = ?", [.int(Self.ms(Date())), .text(id)])
            try await tx.execute(
                "UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook disabled' WHERE webhook_id = ? AND status = 'pending'", [.text(id)])
        }
    }

    public func due(now: Date, limit: Int) async throws -> [PendingDelivery] {
        try await database.query(
            """
            SELECT d.message_id, d.webhook_id, d.attempts, w.url, w.secret, o.payload, o.created_at
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.message_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.message_id LIMIT ?
            """, [.int(Self.ms(now)), .int(Int64(limit))]
        ).map(Self.pending(row:))
    }

    static func pending(row: SQLRow) throws -> PendingDelivery {
        PendingDelivery(
            messageId: try row.string("message_id"), webhookId: try row.string("webhook_id"), url: try row.string("url"),
            secret: try row.string("secret"), payload: try row.string("payload"), createdAt: Self.date(row.int64("created_at")) ?? Date(),
            attempts: row.int("attempts") ?? 0)
    }

    public func record(_ delivery: PendingDelivery, delivered: Bool, status: Int?, error: String?, at now: Date, retryAt: Date?) async throws {
        let state = delivered ? "delivered" : retryAt == nil ? "failed" : "pending"
        try await database.execute(
            """
            UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?,
                claimed_by = NULL, claimed_until = NULL
            WHERE message_id = ? AND webhook_id = ?
            """,
            [.text(state), status.map { .int(Int64($0)) } ?? .null, SQLValue(error.map { String($0.prefix(500)) }),
             .int(Self.ms(retryAt ?? now)), delivered ? .int(Self.ms(now)) : .null, .text(delivery.messageId), .text(delivery.webhookId)])
    }

    public func deliveries(webhookId: String?, limit: Int) async throws -> [DeliveryRecord] {
        let condition = webhookId == nil ? "" : "WHERE d.webhook_id = ?"
        let binds: [SQLValue] = (webhookId.map { [.text($0)] } ?? []) + [.int(Int64(limit))]
        return try await database.query(
            """
            SELECT d.message_id, d.webhook_id, o.type, d.status, d.attempts, d.last_status, d.last_error, d.delivered_at
            FROM webhook_deliveries d JOIN outbox o ON o.id = d.message_id \(condition) ORDER BY o.created_at DESC, d.message_id LIMIT ?
            """, binds
        ).map { row in
            DeliveryRecord(
                messageId: try row.string("message_id"), webhookId: try row.string("webhook_id"), type: try row.string("type"),
                status: try row.string("status"), attempts: row.int("attempts") ?? 0, lastStatus: row.int("last_status"),
                lastError: row.text("last_error"), deliveredAt: Self.date(row.int64("delivered_at")))
        }
    }
}
