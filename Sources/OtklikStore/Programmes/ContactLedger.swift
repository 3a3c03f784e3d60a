import Foundation
import OtklikCore

/// The shared contact ledger (`contact_ledger`): every contact with a customer — a programme's message or call-back,
/// a survey invitation, a staff call — one row each. The frequency caps of every programme and the survey fatigue rule
/// consult it. A cap holds across servers because a contact is checked and written in one transaction under the
/// customer's lock (``lock(_:in:)``): PostgreSQL's transaction-scoped advisory lock on the customer, SQLite's single
/// writer.
public enum ContactLedger {
    /// The advisory-lock class of the ledger ("le"), the second key being `hashtext(customer)`.
    static let lockClass: Int64 = 0x6C65

    /// Serialises the caller's transaction with every other ledger check-and-write for `customer` until it commits.
    static func lock(_ customer: String, in tx: any SQLExecutor) async throws {
        guard tx.dialect == .postgres else { return }
        _ = try await tx.query("SELECT 1 AS held FROM (SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), hashtext(?))) AS lock", [.int(lockClass), .text(customer)])
    }

    /// Records a contact in the caller's transaction; `triggerKey` makes it one per customer and trigger event (a second
    /// write with the same key does nothing and returns false).
    @discardableResult
    static func record(_ contact: ContactRecord, triggerKey: String?, in tx: any SQLExecutor) async throws -> Bool {
        let id = "ctc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let rows = try await tx.query(
            """
            INSERT INTO contact_ledger (id, customer_id, channel, purpose, source, trigger_key, contacted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (customer_id, trigger_key) DO NOTHING RETURNING id
            """,
            [.text(String(id)), .text(contact.customer), .text(contact.channel), .text(contact.purpose.rawValue), .text(contact.source),
             triggerKey.map { .text($0) } ?? .null, .int(ms(contact.at))])
        return !rows.isEmpty
    }

    /// A staff member's call-back on a case, in the case action's transaction: a contact with the case's customer (by
    /// its feedback) over the phone, counted against every programme's cap. One per case and moment.
    static func recordStaffCall(on item: FeedbackCase, at now: Date, _ tx: any SQLExecutor) async throws {
        guard let feedback = item.feedbackId,
            let customer = try await tx.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(feedback)]).first?.text("customer_id")
        else { return }
        try await lock(customer, in: tx)
        try await record(
            ContactRecord(customer: customer, channel: "phone", purpose: .service, source: "staff:case:\(item.id)", at: now),
            triggerKey: "case_call:\(item.id):\(ms(now))", in: tx)
    }

    /// The customer's contacts after `since`, oldest first.
    static func contacts(of customer: String, since: Date, in tx: any SQLExecutor) async throws -> [ContactRecord] {
        try await tx.query(
            "SELECT channel, purpose, source, contacted_at FROM contact_ledger WHERE customer_id = ? AND contacted_at > ? ORDER BY contacted_at, id",
            [.text(customer), .int(ms(since))]
        ).map { row in
            ContactRecord(
                customer: customer, channel: row.text("channel") ?? "", purpose: row.text("purpose").flatMap(ConsentPurpose.init(rawValue:)) ?? .service,
                source: row.text("source") ?? "", at: date(row.int64("contacted_at") ?? 0))
        }
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
