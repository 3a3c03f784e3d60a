import Foundation
import OtklikCore

/// Everything Otklik holds about one customer (a data subject's access request, issue 21 item 4), read in one
/// transaction: the customer rows (it and every customer merged into it), identities, consents, contact preferences,
/// acquisition, feedback, cases and their history, interactions, service requests, transactions, survey invitations
/// with their answers and outgoing messages, message deliveries (the recipient hashed and masked, as stored), merges
/// and review items. Each section is the stored rows, column by column.
public struct PersonalDataExport: Sendable, Encodable {
    public var customerId: String
    public var exportedAt: Date
    public var customerIds: [String]
    public var sections: [String: [[String: ExportValue]]]

    enum CodingKeys: String, CodingKey {
        case customerId = "customer_id", exportedAt = "exported_at", customerIds = "customer_ids", sections
    }

    /// The sections and the query of each; `?` is bound to the customer ids' list, repeated where the query needs it.
    static let queries: [(name: String, sql: String)] = [
        ("customers", "SELECT * FROM customers WHERE id IN (IDS) ORDER BY id"),
        ("identities", "SELECT * FROM customer_identities WHERE customer_id IN (IDS) ORDER BY kind, value"),
        ("consents", "SELECT * FROM customer_consents WHERE customer_id IN (IDS) ORDER BY given_at, id"),
        ("contact_preferences", "SELECT * FROM customer_contact_preferences WHERE customer_id IN (IDS) ORDER BY customer_id"),
        ("acquisition", "SELECT * FROM customer_acquisition WHERE customer_id IN (IDS) ORDER BY customer_id"),
        ("feedback", "SELECT * FROM feedback WHERE customer_id IN (IDS) ORDER BY ts, id"),
        ("cases", "SELECT * FROM cases WHERE feedback_id IN (SELECT id FROM feedback WHERE customer_id IN (IDS)) ORDER BY opened_at, id"),
        ("case_events",
         "SELECT * FROM case_events WHERE case_id IN (SELECT c.id FROM cases c JOIN feedback f ON f.id = c.feedback_id WHERE f.customer_id IN (IDS)) ORDER BY case_id, seq"),
        ("interactions", "SELECT * FROM interactions WHERE customer_id IN (IDS) ORDER BY arrived_at, id"),
        ("service_requests", "SELECT * FROM service_requests WHERE customer_id IN (IDS) ORDER BY id"),
        ("transactions", "SELECT * FROM transactions WHERE customer_id IN (IDS) ORDER BY ts, id"),
        ("invitations", "SELECT * FROM survey_invitations WHERE customer_id IN (IDS) ORDER BY invited_at, id"),
        ("survey_answers",
         "SELECT * FROM survey_answers WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY invitation_id, question_code"),
        ("invitation_messages",
         "SELECT id, invitation_id, recipient, status, attempts, created_at, sent_at, last_error FROM survey_outbox WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY created_at, id"),
        ("deliveries",
         "SELECT * FROM message_deliveries WHERE subject_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY created_at, id"),
        ("merges", "SELECT * FROM customer_merges WHERE survivor_id IN (IDS) OR absorbed_id IN (IDS) ORDER BY merged_at, id"),
        ("review", "SELECT * FROM customer_review WHERE left_id IN (IDS) OR right_id IN (IDS) ORDER BY created_at, id"),
    ]

    /// Reads the export of `customer`; nil when there is no such customer. A customer merged into another is exported
    /// through that one (its rows are part of it).
    public static func load(_ customer: String, database: any SQLDatabase, now: Date = Date()) async throws -> PersonalDataExport? {
        try await database.transaction { tx in
            guard try await tx.query("SELECT id FROM customers WHERE id = ?", [.text(customer)]).first != nil else { return nil }
            let ids = try await customerFamily(customer, tx)
            var sections: [String: [[String: ExportValue]]] = [:]
            for (name, template) in queries {
                let repeats = template.components(separatedBy: "(IDS)").count - 1
                let placeholders = "(" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"
                let sql = template.replacingOccurrences(of: "(IDS)", with: placeholders)
                let binds = Array((0..<repeats).map { _ in ids.map { SQLValue.text($0) } }.joined())
                sections[name] = try await tx.query(sql, binds).map { row in
                    var object: [String: ExportValue] = [:]
                    for (column, value) in zip(row.columns, row.values) where column != "search_name" { object[column] = ExportValue(value) }
                    return object
                }
            }
            return PersonalDataExport(customerId: customer, exportedAt: now, customerIds: ids, sections: sections)
        }
    }

    /// The customer and every customer merged into it, directly or through another.
    static func customerFamily(_ customer: String, _ tx: any SQLExecutor) async throws -> [String] {
        var ids = [customer]
        var frontier = [customer]
        while let next = frontier.popLast() {
            let absorbed = try await tx.query("SELECT id FROM customers WHERE merged_into = ? ORDER BY id", [.text(next)]).compactMap { $0.text("id") }
            ids += absorbed
            frontier += absorbed
        }
        return ids
    }

    /// How many rows each section holds.
    public var counts: [String: Int] { sections.mapValues(\.count) }
}
