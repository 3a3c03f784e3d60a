import Foundation
import OtklikCore

/// Applies a ``RetentionPolicy``: clears or deletes what is older than its period, kind by kind, each kind in one
/// transaction. Returns how many rows each kind touched (`comments`, `contacts`, `deliveries`, `webhook_deliveries`,
/// `audit`).
public struct SQLRetention: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func cutoff(_ days: Int, _ now: Date) -> SQLValue { .int(Int64((now.timeIntervalSince1970 - Double(days) * 86_400) * 1000)) }

    static func count(_ tx: any SQLExecutor, _ sql: String, _ binds: [SQLValue]) async throws -> Int {
        try await tx.query("SELECT COUNT(*) AS n FROM " + sql, binds).first?.int("n") ?? 0
    }

    public func apply(_ policy: RetentionPolicy, now: Date = Date()) async throws -> [String: Int] {
        var touched: [String: Int] = [:]
        if let days = policy.commentsDays {
            let cut = Self.cutoff(days, now)
            touched["comments"] = try await database.transaction { tx in
                let n = try await Self.count(tx, "feedback WHERE ts < ? AND comment IS NOT NULL", [cut])
                try await tx.execute("UPDATE feedback SET comment = NULL WHERE ts < ? AND comment IS NOT NULL", [cut])
                let answers = try await Self.count(
                    tx, "survey_answers WHERE answer_text IS NOT NULL AND invitation_id IN (SELECT id FROM survey_invitations WHERE invited_at < ?)", [cut])
                try await tx.execute(
                    "UPDATE survey_answers SET answer_text = NULL WHERE answer_text IS NOT NULL AND invitation_id IN (SELECT id FROM survey_invitations WHERE invited_at < ?)",
                    [cut])
                return n + answers
            }
        }
        if let days = policy.contactsDays {
            let cut = Self.cutoff(days, now)
            touched["contacts"] = try await database.transaction { tx in
                let n = try await Self.count(tx, "feedback WHERE ts < ? AND contact IS NOT NULL", [cut])
                try await tx.execute("UPDATE feedback SET contact = NULL WHERE ts < ? AND contact IS NOT NULL", [cut])
                let invited = try await Self.count(tx, "survey_invitations WHERE invited_at < ? AND customer IS NOT NULL", [cut])
                try await tx.execute("UPDATE survey_invitations SET customer = NULL WHERE invited_at < ? AND customer IS NOT NULL", [cut])
                let messages = try await Self.count(tx, "survey_outbox WHERE created_at < ? AND (recipient IS NOT NULL OR token IS NOT NULL)", [cut])
                try await tx.execute(
                    "UPDATE survey_outbox SET recipient = NULL, token = NULL WHERE created_at < ? AND (recipient IS NOT NULL OR token IS NOT NULL)", [cut])
                return n + invited + messages
            }
        }
        if let days = policy.deliveriesDays {
            let cut = Self.cutoff(days, now)
            let (messages, webhooks) = try await database.transaction { tx in
                let messages = try await Self.count(tx, "message_deliveries WHERE created_at < ?", [cut])
                try await tx.execute("DELETE FROM message_deliveries WHERE created_at < ?", [cut])
                let old = "SELECT id FROM outbox WHERE created_at < ?"
                let webhooks = try await Self.count(tx, "webhook_deliveries WHERE status <> 'pending' AND message_id IN (\(old))", [cut])
                try await tx.execute("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND message_id IN (\(old))", [cut])
                try await tx.execute(
                    "DELETE FROM outbox WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = outbox.id)", [cut])
                return (messages, webhooks)
            }
            touched["deliveries"] = messages
            touched["webhook_deliveries"] = webhooks
        }
        if let days = policy.auditDays {
            touched["audit"] = try await SQLAuditLog(database: database).prune(before: now.addingTimeInterval(-Double(days) * 86_400))
        }
        return touched
    }
}
