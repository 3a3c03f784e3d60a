import Foundation
import OtklikCore

/// What an erasure removes beyond the customer's own rows: the contact a survey invitation was made for, the recipient
/// and token of its outgoing messages, the recipient hash and masked form of their delivery records, and the customer
/// id in the webhook events about its feedback (the outbox and its delivery log). The change feed holds no personal
/// data (kind, record count, time), nor do the records' figures: scores, counts and times stay, anonymous.
enum PersonalTraces {
    static func scrub(customer id: String, _ tx: any SQLExecutor) async throws {
        let binds: [SQLValue] = [.text(id)]
        let invitations = "SELECT id FROM survey_invitations WHERE customer_id = ?"
        try await tx.execute("UPDATE survey_outbox SET recipient = NULL, token = NULL WHERE invitation_id IN (\(invitations))", binds)
        try await tx.execute(
            "UPDATE message_deliveries SET recipient_hash = NULL, recipient_masked = NULL WHERE subject_id IN (\(invitations))", binds)
        try await tx.execute("UPDATE survey_invitations SET customer = NULL WHERE customer_id = ?", binds)
        // Programmes' messages (their address) and delivery records, and the programme.action events naming the customer.
        try await tx.execute("UPDATE programme_messages SET recipient = NULL WHERE customer_id = ?", binds)
        try await tx.execute(
            "UPDATE message_deliveries SET recipient_hash = NULL, recipient_masked = NULL WHERE subject_id IN (SELECT id FROM programme_actions WHERE customer_id = ?)",
            binds)
        for row in try await tx.query("SELECT id, payload FROM outbox WHERE type = 'programme.action' AND payload LIKE ?", [.text("%\"customer_id\":\"\(id)\"%")]) {
            guard let message = row.text("id"), let payload = row.text("payload"), let scrubbed = scrubbedPayload(payload, key: "customer_id") else { continue }
            try await tx.execute("UPDATE outbox SET payload = ? WHERE id = ?", [.text(scrubbed), .text(message)])
        }
        let feedback = try await tx.query("SELECT id FROM feedback WHERE customer_id = ?", binds).compactMap { $0.text("id") }
        for chunk in stride(from: 0, to: feedback.count, by: 200).map({ Array(feedback[$0..<min($0 + 200, feedback.count)]) }) {
            let messages = chunk.map { Outbox.messageID(type: "feedback.received", about: $0) }
            let rows = try await tx.query(
                "SELECT id, payload FROM outbox WHERE id IN (\(messages.map { _ in "?" }.joined(separator: ", ")))", messages.map { .text($0) })
            for row in rows {
                guard let message = row.text("id"), let payload = row.text("payload"), let scrubbed = scrubbedPayload(payload) else { continue }
                try await tx.execute("UPDATE outbox SET payload = ? WHERE id = ?", [.text(scrubbed), .text(message)])
            }
        }
    }

    /// The customer's id as the client sent it (and a contact not yet moved to an outbox) on the interactions offered to
    /// surveys (migration 0061): those offered under one of the customer's external ids, or invited for them. Run before
    /// the identities are deleted.
    static func scrubOffers(customer id: String, _ tx: any SQLExecutor) async throws {
        try await tx.execute(
            """
            UPDATE survey_offers SET customer = NULL, contact = NULL
            WHERE customer IN (SELECT value FROM customer_identities WHERE customer_id = ? AND kind = 'external')
               OR (survey_code, interaction_id) IN (SELECT survey_code, interaction_id FROM survey_invitations WHERE customer_id = ?)
            """, [.text(id), .text(id)])
    }

    /// The event with its data's `customer` removed and `customer_erased: true`; nil when it carries no customer.
    static func scrubbedPayload(_ payload: String, key: String = "customer") -> String? {
        guard var envelope = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any],
            var data = envelope["data"] as? [String: Any], data[key] != nil
        else { return nil }
        data[key] = nil
        data["customer_erased"] = true
        envelope["data"] = data
        guard let encoded = try? JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: encoded, as: UTF8.self)
    }
}
