import Foundation
import OtklikCore

/// Consents and contact preferences as records, on either engine. A consent row is never rewritten except to record
/// its withdrawal; a new consent for the same purpose and channel is a new row (the history stays).
public struct SQLCustomerConsents: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date?) -> SQLValue { date.map { .int(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null }
    static func date(_ ms: Int64?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    /// Records consents (each for an existing, not erased customer; one merged into another goes to that one); all or
    /// none. A consent whose id is stored already takes the new expiry and withdrawal (recording a withdrawal).
    public func record(_ consents: [Consent], now: Date = Date()) async throws {
        try await database.transaction { tx in
            for (index, consent) in consents.enumerated() {
                let row = try await tx.query("SELECT erased, merged_into FROM customers WHERE id = ?", [.text(consent.customer)]).first
                guard let row else { throw OtklikError(.notFound, "no such customer: \(consent.customer)", field: "items[\(index)].customer") }
                if (row.int64("erased") ?? 0) != 0 { throw OtklikError(.conflict, "customer \(consent.customer) was erased", field: "items[\(index)].customer") }
                let owner = row.text("merged_into") ?? consent.customer
                try await tx.execute(
                    """
                    INSERT INTO customer_consents (id, customer_id, purpose, channel, source, given_at, expires_at, withdrawn_at, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, withdrawn_at = excluded.withdrawn_at, source = excluded.source
                    """,
                    [.text(consent.id), .text(owner), .text(consent.purpose.rawValue), .text(consent.channel), .text(consent.source),
                     Self.ms(consent.givenAt), Self.ms(consent.expiresAt), Self.ms(consent.withdrawnAt), Self.ms(now)])
            }
        }
    }

    public func consents(of customer: String) async throws -> [Consent] {
        try await Self.consents(of: customer, database)
    }

    static func consents(of customer: String, _ database: any SQLExecutor) async throws -> [Consent] {
        try await database.query(
            "SELECT * FROM customer_consents WHERE customer_id = ? ORDER BY given_at DESC, id", [.text(customer)]
        ).compactMap { row in
            guard let id = row.text("id"), let purpose = row.text("purpose").flatMap(ConsentPurpose.init(rawValue:)) else { return nil }
            return Consent(
                id: id, customer: row.text("customer_id") ?? customer, purpose: purpose, channel: row.text("channel") ?? "",
                source: row.text("source") ?? "", givenAt: Self.date(row.int64("given_at")) ?? Date(timeIntervalSince1970: 0),
                expiresAt: Self.date(row.int64("expires_at")), withdrawnAt: Self.date(row.int64("withdrawn_at")))
        }
    }

    /// Sets a customer's contact preferences (all fields; nil clears one).
    public func setPreferences(_ preferences: ContactPreferences, now: Date = Date()) async throws {
        func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
        func optional(_ number: Int?) -> SQLValue { number.map { .int(Int64($0)) } ?? .null }
        try await database.execute(
            """
            INSERT INTO customer_contact_preferences
                (customer_id, preferred_channel, language, time_zone, quiet_from_minute, quiet_to_minute, max_per_week, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET preferred_channel = excluded.preferred_channel, language = excluded.language,
                time_zone = excluded.time_zone, quiet_from_minute = excluded.quiet_from_minute, quiet_to_minute = excluded.quiet_to_minute,
                max_per_week = excluded.max_per_week, updated_at = excluded.updated_at
            """,
            [.text(preferences.customer), optional(preferences.preferredChannel), optional(preferences.language), optional(preferences.timeZone),
             optional(preferences.quietFromMinute), optional(preferences.quietToMinute), optional(preferences.maxPerWeek), Self.ms(now)])
    }

    public func preferences(of customer: String) async throws -> ContactPreferences? {
        try await Self.preferences(of: customer, database)
    }

    static func preferences(of customer: String, _ database: any SQLExecutor) async throws -> ContactPreferences? {
        guard let row = try await database.query("SELECT * FROM customer_contact_preferences WHERE customer_id = ?", [.text(customer)]).first
        else { return nil }
        return ContactPreferences(
            customer: customer, preferredChannel: row.text("preferred_channel"), language: row.text("language"), timeZone: row.text("time_zone"),
            quietFromMinute: row.int("quiet_from_minute"), quietToMinute: row.int("quiet_to_minute"), maxPerWeek: row.int("max_per_week"))
    }
}
