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
    /// The locations the export is limited to (a caller limited to them); nil for the whole organisation.
    public var locations: [String]?
    /// The sections a caller limited to some locations is not given (``queries``' `scoped` is nil): empty otherwise.
    public var leftOut: [String] = []
    public var sections: [String: [[String: ExportValue]]]

    enum CodingKeys: String, CodingKey {
        case customerId = "customer_id", exportedAt = "exported_at", customerIds = "customer_ids", locations, leftOut = "left_out", sections
    }

    /// The sections and the query of each; `(IDS)` is bound to the customer ids' list wherever it appears. `scoped` is the
    /// section's query for a caller limited to some locations, `(LOCS)` bound to their codes: the records at those
    /// locations only (the cases and history of that feedback, the answers and messages of those invitations); nil
    /// leaves the section out for such a caller (merges and review items name other customers, acquisition is the
    /// organisation's marketing).
    static let queries: [(name: String, sql: String, scoped: String?)] = [
        ("customers", "SELECT * FROM customers WHERE id IN (IDS) ORDER BY id", "SELECT * FROM customers WHERE id IN (IDS) ORDER BY id"),
        ("identities", "SELECT * FROM customer_identities WHERE customer_id IN (IDS) ORDER BY kind, value",
         "SELECT * FROM customer_identities WHERE customer_id IN (IDS) ORDER BY kind, value"),
        ("consents", "SELECT * FROM customer_consents WHERE customer_id IN (IDS) ORDER BY given_at, id",
         "SELECT * FROM customer_consents WHERE customer_id IN (IDS) ORDER BY given_at, id"),
        ("contact_preferences", "SELECT * FROM customer_contact_preferences WHERE customer_id IN (IDS) ORDER BY customer_id",
         "SELECT * FROM customer_contact_preferences WHERE customer_id IN (IDS) ORDER BY customer_id"),
        ("acquisition", "SELECT * FROM customer_acquisition WHERE customer_id IN (IDS) ORDER BY customer_id", nil),
        ("feedback", "SELECT * FROM feedback WHERE customer_id IN (IDS) ORDER BY ts, id",
         "SELECT * FROM feedback WHERE customer_id IN (IDS) AND location_code IN (LOCS) ORDER BY ts, id"),
        ("cases", "SELECT * FROM cases WHERE feedback_id IN (SELECT id FROM feedback WHERE customer_id IN (IDS)) ORDER BY opened_at, id",
         "SELECT * FROM cases WHERE feedback_id IN (SELECT id FROM feedback WHERE customer_id IN (IDS) AND location_code IN (LOCS)) ORDER BY opened_at, id"),
        ("case_events",
         "SELECT * FROM case_events WHERE case_id IN (SELECT c.id FROM cases c JOIN feedback f ON f.id = c.feedback_id WHERE f.customer_id IN (IDS)) ORDER BY case_id, seq",
         "SELECT * FROM case_events WHERE case_id IN (SELECT c.id FROM cases c JOIN feedback f ON f.id = c.feedback_id WHERE f.customer_id IN (IDS) AND f.location_code IN (LOCS)) ORDER BY case_id, seq"),
        ("interactions", "SELECT * FROM interactions WHERE customer_id IN (IDS) ORDER BY arrived_at, id",
         "SELECT * FROM interactions WHERE customer_id IN (IDS) AND location_code IN (LOCS) ORDER BY arrived_at, id"),
        ("service_requests", "SELECT * FROM service_requests WHERE customer_id IN (IDS) ORDER BY id",
         "SELECT * FROM service_requests WHERE customer_id IN (IDS) AND location_code IN (LOCS) ORDER BY id"),
        ("transactions", "SELECT * FROM transactions WHERE customer_id IN (IDS) ORDER BY ts, id",
         "SELECT * FROM transactions WHERE customer_id IN (IDS) AND location_code IN (LOCS) ORDER BY ts, id"),
        ("invitations", "SELECT * FROM survey_invitations WHERE customer_id IN (IDS) ORDER BY invited_at, id",
         "SELECT * FROM survey_invitations WHERE customer_id IN (IDS) AND location_code IN (LOCS) ORDER BY invited_at, id"),
        ("survey_answers",
         "SELECT * FROM survey_answers WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY invitation_id, question_code",
         "SELECT * FROM survey_answers WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS) AND location_code IN (LOCS)) ORDER BY invitation_id, question_code"),
        ("invitation_messages",
         "SELECT id, invitation_id, recipient, status, attempts, created_at, sent_at, last_error FROM survey_outbox WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY created_at, id",
         "SELECT id, invitation_id, recipient, status, attempts, created_at, sent_at, last_error FROM survey_outbox WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS) AND location_code IN (LOCS)) ORDER BY created_at, id"),
        ("deliveries",
         "SELECT * FROM message_deliveries WHERE subject_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS)) ORDER BY created_at, id",
         "SELECT * FROM message_deliveries WHERE subject_id IN (SELECT id FROM survey_invitations WHERE customer_id IN (IDS) AND location_code IN (LOCS)) ORDER BY created_at, id"),
        ("merges", "SELECT * FROM customer_merges WHERE survivor_id IN (IDS) OR absorbed_id IN (IDS) ORDER BY merged_at, id", nil),
        ("review", "SELECT * FROM customer_review WHERE left_id IN (IDS) OR right_id IN (IDS) ORDER BY created_at, id", nil),
    ]

    /// Reads the export of `customer`; nil when there is no such customer. A customer merged into another is exported
    /// through that one (its rows are part of it). With `locations` (a caller limited to some locations): nil also for
    /// a customer without a feedback, interaction, service request or transaction at one of them (as for a customer
    /// that does not exist), and each section holds the records at those locations only (``queries``' `scoped`);
    /// ``leftOut`` names the sections not given.
    public static func load(
        _ customer: String, database: any SQLDatabase, locations: Set<String>? = nil, now: Date = Date()
    ) async throws -> PersonalDataExport? {
        try await database.transaction { tx in
            guard try await tx.query("SELECT id FROM customers WHERE id = ?", [.text(customer)]).first != nil else { return nil }
            let ids = try await customerFamily(customer, tx)
            let codes = locations.map { $0.sorted() }
            if let codes, try await !hasRecord(ids, at: codes, tx) { return nil }
            var sections: [String: [[String: ExportValue]]] = [:]
            var leftOut: [String] = []
            for (name, whole, scoped) in queries {
                guard let template = codes == nil ? whole : scoped else {
                    leftOut.append(name)
                    continue
                }
                let (sql, binds) = bind(template, ids: ids, locations: codes ?? [])
                sections[name] = try await tx.query(sql, binds).map { row in
                    var object: [String: ExportValue] = [:]
                    for (column, value) in zip(row.columns, row.values) where column != "search_name" { object[column] = ExportValue(value) }
                    return object
                }
            }
            return PersonalDataExport(customerId: customer, exportedAt: now, customerIds: ids, locations: codes, leftOut: leftOut, sections: sections)
        }
    }

    /// The template with each `(IDS)` and `(LOCS)` made a list of placeholders, and the values bound in the order they
    /// appear.
    static func bind(_ template: String, ids: [String], locations: [String]) -> (String, [SQLValue]) {
        var sql = "", binds: [SQLValue] = [], rest = Substring(template)
        while let range = [rest.range(of: "(IDS)"), rest.range(of: "(LOCS)")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let values = rest[range] == "(IDS)" ? ids : locations
            sql += rest[..<range.lowerBound] + "(" + Array(repeating: "?", count: max(values.count, 1)).joined(separator: ", ") + ")"
            // An empty list would be `IN ()`, which neither engine accepts: a NULL matches nothing.
            binds += values.isEmpty ? [.null] : values.map { SQLValue.text($0) }
            rest = rest[range.upperBound...]
        }
        return (sql + rest, binds)
    }

    /// Whether one of the customers has a feedback, an interaction, a service request or a transaction at one of
    /// `locations` (what makes a customer visible to a caller limited to them, as ``CustomerRepository/hasRecord(customer:at:)``).
    static func hasRecord(_ ids: [String], at locations: [String], _ tx: any SQLExecutor) async throws -> Bool {
        guard !locations.isEmpty else { return false }
        let tables = ["feedback", "interactions", "service_requests", "transactions"]
        let template = tables.map { "SELECT 1 AS found FROM \($0) WHERE customer_id IN (IDS) AND location_code IN (LOCS)" }.joined(separator: " UNION ALL ")
        let (sql, binds) = bind(template, ids: ids, locations: locations)
        return try await !tx.query("SELECT found FROM (\(sql)) AS records LIMIT 1", binds).isEmpty
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
