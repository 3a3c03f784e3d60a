import Crypto
import Foundation
import OtklikCore

/// ``MessageDeliveryRepository`` on both engines.
public struct SQLMessageDeliveryRepository: MessageDeliveryRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static let columns = """
        id, kind, subject_id, channel, recipient_hash, recipient_masked, template, lang, status, attempts, last_error, provider, provider_id,
        created_at, updated_at, sent_at, finished_at
        """

    /// SHA-256 of the address as given, lower-cased and without surrounding spaces.
    public static func recipientHash(_ recipient: String) -> String {
        SHA256.hash(data: Data(recipient.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().utf8))
            .map { String(format: "%02x", $0) }.joined()
    }

    @discardableResult
    public func record(_ attempt: DeliveryAttempt, now: Date) async throws -> MessageDelivery {
        guard !attempt.id.isEmpty else { throw OtklikError.invalid("id", "a delivery record needs the message's id") }
        let at = Self.ms(now)
        let status: DeliveryStatus, error: String?, providerId: String?
        switch attempt.outcome {
        case .sent(let id): (status, error, providerId) = (.sent, nil, id)
        case .retrying(let reason): (status, error, providerId) = (.queued, String(reason.prefix(500)), nil)
        case .failed(let reason): (status, error, providerId) = (.failed, String(reason.prefix(500)), nil)
        }
        let sentAt: SQLValue = status == .sent ? .int(at) : .null
        let finishedAt: SQLValue = status == .failed ? .int(at) : .null
        try await database.execute(
            """
            INSERT INTO message_deliveries (\(Self.columns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                channel = excluded.channel, template = excluded.template, lang = excluded.lang, status = excluded.status,
                recipient_hash = COALESCE(excluded.recipient_hash, message_deliveries.recipient_hash),
                recipient_masked = COALESCE(excluded.recipient_masked, message_deliveries.recipient_masked),
                attempts = message_deliveries.attempts + 1,
                last_error = COALESCE(excluded.last_error, message_deliveries.last_error),
                provider = COALESCE(excluded.provider, message_deliveries.provider),
                provider_id = COALESCE(excluded.provider_id, message_deliveries.provider_id),
                updated_at = excluded.updated_at,
                sent_at = COALESCE(excluded.sent_at, message_deliveries.sent_at),
                finished_at = excluded.finished_at
            """,
            [.text(attempt.id), .text(attempt.kind), SQLValue(attempt.subject), .text(attempt.channel),
             SQLValue(attempt.recipient.map(Self.recipientHash)), SQLValue(attempt.recipient.map(RecipientMask.mask)), .text(attempt.template),
             SQLValue(attempt.language), .text(status.rawValue), SQLValue(error), SQLValue(attempt.provider), SQLValue(providerId),
             .int(at), .int(at), sentAt, finishedAt])
        guard let stored = try await delivery(id: attempt.id) else { throw OtklikError(.notFound, "no delivery '\(attempt.id)'", field: "id") }
        return stored
    }

    public func report(provider: String, providerId: String, status: DeliveryStatus, error: String?, now: Date) async throws -> MessageDelivery? {
        guard [.delivered, .bounced, .failed].contains(status) else {
            throw OtklikError.invalid("status", "a provider reports delivered, bounced or failed")
        }
        let rows = try await database.query(
            "SELECT id FROM message_deliveries WHERE provider = ? AND provider_id = ? ORDER BY created_at LIMIT 1", [.text(provider), .text(providerId)])
        guard let id = rows.first?.text("id") else { return nil }
        try await database.execute(
            "UPDATE message_deliveries SET status = ?, last_error = COALESCE(?, last_error), updated_at = ?, finished_at = ? WHERE id = ?",
            [.text(status.rawValue), SQLValue(error.map { String($0.prefix(500)) }), .int(Self.ms(now)), .int(Self.ms(now)), .text(id)])
        return try await delivery(id: id)
    }

    public func delivery(id: String) async throws -> MessageDelivery? {
        try await database.query("SELECT \(Self.columns) FROM message_deliveries WHERE id = ?", [.text(id)]).first.map(Self.delivery(row:))
    }

    public func deliveries(subject: String) async throws -> [MessageDelivery] {
        try await database.query(
            "SELECT \(Self.columns) FROM message_deliveries WHERE subject_id = ? ORDER BY created_at, id", [.text(subject)]
        ).map(Self.delivery(row:))
    }

    public func recent(status: DeliveryStatus?, limit: Int) async throws -> [MessageDelivery] {
        let limit = SQLValue.int(Int64(max(1, min(limit, 1000))))
        if let status {
            return try await database.query(
                "SELECT \(Self.columns) FROM message_deliveries WHERE status = ? ORDER BY updated_at DESC, id LIMIT ?", [.text(status.rawValue), limit]
            ).map(Self.delivery(row:))
        }
        return try await database.query("SELECT \(Self.columns) FROM message_deliveries ORDER BY updated_at DESC, id LIMIT ?", [limit])
            .map(Self.delivery(row:))
    }

    public func recent(status: DeliveryStatus?, limit: Int, locations: Set<String>) async throws -> [MessageDelivery] {
        guard !locations.isEmpty else { return [] }
        let codes = locations.sorted()
        var arguments = codes.map { SQLValue.text($0) }
        var statusFilter = ""
        if let status {
            statusFilter = " AND d.status = ?"
            arguments.append(.text(status.rawValue))
        }
        arguments.append(.int(Int64(max(1, min(limit, 1000)))))
        return try await database.query(
            """
            SELECT \(Self.prefixedColumns) FROM message_deliveries d JOIN survey_invitations i ON i.id = d.subject_id
            WHERE d.kind = 'survey_invitation' AND i.location_code IN (\(SQLMarks.list(codes.count)))\(statusFilter)
            ORDER BY d.updated_at DESC, d.id LIMIT ?
            """, arguments
        ).map(Self.delivery(row:))
    }

    public func located(id: String) async throws -> (delivery: MessageDelivery, location: String?)? {
        let rows = try await database.query(
            """
            SELECT \(Self.prefixedColumns), i.location_code FROM message_deliveries d
            LEFT JOIN survey_invitations i ON d.kind = 'survey_invitation' AND i.id = d.subject_id WHERE d.id = ?
            """, [.text(id)])
        guard let row = rows.first else { return nil }
        return (try Self.delivery(row: row), row.text("location_code"))
    }

    /// ``columns`` of the table aliased `d`.
    static let prefixedColumns = columns.split(separator: ",").map { "d." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    static func delivery(row: SQLRow) throws -> MessageDelivery {
        let status = try row.string("status")
        guard let known = DeliveryStatus(rawValue: status) else { throw OtklikError.invalid("status", "unknown delivery status '\(status)'") }
        return MessageDelivery(
            id: try row.string("id"), kind: try row.string("kind"), subject: row.text("subject_id"), channel: try row.string("channel"),
            recipientHash: row.text("recipient_hash"), recipientMasked: row.text("recipient_masked"), template: try row.string("template"),
            language: row.text("lang"), status: known, attempts: row.int("attempts") ?? 0, lastError: row.text("last_error"),
            provider: row.text("provider"), providerId: row.text("provider_id"), createdAt: date(row.int64("created_at")) ?? Date(timeIntervalSince1970: 0),
            updatedAt: date(row.int64("updated_at")) ?? Date(timeIntervalSince1970: 0), sentAt: date(row.int64("sent_at")),
            finishedAt: date(row.int64("finished_at")))
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
}
