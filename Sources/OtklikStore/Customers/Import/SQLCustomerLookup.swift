import Foundation
import OtklikCore

/// Exact look-ups of customers by one normalised identity, and the journal's merged-into pointer.
public struct SQLCustomerLookup: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The customer that owns `identity`, if any.
    public func owner(of identity: CustomerIdentity) async throws -> String? {
        try await database.query(
            "SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?", [.text(identity.kind.rawValue), .text(identity.value)]
        ).first?.text("customer_id")
    }

    /// The customer `id` was merged into (nil when it was not, or is unknown).
    public func mergedInto(_ id: String) async throws -> String? {
        try await database.query("SELECT merged_into FROM customers WHERE id = ?", [.text(id)]).first?.text("merged_into")
    }

    /// Every customer not merged into another, in id order, with its identities, time zone and acquisition, in chunks.
    public func forEachChunk(size: Int = 1_000, _ body: ([CustomerExportRow]) throws -> Void) async throws {
        var after = ""
        while true {
            let rows = try await database.query(
                """
                SELECT c.id, c.lang, p.time_zone, a.source, a.acquired_at FROM customers c
                LEFT JOIN customer_contact_preferences p ON p.customer_id = c.id LEFT JOIN customer_acquisition a ON a.customer_id = c.id
                WHERE c.id > ? AND c.merged_into IS NULL AND c.erased = 0 ORDER BY c.id LIMIT ?
                """, [.text(after), .int(Int64(size))])
            guard let last = rows.last?.text("id") else { return }
            after = last
            let ids = rows.compactMap { $0.text("id") }
            let marks = SQLMarks.list(ids.count)
            var identities: [String: [CustomerIdentity]] = [:]
            for row in try await database.query(
                "SELECT customer_id, kind, value FROM customer_identities WHERE customer_id IN (\(marks))", ids.map { .text($0) })
            {
                guard let owner = row.text("customer_id"), let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)),
                    let value = row.text("value")
                else { continue }
                identities[owner, default: []].append(CustomerIdentity(kind: kind, value: value))
            }
            try body(rows.compactMap { row in
                guard let id = row.text("id") else { return nil }
                return CustomerExportRow(
                    id: id, identities: (identities[id] ?? []).sorted(), lang: row.text("lang"), timeZone: row.text("time_zone"),
                    acquisitionSource: row.text("source"), acquiredAt: SQLCustomerMergeJournal.date(row.int64("acquired_at")))
            })
        }
    }
}

/// One customer as `otklik export customers` writes it.
public struct CustomerExportRow: Sendable, Equatable {
    public var id: String
    public var identities: [CustomerIdentity]
    public var lang: String?
    public var timeZone: String?
    public var acquisitionSource: String?
    public var acquiredAt: Date?
}
