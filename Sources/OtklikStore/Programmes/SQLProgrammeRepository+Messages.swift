import Foundation
import OtklikCore

extension SQLProgrammeRepository {
    static let messageColumns = "id, action_id, programme_code, customer_id, channel, recipient, lang, subject, body, status, attempts"

    static func message(_ row: SQLRow) throws -> ProgrammeMessage {
        ProgrammeMessage(
            id: try row.string("id"), action: try row.string("action_id"), programme: try row.string("programme_code"),
            customer: try row.string("customer_id"), channel: try row.string("channel"), recipient: row.text("recipient"),
            language: try row.string("lang"), subject: try row.string("subject"), body: try row.string("body"), status: try row.string("status"),
            attempts: row.int("attempts") ?? 0)
    }

    /// Programme messages due for delivery, oldest first.
    public func pendingMessages(limit: Int, now: Date) async throws -> [ProgrammeMessage] {
        try await database.query(
            """
            SELECT \(Self.messageColumns) FROM programme_messages WHERE status = 'pending' AND next_attempt_at <= ?
            ORDER BY next_attempt_at, id LIMIT ?
            """, [.int(Self.ms(now)), .int(Int64(max(1, limit)))]
        ).map(Self.message)
    }

    /// A programme's messages (or every programme's), newest first.
    public func messages(programme code: String? = nil, limit: Int = 100) async throws -> [ProgrammeMessage] {
        let filter = code == nil ? "" : "WHERE programme_code = ?"
        return try await database.query(
            "SELECT \(Self.messageColumns) FROM programme_messages \(filter) ORDER BY created_at DESC, id DESC LIMIT ?",
            (code.map { [SQLValue.text($0)] } ?? []) + [.int(Int64(max(1, limit)))]
        ).map(Self.message)
    }

    /// Delivered: kept as `sent`, without the address.
    public func markMessageSent(id: String, now: Date) async throws {
        try await database.execute(
            "UPDATE programme_messages SET status = 'sent', sent_at = ?, attempts = attempts + 1, recipient = NULL WHERE id = ? AND status = 'pending'",
            [.int(Self.ms(now)), .text(id)])
    }

    /// A failed attempt: tried again after `retryAfter`, or `failed` (without the address) once `maxAttempts` were made.
    public func markMessageFailed(id: String, error: String, now: Date, retryAfter: TimeInterval, maxAttempts: Int) async throws {
        try await database.transaction { tx in
            guard let row = try await tx.query("SELECT attempts FROM programme_messages WHERE id = ? AND status = 'pending'", [.text(id)]).first else {
                return
            }
            let attempts = (row.int("attempts") ?? 0) + 1
            if attempts >= maxAttempts {
                try await tx.execute(
                    "UPDATE programme_messages SET status = 'failed', attempts = ?, last_error = ?, recipient = NULL WHERE id = ?",
                    [.int(Int64(attempts)), .text(String(error.prefix(500))), .text(id)])
            } else {
                try await tx.execute(
                    "UPDATE programme_messages SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    [.int(Int64(attempts)), .text(String(error.prefix(500))), .int(Self.ms(now.addingTimeInterval(retryAfter))), .text(id)])
            }
        }
    }
}

extension SQLProgrammeRepository {
    /// The statuses a programme message can have in its queue.
    public static let messageStatuses = ["pending", "sent", "failed"]

    /// A page of a programme's messages, newest first, optionally of one status; with the count of all that match.
    public func messageLines(programme code: String, status: String? = nil, offset: Int = 0, limit: Int = 50) async throws
        -> (lines: [ProgrammeMessageLine], total: Int)
    {
        if let status, !Self.messageStatuses.contains(status) {
            throw OtklikError(.invalidInput, "status is one of \(Self.messageStatuses.joined(separator: ", "))", field: "status")
        }
        var condition = "m.programme_code = ?"
        var binds: [SQLValue] = [.text(code)]
        if let status {
            condition += " AND m.status = ?"
            binds.append(.text(status))
        }
        let total = try await database.query("SELECT COUNT(*) AS n FROM programme_messages m WHERE \(condition)", binds).first?.int("n") ?? 0
        let rows = try await database.query(
            """
            SELECT m.id, m.customer_id, m.channel, m.recipient, m.status, m.attempts, m.created_at, m.sent_at,
                d.recipient_masked, d.status AS delivery_status
            FROM programme_messages m LEFT JOIN message_deliveries d ON d.id = m.id
            WHERE \(condition) ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?
            """, binds + [.int(Int64(max(1, min(limit, 500)))), .int(Int64(max(0, offset)))])
        let lines = rows.map { row in
            let delivery = row.text("delivery_status")
            return ProgrammeMessageLine(
                id: row.text("id") ?? "", customer: row.text("customer_id") ?? "", channel: row.text("channel") ?? "",
                recipientMasked: (row.text("recipient_masked") ?? row.text("recipient").map(RecipientMask.mask)).flatMap { $0.isEmpty ? nil : $0 },
                status: row.text("status") ?? "", deliveryStatus: delivery == "delivered" || delivery == "bounced" ? delivery : nil,
                attempts: row.int("attempts") ?? 0, createdAt: Self.date(row.int64("created_at")) ?? Date(timeIntervalSince1970: 0),
                sentAt: Self.date(row.int64("sent_at")))
        }
        return (lines, total)
    }

    /// How many of a programme's messages have each queue status (every one of ``messageStatuses``, 0 when none).
    public func messageCounts(programme code: String) async throws -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: Self.messageStatuses.map { ($0, 0) })
        for row in try await database.query(
            "SELECT status, COUNT(*) AS n FROM programme_messages WHERE programme_code = ? GROUP BY status", [.text(code)])
        {
            if let status = row.text("status"), counts[status] != nil { counts[status] = row.int("n") ?? 0 }
        }
        return counts
    }
}
