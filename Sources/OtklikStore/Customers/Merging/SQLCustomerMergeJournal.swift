import Foundation
import OtklikCore

/// Merges and unmerges customers, journaled, in one transaction each, on either engine. A merge moves the absorbed
/// customer's identities and every record reference (``CustomerReferences``) to the survivor, marks the absorbed row
/// `merged_into` (it stays, with its own name and language), writes the journal row with the evidence and exactly what
/// moved, and appends a `customers` event to the change feed. An unmerge moves exactly those identities and records
/// back (what arrived later stays with the survivor) — refused after an erasure of either customer (an erasure wins),
/// and refused while the survivor is itself merged into another customer (undo that merge first).
public struct SQLCustomerMergeJournal: Sendable {
    let database: any SQLDatabase
    public let rules: IdentityRules

    public init(database: any SQLDatabase, rules: IdentityRules = .standard) {
        self.database = database
        self.rules = rules
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    /// Merges `absorbed` into `survivor`.
    public func merge(
        survivor: String, absorbed: String, evidence: [String: String], actor: String, now: Date = Date()
    ) async throws -> CustomerMerge {
        try await database.transaction { tx in
            try await Self.merge(survivor: survivor, absorbed: absorbed, evidence: evidence, actor: actor, now: now, rules: rules, in: tx)
        }
    }

    /// ``merge(survivor:absorbed:evidence:actor:now:)`` inside the caller's transaction.
    /// - Parameters:
    ///   - loaded: both customers as the caller loaded them in this transaction (read again when nil).
    ///   - fresh: the absorbed customer was inserted by this transaction, so no record references it yet and the
    ///     record tables are not searched (an import's new customers).
    ///   - feed: append the merge's `customers` event to the change feed (an import appends one for all its merges).
    static func merge(
        survivor: String, absorbed: String, evidence: [String: String], actor: String, now: Date, rules: IdentityRules,
        loaded: [String: CustomerRows]? = nil, fresh: Bool = false, feed: Bool = true, in tx: any SQLExecutor
    ) async throws -> CustomerMerge {
        let customers: [String: CustomerRows]
        if let loaded { customers = loaded } else { customers = try await CustomerRows.load([survivor, absorbed], tx) }
        guard let kept = customers[survivor] else { throw OtklikError(.notFound, "no such customer: \(survivor)", field: "survivor") }
        guard let gone = customers[absorbed] else { throw OtklikError(.notFound, "no such customer: \(absorbed)", field: "absorbed") }
        for (customer, field) in [(kept, "survivor"), (gone, "absorbed")] {
            if let into = customer.mergedInto {
                throw OtklikError(.conflict, "customer \(customer.customer.id) was merged into \(into); merge that one", field: field)
            }
        }
        if case .refused(let reason) = CustomerMergeCheck.check(survivor: kept.customer, absorbed: gone.customer, rules: rules) {
            throw OtklikError(.conflict, reason, field: "absorbed")
        }
        let at = ms(now)
        let identities = gone.customer.identities.map(\.identity).sorted()
        try await tx.execute("UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?", [.text(survivor), .text(absorbed)])
        var records: [String: [String]] = [:]
        for table in CustomerReferences.tables where !fresh {
            let ids = try await tx.query("SELECT id FROM \(table) WHERE customer_id = ? ORDER BY id", [.text(absorbed)]).compactMap { $0.text("id") }
            guard !ids.isEmpty else { continue }
            records[table] = ids
            try await tx.execute("UPDATE \(table) SET customer_id = ? WHERE customer_id = ?", [.text(survivor), .text(absorbed)])
        }
        try await tx.execute("UPDATE customers SET merged_into = ? WHERE id = ?", [.text(survivor), .text(absorbed)])
        let merge = CustomerMerge(
            id: "mrg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20), survivor: survivor,
            absorbed: absorbed, evidence: evidence, movedIdentities: identities, movedRecords: records, actor: actor, mergedAt: now)
        try await tx.execute(
            """
            INSERT INTO customer_merges (id, survivor_id, absorbed_id, evidence, moved, actor, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(merge.id), .text(survivor), .text(absorbed), .text(try CustomerMergeMoved.evidence(evidence)),
             .text(try CustomerMergeMoved(identities: identities, records: records).encoded()), .text(actor), .int(at)])
        // Open review items between the two are settled by the merge; the absorbed customer's others move to the survivor.
        try await tx.execute(
            """
            UPDATE customer_review SET decision = 'merged', decided_at = ?, decided_by = ?, merge_id = ?
            WHERE decided_at IS NULL AND ((left_id = ? AND right_id = ?) OR (left_id = ? AND right_id = ?))
            """, [.int(at), .text(actor), .text(merge.id), .text(survivor), .text(absorbed), .text(absorbed), .text(survivor)])
        if feed { _ = try await ChangeFeed.append(.customers, records: 1 + records.values.reduce(0) { $0 + $1.count }, at: at, in: tx) }
        return merge
    }

    /// Undoes merge `id`: the identities and records it moved go back to the absorbed customer, which is restored.
    public func unmerge(id: String, actor: String, now: Date = Date()) async throws -> CustomerMerge {
        try await database.transaction { tx in
            guard var merge = try await Self.merge(id: id, tx) else { throw OtklikError(.notFound, "no such merge: \(id)", field: "id") }
            if merge.undoneAt != nil { throw OtklikError(.conflict, "merge \(id) was already undone", field: "id") }
            let customers = try await CustomerRows.load([merge.survivor, merge.absorbed], tx)
            for customer in [merge.survivor, merge.absorbed] where customers[customer]?.customer.erased ?? true {
                throw OtklikError(.conflict, "customer \(customer) was erased: an erasure wins, the merge cannot be undone", field: "id")
            }
            if let into = customers[merge.survivor]?.mergedInto {
                throw OtklikError(.conflict, "customer \(merge.survivor) was later merged into \(into): undo that merge first", field: "id")
            }
            for identity in merge.movedIdentities {
                try await tx.execute(
                    "UPDATE customer_identities SET customer_id = ? WHERE kind = ? AND value = ? AND customer_id = ?",
                    [.text(merge.absorbed), .text(identity.kind.rawValue), .text(identity.value), .text(merge.survivor)])
            }
            for (table, ids) in merge.movedRecords.sorted(by: { $0.key < $1.key }) where CustomerReferences.tables.contains(table) {
                try await tx.execute(in: ids, before: [.text(merge.absorbed), .text(merge.survivor)]) { marks in
                    "UPDATE \(table) SET customer_id = ? WHERE customer_id = ? AND id IN (\(marks))"
                }
            }
            try await tx.execute("UPDATE customers SET merged_into = NULL WHERE id = ?", [.text(merge.absorbed)])
            let at = Self.ms(now)
            try await tx.execute("UPDATE customer_merges SET undone_at = ?, undone_by = ? WHERE id = ?", [.int(at), .text(actor), .text(id)])
            _ = try await ChangeFeed.append(.customers, records: 1 + merge.movedRecords.values.reduce(0) { $0 + $1.count }, at: at, in: tx)
            merge.undoneAt = Self.date(at)
            merge.undoneBy = actor
            return merge
        }
    }

    public func merge(id: String) async throws -> CustomerMerge? {
        try await Self.merge(id: id, database)
    }

    /// The merges a customer took part in (as survivor or absorbed), newest first.
    public func merges(of customer: String) async throws -> [CustomerMerge] {
        try await database.query(
            "SELECT * FROM customer_merges WHERE survivor_id = ? OR absorbed_id = ? ORDER BY merged_at DESC, id DESC",
            [.text(customer), .text(customer)]
        ).map(Self.merge(row:))
    }

    static func merge(id: String, _ executor: any SQLExecutor) async throws -> CustomerMerge? {
        try await executor.query("SELECT * FROM customer_merges WHERE id = ?", [.text(id)]).first.map(merge(row:))
    }

    static func merge(row: SQLRow) -> CustomerMerge {
        let moved = CustomerMergeMoved.decode(row.text("moved"))
        return CustomerMerge(
            id: row.text("id") ?? "", survivor: row.text("survivor_id") ?? "", absorbed: row.text("absorbed_id") ?? "",
            evidence: CustomerMergeMoved.evidence(row.text("evidence")), movedIdentities: moved.identities, movedRecords: moved.records,
            actor: row.text("actor") ?? "", mergedAt: date(row.int64("merged_at")) ?? Date(timeIntervalSince1970: 0),
            undoneAt: date(row.int64("undone_at")), undoneBy: row.text("undone_by"))
    }
}
