import Foundation
import OtklikCore

/// ``ReportSubscriptionRepository`` on both engines.
public struct SQLReportSubscriptionRepository: ReportSubscriptionRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64?) -> Date? { value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    static let columns = "s.id, s.email, s.location_code, s.lang, s.formats, s.day_of_month, s.created_at"
    static let mailingColumns = "m.month, m.status, m.attempts, m.last_error, m.sent_at"

    public func add(_ subscription: ReportSubscription) async throws {
        try await database.transaction { tx in
            if let location = subscription.location,
               try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(location)]).isEmpty
            {
                throw OtklikError(.invalidInput, "no location '\(location)'", field: "location")
            }
            try await tx.execute(
                "INSERT INTO report_subscriptions (id, email, location_code, lang, formats, day_of_month, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(subscription.id), .text(subscription.email), SQLValue(subscription.location), .text(subscription.language),
                    .text(subscription.formats.map(\.rawValue).joined(separator: ",")), .int(Int64(subscription.day)),
                    .int(Self.ms(subscription.createdAt)),
                ])
        }
    }

    public func subscriptions() async throws -> [ReportSubscription] {
        try await database.query("SELECT \(Self.columns) FROM report_subscriptions s ORDER BY s.created_at, s.id", []).map(Self.subscription(row:))
    }

    public func remove(id: String) async throws -> Bool {
        try await database.transaction { tx in
            guard !(try await tx.query("SELECT id FROM report_subscriptions WHERE id = ?", [.text(id)])).isEmpty else { return false }
            try await tx.execute("DELETE FROM report_mailings WHERE subscription_id = ?", [.text(id)])
            try await tx.execute("DELETE FROM report_subscriptions WHERE id = ?", [.text(id)])
            return true
        }
    }

    public func queue(_ due: [(subscription: String, month: String)], now: Date) async throws -> Int {
        guard !due.isEmpty else { return 0 }
        return try await database.transaction { tx in
            var queued = 0
            for item in due {
                queued += try await tx.query(
                    """
                    INSERT INTO report_mailings (subscription_id, month, status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT (subscription_id, month) DO NOTHING RETURNING month
                    """, [.text(item.subscription), .text(item.month), .int(Self.ms(now)), .int(Self.ms(now))]
                ).count
            }
            return queued
        }
    }

    public func claimDue(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [ReportMailing] {
        let until = Self.ms(max(now, Date()).addingTimeInterval(seconds))
        return try await database.transaction { tx in
            try await ItemClaim.claim(
                "report_mailings", key: "subscription_id, month", due: "status = 'pending' AND next_attempt_at <= ?", binds: [.int(Self.ms(now))],
                order: "next_attempt_at, subscription_id, month", holder: holder, until: until, now: Self.ms(now), limit: limit, in: tx)
            return try await tx.query(
                """
                SELECT \(Self.columns), \(Self.mailingColumns) FROM report_mailings m JOIN report_subscriptions s ON s.id = m.subscription_id
                WHERE m.status = 'pending' AND m.claimed_by = ? AND m.claimed_until = ? ORDER BY m.next_attempt_at, m.subscription_id, m.month
                """, [.text(holder), .int(until)]
            ).map(Self.mailing(row:))
        }
    }

    public func release(subscription: String, month: String, holder: String) async throws {
        try await database.execute(
            "UPDATE report_mailings SET claimed_by = NULL, claimed_until = NULL WHERE subscription_id = ? AND month = ? AND claimed_by = ?",
            [.text(subscription), .text(month), .text(holder)])
    }

    public func record(subscription: String, month: String, sent: Bool, error: String?, at now: Date, retryAt: Date?) async throws {
        let state = sent ? "sent" : retryAt == nil ? "failed" : "pending"
        try await database.execute(
            """
            UPDATE report_mailings SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, sent_at = ?, claimed_by = NULL,
            claimed_until = NULL WHERE subscription_id = ? AND month = ?
            """,
            [
                .text(state), SQLValue(error.map { String($0.prefix(500)) }), .int(Self.ms(retryAt ?? now)), sent ? .int(Self.ms(now)) : .null,
                .text(subscription), .text(month),
            ])
    }

    public func mailings(subscription: String) async throws -> [ReportMailing] {
        try await database.query(
            """
            SELECT \(Self.columns), \(Self.mailingColumns) FROM report_mailings m JOIN report_subscriptions s ON s.id = m.subscription_id
            WHERE m.subscription_id = ? ORDER BY m.month DESC
            """, [.text(subscription)]
        ).map(Self.mailing(row:))
    }

    static func subscription(row: SQLRow) throws -> ReportSubscription {
        ReportSubscription(
            id: try row.string("id"), email: try row.string("email"), location: row.text("location_code"), language: try row.string("lang"),
            formats: try row.string("formats").split(separator: ",").compactMap { ReportSubscription.Format(rawValue: String($0)) },
            day: row.int("day_of_month") ?? 1, createdAt: date(row.int64("created_at")) ?? Date(timeIntervalSince1970: 0))
    }

    static func mailing(row: SQLRow) throws -> ReportMailing {
        ReportMailing(
            subscription: try subscription(row: row), month: try row.string("month"), status: try row.string("status"),
            attempts: row.int("attempts") ?? 0, lastError: row.text("last_error"), sentAt: date(row.int64("sent_at")))
    }
}
