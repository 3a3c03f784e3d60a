import Crypto
import Foundation
import OtklikCore
import OtklikInterchange

/// Events for webhooks, written inside the transaction of the change they report or of the feed consumer that reports
/// it (case history lines, ``SQLCaseRepository/queueWebhooksFromFeed(consumer:limit:)``), with one pending delivery
/// per live webhook subscribed to the type. A delivery is tried until it succeeds or gives up; as everything is
/// in the store, a restart loses nothing.
public enum Outbox {
    /// Event types a webhook can subscribe to.
    public static let eventTypes = ["feedback.received", "case.opened", "case.updated", "case.escalated", "case.sla_warning", "case.breached", "problem.opened", "problem.updated",
        "programme.action"]

    /// Enqueues an event: its ``WebhookEnvelope`` (the format is OtklikInterchange's).
    static func enqueue(type: String, data: some Encodable, at now: Date, _ tx: any SQLExecutor) async throws {
        try await enqueue(type: type, events: [data], at: now, tx)
    }

    /// Enqueues one event per item with a single look-up of the subscribers (a batch of feedback is one write).
    /// - Parameter ids: each event's message id when it must be stable (derived from what it reports); an id already
    ///   queued is not queued again. Random ids otherwise.
    static func enqueue<D: Encodable>(type: String, events: [D], ids: [String]? = nil, at now: Date, _ tx: any SQLExecutor) async throws {
        guard !events.isEmpty else { return }
        let webhooks = try await tx.query("SELECT id, event_types FROM webhooks WHERE disabled_at IS NULL", []).filter { row in
            let types = (row.text("event_types") ?? "").split(separator: ",").map(String.init)
            return types.contains("*") || types.contains(type)
        }.compactMap { $0.text("id") }
        guard !webhooks.isEmpty else { return }
        let ms = Int64((now.timeIntervalSince1970 * 1000).rounded())
        var messages: [[SQLValue]] = [], deliveries: [[SQLValue]] = []
        for (index, data) in events.enumerated() {
            let payload = try WebhookEnvelope(type: type, timestamp: now, data: data).json()
            let id = ids?[index] ?? "msg_" + SecretToken.identifier(length: 20)
            messages.append([.text(id), .text(type), .text(payload), .int(ms)])
            deliveries += webhooks.map { [.text(id), .text($0), .text("pending"), .int(0), .int(ms)] }
        }
        let once = ids == nil ? "" : "ON CONFLICT DO NOTHING"
        try await tx.insertRows("outbox", columns: ["id", "type", "payload", "created_at"], rows: messages, suffix: once)
        try await tx.insertRows(
            "webhook_deliveries", columns: ["message_id", "webhook_id", "status", "attempts", "next_attempt_at"], rows: deliveries, suffix: once)
    }

    /// An event already written out, as a case history line carries it (``HistoryFollowUp``): its stable message id, type,
    /// exact JSON and time.
    struct Written: Sendable {
        var id: String
        var type: String
        var payload: String
        var at: Date
    }

    /// Enqueues events already written out, with a single look-up of the subscribers; an id already queued is not queued
    /// again (a step of a feed consumer done twice queues once).
    static func enqueue(written events: [Written], _ tx: any SQLExecutor) async throws {
        guard !events.isEmpty else { return }
        let webhooks = try await tx.query("SELECT id, event_types FROM webhooks WHERE disabled_at IS NULL", []).compactMap { row in
            row.text("id").map { ($0, Set((row.text("event_types") ?? "").split(separator: ",").map(String.init))) }
        }
        var messages: [[SQLValue]] = [], deliveries: [[SQLValue]] = []
        for event in events {
            let listening = webhooks.filter { $0.1.contains("*") || $0.1.contains(event.type) }.map(\.0)
            guard !listening.isEmpty else { continue }
            let ms = Int64((event.at.timeIntervalSince1970 * 1000).rounded())
            messages.append([.text(event.id), .text(event.type), .text(event.payload), .int(ms)])
            deliveries += listening.map { [.text(event.id), .text($0), .text("pending"), .int(0), .int(ms)] }
        }
        guard !messages.isEmpty else { return }
        try await tx.insertRows("outbox", columns: ["id", "type", "payload", "created_at"], rows: messages, suffix: "ON CONFLICT DO NOTHING")
        try await tx.insertRows(
            "webhook_deliveries", columns: ["message_id", "webhook_id", "status", "attempts", "next_attempt_at"], rows: deliveries,
            suffix: "ON CONFLICT DO NOTHING")
    }

    /// The stable message id of the event `type` about the record `id`: a re-delivery, or a step of a feed consumer
    /// done again, carries the same `webhook-id`.
    static func messageID(type: String, about id: String) -> String {
        "msg_" + SecretToken.hex(SHA256.hash(data: Data("\(type):\(id)".utf8)).prefix(15))
    }
}
