import Foundation
import OtklikCore

/// Customers as a merge sees them inside its transaction: attributes, identities and `merged_into`.
struct CustomerRows {
    var customer: Customer
    var mergedInto: String?

    static func load(_ ids: [String], _ tx: any SQLExecutor) async throws -> [String: CustomerRows] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        let marks = SQLMarks.list(unique.count)
        let binds = unique.map { SQLValue.text($0) }
        var identities: [String: [StoredIdentity]] = [:]
        for row in try await tx.query(
            "SELECT customer_id, kind, value, source, first_seen_at FROM customer_identities WHERE customer_id IN (\(marks))", binds)
        {
            guard let owner = row.text("customer_id"), let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)),
                let value = row.text("value")
            else { continue }
            identities[owner, default: []].append(StoredIdentity(
                identity: CustomerIdentity(kind: kind, value: value), source: row.text("source") ?? "",
                firstSeenAt: Date(timeIntervalSince1970: Double(row.int64("first_seen_at") ?? 0) / 1000)))
        }
        var found: [String: CustomerRows] = [:]
        for row in try await tx.query(
            "SELECT id, created_at, display_name, lang, erased, merged_into FROM customers WHERE id IN (\(marks))", binds)
        {
            guard let id = row.text("id") else { continue }
            let customer = Customer(
                id: id, createdAt: Date(timeIntervalSince1970: Double(row.int64("created_at") ?? 0) / 1000), displayName: row.text("display_name"),
                lang: row.text("lang"), erased: (row.int64("erased") ?? 0) != 0,
                identities: (identities[id] ?? []).sorted { $0.identity < $1.identity })
            found[id] = CustomerRows(customer: customer, mergedInto: row.text("merged_into"))
        }
        return found
    }
}
